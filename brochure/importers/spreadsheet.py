"""Reading careers from a spreadsheet, one row per career: .xlsx, .ods or CSV.

Workbooks are read by python-calamine (their first sheet). CSV files are
UTF-8, or else Windows-1252 (what Excel saves as "CSV"), which the report
says. French spreadsheets export with ``;`` between cells (the comma is the
decimal mark); others use ``,``: the header row tells which. Columns are
named in English or in French (``Métier``, ``Résumé``...); cells that hold
several values separate them with ``|`` or line breaks, and a line break in
a text starts a paragraph. Dates are YYYY-MM-DD or JJ/MM/AAAA. Empty columns
at the right and blank rows are left out. The columns are documented in the
README; an unknown column is an error, so a typo never loses data.

The csv module reads the file itself: only CR and LF end a row, so a form
feed or U+2028 typed in a cell stays in it. Two rows with one id (or, without
ids, with titles that make one file name) are reported: the second fails,
naming the first, as does a cell longer than a whole career may be.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from brochure.errors import DataError, Problem
from brochure.files import slugify
from brochure.i18n import _
from brochure.importers.record import Record, shown
from brochure.source.model import MAX_TEXT_CHARACTERS, Career
from brochure.source.problems import clean_loc, plain_message

# Column -> where its value goes in a career file. "many" columns hold several
# values separated by "|" or line breaks.
TEXT_COLUMNS = {
    "title": ("title",),
    "summary": ("summary",),
    "sector": ("sector",),
    "updated": ("updated",),
    "missions_intro": ("missions", "intro"),
    "skills_intro": ("skills", "intro"),
    "training_intro": ("training", "intro"),
    "training_level": ("training", "level"),
    "workplaces_intro": ("workplaces", "intro"),
    "outlook": ("outlook", "intro"),
    "salary_note": ("salary", "note"),
}
LIST_COLUMNS = {
    "also_known_as": ("also_known_as",),
    "missions": ("missions", "items"),
    "skills": ("skills", "items"),
    "training": ("training", "items"),
    "workplaces": ("workplaces", "items"),
    "career_paths": ("career_paths",),
    "statuses": ("statuses",),
    "interests": ("interests",),
    "related_careers": ("related_careers",),
    "rome_codes": ("rome_codes",),
}
SPECIAL_COLUMNS = ("id", "salary_levels", "recap", "sources")
COLUMNS = [*TEXT_COLUMNS, *LIST_COLUMNS, *SPECIAL_COLUMNS]
REQUIRED_COLUMNS = ("title", "summary")
SOURCE = "spreadsheet"

# Every pattern below runs in time linear in the cell's length: a cell may
# hold tens of thousands of characters, and a pattern that backtracks (such as
# r"\s*\|\s*" over a run of spaces) would take minutes on one.
_SEPARATOR = re.compile(r"\||\r?\n")
_RANGE_MARK = re.compile(r"-|–|à")
_AMOUNT = re.compile(r"[\d  .,]*")
_URL = re.compile(r"(?:https?://|mailto:)\S+$", re.IGNORECASE)


def _values(cell: str) -> list[str]:
    return [value for value in (part.strip() for part in _SEPARATOR.split(cell)) if value]


def _excerpt(text: str, length: int = 60) -> str:
    """The start of a long value, to quote it in a message."""
    return text if len(text) <= length else f"{text[: length - 1]}…"


def _salary_levels(cell: str) -> list[dict[str, str]]:
    """``Débutant : 1800-2100 | Senior : 3500-`` -> salary levels."""
    levels = []
    for entry in _values(cell):
        level = _salary_level(entry)
        if level is None:
            raise ValueError(
                _(
                    "'{entry}' should read 'label : min-max' (min or max may be left out),"
                    " e.g. 'Débutant : 1800-2100'"
                ).format(entry=_excerpt(entry))
            )
        levels.append(level)
    return levels


def _salary_level(entry: str) -> dict[str, str] | None:
    """``Débutant : 1800-2100`` -> a salary level; None if it does not read so."""
    # The amounts hold no colon: the label is everything before the last one.
    label, colon, amounts = entry.rpartition(":")
    mark = _RANGE_MARK.search(amounts)
    if not colon or not label.strip() or mark is None:
        return None
    level = {"label": label.strip()}
    for bound, amount in (("min", amounts[: mark.start()]), ("max", amounts[mark.end() :])):
        if not _AMOUNT.fullmatch(amount.strip()):
            return None
        if amount.strip():
            level[bound] = amount.strip()
    return level


def _recap(cell: str) -> list[list[str]]:
    """``Niveau : Bac+2 | Statut : salarié`` -> recap rows."""
    rows = []
    for entry in _values(cell):
        label, colon, value = entry.partition(" : ")
        if not colon:
            label, colon, value = entry.partition(": ")
        if not colon or not label.strip() or not value.strip():
            raise ValueError(
                _("'{entry}' should read 'label : value'").format(entry=_excerpt(entry))
            )
        rows.append([label.strip(), value.strip()])
    return rows


def _sources(cell: str) -> list[dict[str, str]]:
    """``ONISEP https://www.onisep.fr | Mon CIO`` -> sources, with their links."""
    sources = []
    for entry in _values(cell):
        url = _URL.search(entry)
        label = entry[: url.start()].strip() if url else entry
        source = {"label": label or (url.group() if url else entry)}
        if url:
            source["url"] = url.group()
        sources.append(source)
    return sources


