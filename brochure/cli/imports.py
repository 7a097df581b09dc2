"""``brochure import``: careers from ONISEP's open data and from spreadsheets."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from brochure.cli.common import DEFAULT_DATA, Group, argument, option
from brochure.errors import EXIT_FAILED, EXIT_OK, Problem, UsageError
from brochure.i18n import N_, _

if TYPE_CHECKING:
    from brochure.importers.importer import ImportReport
    from brochure.importers.record import Record


def import_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every import takes: the folder to write to, --retire, --take-source, --quiet."""
    command = option(
        "-q", "--quiet", is_flag=True, help=N_("Print only problems and the summary.")
    )(command)
    command = option(
        "--retire",
        is_flag=True,
        help=N_(
            "Move the files of careers no longer in the source to retired/"
            " in the output folder (never deleted), out of booklets and sites."
        ),
    )(command)
    command = option(
        "--take-source",
        "take_source",
        multiple=True,
        metavar=N_("FIELD"),
        help=N_(
            "Take the source's value of FIELD (summary, skills, salary.note... or all)"
            " even where it was edited by hand; may be repeated."
        ),
    )(command)
    return option(
        "-o",
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_DATA,
        show_default=True,
        help=N_("Folder of career files to create or update."),
    )(command)


@click.group(
    name="import",
    cls=Group,
    help=N_("Turn other sources (ONISEP's open data, spreadsheets) into career files."),
)
def import_group() -> None:
    pass


@import_group.command(
    name="onisep",
    help=N_(
        "Import ONISEP's Idéo-Fiches métiers export (XML), one career file per <metier>.\n\n"
        "Importing a newer export over the same folder updates what ONISEP wrote and keeps "
        "what was changed or added by hand."
    ),
)
@argument(
    "export", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar=N_("EXPORT")
)
@option(
    "--exported",
    type=click.DateTime(["%Y-%m-%d"]),
    help=N_("Date of the export, if its file name does not carry it (_DDMMYYYY.xml)."),
)
@option(
    "--licence",
    help=N_("The licence to credit, if not ONISEP's open-data licence (licence ODbL)."),
)
@import_options
def import_onisep(
    export: Path, output: Path, exported: datetime | None, licence: str | None, **options: Any
) -> None:
    from brochure.importers.onisep import LICENCE, SOURCE, export_date, read_records

    day = exported.date() if exported else export_date(export)
    records = read_records(export, day, licence.strip() if licence else LICENCE)
    _import(records, export, output, SOURCE, options)


@import_group.command(
    name="sheet",
    help=N_(
        "Import a spreadsheet (.xlsx, .ods or .csv), one career a row.\n\nThe README "
        "lists the columns, in English or in French (Métier, Résumé...); several values "
        'in one cell are separated by "|" or line breaks. A CSV file is UTF-8, or else '
        "read as Windows-1252. Importing again keeps what was changed by hand."
    ),
)
@argument(
    "table", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar=N_("TABLE")
)
@import_options
def import_sheet(table: Path, output: Path, **options: Any) -> None:
    from brochure.importers.spreadsheet import SOURCE, read_sheet

    sheet = read_sheet(table)
    for note in sheet.notes:
        click.echo(_("note: ") + str(note), err=True)
    _import(sheet.records, table, output, SOURCE, options)


@import_group.command(name="csv", help=N_("The same as `brochure import sheet`, for a CSV file."))
@argument(
    "table", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar=N_("TABLE")
)
@import_options
@click.pass_context
def import_csv(context: click.Context, /, table: Path, output: Path, **options: Any) -> None:
    context.invoke(import_sheet, table=table, output=output, **options)


def _import(
    records: Iterable[Record],
    source_file: Path,
    output: Path,
    source: str,
    options: dict[str, Any],
) -> None:
    from brochure.importers.importer import import_records

    take = _fields(options["take_source"])
    report = import_records(records, output, source, options["retire"], take)
    _report(report, source_file, options["quiet"])


def _fields(names: tuple[str, ...]) -> frozenset[str]:
    """The fields --take-source names, checked against the career format."""
    from brochure.importers.careerfile import FIELD_ORDER

    known = [*FIELD_ORDER, "all"]
    for name in names:
        if name.split(".")[0] not in known or name.split(".")[0] == "origin":
            close = difflib.get_close_matches(name, known, n=1)
            if close:
                hint = _("did you mean '{field}'?").format(field=close[0])
            else:
                hint = _("fields: {fields}").format(fields=", ".join(known))
            raise UsageError(
                Problem(
                    _("--take-source {name}: no such field ({hint})").format(name=name, hint=hint)
                )
            )
    return frozenset(names)


def _value(value: Any) -> str:
    """A field's value, short, as the report shows it."""
    if isinstance(value, list):
        text = " | ".join(_value(item) for item in value)
    elif isinstance(value, dict):
        text = ", ".join(f"{key}: {_value(item)}" for key, item in value.items())
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= 160 else text[:159] + "…"


def _report(report: ImportReport, source: Path, quiet: bool) -> None:
    from brochure.importers.record import shown

    if report.error is not None and not report.results:
        raise report.error  # nothing was read: the source file is the problem
    for result in report.results:
        if result.action == "failed":
            continue
        if not quiet and result.action != "unchanged":
            if result.action == "updated":
                said = _("updated {path} ({fields})")
            else:
                said = _("created {path}")
            line = said.format(path=result.path, fields=", ".join(result.updated))
            note = f" ({result.note})" if result.note else ""
            click.echo(line + note)
        if result.kept:
            click.echo(
                _("kept hand edits in {path}: {fields}").format(
                    path=result.path, fields=", ".join(result.kept)
                )
            )
            for name, value in result.offered.items():
                click.echo(
                    "  "
                    + _("the source's {field}: {value}").format(
                        field=name, value=shown(_value(value))
                    )
                )
            click.echo(
                "  "
                + _("(to take the source's: import again with {options})").format(
                    options=" ".join(f"--take-source {name}" for name in result.kept)
                )
            )
    for path, moved in report.retired.items():
        if moved:
            said = _("retired {path} (no longer in {source}; moved to {moved})")
        else:
            said = _("retired {path} (no longer in {source}; --retire moves it to retired/)")
        click.echo(said.format(path=path, source=source, moved=moved))
    if report.retire_note:
        click.echo(report.retire_note, err=True)
    for warning in report.warnings:
        click.echo(_("warning: ") + shown(str(warning)), err=True)
    failed = [result for result in report.results if result.action == "failed"]
    said = (
        _("{created} created, {updated} updated, {unchanged} unchanged, {failed} failed.")
        if not report.retired
        else _(
            "{created} created, {updated} updated, {unchanged} unchanged, {retired} retired,"
            " {failed} failed."
        )
    )
    click.echo(
        said.format(
            created=report.count("created"),
            updated=report.count("updated"),
            unchanged=report.count("unchanged"),
            retired=len(report.retired),
            failed=len(failed),
        )
    )
    code = EXIT_OK
    if failed:
        click.echo(
            "\n"
            + _("{count} records of {source} failed:").format(count=len(failed), source=source),
            err=True,
        )
        for result in failed:
            for problem in result.problems:
                click.echo(f"  {source}: {result.identifier}: {shown(str(problem))}", err=True)
        code = EXIT_FAILED
    if report.error is not None:
        # The records above were read before the source broke off.
        click.echo("", err=True)
        for problem in report.error.problems:
            click.echo(_("error: ") + shown(str(problem)), err=True)
        code = max(code, report.error.exit_code)
    sys.exit(code)
