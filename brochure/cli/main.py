"""The command line: thin commands that call the library and report what it returns.

Exit codes belong to the error's class (see brochure/errors.py), mapped here
in one place: 0 all good, 1 some files failed, 2 usage or configuration
error, 130 interrupted (Ctrl-C), 128 + the signal's number when stopped by
SIGTERM (143) or SIGHUP (129).
"""

from __future__ import annotations

import io
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import Any

import click

from brochure import __version__
from brochure.cli.authoring import init, new, preview, schema, watch
from brochure.cli.build import book, build, check, site
from brochure.cli.common import VERSION_OPTION, Group, Option, Progress, echo_problems
from brochure.cli.imports import import_group
from brochure.cli.search import find, sectors
from brochure.errors import EXIT_FAILED, BrochureError
from brochure.i18n import N_, _

EXIT_INTERRUPTED = 130  # 128 + SIGINT

# Signals that stop a command as Ctrl-C does: a service manager, a closed terminal.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class _Commands(Group):
    """The command group; an expected problem ends a command with its class's exit code."""

    def invoke(self, ctx: click.Context) -> object:
        """Run the command, reporting a BrochureError without a traceback."""
        try:
            return super().invoke(ctx)
        except BrochureError as error:
            echo_problems(error.problems)
            ctx.exit(error.exit_code)


@click.group(
    name="brochure",
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_("Turn career files (YAML) into print-ready career sheets (PDF)."),
)
@click.version_option(
    __version__, "--version", prog_name="brochure", cls=Option, help=VERSION_OPTION
)
def cli() -> None:
    pass


for command in (
    build, book, site, check, find, sectors, init, new, schema, preview, watch, import_group
):  # fmt: skip
    cli.add_command(command)


@contextmanager
def stop_signals_interrupt() -> Iterator[list[int]]:
    """While the block runs, SIGTERM and SIGHUP raise KeyboardInterrupt, as Ctrl-C does.

    So every ``finally`` runs (workers stopped, the build's record saved).
    Yields the list of the signals received: the first one only interrupts;
    later ones are ignored, so as not to cut the clean-up short.
    """
    received: list[int] = []

    def interrupt(signum: int, frame: FrameType | None) -> None:
        if not received:
            received.append(signum)
            raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    try:
        for signum in STOP_SIGNALS:
            previous[signum] = signal.signal(signum, interrupt)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        pass
    try:
        yield received
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``brochure`` command."""
    # A file name that is not valid UTF-8 (an old share) is shown escaped
    # rather than stopping the command when it is printed.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    with stop_signals_interrupt() as received:
        try:
            code = cli.main(
                args=list(argv) if argv is not None else None,
                prog_name="brochure",
                standalone_mode=False,
            )
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except (KeyboardInterrupt, click.Abort):
            # Files are written atomically: an interrupted build leaves no half PDF.
            try:
                Progress.finish_all()
                click.echo(_("interrupted"), err=True)
            except OSError:  # SIGHUP: the terminal may be gone
                pass
            sys.exit(128 + received[0] if received else EXIT_INTERRUPTED)
        except BrokenPipeError:
            # The reader went away (brochure check | head): stop quietly, as other tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_FAILED)
    # Without standalone mode, Click returns the exit code of ctx.exit().
    sys.exit(code if isinstance(code, int) else 0)
