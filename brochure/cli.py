"""The command line: thin commands that call the library and report its results.

Exit codes: 0 all good, 1 some files failed, 2 usage or configuration error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from . import __version__
from .batch import BuildReport, BuildSettings, build_catalogue
from .build import Outcome, check_files, source_date_epoch
from .config import (
    CONFIG_FILE,
    PAGE_SIZES,
    PDF_VARIANTS,
    PageSize,
    PdfVariant,
    ProjectConfig,
    SheetOptions,
    find_config,
)
from .errors import BrochureError
from .language import LANGUAGES
from .loader import find_career_files
from .theme import load_theme
from .workers import Limits

if TYPE_CHECKING:
    from .build import SheetBuilder
    from .importer import ImportReport

T = TypeVar("T")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_DATA = Path("data")

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


def sheet_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options of commands that render sheets: layout, variant, batch limits."""
    for option in reversed(_SHEET_OPTIONS):
        command = option(command)
    return command


def _options(options: dict[str, Any], config: ProjectConfig) -> SheetOptions:
    """The command line's options over the configuration's."""
    page_size, print_shop = options["page_size"], options["print_shop"]
    return SheetOptions(
        page_size=_page_size(page_size) if page_size else config.page_size,
        print_shop=config.print_shop if print_shop is None else print_shop,
        pdf_variant=cast(PdfVariant, options["pdf_variant"] or config.pdf_variant),
        language=options["language"] or config.language,
        theme=options["theme"] or config.theme,
        accent=config.accent,
        footer=config.footer,
        qr_url=config.qr_url,
    )


_SHEET_OPTIONS = [
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
        type=click.Choice(PDF_VARIANTS),
        help="pdf/ua-1: tagged and accessible (the default); pdf/a-3b (archives), pdf/a-3a"
        " (archives, tagged), pdf/a-2b, pdf/a-1b; none: a plain PDF.",
    ),
    click.option(
        "--language",
        type=click.Choice(LANGUAGES),
        help="Language of the labels (default: from brochure.yaml, else fr;"
        " a career may set its own).",
    ),
    click.option(
        "--theme", help="A built-in theme: default or sober (default: from brochure.yaml)."
    ),
    click.option(
        "--config",
        "config_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=f"Project configuration (default: {CONFIG_FILE} in this folder, if any).",
    ),
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=os.cpu_count() or 1,
        show_default="all cores",
        help="How many sheets to render at once.",
    ),
    click.option("--force", is_flag=True, help="Render every sheet, even those up to date."),
    click.option(
        "--timeout",
        type=click.FloatRange(min=1),
        default=Limits.seconds,
        show_default=True,
        help="Seconds one sheet may take before it is stopped.",
    ),
    click.option(
        "--memory-limit",
        type=click.IntRange(min=256),
        default=Limits.memory_mb,
        show_default=True,
        help="Megabytes one sheet may use before it is stopped.",
    ),
    click.option("--strict", is_flag=True, help="Fail a sheet when WeasyPrint warns about it."),
    click.option("-q", "--quiet", is_flag=True, help="Print only problems and the summary."),
]


@cli.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the PDFs, one per career file (<name>.pdf)"
    " [default: brochure.yaml's output, else out/].",
)
@click.option("--clean", is_flag=True, help="Delete the PDFs of careers that no longer exist.")
@sheet_options
def build(paths: tuple[Path, ...], output: Path | None, clean: bool, **options: Any) -> None:
    """Render career files to PDF, only those changed since the last build.

    PATH is a career file or a folder searched for *.yaml (default: data/).
    """
    settings, _ = _build_settings(output, clean=clean, **options)
    sources = _find(paths)
    bar = _Progress(options["quiet"])
    report = _run(lambda: build_catalogue(sources, settings, bar.start, bar.advance))
    bar.finish()
    _summarise_build(report)
    sys.exit(EXIT_FAILED if report.failed else EXIT_OK)


