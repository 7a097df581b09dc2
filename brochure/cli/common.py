"""What the commands share: their options, finding the project, and reporting."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import click
import click.core
import click.exceptions
import click.formatting
import click.parser
import click.types

from brochure.builtin import languages, theme_names
from brochure.catalogue.limits import Limits
from brochure.errors import Outcome, Problem
from brochure.i18n import N_, _, user_language
from brochure.source.config import (
    PAGE_SIZES,
    PDF_VARIANTS,
    Overrides,
    ProjectConfig,
    find_config,
    merged_options,
    variant_folder,
)
from brochure.source.loader import find_career_files

Decorated = TypeVar("Decorated", bound=Callable[..., Any])

DEFAULT_DATA = Path("data")

HARFBUZZ_HINT = N_(
    "HarfBuzz's font subsetter (libharfbuzz-subset) is missing: WeasyPrint falls"
    " back to fontTools and every sheet renders about 2.3 times slower."
    " Install it (Debian and Ubuntu: apt-get install libharfbuzz-subset0)."
)


class _Translated:
    """Help said in the user's language when it is shown, not when the command is made.

    Click keeps a command's and an option's help in ``help``: here it is
    written in English (marked ``N_``) and translated each time it is read,
    so that the locale of each run counts, several runs in one process too.
    """

    _english: str | None = None

    @property
    def help(self) -> str | None:
        return _(self._english) if self._english else self._english

    @help.setter
    def help(self, value: str | None) -> None:
        self._english = value


# Click's own words on a help page, said in the user's language too.
HELP_OPTION = N_("Show this message and exit.")
VERSION_OPTION = N_("Show the version and exit.")
_HEADINGS = (N_("Options:"), N_("Commands:"))

# Click's messages about a mistyped command line: Click looks each one up with
# gettext, module by module; ours says those the catalogue has in the user's
# language, the others as Click wrote them.
CLICK_MESSAGES = (
    N_("Usage:"),
    N_("default: {default}"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("{value} is not in the range {range}."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{name} {filename!r} is not executable."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Aborted!"),
)
CLICK_PLURALS = {  # singular -> plural
    N_("Did you mean {possibility}?"): N_("(Did you mean one of: {possibilities}?)"),
    N_("Got unexpected extra argument ({args})"): N_("Got unexpected extra arguments ({args})"),
    N_("Option {name!r} requires an argument."): N_("Option {name!r} requires {nargs} arguments."),
    N_("{value!r} is not {choice}."): N_("{value!r} is not one of {choices}."),
    N_("{value!r} does not match the format {format}."): N_(
        "{value!r} does not match the formats {formats}."
    ),
}


def _click_plural(singular: str, plural: str, count: int) -> str:
    """Click's ngettext: French says 0 and 1 in the singular, English 1 alone."""
    one = count == 1 or (count == 0 and user_language() == "fr")
    return _(singular if one else plural)


for _module in (click.core, click.exceptions, click.formatting, click.parser, click.types):
    setattr(_module, "_", _)  # noqa: B010 - Click's own name for its gettext
    setattr(_module, "ngettext", _click_plural)  # noqa: B010


class _TypeName:
    """A Click type's name, said in the user's language each time it is read.

    Click upper-cases it into an option's metavar (``--jobs INTEGER RANGE``,
    ``--jobs ENTIER``) and puts it in its messages ("'abc' is not a valid
    integer range.", "'abc' n'est pas un entier valide.").
    """

    def __init__(self, english: str) -> None:
        self.english = english

    def __get__(self, instance: object, owner: type | None = None) -> str:
        return _(self.english)


# Click's names of the types of our options' values, as Click writes them.
TYPE_NAMES: dict[type[click.ParamType[Any]], str] = {
    click.types.StringParamType: N_("text"),
    click.types.IntParamType: N_("integer"),
    click.types.IntRange: N_("integer range"),
    click.types.FloatParamType: N_("float"),
    click.types.FloatRange: N_("float range"),
}
for _type, _english in TYPE_NAMES.items():
    setattr(_type, "name", _TypeName(_english))  # noqa: B010


