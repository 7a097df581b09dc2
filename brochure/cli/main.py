"""The command line: thin commands that call the library and report what it returns.

Exit codes belong to the error's class (see brochure/errors.py), mapped here
in one place: 0 all good, 1 some files failed, 2 usage or configuration
error, 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from brochure import __version__
from brochure.cli.authoring import init, new, preview, schema, watch
from brochure.cli.build import book, build, check
from brochure.cli.common import echo_problems
from brochure.cli.imports import import_group
from brochure.errors import BrochureError

EXIT_INTERRUPTED = 130


class _Commands(click.Group):
    """The command group; an expected problem ends a command with its class's exit code."""

    def invoke(self, ctx: click.Context) -> object:
        """Run the command, reporting a BrochureError without a traceback."""
        try:
            return super().invoke(ctx)
        except BrochureError as error:
            echo_problems(error.problems)
            ctx.exit(error.exit_code)


@click.group(
    name="brochure", cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, "--version", prog_name="brochure")
def cli() -> None:
    """Turn career files (YAML) into print-ready career sheets (PDF)."""


for command in (build, book, check, init, new, schema, preview, watch, import_group):
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``brochure`` command."""
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
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    # Without standalone mode, Click returns the exit code of ctx.exit().
    sys.exit(code if isinstance(code, int) else 0)
