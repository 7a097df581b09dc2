"""Rendering sheets in worker processes, each sheet under a time, memory and page limit.

Each worker keeps one SheetBuilder (theme, Jinja environment, fonts and
stylesheets loaded once) for all the sheets it renders. A sheet that runs
past its time limit is stopped by killing its worker, which is replaced; one
that exhausts the worker's memory limit, or passes the page limit, fails
alone. Either way the sheet is reported by name with the reason, and the rest
of the batch goes on.

The time limit counts the processing time a sheet got (the worker's CPU time,
read from /proc), not the wall clock: with more workers than cores each
sheet waits its turn, and waiting is not the sheet's fault. A much longer
wall-clock limit (``STUCK_FACTOR`` times the time limit) stops a worker stuck
without using the processor. Without /proc, the wall clock is the limit.

No worker outlives the process that started it, whatever kills that one:
Linux sends each worker SIGTERM when its parent dies (``PR_SET_PDEATHSIG``),
which ends it at once (no Python handler: nothing can hold it up), and a
worker holds no copy of the parent's end of any pipe, so an idle one also
sees the end of its pipe and leaves. A worker holds SIGTERM and SIGHUP back
only while it puts a finished PDF in place, so that a stop never leaves a
temporary file behind.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import TracebackType

from brochure.catalogue.limits import Limits
from brochure.errors import Outcome, Problem
from brochure.files import write_atomically
from brochure.i18n import _
from brochure.sheet.builder import SheetBuilder
from brochure.sheet.theme import Theme
from brochure.source.config import SheetOptions

# Fork starts a worker in milliseconds, with WeasyPrint already imported by
# the parent; spawn would import it again in every worker.
_CONTEXT = multiprocessing.get_context("fork")

# A sheet may wait this many times its time limit (wall clock) before it is
# deemed stuck; it is usually waiting for a core, which is not its fault.
STUCK_FACTOR = 10

# The parent's wait for outcomes wakes at least this often to check the limits.
_LONGEST_WAIT = 1.0
_SHORTEST_WAIT = 0.02

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

# The signals that end a worker (their default action): its parent's death, a
# stop by the parent, a closed terminal.
_ENDING = (signal.SIGTERM, signal.SIGHUP)

# The parent's end of every live worker's pipe. A worker started by fork
# inherits them all: it closes them first thing, so that each pipe's only
# parent-side end is in the parent, and a worker sees its end when the parent dies.
_PARENT_ENDS: set[Connection] = set()


@dataclass(frozen=True)
class Settings:
    """What a worker needs to build its SheetBuilder."""

    theme: Theme
    options: SheetOptions
    strict: bool
    limits: Limits


def cpu_seconds(pid: int) -> float | None:
    """The processing time (user and system CPU time) process ``pid`` has used.

    None where /proc is missing or the process is gone.
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as file:
            stat = file.read()
        # The name, in parentheses, may hold spaces: count fields after it.
        # Then come state, ppid... utime and stime are the 12th and 13th.
        fields = stat[stat.rindex(b")") + 2 :].split()
        ticks = int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _die_with_parent(parent: int) -> None:
    """Have Linux end this process when its parent dies; leave now if it already has.

    Linux sends the signal when the thread that started the worker ends: the
    pool is used from the thread that owns it (brochure's main thread).
    Elsewhere (no prctl) a worker still leaves once idle, at the end of its pipe.
    """
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        prctl = None
    if prctl is not None:
        unsigned = ctypes.c_ulong  # prctl's arguments are unsigned long
        prctl(_PR_SET_PDEATHSIG, unsigned(signal.SIGTERM), unsigned(0), unsigned(0), unsigned(0))
    # The parent may have died before prctl: then this one is someone else's child.
    if os.getppid() != parent:
        os._exit(0)