def _path_name(path: click.Path) -> str:
    """A path's kind, in the user's language each time it is read.

    Click names it once, when the option is made (in the locale of the
    import): a file, a directory, a path, as in its own ``__init__``.
    """
    if path.file_okay and not path.dir_okay:
        return _("file")
    if path.dir_okay and not path.file_okay:
        return _("directory")
    return _("path")


def _keep_path_name(path: click.Path, name: str) -> None:
    """Click's ``__init__`` sets the name: it is worked out when read instead."""


setattr(click.types.Path, "name", property(_path_name, _keep_path_name))  # noqa: B010


def _unbroken(text: str) -> str:
    """French help text, never wrapped before ':', ';', '?', '!' or '»', nor after '«'."""
    if user_language() != "fr":
        return text
    return _FRENCH_SPACE.sub("\u00a0", text)


_FRENCH_SPACE = re.compile(r" (?=[:;?!»])|(?<=«) ")


class _Formatter(click.HelpFormatter):
    """A help page whose headings and usage line are in the user's language."""

    def write_text(self, text: str) -> None:
        super().write_text(_unbroken(text))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl([(name, _unbroken(text)) for name, text in rows], col_max, col_spacing)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_(heading + ':')}\n")


class _Context(click.Context):
    formatter_class = _Formatter


def _said(option: click.Option | None) -> click.Option | None:
    """The --help option, its help in the user's language (Click makes it once per command)."""
    if option is not None:
        option.help = _(HELP_OPTION)
    return option


class Command(_Translated, click.Command):
    """A command whose help (``help=N_("...")``) is said in the user's language."""

    context_class = _Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _said(super().get_help_option(ctx))


# Click's words for a group's command and its arguments on the usage line.
COMMAND_METAVAR = N_("COMMAND [ARGS]...")


class Group(_Translated, click.Group):
    """A group of commands whose help, and its commands', are said in the user's language."""

    command_class = Command
    context_class = _Context
    _english_metavar = COMMAND_METAVAR

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _said(super().get_help_option(ctx))

    @property
    def subcommand_metavar(self) -> str:
        """``COMMAND [ARGS]...`` on the usage line, in the user's language."""
        return _(self._english_metavar)

    @subcommand_metavar.setter
    def subcommand_metavar(self, value: str) -> None:
        self._english_metavar = value


class Option(_Translated, click.Option):
    """An option whose help, default's description and metavar are said in the user's language.

    A metavar given (``metavar=N_("FIELD")``) is translated; else Click names
    the option's type (see TYPE_NAMES).
    """

    def get_help_extra(self, ctx: click.Context) -> Any:
        extra = super().get_help_extra(ctx)
        if isinstance(self.show_default, str) and "default" in extra:
            extra["default"] = f"({_(self.show_default)})"
        return extra

    def make_metavar(self, ctx: click.Context) -> str:
        said = super().make_metavar(ctx)
        return _(said) if self.metavar is not None else said


class Argument(click.Argument):
    """An argument whose metavar, the bare word (``metavar=N_("FOLDER")``), is said in the
    user's language, on the usage line and in messages ("Missing argument 'TITLE'").

    As for an argument named by its name, the brackets of an optional argument
    and the dots of several are put around it: ``[FOLDER]``, ``QUERY...``.
    """

    def make_metavar(self, ctx: click.Context) -> str:
        if self.metavar is None:
            return super().make_metavar(ctx)
        said = _(self.metavar)
        if not self.required:
            said = f"[{said}]"
        if self.nargs != 1:
            said += "..."
        return said

    @property
    def human_readable_name(self) -> str:
        return _(self.metavar) if self.metavar is not None else super().human_readable_name


def option(*names: str, **settings: Any) -> Callable[[Decorated], Decorated]:
    """``click.option`` whose help (``help=N_("...")``) is said in the user's language."""
    return click.option(*names, cls=Option, **settings)


def argument(name: str, metavar: str, **settings: Any) -> Callable[[Decorated], Decorated]:
    """``click.argument`` whose metavar (``N_("FOLDER")``) is said in the user's language."""
    return click.argument(name, cls=Argument, metavar=metavar, **settings)


def command(help: str, name: str | None = None) -> Callable[[Callable[..., Any]], Command]:
    """``click.command`` whose help (``help=N_("...")``) is said in the user's language."""
    return click.command(name, cls=Command, help=help)