@cli.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("booklet.pdf"),
    show_default=True,
    help="The booklet to write.",
)
@click.option(
    "--sheets",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the sheets' PDFs, built or reused as by `brochure build`"
    " [default: brochure.yaml's output, else out/].",
)
@click.option("--title", help="Title on the cover (default: brochure.yaml's booklet_title).")
@click.option("--organisation", help="Organisation on the cover (default: from brochure.yaml).")
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Date on the cover (default: today, or SOURCE_DATE_EPOCH's day).",
)
@click.option(
    "--logo",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Image on the cover (default: from brochure.yaml).",
)
@click.option("--sector", "sectors", multiple=True, help="Only this sector (may be repeated).")
@click.option(
    "--list",
    "selection",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Only the careers named in this file, one file name or title a line.",
)
@sheet_options
def book(
    paths: tuple[Path, ...],
    output: Path,
    sheets: Path | None,
    title: str | None,
    organisation: str | None,
    day: datetime | None,
    logo: Path | None,
    sectors: tuple[str, ...],
    selection: Path | None,
    **options: Any,
) -> None:
    """Bind the careers' sheets into one booklet: cover, contents by sector, every sheet.

    PATH is a career file or a folder searched for *.yaml (default: data/).
    """
    from .booklet import BookSettings, make_booklet

    build_settings, config = _build_settings(sheets, clean=False, **options)
    epoch = _run(source_date_epoch)
    cover_day = (
        day.date()
        if day
        else (datetime.fromtimestamp(epoch, tz=UTC).date() if epoch is not None else date.today())
    )
    settings = BookSettings(
        target=output,
        build=build_settings,
        title=title or config.booklet_title,
        organisation=organisation or config.organisation,
        day=cover_day,
        logo=logo or (Path(config.logo) if config.logo else None),
        sectors=sectors,
        selection=selection,
    )
    sources = _find(paths)
    bar = _Progress(options["quiet"])
    report = _run(lambda: make_booklet(sources, settings, bar.start, bar.advance))
    bar.finish()
    _summarise_build(report.build)
    click.echo(f"booklet {output}: {report.sheets} sheets, {report.pages} pages.")
    left_out = report.invalid + report.build.failed
    if left_out:
        _list_failures(left_out, len(left_out) + report.sheets)
        sys.exit(EXIT_FAILED)
    sys.exit(EXIT_OK)


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
def init(folder: Path) -> None:
    """Create a project in FOLDER (default: here): brochure.yaml, data/ with a sample, overrides."""
    from .scaffold import init_project

    made = _run(lambda: init_project(folder))
    for path in made:
        click.echo(f"created {path}")
    click.echo(f"Next: cd {folder} && brochure build")


@cli.command()
@click.argument("title")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="Folder to write the career file in.",
)
def new(title: str, output: Path) -> None:
    """Create a career file for TITLE, every field present and explained."""
    from .scaffold import new_career

    path = _run(lambda: new_career(title, output, date.today()))
    click.echo(f"created {path}")