def _write_whole(target: Path, data: bytes) -> None:
    """Write a PDF with SIGTERM and SIGHUP held back until it is in place (or failed)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING)
    try:
        write_atomically(target, data)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _serve(connection: Connection, settings: Settings, parent: int) -> None:
    """A worker's life: render the jobs it is sent until told to stop, or orphaned."""
    # Ctrl-C is for the parent, which stops the workers itself; SIGTERM and
    # SIGHUP end a worker (the parent's handlers, inherited, are not for it).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in _ENDING:
        signal.signal(signum, signal.SIG_DFL)
    for end in _PARENT_ENDS:
        end.close()
    _PARENT_ENDS.clear()
    _die_with_parent(parent)
    limit = settings.limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    builder = SheetBuilder(
        settings.theme, settings.strict, settings.options, settings.limits.pages, _write_whole
    )
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if job is None:
            return
        source, target = job
        try:
            outcome = builder.build(source, target)
        except MemoryError:
            outcome = _failed(
                source,
                _("needed more than the memory limit ({limit} MB) and was stopped").format(
                    limit=settings.limits.memory_mb
                ),
            )
        try:
            connection.send(outcome)
        except OSError:
            return


class _Worker:
    def __init__(self, settings: Settings):
        self.connection, child = _CONTEXT.Pipe()
        _PARENT_ENDS.add(self.connection)
        self.process = _CONTEXT.Process(
            target=_serve, args=(child, settings, os.getpid()), daemon=True
        )
        try:
            self.process.start()
        finally:
            child.close()
        self.job: int | None = None
        self.started = 0.0  # wall clock, when the job was given
        self.cpu_started: float | None = None  # the worker's CPU time then

    def give(self, index: int, job: tuple[Path, Path]) -> None:
        self.job, self.started = index, time.monotonic()
        self.cpu_started = cpu_seconds(self.process.pid or 0)
        self.connection.send(job)

    def used(self) -> tuple[float, float | None]:
        """Wall-clock seconds since the job was given, and CPU seconds (None: unknown)."""
        wall = time.monotonic() - self.started
        if self.cpu_started is None:
            return wall, None
        now = cpu_seconds(self.process.pid or 0)
        return wall, None if now is None else now - self.cpu_started

    def ask_to_stop(self, kill: bool = False) -> None:
        """Tell the worker to leave, without waiting for it.

        An idle worker is told through its pipe; a busy one gets SIGTERM (it
        finishes putting a PDF in place first, if it is doing so), or SIGKILL
        with ``kill``: a sheet past its limits is not being written.
        """
        if kill:
            self.process.kill()
        elif self.job is not None:
            self.process.terminate()
        else:
            try:
                self.connection.send(None)
            except OSError:
                self.process.terminate()

    def reap(self) -> None:
        """Wait for the worker to leave, killing it if it lingers; close its pipe."""
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()
        _PARENT_ENDS.discard(self.connection)

    def stop(self, kill: bool = False) -> None:
        self.ask_to_stop(kill)
        self.reap()


