"""The command line: thin commands that call the library and report its results.

Exit codes: 0 all good, 1 some files failed, 2 usage or configuration error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import click

from . import __version__
from .build import Outcome, SheetBuilder, build_files, check_files
from .errors import BrochureError
from .loader import find_career_files

T = TypeVar("T")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_DATA = Path("data")
DEFAULT_OUTPUT = Path("out")

HARFBUZZ_HINT = (
    "warning: HarfBuzz's font subsetter (libharfbuzz-subset) is missing: WeasyPrint falls"
    " back to fontTools and every sheet renders about 2.3 times slower."
    " Install it (Debian and Ubuntu: apt-get install libharfbuzz-subset0)."
)

paths_argument = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]..."
)


@click.group(name="brochure", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="brochure")
def cli() -> None:
    """Turn career files (YAML) into print-ready career sheets (PDF)."""


@cli.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="Folder for the PDFs, one per career file (<name>.pdf).",
)
@click.option("--strict", is_flag=True, help="Fail a sheet when WeasyPrint warns about it.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def build(paths: tuple[Path, ...], output: Path, strict: bool, quiet: bool) -> None:
    """Render career files to PDF.

    PATH is a career file or a folder searched for *.yaml (default: data/).
    """
    sources = _find(paths)
    builder = _run(lambda: SheetBuilder(strict=strict))
    if not builder.renderer_is_fast():
        click.echo(HARFBUZZ_HINT, err=True)

    def report(outcome: Outcome) -> None:
        for warning in outcome.warnings:
            click.echo(f"warning: {outcome.source}: {warning}", err=True)
        if outcome.ok and not quiet:
            plural = "s" if outcome.pages > 1 else ""
            click.echo(f"built {outcome.output} ({outcome.pages} page{plural})")

    outcomes = _run(lambda: build_files(sources, output, builder, on_outcome=report))
    _exit_with_summary(outcomes, "rendered", quiet)


@cli.command()
@paths_argument
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def check(paths: tuple[Path, ...], quiet: bool) -> None:
    """Validate career files without rendering them.

    PATH is a career file or a folder searched for *.yaml (default: data/).
    """
    sources = _find(paths)
    _exit_with_summary(check_files(sources), "valid", quiet)


def _find(paths: tuple[Path, ...]) -> list[Path]:
    return _run(lambda: find_career_files(paths or (DEFAULT_DATA,)))


def _run(step: Callable[[], T]) -> T:
    """Run a step whose BrochureError is a usage or configuration error (exit 2)."""
    try:
        return step()
    except BrochureError as error:
        for problem in error.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(EXIT_USAGE)


def _exit_with_summary(outcomes: list[Outcome], done: str, quiet: bool) -> None:
    failed = [outcome for outcome in outcomes if not outcome.ok]
    if failed:
        click.echo(f"\n{len(failed)} of {len(outcomes)} files failed:", err=True)
        for outcome in failed:
            for problem in outcome.problems:
                click.echo(f"  {problem}", err=True)
        sys.exit(EXIT_FAILED)
    if not quiet:
        plural = "s" if len(outcomes) > 1 else ""
        click.echo(f"{len(outcomes)} file{plural} {done}.")
    sys.exit(EXIT_OK)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``brochure`` command."""
    try:
        cli.main(
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
        sys.exit(130)
