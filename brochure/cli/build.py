"""The commands that check and render careers: ``check``, ``build``, ``book`` and ``site``.

WeasyPrint and the worker pool are imported inside the commands that render,
so that ``check`` and ``--version`` stay quick.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from brochure.cli.common import (
    DEFAULT_DATA,
    Progress,
    batch_options,
    command,
    echo_warnings,
    find_sources,
    limits,
    list_failures,
    load_project,
    option,
    paths_argument,
    seconds,
    sheet_options,
    sheets_folder,
)
from brochure.errors import EXIT_FAILED, EXIT_OK
from brochure.i18n import N_, _
from brochure.source.config import (
    PDF_X_VARIANTS,
    booklet_problems,
    config_path,
    find_config,
    source_date_epoch,
)
from brochure.source.config import sheet_options as merge_options
from brochure.source.loader import check_files

if TYPE_CHECKING:
    from brochure.catalogue.batch import BuildReport, BuildSettings
    from brochure.cli.common import Project


@command(
    help=N_(
        "Validate career files and brochure.yaml without rendering them.\n\n"
        "PATH is a career file or a folder searched for *.yaml (default: data/). brochure.yaml "
        "is checked as `brochure build` reads it (a mistake there exits with 2, as build "
        "does); what only `brochure book` reads (logo, cover_image) is a warning."
    )
)
@paths_argument
@option("-q", "--quiet", is_flag=True, help=N_("Print only problems."))
@option(
    "--strict",
    is_flag=True,
    help=N_("Fail a file still holding the example texts of `brochure new`."),
)
@option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_("Project configuration (default: brochure.yaml in this folder, if any)."),
)
def check(paths: tuple[Path, ...], quiet: bool, strict: bool, config_file: Path | None) -> None:
    from brochure.sheet.theme import load_theme

    config, folder = find_config(config_file)
    # Refused as `brochure build` would refuse the same options (brochure.yaml's).
    sheet = merge_options(config)
    load_theme(sheet.theme, folder)
    path = config_path(config_file)
    warnings = booklet_problems(path) if path is not None else []
    if config.profile_problem is not None and sheet.pdf_variant not in PDF_X_VARIANTS:
        # Used by --pdf-variant pdf/x-... alone.
        warnings.append(config.profile_problem)
    for problem in warnings:
        click.echo(_("warning: ") + str(problem), err=True)
    outcomes = check_files(find_sources(paths), strict)
    for outcome in outcomes:
        echo_warnings(outcome)
    failed = [outcome for outcome in outcomes if not outcome.ok]
    if failed:
        list_failures(failed, len(outcomes))
        sys.exit(EXIT_FAILED)
    if not quiet:
        if len(outcomes) == 1:
            click.echo(_("1 file valid."))
        else:
            click.echo(_("{count} files valid.").format(count=len(outcomes)))


@command(
    help=N_(
        "Render career files to PDF, only those changed since the last build.\n\n"
        "PATH is a career file or a folder searched for *.yaml (default: data/)."
    )
)
@paths_argument
@option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help=N_(
        "Folder for the PDFs, one per career file (<name>.pdf)"
        " [default: brochure.yaml's output, else out/]; there, options other than"
        " brochure.yaml's put them in a sub-folder named after them (out/a5-print-shop/)."
    ),
)
@option("--clean", is_flag=True, help=N_("Delete the PDFs of careers that no longer exist."))
@sheet_options
@batch_options
def build(paths: tuple[Path, ...], output: Path | None, clean: bool, **options: Any) -> None:
    from brochure.catalogue.batch import build_catalogue

    project = load_project(options)
    settings = _build_settings(project, output, clean, options)
    sources = find_sources(paths)
    bar = Progress(options["quiet"])
    report = build_catalogue(sources, settings, bar.start, bar.advance)
    bar.finish()
    _summarise(report)
    sys.exit(EXIT_FAILED if report.failed else EXIT_OK)


@command(
    help=N_(
        "Bind the careers' sheets into one booklet: cover, contents by sector, every sheet, "
        "index.\n\n"
        "PATH is a career file or a folder searched for *.yaml (default: data/)."
    )
)
@paths_argument
@option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("booklet.pdf"),
    show_default=True,
    help=N_("The booklet to write."),
)
@option(
    "--sheets",
    type=click.Path(file_okay=False, path_type=Path),
    help=N_(
        "Folder of the sheets' PDFs, built or reused as by `brochure build`"
        " [default: brochure.yaml's output, else out/]; there, options other than"
        " brochure.yaml's use a sub-folder named after them (out/a5-print-shop/)."
    ),
)
@option("--title", help=N_("Title on the cover (default: brochure.yaml's booklet_title)."))
@option("--organisation", help=N_("Organisation on the cover (default: from brochure.yaml)."))
@option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    help=N_("Date on the cover (default: today, or SOURCE_DATE_EPOCH's day)."),
)
@option(
    "--logo",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_("Image on the cover (default: from brochure.yaml)."),
)
@option(
    "--cover-image",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_("Picture for the upper part of the cover (default: brochure.yaml's cover_image)."),
)
@option("--sector", "sectors", multiple=True, help=N_("Only this sector (may be repeated)."))
@option(
    "--list",
    "selection",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=N_("Only the careers named in this file, one file name or title a line."),
)
@option(
    "--blank-pages/--no-blank-pages",
    default=True,
    help=N_(
        "Start each sheet on a right-hand page, a blank page before it if needed"
        " (the default, for print); --no-blank-pages for reading on screen."
    ),
)
@sheet_options
@batch_options
def book(
    paths: tuple[Path, ...],
    output: Path,
    sheets: Path | None,
    title: str | None,
    organisation: str | None,
    day: datetime | None,
    logo: Path | None,
    cover_image: Path | None,
    sectors: tuple[str, ...],
    selection: Path | None,
    blank_pages: bool,
    **options: Any,
) -> None:
    from brochure.booklet.book import BookSettings, cover_day, make_booklet

    project = load_project(options, booklet=True)
    config = project.config
    settings = BookSettings(
        target=output,
        build=_build_settings(project, sheets, False, options),
        title=title or config.booklet_title,
        organisation=organisation or config.organisation,
        day=cover_day(day.date() if day else None, source_date_epoch(), date.today()),
        logo=logo or (Path(config.logo) if config.logo else None),
        cover_image=cover_image or (Path(config.cover_image) if config.cover_image else None),
        sectors=sectors,
        selection=selection,
        blank_pages=blank_pages,
    )
    sources = find_sources(paths)
    bar = Progress(options["quiet"])
    report = make_booklet(sources, settings, bar.start, bar.advance)
    bar.finish()
    _summarise(report.build)
    for warning in report.warnings:
        click.echo(_("warning: ") + f"{output}: {warning}", err=True)
    sheets_said = _("1 sheet") if report.sheets == 1 else _("{count} sheets")
    pages_said = _("1 page") if report.pages == 1 else _("{count} pages")
    click.echo(
        _("booklet {output}: {sheets}, {pages}.").format(
            output=output,
            sheets=sheets_said.format(count=report.sheets),
            pages=pages_said.format(count=report.pages),
        )
    )
    left_out = report.invalid + report.build.failed
    if left_out:
        list_failures(left_out, len(left_out) + report.sheets)
        sys.exit(EXIT_FAILED)
    sys.exit(EXIT_OK)


@command(
    help=N_(
        "Make the catalogue a static website: an index with search, a page and a PDF per "
        "career.\n\n"
        "PATH is a career file or a folder searched for *.yaml (default: data/). The site "
        "opens from disk (file://), a USB stick or any web server."
    )
)
@paths_argument
@option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help=N_("Folder of the site, brochure's alone [default: site/ beside brochure.yaml]."),
)
@option("--title", help=N_("Title of the index (default: brochure.yaml's booklet_title)."))
@sheet_options
@batch_options
def site(paths: tuple[Path, ...], output: Path | None, title: str | None, **options: Any) -> None:
    from brochure.site.website import SiteSettings, make_site

    project = load_project(options)
    folder = output or project.folder / "site"
    settings = SiteSettings(
        output=folder,
        build=_build_settings(project, None, False, options),
        title=title or project.config.booklet_title,
        folders=[path for path in (paths or (DEFAULT_DATA,)) if path.is_dir()],
    )
    sources = find_sources(paths)
    bar = Progress(options["quiet"])
    report = make_site(sources, settings, bar.start, bar.advance)
    bar.finish()
    build = report.build
    for warning in build.warnings:
        click.echo(_("warning: ") + str(warning), err=True)
    click.echo(
        _(
            "site {folder}: {careers} careers; sheets: {rendered} rendered, {unchanged}"
            " unchanged; files: {written} written, {kept} unchanged, {removed} removed,"
            " in {seconds} s."
        ).format(
            folder=folder,
            careers=report.pages,
            rendered=len(build.rendered),
            unchanged=len(build.unchanged),
            written=len(report.written),
            kept=report.unchanged,
            removed=len(report.removed),
            seconds=seconds(report.seconds),
        )
    )
    click.echo(_("Open {page} in a browser.").format(page=folder / "index.html"))
    if report.failed:
        list_failures(report.failed, report.pages + len(report.invalid))
        sys.exit(EXIT_FAILED)
    sys.exit(EXIT_OK)


def _build_settings(
    project: Project, output: Path | None, clean: bool, options: dict[str, Any]
) -> BuildSettings:
    from brochure.catalogue.batch import BuildSettings
    from brochure.sheet.theme import load_theme

    sheet = merge_options(project.config, project.overrides)
    return BuildSettings(
        output=sheets_folder(project, output),
        options=sheet,
        theme=load_theme(sheet.theme, project.folder),
        strict=project.strict,
        jobs=options["jobs"],
        limits=limits(options),
        force=options["force"],
        clean=clean,
        project=project.folder,
    )


def _summarise(report: BuildReport) -> None:
    for warning in report.warnings:
        click.echo(_("warning: ") + str(warning), err=True)
    for pdf, source in report.stale:
        click.echo(
            _("stale: {pdf} (its career file {source} is gone; --clean removes it)").format(
                pdf=pdf, source=source
            )
        )
    for pdf in report.removed:
        click.echo(_("removed {pdf}").format(pdf=pdf))
    pages = sum(outcome.pages for outcome in report.rendered)
    summary = (
        _("{rendered} rendered, {unchanged} unchanged, {failed} failed; 1 page in {seconds} s.")
        if pages == 1
        else _(
            "{rendered} rendered, {unchanged} unchanged, {failed} failed; {pages} pages"
            " in {seconds} s."
        )
    )
    click.echo(
        summary.format(
            rendered=len(report.rendered),
            unchanged=len(report.unchanged),
            failed=len(report.failed),
            pages=pages,
            seconds=seconds(report.seconds),
        )
    )
    if report.failed:
        list_failures(report.failed, len(report.outcomes) + len(report.unchanged))