class Pool:
    """Up to ``processes`` workers, kept from one batch to the next (``brochure watch``).

    Use it as a context manager: leaving it stops every worker.
    """

    def __init__(self, settings: Settings, processes: int = 1):
        self.settings = settings
        self.processes = max(1, processes)
        self.workers: list[_Worker] = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def render(
        self, jobs: Sequence[tuple[Path, Path]], on_outcome: Callable[[int, Outcome], None]
    ) -> None:
        """Render every (career file, PDF) job; see render_all."""
        pending = list(enumerate(jobs))[::-1]
        try:
            self.start(len(jobs))
            for worker in self.workers:
                if pending:
                    worker.give(*pending.pop())
            # The limits are checked when due (not at each outcome: /proc is read
            # for every busy worker), and a new job is due no later than its limit.
            check_at = time.monotonic()
            while busy := [worker for worker in self.workers if worker.job is not None]:
                timeout = max(0.0, check_at - time.monotonic())
                ready = wait([worker.connection for worker in busy], timeout)
                checking = time.monotonic() >= check_at
                for worker in busy:
                    index = worker.job
                    assert index is not None
                    source = jobs[index][0]
                    if worker.connection in ready:
                        try:
                            outcome = worker.connection.recv()
                        except (EOFError, OSError):
                            outcome = _failed(source, _death(worker))
                            worker = self._replace(worker)
                    elif checking and (reason := self._overrun(worker)) is not None:
                        outcome = _failed(source, reason)
                        worker = self._replace(worker, kill=True)
                    else:
                        continue
                    worker.job = None
                    on_outcome(index, outcome)
                    if pending:
                        worker.give(*pending.pop())
                        check_at = min(check_at, worker.started + self.settings.limits.seconds)
                if checking:
                    check_at = time.monotonic() + self._next_check(
                        [worker for worker in self.workers if worker.job is not None]
                    )
        except BaseException:
            self.close()  # Ctrl-C, or a failing on_outcome: the sheets under way are dropped
            raise

    def start(self, count: int = 1) -> None:
        """Start up to ``count`` workers now, so that the next job need not wait for one.

        WeasyPrint is imported and warmed, and the sheet's templates compiled,
        in this process before forking: every worker inherits them.
        """
        if len(self.workers) >= min(self.processes, count):
            return
        from brochure.sheet import pdf

        pdf.warm_up()
        self.settings.theme.compile_sheet_templates()
        while len(self.workers) < min(self.processes, count):
            self.workers.append(_Worker(self.settings))

    def restart(self, settings: Settings) -> None:
        """Stop the workers; those started next use ``settings`` (a theme changed)."""
        self.close()
        self.settings = settings

    def close(self) -> None:
        """Stop every worker: idle ones leave, busy ones are ended (SIGTERM)."""
        workers, self.workers = self.workers, []
        for worker in workers:
            worker.ask_to_stop()
        for worker in workers:
            worker.reap()

    def _replace(self, worker: _Worker, kill: bool = False) -> _Worker:
        worker.stop(kill=kill)
        new = _Worker(self.settings)
        self.workers[self.workers.index(worker)] = new
        return new

    def _overrun(self, worker: _Worker) -> str | None:
        """Why ``worker``'s sheet must be stopped now, or None if it is within its limits."""
        limit = self.settings.limits.seconds
        wall, cpu = worker.used()
        if cpu is None:
            if wall < limit:
                return None
            return _(
                "took longer than {limit} s and was stopped"
                " (a sheet normally renders in under a second)"
            ).format(limit=f"{limit:g}")
        if cpu >= limit:
            return _(
                "took more than {limit} s of processing and was stopped"
                " (a sheet normally renders in under a second)"
            ).format(limit=f"{limit:g}")
        if wall >= limit * STUCK_FACTOR:
            return _(
                "was not finished after {limit} s, most of it not processing (stuck),"
                " and was stopped"
            ).format(limit=f"{limit * STUCK_FACTOR:g}")
        return None

    def _next_check(self, busy: list[_Worker]) -> float:
        """How long to wait for outcomes before checking the limits again.

        A process uses at most one second of processing per second of wall
        clock per thread, so a sheet's remaining processing time is about the
        soonest it can pass its limit; the wait is bounded to catch threads.
        """
        limit = self.settings.limits.seconds
        soonest = _LONGEST_WAIT
        for worker in busy:
            wall, cpu = worker.used()
            left = limit - wall if cpu is None else min(limit - cpu, limit * STUCK_FACTOR - wall)
            soonest = min(soonest, left)
        return max(_SHORTEST_WAIT, soonest)


def render_all(
    jobs: Sequence[tuple[Path, Path]],
    settings: Settings,
    processes: int,
    on_outcome: Callable[[int, Outcome], None],
) -> None:
    """Render every (career file, PDF) job across ``processes`` workers.

    ``on_outcome(index, outcome)`` is called as each sheet finishes, in the
    order they finish. Every worker is stopped on return, or on any exception.
    """
    with Pool(settings, processes) as pool:
        pool.render(jobs, on_outcome)


def render_one(source: Path, target: Path, settings: Settings) -> Outcome:
    """Render one career file in a worker, under the limits (``brochure preview``)."""
    outcomes: list[Outcome] = []
    render_all([(source, target)], settings, 1, lambda index, outcome: outcomes.append(outcome))
    return outcomes[0]


def _death(worker: _Worker) -> str:
    worker.process.join(timeout=5)
    code = worker.process.exitcode
    if code == -signal.SIGKILL:
        return _("the renderer was killed (SIGKILL), probably out of memory")
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return _("the renderer was stopped by a signal ({name})").format(name=name)
    return _("the renderer stopped unexpectedly (exit code {code})").format(code=code)


def _failed(source: Path, reason: str) -> Outcome:
    return Outcome(source, problems=[Problem(reason, source)])
