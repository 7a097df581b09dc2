"""Rendering sheets again as their files are saved (``brochure watch``)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from brochure.catalogue.batch import output_paths
from brochure.errors import BrochureError, Outcome
from brochure.sheet.builder import SheetBuilder


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
