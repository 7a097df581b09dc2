"""What the commands share: their options, finding the project, and reporting."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import click

from brochure.builtin import languages, theme_names
from brochure.catalogue.limits import Limits
from brochure.errors import Outcome, Problem
from brochure.i18n import _
from brochure.source.config import (
    CONFIG_FILE,
    PAGE_SIZES,
    PDF_VARIANTS,
    Overrides,
    ProjectConfig,
    find_config,
    variant_folder,
)
from brochure.source.config import (
    sheet_options as merge_options,
)
from brochure.source.loader import find_career_files

Command = TypeVar("Command", bound=Callable[..., Any])

DEFAULT_DATA = Path("data")

HARFBUZZ_HINT = (
    "warning: HarfBuzz's font subsetter (libharfbuzz-subset) is missing: WeasyPrint falls"
    " back to fontTools and every sheet renders about 2.3 times slower."
    " Install it (Debian and Ubuntu: apt-get install libharfbuzz-subset0)."
)

paths_argument = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]..."
)


def _apply(options: Sequence[Callable[[Command], Command]], command: Command) -> Command:
    for option in reversed(options):
        command = option(command)
    return command


_SHEET_OPTIONS: list[Callable[[Any], Any]] = [
    click.option(
        "--page-size",
        type=click.Choice(PAGE_SIZES, case_sensitive=False),
        help="Page format (default: from brochure.yaml, else A4).",
    ),
    click.option(
        "--print-shop/--no-print-shop",
        default=None,
        help="3 mm bleed and crop marks for a print shop (default: from brochure.yaml, else off).",
    ),
    click.option(
        "--pdf-variant",
        type=click.Choice(PDF_VARIANTS, case_sensitive=False),
        help="pdf/ua-1: tagged and accessible (the default); pdf/a-3b (archives), pdf/a-3a"
        " (archives, tagged), pdf/a-2b, pdf/a-1b; pdf/x-4, pdf/x-3, pdf/x-1a: for a print"
        " shop, with --print-shop and the print shop's CMYK profile (print_profile in"
        " brochure.yaml); none: a plain PDF.",
    ),
    click.option(
        "--language",
        type=click.Choice(languages(), case_sensitive=False),
        help="Language of the labels (default: from brochure.yaml, else fr;"
        " a career may set its own).",
    ),
    click.option(
        "--theme",
        type=click.Choice(theme_names(), case_sensitive=False),
        help="A built-in theme (default: from brochure.yaml, else default).",
    ),
    click.option(
        "--config",
        "config_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=f"Project configuration (default: {CONFIG_FILE} in this folder, if any).",
    ),
    click.option("--strict", is_flag=True, help="Fail a sheet when WeasyPrint warns about it."),
]

_LIMIT_OPTIONS: list[Callable[[Any], Any]] = [
    click.option(
        "--timeout",
        type=click.FloatRange(min=1),
        default=Limits.seconds,
        show_default=True,
        help="Seconds of processing one sheet may take before it is stopped"
        " (time spent waiting for a core does not count).",
    ),
    click.option(
        "--memory-limit",
        type=click.IntRange(min=256),
        default=Limits.memory_mb,
        show_default=True,
        help="Megabytes one sheet may use before it is stopped.",
    ),
    click.option(
        "--max-pages",
        type=click.IntRange(min=1),
        default=Limits.pages,
        show_default=True,
        help="Pages one sheet may have; a longer one is stopped and fails.",
    ),
]

_BATCH_OPTIONS: list[Callable[[Any], Any]] = [
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=os.cpu_count() or 1,
        show_default="all cores",
        help="How many sheets to render at once.",
    ),
    click.option("--force", is_flag=True, help="Render every sheet, even those up to date."),
    *_LIMIT_OPTIONS,
    click.option("-q", "--quiet", is_flag=True, help="Print only problems and the summary."),
]


def sheet_options(command: Command) -> Command:
    """The options of every command that renders sheets: layout, variant, config, --strict."""
    return _apply(_SHEET_OPTIONS, command)


def batch_options(command: Command) -> Command:
    """The options of commands that render many sheets: workers, limits, --force, --quiet."""
    return _apply(_BATCH_OPTIONS, command)


def limit_options(command: Command) -> Command:
    """What one sheet may take (--timeout, --memory-limit, --max-pages), as in batch_options."""
    return _apply(_LIMIT_OPTIONS, command)


def limits(options: dict[str, Any]) -> Limits:
    """The Limits given by a command's limit options (see limit_options)."""
    return Limits(options["timeout"], options["memory_limit"], options["max_pages"])


