"""Page images of a sheet (``brochure preview``) and re-rendering on save (``brochure watch``)."""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .build import Outcome, SheetBuilder, output_paths
from .errors import BrochureError, Problem


def preview(builder: SheetBuilder, source: Path, folder: Path, dpi: int = 60) -> list[Path]:
    """Render one career and write its pages as PNG images: ``<name>-1.png``..."""
    with tempfile.TemporaryDirectory(prefix="brochure-preview-") as scratch:
        pdf = Path(scratch) / f"{source.stem}.pdf"
        outcome = builder.build(source, pdf)
        if not outcome.ok:
            raise BrochureError(outcome.problems)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{source.stem}-*.png"):
            old.unlink()  # pages of an earlier, longer version
        try:
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / source.stem)],
                check=True,
                capture_output=True,
            )
        except FileNotFoundError:
            raise BrochureError(
                Problem("pdftoppm is missing (Debian: apt-get install poppler-utils)")
            ) from None
    # pdftoppm pads page numbers (-01, -001) by page count: name them plainly.
    pages = sorted(folder.glob(f"{source.stem}-*.png"))
    named = []
    for number, page in enumerate(pages, start=1):
        target = folder / f"{source.stem}-{number}.png"
        page.rename(target)
        named.append(target)
    return named


def _snapshot(paths: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    state = {}
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            continue
        state[path] = (status.st_mtime_ns, status.st_size)
    return state


def _files(paths: Iterable[Path]) -> Iterable[Path]:
    for path in paths:
        if path.is_dir():
            yield from (p for p in path.rglob("*") if p.is_file())
        else:
            yield path


def watch(
    find_sources: Callable[[], list[Path]],
    watched_folders: Iterable[Path],  # folders and files: theme, overrides, brochure.yaml
    output: Path,
    builder: Callable[[], SheetBuilder],
    report: Callable[[Outcome], None],
    interval: float = 0.25,
    rounds: int | None = None,
) -> None:
    """Render every career, then each one again within moments of its file changing.

    A change to the theme, the project's templates or styles, or brochure.yaml
    renders them all again. Problems are reported, never fatal. ``rounds``
    bounds the loop (for tests); None watches until interrupted.
    """
    watched_paths = list(watched_folders)
    current = builder()
    sources: list[Path] = []
    seen: dict[Path, tuple[int, int]] = {}
    theme_seen: dict[Path, tuple[int, int]] = {}
    count = 0
    while rounds is None or count < rounds:
        count += 1
        try:
            sources = find_sources()
        except BrochureError as error:
            report(Outcome(Path("."), problems=error.problems))
            sources = []
        theme_now = _snapshot(_files(watched_paths))
        if theme_now != theme_seen:
            if theme_seen:
                try:
                    current = builder()  # templates, styles or settings changed: start afresh
                    seen = {}
                except BrochureError as error:
                    report(Outcome(Path("."), problems=error.problems))
            theme_seen = theme_now
        now = _snapshot(sources)
        changed = [source for source in sources if now.get(source) != seen.get(source)]
        if changed:
            try:
                targets = output_paths(sources, output)
            except BrochureError as error:
                report(Outcome(changed[0], problems=error.problems))
            else:
                for source in changed:
                    report(current.build(source, targets[source]))
        seen = now
        time.sleep(interval)
