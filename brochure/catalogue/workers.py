"""Rendering sheets in worker processes, each sheet under a time and memory limit.

Each worker keeps one SheetBuilder (theme, Jinja environment, fonts and
stylesheets loaded once) for all the sheets it renders. A sheet that runs
past its time limit is stopped by killing its worker, which is replaced; one
that exhausts the worker's memory limit fails alone. Either way the sheet is
reported by name with the reason, and the rest of the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from brochure.catalogue.limits import Limits
from brochure.errors import Outcome, Problem
from brochure.sheet.builder import SheetBuilder
from brochure.sheet.theme import Theme
from brochure.source.config import SheetOptions

# Fork starts a worker in milliseconds, with WeasyPrint already imported by
# the parent; spawn would import it again in every worker.
_CONTEXT = multiprocessing.get_context("fork")


@dataclass(frozen=True)
class Settings:
    """What a worker needs to build its SheetBuilder."""

    theme: Theme
    options: SheetOptions
    strict: bool
    limits: Limits


def _serve(connection: Connection, settings: Settings) -> None:
    """A worker's life: render the jobs it is sent until told to stop."""
    # Ctrl-C is for the parent, which stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit = settings.limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    builder = SheetBuilder(settings.theme, settings.strict, settings.options)
    while (job := connection.recv()) is not None:
        source, target = job
        try:
            outcome = builder.build(source, target)
        except MemoryError:
            outcome = Outcome(
                source,
                problems=[
                    Problem(
                        f"needed more than the memory limit ({settings.limits.memory_mb} MB)"
                        " and was stopped",
                        source,
                    )
                ],
            )
        connection.send(outcome)


class _Worker:
    def __init__(self, settings: Settings):
        self.connection, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=_serve, args=(child, settings), daemon=True)
        self.process.start()
        child.close()
        self.job: int | None = None
        self.started = 0.0

    def give(self, index: int, job: tuple[Path, Path]) -> None:
        self.job, self.started = index, time.monotonic()
        self.connection.send(job)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.connection.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


def render_all(
    jobs: Sequence[tuple[Path, Path]],
    settings: Settings,
    processes: int,
    on_outcome: Callable[[int, Outcome], None],
) -> None:
    """Render every (career file, PDF) job across ``processes`` workers.

    ``on_outcome(index, outcome)`` is called as each sheet finishes, in the
    order they finish.
    """
    from brochure.sheet import pdf  # noqa: F401 - import WeasyPrint once, before forking

    pending = list(enumerate(jobs))[::-1]
    workers = [_Worker(settings) for _ in range(min(processes, len(jobs)))]
    try:
        for worker in workers:
            worker.give(*pending.pop())
        while any(worker.job is not None for worker in workers):
            busy = [worker for worker in workers if worker.job is not None]
            deadline = min(worker.started for worker in busy) + settings.limits.seconds
            timeout = max(0.0, deadline - time.monotonic())
            ready = wait([worker.connection for worker in busy], timeout)
            for position, worker in enumerate(workers):
                if worker.job is None:
                    continue
                index = worker.job
                source = jobs[index][0]
                if worker.connection in ready:
                    try:
                        outcome = worker.connection.recv()
                    except (EOFError, OSError):
                        outcome = _failed(source, _death(worker))
                        worker = workers[position] = _replace(worker, settings)
                elif time.monotonic() - worker.started >= settings.limits.seconds:
                    outcome = _failed(
                        source,
                        f"took longer than {settings.limits.seconds:g} s and was stopped"
                        " (a sheet normally renders in under a second)",
                    )
                    worker = workers[position] = _replace(worker, settings, kill=True)
                else:
                    continue
                worker.job = None
                on_outcome(index, outcome)
                if pending:
                    worker.give(*pending.pop())
    finally:
        for worker in workers:
            worker.stop(kill=worker.job is not None)


def _replace(worker: _Worker, settings: Settings, kill: bool = False) -> _Worker:
    worker.stop(kill=kill)
    return _Worker(settings)


def _death(worker: _Worker) -> str:
    worker.process.join(timeout=5)
    code = worker.process.exitcode
    if code is not None and code < 0:
        reason = signal.Signals(-code).name
        return f"the renderer was killed ({reason}), probably out of memory"
    return f"the renderer stopped unexpectedly (exit code {code})"


def _failed(source: Path, reason: str) -> Outcome:
    return Outcome(source, problems=[Problem(reason, source)])