@cli.command()
@click.argument("kind", type=click.Choice(["career", "config"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of career files or of brochure.yaml, for editors."""
    import json

    from .schema import json_schema

    click.echo(json.dumps(json_schema(kind), ensure_ascii=False, indent=2))


@cli.command()
@click.argument("career", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("preview"),
    show_default=True,
    help="Folder for the images, <name>-1.png and on.",
)
@click.option("--dpi", type=click.IntRange(20, 300), default=60, show_default=True)
@click.option(
    "--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def preview(career: Path, output: Path, dpi: int, config_file: Path | None) -> None:
    """Write PNG images of a career's pages, for a quick look or a web page."""
    from .preview import preview as write_preview

    builder = _run(lambda: _project_builder(config_file))
    for page in _run(lambda: write_preview(builder, career, output, dpi)):
        click.echo(f"wrote {page}")


@cli.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the PDFs [default: brochure.yaml's output, else out/].",
)
@click.option(
    "--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def watch(paths: tuple[Path, ...], output: Path | None, config_file: Path | None) -> None:
    """Render career files again within a second of their data, template or style being saved.

    Problems are reported and watching goes on; Ctrl-C stops.
    """
    from .preview import watch as watch_files

    config, project = _run(lambda: find_config(config_file))
    theme = _run(lambda: _project_builder(config_file)).theme

    def report(outcome: Outcome) -> None:
        for warning in outcome.warnings:
            click.echo(f"warning: {outcome.source}: {warning}", err=True)
        if outcome.ok:
            click.echo(f"built {outcome.output} ({outcome.pages} pages)")
        for problem in outcome.problems:
            click.echo(f"error: {problem}", err=True)

    click.echo("watching; Ctrl-C to stop")
    watch_files(
        lambda: find_career_files(paths or (DEFAULT_DATA,)),
        [*theme.folders, config_file or project / CONFIG_FILE],
        output or project / config.output,
        lambda: _project_builder(config_file),  # read again: brochure.yaml may have changed
        report,
    )


# The sheet options of commands that do not take them on their command line.
_NO_OPTIONS: dict[str, Any] = dict.fromkeys(
    ("page_size", "print_shop", "pdf_variant", "language", "theme")
)


def _project_builder(config_file: Path | None) -> SheetBuilder:
    """A sheet builder with the project's configuration and theme."""
    from .build import SheetBuilder

    config, project = find_config(config_file)
    options = _options(_NO_OPTIONS, config)
    return SheetBuilder(load_theme(options.theme, project), options=options)


def _build_settings(
    output: Path | None, clean: bool, **options: Any
) -> tuple[BuildSettings, ProjectConfig]:
    config, project = _run(lambda: find_config(options["config_file"]))
    sheet_options = _options(options, config)
    settings = BuildSettings(
        output=output or project / config.output,
        options=sheet_options,
        theme=_run(lambda: load_theme(sheet_options.theme, project)),
        strict=options["strict"],
        jobs=options["jobs"],
        limits=Limits(options["timeout"], options["memory_limit"]),
        force=options["force"],
        clean=clean,
    )
    return settings, config


class _Progress:
    """A progress bar on a terminal; a line a sheet otherwise; nothing with --quiet."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar: Any = None

    def start(self, count: int) -> None:
        if count and not self.quiet:
            from .pdf import fast_font_subsetting

            if not fast_font_subsetting():
                click.echo(HARFBUZZ_HINT, err=True)
        if count and not self.quiet and sys.stdout.isatty():
            self.bar = click.progressbar(length=count, label="Rendering", show_pos=True)
            self.bar.__enter__()

    def advance(self, outcome: Outcome) -> None:
        for warning in outcome.warnings:
            click.echo(f"warning: {outcome.source}: {warning}", err=True)
        if self.bar is not None:
            self.bar.update(1)
        elif outcome.ok and not self.quiet:
            plural = "s" if outcome.pages > 1 else ""
            click.echo(f"built {outcome.output} ({outcome.pages} page{plural})")

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _summarise_build(report: BuildReport) -> None:
    for pdf, source in report.stale:
        click.echo(f"stale: {pdf} (its career file {source} is gone; --clean removes it)")
    for pdf in report.removed:
        click.echo(f"removed {pdf}")
    pages = sum(outcome.pages for outcome in report.rendered)
    click.echo(
        f"{len(report.rendered)} rendered, {len(report.unchanged)} unchanged,"
        f" {len(report.failed)} failed; {pages} page{'' if pages == 1 else 's'}"
        f" in {report.seconds:.1f} s."
    )
    if report.failed:
        _list_failures(report.failed, len(report.outcomes) + len(report.unchanged))


@cli.command()
@paths_argument
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def check(paths: tuple[Path, ...], quiet: bool) -> None:
    """Validate career files without rendering them.

    PATH is a career file or a folder searched for *.yaml (default: data/).
    """
    sources = _find(paths)
    _exit_with_summary(check_files(sources), "valid", quiet)


def import_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every import takes: the folder to write to, and --quiet."""
    command = click.option(
        "-q", "--quiet", is_flag=True, help="Print only problems and the summary."
    )(command)
    return click.option(
        "-o",
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_DATA,
        show_default=True,
        help="Folder of career files to create or update.",
    )(command)


@cli.group(name="import")
def import_group() -> None:
    """Turn other sources (ONISEP's open data, spreadsheets) into career files."""


@import_group.command(name="onisep")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--exported",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Date of the export, if its file name does not carry it (_DDMMYYYY.xml).",
)
@import_options
def import_onisep(export: Path, output: Path, exported: datetime | None, quiet: bool) -> None:
    """Import ONISEP's Idéo-Fiches métiers export (XML), one career file per <metier>.

    Importing a newer export over the same folder updates what ONISEP wrote
    and keeps what was changed or added by hand.
    """
    from .onisep import SOURCE, export_date, read_records

    day = exported.date() if exported else export_date(export)
    records = ((r.identifier, r.data, r.problem) for r in read_records(export, day))
    _import(records, export, output, SOURCE, quiet)


@import_group.command(name="csv")
@click.argument("table", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@import_options
def import_csv(table: Path, output: Path, quiet: bool) -> None:
    """Import a spreadsheet saved as CSV (UTF-8, ";" or "," between cells), one career a row.

    The README lists the columns; several values in one cell are separated
    by "|" or line breaks. Importing again keeps what was changed by hand.
    """
    from .spreadsheet import SOURCE, read_rows

    _import(read_rows(table), table, output, SOURCE, quiet)


def _import(
    records: Iterable[tuple[str, dict[str, Any] | None, str | None]],
    source_file: Path,
    output: Path,
    source: str,
    quiet: bool,
) -> None:
    from .importer import import_records

    try:
        report = import_records(records, output, source)
    except BrochureError as error:
        for problem in error.problems:
            click.echo(f"error: {problem}", err=True)
        sys.exit(EXIT_FAILED)
    _report_import(report, source_file, quiet)


def _report_import(report: ImportReport, source: Path, quiet: bool) -> None:
    for result in report.results:
        if result.action == "failed":
            continue
        if not quiet and result.action != "unchanged":
            fields = f" ({', '.join(result.updated)})" if result.action == "updated" else ""
            click.echo(f"{result.action} {result.path}{fields}")
        if result.kept:
            click.echo(
                f"kept hand edits in {result.path}: {', '.join(result.kept)}"
                " (the source has changed them too: compare by hand)"
            )
    failed = [result for result in report.results if result.action == "failed"]
    counts = ", ".join(
        f"{report.count(action)} {action}" for action in ("created", "updated", "unchanged")
    )
    click.echo(f"{counts}, {len(failed)} failed.")
    if failed:
        click.echo(f"\n{len(failed)} records of {source} failed:", err=True)
        for result in failed:
            click.echo(f"  {source}: {result.identifier}: {result.problem}", err=True)
        sys.exit(EXIT_FAILED)
    sys.exit(EXIT_OK)


def _page_size(name: str) -> PageSize:
    # Click's case-insensitive choice returns the canonical spelling.
    return cast(PageSize, next(size for size in PAGE_SIZES if size.lower() == name.lower()))


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


def _list_failures(failed: list[Outcome], total: int) -> None:
    click.echo(f"\n{len(failed)} of {total} files failed:", err=True)
    for outcome in failed:
        for problem in outcome.problems:
            click.echo(f"  {problem}", err=True)


def _exit_with_summary(outcomes: list[Outcome], done: str, quiet: bool) -> None:
    failed = [outcome for outcome in outcomes if not outcome.ok]
    if failed:
        _list_failures(failed, len(outcomes))
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