def _set(data: dict[str, Any], place: tuple[str, ...], value: Any) -> None:
    for key in place[:-1]:
        data = data.setdefault(key, {})
    data[place[-1]] = value


class _CellError(ValueError):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column


def _row_data(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column, cell in row.items():
        cell = (cell or "").strip()
        if len(cell) > MAX_TEXT_CHARACTERS:
            raise _CellError(
                column,
                _(
                    "holds {size} characters, more than a whole career may hold ({limit}):"
                    " shorten it"
                ).format(size=_spaced(len(cell)), limit=_spaced(MAX_TEXT_CHARACTERS)),
            )
        if not cell or column == "id":
            continue
        try:
            if column == "updated":
                _set(data, TEXT_COLUMNS[column], _date(cell))
            elif column in PARAGRAPH_COLUMNS:
                _set(data, TEXT_COLUMNS[column], _paragraphs(cell))
            elif column in TEXT_COLUMNS:
                _set(data, TEXT_COLUMNS[column], cell)
            elif column in LIST_COLUMNS:
                _set(data, LIST_COLUMNS[column], _values(cell))
            elif column == "salary_levels":
                _set(data, ("salary", "levels"), _salary_levels(cell))
            elif column == "recap":
                data["recap"] = _recap(cell)
            elif column == "sources":
                data["sources"] = _sources(cell)
        except ValueError as error:
            raise _CellError(column, str(error)) from None
    identifier = (row.get("id") or "").strip() or slugify(row.get("title") or "")
    data["origin"] = {"source": SOURCE, "id": identifier}
    return data


def _spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _column_of(loc: tuple[Any, ...]) -> str:
    """The spreadsheet column a validation error's location comes from ("" for the row)."""
    names = tuple(str(part) for part in loc if not isinstance(part, int))
    for column, place in {**TEXT_COLUMNS, **LIST_COLUMNS}.items():
        if names[: len(place)] == place:
            return column
    if names[:2] == ("salary", "levels"):
        return "salary_levels"
    return names[0] if names else ""


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(_folded(name), list(_SPELLED), n=1)
    if close:
        return _("did you mean '{column}'?").format(column=_SPELLED[close[0]])
    return _("columns: {columns}").format(columns=", ".join(COLUMNS))


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass
class Sheet:
    """The records of a spreadsheet, read as they are iterated, and what to say about it."""

    records: Iterator[Record]
    notes: list[str] = field(default_factory=list)


def read_rows(path: Path) -> Iterator[Record]:
    """Yield the career of each row of a spreadsheet (.xlsx, .ods or .csv), or its problems."""
    yield from read_sheet(path).records


def read_sheet(path: Path) -> Sheet:
    """Open a spreadsheet: .xlsx or .ods (its first sheet), else CSV."""
    notes: list[str] = []
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        rows = _workbook_rows(path, notes)
    else:
        rows = _csv_rows(path, notes)
    return Sheet(_read_table(path, rows), notes)


def _workbook_rows(path: Path, notes: list[str]) -> Iterator[list[str]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
        if not names:
            raise DataError(Problem(_("the spreadsheet has no sheet"), path))
        table = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except DataError:
        raise
    except OSError as error:
        raise DataError(
            Problem(_("cannot be read ({reason})").format(reason=error.strerror or error), path)
        ) from None
    except Exception:  # python-calamine's errors: a damaged or protected file
        raise DataError(
            Problem(
                _(
                    "cannot be read as a spreadsheet (.xlsx, .ods): open it in your office"
                    " software and save it again (without a password)"
                ),
                path,
            )
        ) from None
    if len(names) > 1:
        notes.append(
            _("{path}: only its first sheet, '{sheet}', is read").format(path=path, sheet=names[0])
        )
    return iter([[_cell_text(value) for value in row] for row in table])


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a career file holds: a date as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_rows(path: Path, notes: list[str]) -> Iterator[list[str]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(
            Problem(_("cannot be read ({reason})").format(reason=error.strerror or error), path)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # Excel's "CSV (séparateur : point-virgule)" is Windows-1252.
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            line = raw.count(b"\n", 0, error.start) + 1
            raise DataError(
                Problem(
                    _(
                        "the file is neither UTF-8 nor Windows-1252 (byte {byte}, line {line}):"
                        " save it as CSV UTF-8, or as .xlsx or .ods"
                    ).format(byte=error.start, line=line),
                    path,
                    line,
                )
            ) from None
        notes.append(
            _(
                "{path}: not UTF-8, read as Windows-1252 (Excel's usual CSV): check the"
                " accents of the careers imported, or save it as CSV UTF-8, .xlsx or .ods"
            ).format(path=path)
        )
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") >= header.count(",") and ";" in header else ","
    return _each_row(path, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _folded(name: str) -> str:
    """A column's name without case, accents or punctuation: "Compétences (intro)" -> ..."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return " ".join(re.findall(r"[a-z0-9+]+", plain))


# French column names (accents, case and punctuation do not matter), beside the English ones.
FRENCH_COLUMNS = {
    "title": ("Métier", "Titre", "Intitulé"),
    "summary": ("Résumé",),
    "sector": ("Secteur",),
    "updated": ("Mise à jour", "Date"),
    "missions_intro": ("Missions (intro)",),
    "skills_intro": ("Compétences (intro)",),
    "training_intro": ("Formation (intro)",),
    "training_level": ("Niveau d'études", "Niveau"),
    "workplaces_intro": ("Lieux de travail (intro)",),
    "outlook": ("Débouchés", "Perspectives"),
    "salary_note": ("Salaire (remarque)",),
    "also_known_as": ("Autres appellations", "Appellations"),
    "missions": ("Missions",),
    "skills": ("Compétences",),
    "training": ("Formations", "Formation"),
    "workplaces": ("Lieux de travail",),
    "career_paths": ("Évolutions",),
    "statuses": ("Statuts",),
    "interests": ("Centres d'intérêt",),
    "related_careers": ("Métiers proches",),
    "rome_codes": ("Codes ROME",),
    "id": ("Identifiant", "Code"),
    "salary_levels": ("Salaires",),
    "recap": ("Récapitulatif",),
    "sources": ("Sources",),
}
_COLUMN_NAMES = {
    **{_folded(column): column for column in COLUMNS},
    **{_folded(name): column for column, names in FRENCH_COLUMNS.items() for name in names},
}
_SPELLED = {  # each name folded, and as it is written
    **{_folded(column): column for column in COLUMNS},
    **{_folded(name): name for names in FRENCH_COLUMNS.values() for name in names},
}
# Text columns whose line breaks start paragraphs (the others hold one line).
PARAGRAPH_COLUMNS = frozenset(TEXT_COLUMNS) - {"title", "sector", "updated", "training_level"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FRENCH_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def _paragraphs(cell: str) -> str:
    """A cell's lines as Markdown paragraphs: a line break typed in a cell starts one."""
    # Only CR and LF: a form feed or U+2028 typed in a cell stays in it.
    lines = _LINE_BREAK.split(cell)
    return "\n\n".join(line.strip() for line in lines if line.strip())


def _date(cell: str) -> str:
    """``01/06/2025`` (JJ/MM/AAAA) -> ``2025-06-01``; any other text as it is."""
    found = _FRENCH_DATE.fullmatch(cell.strip())
    if found is None:
        return cell
    day, month, year = found.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _read_table(path: Path, rows: Iterator[list[str]]) -> Iterator[Record]:
    header = next(rows, None)
    if header is None:
        raise DataError(Problem(_("the file is empty: its first row names the columns"), path, 1))
    names = [name.strip() for name in header]
    while names and not names[-1]:  # office software's empty columns at the right
        names.pop()
    problems = [
        Problem(
            _("column {number} has no name in the header row: name it or delete it").format(
                number=index + 1
            ),
            path,
            1,
        )
        for index, name in enumerate(names)
        if not name
    ] + [
        Problem(
            _("unknown column '{name}' ({hint})").format(name=shown(name), hint=_suggest(name)),
            path,
            1,
        )
        for name in names
        if name and _folded(name) not in _COLUMN_NAMES
    ]
    columns = [_COLUMN_NAMES.get(_folded(name), name) for name in names]
    problems += [
        Problem(
            _("the column '{name}' (or '{french}') is missing from the header row").format(
                name=name, french=FRENCH_COLUMNS[name][0]
            ),
            path,
            1,
        )
        for name in REQUIRED_COLUMNS
        if name not in columns
    ]
    if len(set(columns)) != len(columns):
        problems.append(Problem(_("a column appears twice in the header row"), path, 1))
    if problems:
        raise DataError(problems)
    rows_of_ids: dict[str, int] = {}  # each id, and the first row that has it
    for number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank row
        name = _("row {number}").format(number=number)
        if any(cell.strip() for cell in cells[len(columns) :]):
            yield Record.failed(name, _("has more cells than the header has columns"))
            continue
        row = dict(zip(columns, [*cells, *[""] * (len(columns) - len(cells))], strict=False))
        duplicate = _duplicate(row, number, rows_of_ids)
        if duplicate:
            yield Record.failed(
                name, Problem(duplicate, field=_("column {name}").format(name="id"))
            )
            continue
        try:
            data = _row_data(row)
        except _CellError as error:
            column = _("column {name}").format(name=error.column)
            yield Record.failed(name, Problem(str(error), field=column))
            continue
        try:
            Career.model_validate({k: v for k, v in data.items() if k != "origin"})
        except ValidationError as error:
            problems = []
            for item in error.errors():
                loc = clean_loc(item["loc"])
                message = plain_message(item, loc, Career)
                column = _column_of(loc)
                where = _("column {name}").format(name=column) if column else None
                problems.append(Problem(message, field=where))
            yield Record.failed(name, *problems)
            continue
        yield Record(data["origin"]["id"], data, name=name)


def _duplicate(row: dict[str, str], number: int, rows_of_ids: dict[str, int]) -> str:
    """Why a row's id is another row's too, or ""; remember the row's id."""
    given = (row.get("id") or "").strip()
    title = (row.get("title") or "").strip()
    if not given and not title:
        return ""  # no title: the row fails for that
    identifier = given or slugify(title)
    first = rows_of_ids.setdefault(identifier, number)
    if first == number:
        return ""
    if given:
        return _("the id '{id}' is already the id of row {first}: give each row its own id").format(
            id=shown(identifier), first=first
        )
    return _(
        "has no id, and its title gives the same file name ('{id}') as row {first}:"
        " give the rows different ids in the column id, or different titles"
    ).format(id=identifier, first=first)


@contextmanager
def _long_cells(path: Path) -> Iterator[None]:
    """Let the csv module read cells as long as the file, then put its limit back.

    A cell longer than the module's limit (128 KiB) would stop the import in
    the middle of the file; read whole, it is refused with its row instead.
    The limit is the module's, for the whole process: it is raised only while
    the file is being read.
    """
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    previous = csv.field_size_limit()
    csv.field_size_limit(min(max(size + 1, previous), 2**31 - 1))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _each_row(path: Path, reader: Any) -> Iterator[list[str]]:
    """The rows of a csv reader; a line the csv module cannot read ends the file."""
    while True:
        try:
            with _long_cells(path):
                row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise DataError(
                Problem(
                    _("the file cannot be read as CSV from line {line} on").format(
                        line=reader.line_num
                    ),
                    path,
                    reader.line_num,
                )
            ) from None
        yield row
