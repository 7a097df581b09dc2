"""Rendering sheets again as their files are saved (``brochure watch``)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from brochure.catalogue.batch import output_paths
from brochure.catalogue.workers import Pool, Settings
from brochure.errors import BrochureError, Outcome, Problem


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
    settings: Callable[[], Settings],
    report: Callable[[Outcome], None],
    interval: float = 0.25,
    rounds: int | None = None,
    processes: int = 1,
) -> None:
    """Render every career, then each one again within moments of its file changing.

    Sheets are rendered by up to ``processes`` worker processes under the
    limits of ``settings()``, kept from one change to the next (fonts stay
    loaded). A change to the theme, the project's templates or styles, or
    brochure.yaml renders them all again, with ``settings()`` read afresh.
    Problems are reported, never fatal: a template error, a runaway sheet
    stopped at its limit. ``rounds`` bounds the loop (for tests); None
    watches until interrupted.
    """
    watched_paths = list(watched_folders)
    pool = Pool(settings(), processes)
    try:
        _watch(find_sources, watched_paths, output, settings, report, interval, rounds, pool)
    finally:
        pool.close()


def _watch(
    find_sources: Callable[[], list[Path]],
    watched_paths: list[Path],
    output: Path,
    settings: Callable[[], Settings],
    report: Callable[[Outcome], None],
    interval: float,
    rounds: int | None,
    pool: Pool,
) -> None:
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
                    fresh = settings()  # templates, styles or settings changed: start afresh
                except BrochureError as error:
                    report(Outcome(Path("."), problems=error.problems))
                else:
                    pool.restart(fresh)
                    seen = {}
            theme_seen = theme_now
        now = _snapshot(sources)
        changed = [source for source in sources if now.get(source) != seen.get(source)]
        if changed:
            try:
                targets = output_paths(sources, output)
            except BrochureError as error:
                report(Outcome(changed[0], problems=error.problems))
            else:
                jobs = [(source, targets[source]) for source in changed]
                try:
                    pool.render(jobs, lambda index, outcome: report(outcome))
                except OSError as error:  # no process could be started: try again next round
                    problem = Problem(f"cannot start a renderer ({error.strerror})")
                    report(Outcome(changed[0], problems=[problem]))
                    now = {path: state for path, state in now.items() if path not in changed}
        seen = now
        time.sleep(interval)
