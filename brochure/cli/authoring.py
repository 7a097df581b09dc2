"""The commands that help write careers: ``init``, ``new``, ``schema``, ``preview``, ``watch``."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from brochure.cli.common import (
    DEFAULT_DATA,
    argument,
    command,
    echo_built,
    echo_problems,
    echo_warnings,
    find_sources,
    limit_options,
    limits,
    load_project,
    option,
    paths_argument,
    sheet_options,
    sheets_folder,
)
from brochure.errors import Outcome
from brochure.i18n import N_, _
from brochure.source.config import CONFIG_FILE

if TYPE_CHECKING:
    from brochure.catalogue.workers import Settings


@command(
    help=N_(
        "Create a project in FOLDER (default: here): brochure.yaml, data/ with a sample, "
        "overrides.\n\n"
        "Also a starter spreadsheet, metiers.xlsx: its columns and one example row, for "
        "careers kept in a spreadsheet (`brochure import sheet metiers.xlsx`)."
    )
)
@argument(
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    metavar=N_("FOLDER"),
)
def init(folder: Path) -> None:
    from brochure.authoring.scaffold import STARTER_SHEET, init_project

    for path in init_project(folder):
        click.echo(_("created {path}").format(path=path))
    click.echo(_("Next: cd {folder} && brochure build").format(folder=folder))
    click.echo(
        _("Careers in a spreadsheet: fill {sheet}, then brochure import sheet {sheet}").format(
            sheet=STARTER_SHEET
        )
    )


@command(help=N_("Create a career file for TITLE, every field present and explained."))
@argument("title", metavar=N_("TITLE"))
@option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help=N_("Folder to write the career file in."),
)
def new(title: str, output: Path) -> None:
    from brochure.authoring.scaffold import new_career

    click.echo(_("created {path}").format(path=new_career(title, output, date.today())))


@command(help=N_("Print the JSON Schema of career files or of brochure.yaml, for editors."))
@click.argument("kind", type=click.Choice(["career", "config"]))
def schema(kind: str) -> None:
    from brochure.source.schema import json_schema

    click.echo(json.dumps(json_schema(kind), ensure_ascii=False, indent=2))


@command(help=N_("Write PNG images of a career's pages, for a quick look or a web page."))
@argument(
    "career", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar=N_("CAREER")
)
@option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("preview"),
    show_default=True,
    help=N_("Folder for the images, <name>-1.png and on."),
)
@option(
    "--dpi",
    type=click.IntRange(20, 300),
    default=60,
    show_default=True,
    help=N_("Resolution of the images, in dots per inch."),
)
@sheet_options
@limit_options
def preview(career: Path, output: Path, dpi: int, **options: Any) -> None:
    from brochure.authoring.preview import preview as write_preview

    for page in write_preview(_worker_settings(options), career, output, dpi):
        click.echo(_("wrote {path}").format(path=page))


@command(
    help=N_(
        "Render career files again within a second of their data, template or style being "
        "saved.\n\n"
        "Problems are reported and watching goes on; Ctrl-C stops."
    )
)
@paths_argument
@option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help=N_(
        "Folder for the PDFs [default: brochure.yaml's output, else out/]; there, options"
        " other than brochure.yaml's put them in a sub-folder named after them (out/a5/)."
    ),
)
@sheet_options
@limit_options
def watch(paths: tuple[Path, ...], output: Path | None, **options: Any) -> None:
    from brochure.authoring.watch import watch as watch_files

    project = load_project(options)
    config_file = options["config_file"] or project.folder / CONFIG_FILE

    def settings() -> Settings:
        # Read again each time: brochure.yaml may have changed.
        return _worker_settings(options)

    def report(outcome: Outcome) -> None:
        echo_warnings(outcome)
        if outcome.ok:
            echo_built(outcome)
        echo_problems(outcome.problems)

    def ready(count: int) -> None:
        if count == 1:
            said = _("watching 1 career file; Ctrl-C to stop")
        else:
            said = _("watching {count} career files; Ctrl-C to stop")
        click.echo(said.format(count=count))

    watch_files(
        lambda: find_sources(paths),
        [*settings().theme.folders, config_file],
        sheets_folder(project, output),
        settings,
        report,
        processes=os.cpu_count() or 1,
        career_paths=paths or (DEFAULT_DATA,),
        project=project.folder,
        on_ready=ready,
    )


def _worker_settings(options: dict[str, Any]) -> Settings:
    """What the workers of preview and watch need: the project's theme, options and limits."""
    from brochure.catalogue.workers import Settings
    from brochure.sheet.theme import load_theme
    from brochure.source.config import sheet_options as merge_options

    project = load_project(options)
    sheet = merge_options(project.config, project.overrides)
    theme = load_theme(sheet.theme, project.folder)
    return Settings(theme, sheet, project.strict, limits(options))