@dataclass(frozen=True)
class Project:
    """The project a command works on: its configuration, folder and the options given."""

    config: ProjectConfig
    folder: Path
    overrides: Overrides
    strict: bool


def load_project(options: dict[str, Any], booklet: bool = False) -> Project:
    """Read the project's configuration; ``options`` are a command's sheet options.

    ``booklet``: for `brochure book`, which alone checks the booklet's images.
    """
    config, folder = find_config(options["config_file"], booklet=booklet)
    overrides = Overrides(
        page_size=options["page_size"],
        print_shop=options["print_shop"],
        pdf_variant=options["pdf_variant"],
        language=options["language"],
        theme=options["theme"],
    )
    return Project(config, folder, overrides, options["strict"])


def sheets_folder(project: Project, given: Path | None) -> Path:
    """Where the sheets go: the output folder, or its sub-folder for other options.

    The project's output folder (brochure.yaml's ``output``, ``out/`` by
    default) holds the sheets of brochure.yaml's options; options given on
    the command line that differ put the sheets in a sub-folder named after
    them (``out/a5-print-shop``), so that no variant replaces another. A
    folder named with ``-o`` (or ``--sheets``) other than that one holds
    what was asked for, as it is.
    """
    own_folder = project.folder / project.config.output
    folder = given or own_folder
    variant = variant_folder(
        merge_options(project.config), merge_options(project.config, project.overrides)
    )
    if variant and folder.resolve() == own_folder.resolve():
        return folder / variant
    return folder


def find_sources(paths: tuple[Path, ...]) -> list[Path]:
    """The career files named on the command line, ``data/`` by default."""
    return find_career_files(paths or (DEFAULT_DATA,))


def echo_problems(problems: Sequence[Problem], indent: str | None = None) -> None:
    """Print problems on standard error, one a line (after "error: " unless ``indent``)."""
    if indent is None:
        indent = _("error: ")
    for problem in problems:
        click.echo(f"{indent}{problem}", err=True)


def echo_warnings(outcome: Outcome) -> None:
    """Print what WeasyPrint warned about while rendering a sheet."""
    for warning in outcome.warnings:
        click.echo(_("warning: ") + f"{outcome.source}: {warning}", err=True)


def echo_built(outcome: Outcome) -> None:
    """Say that a sheet was written, and its length."""
    plural = "s" if outcome.pages > 1 else ""
    click.echo(f"built {outcome.output} ({outcome.pages} page{plural})")


def list_failures(failed: Sequence[Outcome], total: int) -> None:
    """The closing list of the files that failed."""
    click.echo(
        "\n" + _("{failed} of {total} files failed:").format(failed=len(failed), total=total),
        err=True,
    )
    for outcome in failed:
        echo_problems(outcome.problems, indent="  ")


class Progress:
    """A progress bar on a terminal; a line a sheet otherwise; nothing with --quiet."""

    # The bars on screen, for main() to close when a command is interrupted.
    _shown: ClassVar[list[Progress]] = []

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar: Any = None

    def start(self, count: int) -> None:
        """Called once the number of sheets to render is known."""
        if count and not self.quiet:
            from brochure.sheet.pdf import fast_font_subsetting

            if not fast_font_subsetting():
                click.echo(HARFBUZZ_HINT, err=True)
        if count and not self.quiet and sys.stdout is not None and sys.stdout.isatty():
            self.bar = click.progressbar(length=count, label="Rendering", show_pos=True)
            self.bar.__enter__()
            Progress._shown.append(self)

    def advance(self, outcome: Outcome) -> None:
        """Called as each sheet finishes."""
        echo_warnings(outcome)
        if self.bar is not None:
            self.bar.update(1)
        elif outcome.ok and not self.quiet:
            echo_built(outcome)
        # Problems are listed together at the end.

    def finish(self) -> None:
        """Close the progress bar, if any (its line ended, the cursor shown again)."""
        bar, self.bar = self.bar, None
        if bar is not None:
            Progress._shown.remove(self)
            bar.__exit__(None, None, None)

    @classmethod
    def finish_all(cls) -> None:
        """Close every bar still on screen (the command was interrupted)."""
        for progress in list(cls._shown):
            progress.finish()
