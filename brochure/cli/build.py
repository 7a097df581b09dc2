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
    echo_warnings,
    find_sources,
    limits,
    list_failures,
    load_project,
    paths_argument,
    sheet_options,
    sheets_folder,
)
from brochure.errors import EXIT_FAILED, EXIT_OK
from brochure.i18n import _
from brochure.source.config import (
    CONFIG_FILE,
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


@click.command()
@paths_argument
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
@click.option(
    "--strict", is_flag=True, help="Fail a file still holding the example texts of `brochure new`."
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=f"Project configuration (default: {CONFIG_FILE} in this folder, if any).",
)
def check(paths: tuple[Path, ...], quiet: bool, strict: bool, config_file: Path | None) -> None:
    """Validate career files and brochure.yaml without rendering them.

    PATH is a career file or a folder searched for *.yaml (default: data/).
    brochure.yaml is checked as `brochure build` reads it (a mistake there
    exits with 2, as build does); what only `brochure book` reads (logo,
    cover_image) is a warning.
    """
    from brochure.sheet.theme import load_theme

    config, folder = find_config(config_file)
    load_theme(merge_options(config).theme, folder)
    path = config_path(config_file)
    for problem in booklet_problems(path) if path is not None else []:
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


@click.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the PDFs, one per career file (<name>.pdf)"
    " [default: brochure.yaml's output, else out/]; there, options other than"
    " brochure.yaml's put them in a sub-folder named after them (out/a5-print-shop/).",
)
@click.option("--clean", is_flag=True, help="Delete the PDFs of careers that no longer exist.")
@sheet_options
@batch_options
def build(paths: tuple[Path, ...], output: Path | None, clean: bool, **options: Any) -> None:
    """Render career files to PDF, only those changed since the last build.

    PATH is a career file or a folder searched for *.yaml (default: data/).
    """
    from brochure.catalogue.batch import build_catalogue

    project = load_project(options)
    settings = _build_settings(project, output, clean, options)
    sources = find_sources(paths)
    bar = Progress(options["quiet"])
    report = build_catalogue(sources, settings, bar.start, bar.advance)
    bar.finish()
    _summarise(report)
    sys.exit(EXIT_FAILED if report.failed else EXIT_OK)


@click.command()
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
    " [default: brochure.yaml's output, else out/]; there, options other than"
    " brochure.yaml's use a sub-folder named after them (out/a5-print-shop/).",
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
@click.option(
    "--cover-image",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Picture for the upper part of the cover (default: brochure.yaml's cover_image).",
)
@click.option("--sector", "sectors", multiple=True, help="Only this sector (may be repeated).")
@click.option(
    "--list",
    "selection",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Only the careers named in this file, one file name or title a line.",
)
@click.option(
    "--blank-pages/--no-blank-pages",
    default=True,
    help="Start each sheet on a right-hand page, a blank page before it if needed"
    " (the default, for print); --no-blank-pages for reading on screen.",
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
    """Bind the careers' sheets into one booklet: cover, contents by sector, every sheet, index.

    PATH is a career file or a folder searched for *.yaml (default: data/).
    """
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
        click.echo(f"warning: {output}: {warning}", err=True)
    click.echo(f"booklet {output}: {report.sheets} sheets, {report.pages} pages.")
    left_out = report.invalid + report.build.failed
    if left_out:
        list_failures(left_out, len(left_out) + report.sheets)
        sys.exit(EXIT_FAILED)
    sys.exit(EXIT_OK)


@click.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the site, brochure's alone [default: site/ beside brochure.yaml].",
)
@click.option("--title", help="Title of the index (default: brochure.yaml's booklet_title).")
@sheet_options
@batch_options
def site(paths: tuple[Path, ...], output: Path | None, title: str | None, **options: Any) -> None:
    """Make the catalogue a static website: an index with search, a page and a PDF per career.

    PATH is a career file or a folder searched for *.yaml (default: data/).
    The site opens from disk (file://), a USB stick or any web server.
    """
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
        click.echo(f"warning: {warning}", err=True)
    changed = len(report.written)
    click.echo(
        f"site {folder}: {report.pages} careers; sheets: {len(build.rendered)} rendered,"
        f" {len(build.unchanged)} unchanged; files: {changed} written, {report.unchanged}"
        f" unchanged, {len(report.removed)} removed, in {report.seconds:.1f} s."
    )
    click.echo(f"Open {folder / 'index.html'} in a browser.")
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
        click.echo(f"warning: {warning}", err=True)
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
        list_failures(report.failed, len(report.outcomes) + len(report.unchanged))
