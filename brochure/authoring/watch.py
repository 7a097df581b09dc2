"""Rendering sheets again as their files are saved (``brochure watch``).

Watching starts from the output folder's manifest, as ``brochure build``
does: sheets already up to date are not rendered. File events come from
the operating system (watchfiles), not from looking at every file in turn;
after each batch of events the same incremental build runs again, on
worker processes that stay (fonts stay loaded), and records what it
rendered in the manifest, so that the next ``build`` renders none of it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

from brochure.catalogue.batch import BuildSettings, build_catalogue
from brochure.catalogue.workers import Pool, Settings
from brochure.errors import BrochureError, Outcome, Problem
from brochure.i18n import _

CAREER_SUFFIXES = (".yaml", ".yml")


def watch(
    find_sources: Callable[[], list[Path]],
    watched_folders: Iterable[Path],  # folders and files: theme, overrides, brochure.yaml
    output: Path,
    settings: Callable[[], Settings],
    report: Callable[[Outcome], None],
    interval: float = 0.05,
    rounds: int | None = None,
    processes: int = 1,
    career_paths: Iterable[Path] = (),
    project: Path | None = None,
    stop: threading.Event | None = None,
    on_ready: Callable[[int], None] = lambda count: None,
) -> None:
    """Render what is out of date, then each career again within moments of its file changing.

    Sheets are rendered by up to ``processes`` worker processes under the
    limits of ``settings()``, kept from one change to the next. A change to
    the theme, the project's templates or styles, or brochure.yaml renders
    them all again, in parallel, with ``settings()`` read afresh. Career
    files are watched in ``career_paths`` (default: the folders of the
    files ``find_sources()`` finds). Problems are reported, never fatal: a
    template error, a runaway sheet stopped at its limit. ``interval`` is
    how long (seconds) a burst of events may settle; ``rounds`` bounds the
    builds (the first one included; for tests); None, or ``stop`` set,
    watches until interrupted. ``on_ready`` is told how many career files
    there are once the first build is done.
    """
    theme_paths = [path.resolve() for path in watched_folders if path.exists()]
    current = settings()
    pool = Pool(current, processes)
    try:
        try:
            sources = find_sources()
        except BrochureError as error:
            report(Outcome(Path("."), problems=error.problems))
            sources = []
        careers = list(career_paths) or sorted({source.parent for source in sources})
        watched = [path.resolve() for path in [*careers, *theme_paths] if path.exists()] or [
            Path.cwd()
        ]
        events = watchfiles.watch(
            *watched,
            step=max(1, int(interval * 1000)),
            rust_timeout=max(1, int(interval * 1000)),
            yield_on_timeout=True,
            stop_event=stop,
        )
        next(events)  # the watcher runs from now: nothing saved during the first build is missed
        build = _Builder(find_sources, output, report, pool, project)
        build(current)
        # Ready: saves are seen from now on. A worker is then started, fonts
        # loaded, to wait for the first one (a save meanwhile waits for it).
        on_ready(len(sources))
        pool.start()
        count = 1
        while rounds is None or count < rounds:
            changes = next(events, None)
            if changes is None:  # stopped
                return
            paths = [Path(path).resolve() for _, path in changes]
            if not paths:
                continue
            if any(_inside(path, theme_paths) for path in paths):
                try:
                    current = settings()  # templates, styles or settings changed: start afresh
                except BrochureError as error:
                    report(Outcome(Path("."), problems=error.problems))
                    continue
                pool.restart(current)
                build.forget_failures()
            elif not any(path.suffix in CAREER_SUFFIXES for path in paths):
                continue  # a PDF written, an editor's temporary file
            build(current)
            pool.start()
            count += 1
    finally:
        pool.close()


def _inside(path: Path, folders: list[Path]) -> bool:
    return any(path == folder or path.is_relative_to(folder) for folder in folders)


class _Builder:
    """One incremental build, as ``brochure build`` makes it, on the watch's workers."""

    def __init__(
        self,
        find_sources: Callable[[], list[Path]],
        output: Path,
        report: Callable[[Outcome], None],
        pool: Pool,
        project: Path | None,
    ):
        self.find_sources = find_sources
        self.output = output
        self.report = report
        self.pool = pool
        self.project = project
        # Files that failed, as they were: tried again once saved (or the theme changed).
        self.failed: dict[Path, tuple[int, int] | None] = {}

    def forget_failures(self) -> None:
        """Try every file again (the theme or settings changed)."""
        self.failed.clear()

    def __call__(self, current: Settings) -> None:
        try:
            found = self.find_sources()
        except BrochureError as error:
            self.report(Outcome(Path("."), problems=error.problems))
            return
        states = {source: _state(source) for source in found}  # as they are rendered
        sources = [
            source
            for source in found
            if source not in self.failed or self.failed[source] != states[source]
        ]
        settings = BuildSettings(
            output=self.output,
            options=current.options,
            theme=current.theme,
            strict=current.strict,
            limits=current.limits,
            project=self.project or Path(),
        )
        reported: list[Outcome] = []

        def told(outcome: Outcome) -> None:
            reported.append(outcome)
            self.report(outcome)

        try:
            result = build_catalogue(sources, settings, on_outcome=told, render=self.pool.render)
        except BrochureError as error:
            self.report(Outcome(Path("."), problems=error.problems))
            return
        except OSError as error:  # no process could be started: tried again on the next save
            problem = Problem(_("cannot start a renderer ({reason})").format(reason=error.strerror))
            self.report(Outcome(Path("."), problems=[problem]))
            return
        for outcome in result.outcomes:
            if not any(outcome is other for other in reported):
                self.report(outcome)  # a file that could not be read, before rendering
            if outcome.ok:
                self.failed.pop(outcome.source, None)
            else:
                self.failed[outcome.source] = states.get(outcome.source)


def _state(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