paths_argument = argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar=N_("PATH"))


def _apply(options: Sequence[Callable[[Decorated], Decorated]], command: Decorated) -> Decorated:
    for option in reversed(options):
        command = option(command)
    return command


_SHEET_OPTIONS: list[Callable[[Any], Any]] = [
    option(
        "--page-size",
        type=click.Choice(PAGE_SIZES, case_sensitive=False),
        help=N_("Page format (default: from brochure.yaml, else A4)."),
    ),
    option(
        "--print-shop/--no-print-shop",
        default=None,
        help=N_(
            "3 mm bleed and crop marks for a print shop (default: from brochure.yaml, else off)."
        ),
    ),
    option(
        "--pdf-variant",
        type=click.Choice(PDF_VARIANTS, case_sensitive=False),
        help=N_(
            "pdf/ua-1: tagged and accessible (the default); pdf/a-3b (archives), pdf/a-3a"
            " (archives, tagged), pdf/a-2b, pdf/a-1b; pdf/x-4, pdf/x-3, pdf/x-1a: for a print"
            " shop, with --print-shop and the print shop's CMYK profile (print_profile in"
            " brochure.yaml); none: a plain PDF."
        ),
    ),
    option(
        "--language",
        type=click.Choice(languages(), case_sensitive=False),
        help=N_(
            "Language of the labels (default: from brochure.yaml, else fr;"
            " a career may set its own)."
        ),
    ),
    option(
        "--theme",
        type=click.Choice(theme_names(), case_sensitive=False),
        help=N_("A built-in theme (default: from brochure.yaml, else default)."),
    ),
    option(
        "--config",
        "config_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=N_("Project configuration (default: brochure.yaml in this folder, if any)."),
    ),
    option("--strict", is_flag=True, help=N_("Fail a sheet when WeasyPrint warns about it.")),
]

_LIMIT_OPTIONS: list[Callable[[Any], Any]] = [
    option(
        "--timeout",
        type=click.FloatRange(min=1),
        default=Limits.seconds,
        show_default=True,
        help=N_(
            "Seconds of processing one sheet may take before it is stopped"
            " (time spent waiting for a core does not count)."
        ),
    ),
    option(
        "--memory-limit",
        type=click.IntRange(min=256),
        default=Limits.memory_mb,
        show_default=True,
        help=N_("Megabytes one sheet may use before it is stopped."),
    ),
    option(
        "--max-pages",
        type=click.IntRange(min=1),
        default=Limits.pages,
        show_default=True,
        help=N_("Pages one sheet may have; a longer one is stopped and fails."),
    ),
]

_BATCH_OPTIONS: list[Callable[[Any], Any]] = [
    option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=os.cpu_count() or 1,
        show_default=N_("all cores"),
        help=N_("How many sheets to render at once."),
    ),
    option("--force", is_flag=True, help=N_("Render every sheet, even those up to date.")),
    *_LIMIT_OPTIONS,
    option("-q", "--quiet", is_flag=True, help=N_("Print only problems and the summary.")),
]


def sheet_options(command: Decorated) -> Decorated:
    """The options of every command that renders sheets: layout, variant, config, --strict."""
    return _apply(_SHEET_OPTIONS, command)


def batch_options(command: Decorated) -> Decorated:
    """The options of commands that render many sheets: workers, limits, --force, --quiet."""
    return _apply(_BATCH_OPTIONS, command)


def limit_options(command: Decorated) -> Decorated:
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
    # Only naming: the options are checked where sheets are made (sheet_options).
    variant = variant_folder(
        merged_options(project.config), merged_options(project.config, project.overrides)
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
    if outcome.pages > 1:
        said = _("built {output} ({pages} pages)")
    else:
        said = _("built {output} ({pages} page)")
    click.echo(said.format(output=outcome.output, pages=outcome.pages))


def seconds(value: float) -> str:
    """A duration in seconds, one decimal, written as the user's language writes it."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if user_language() == "fr" else text


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
                click.echo(_("warning: ") + _(HARFBUZZ_HINT), err=True)
        if count and not self.quiet and sys.stdout is not None and sys.stdout.isatty():
            self.bar = click.progressbar(length=count, label=_("Rendering"), show_pos=True)
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
