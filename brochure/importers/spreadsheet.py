"""Reading careers from a spreadsheet saved as CSV, one row per career.

French spreadsheets export with ``;`` between cells (the comma is the decimal
mark); others use ``,``: the header row tells which. Cells that hold several
values separate them with ``|`` or line breaks. The columns are documented
in the README; an unknown column is an error, so a typo never loses data.

The csv module reads the file itself: only CR and LF end a row, so a form
feed or U+2028 typed in a cell stays in it. Two rows with one id (or, without
ids, with titles that make one file name) are reported: the second fails,
naming the first, as does a cell longer than a whole career may be.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from brochure.errors import DataError, Problem
from brochure.files import slugify
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
                f"'{_excerpt(entry)}' should read 'label : min-max' (min or max may be left out),"
                " e.g. 'Débutant : 1800-2100'"
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
            raise ValueError(f"'{_excerpt(entry)}' should read 'label : value'")
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
                f"holds {_spaced(len(cell))} characters, more than a whole career may hold"
                f" ({_spaced(MAX_TEXT_CHARACTERS)}): shorten it",
            )
        if not cell or column == "id":
            continue
        try:
            if column in TEXT_COLUMNS:
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
    close = difflib.get_close_matches(name, COLUMNS, n=1)
    return f"did you mean '{close[0]}'?" if close else f"columns: {', '.join(COLUMNS)}"


def read_rows(path: Path) -> Iterator[Record]:
    """Yield the career of each row of a CSV file, or the row's problems."""
    _check_utf8(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            yield from _read_table(path, file)
    except UnicodeDecodeError:  # the file changed since it was checked
        raise DataError(Problem(_not_utf8("since the import started"), path)) from None
    except OSError as error:
        raise DataError(Problem(f"cannot be read ({error.strerror or error})", path)) from None


def _not_utf8(where: str) -> str:
    return f"the file is not UTF-8 ({where}): export it as CSV UTF-8"


def _check_utf8(path: Path) -> None:
    """Refuse a file that is not UTF-8 before reading any row, naming the first bad byte."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = lines = 0  # bytes and line breaks before the current chunk
    try:
        with path.open("rb") as file:
            while chunk := file.read(1024 * 1024):
                pending = len(decoder.getstate()[0])  # the start of a character cut in two
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as error:
                    start = offset - pending + error.start
                    line = lines + error.object[: error.start].count(b"\n") + 1
                    raise DataError(
                        Problem(_not_utf8(f"byte {start}, line {line}"), path, line)
                    ) from None
                offset += len(chunk)
                lines += chunk.count(b"\n")
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                message = _not_utf8(f"its last character is cut, line {lines + 1}")
                raise DataError(Problem(message, path, lines + 1)) from None
    except OSError as error:
        raise DataError(Problem(f"cannot be read ({error.strerror or error})", path)) from None


def _read_table(path: Path, file: TextIO) -> Iterator[Record]:
    header = file.readline()
    delimiter = ";" if header.count(";") >= header.count(",") and ";" in header else ","
    reader = csv.DictReader(itertools.chain([header], file), delimiter=delimiter)
    try:
        with _long_cells(path):
            columns = [name.strip() for name in reader.fieldnames or []]
    except csv.Error:
        raise DataError(Problem("the header row cannot be read as CSV", path, 1)) from None
    problems = [
        Problem(f"unknown column '{shown(name)}' ({_suggest(name)})", path, 1)
        for name in columns
        if name not in COLUMNS
    ] + [
        Problem(f"the column '{name}' is missing from the header row", path, 1)
        for name in REQUIRED_COLUMNS
        if name not in columns
    ]
    if len(set(columns)) != len(columns):
        problems.append(Problem("a column appears twice in the header row", path, 1))
    if problems:
        raise DataError(problems)
    reader.fieldnames = columns
    rows_of_ids: dict[str, int] = {}  # each id, and the first row that has it
    for number, row in enumerate(_each_row(path, reader), start=2):
        name = f"row {number}"
        if None in row:
            yield Record.failed(name, "has more cells than the header has columns")
            continue
        duplicate = _duplicate(row, number, rows_of_ids)
        if duplicate:
            yield Record.failed(name, Problem(duplicate, field="column id"))
            continue
        try:
            data = _row_data(row)
        except _CellError as error:
            yield Record.failed(name, Problem(str(error), field=f"column {error.column}"))
            continue
        try:
            Career.model_validate({k: v for k, v in data.items() if k != "origin"})
        except ValidationError as error:
            problems = []
            for item in error.errors():
                loc = clean_loc(item["loc"])
                message = plain_message(item, loc, Career)
                column = _column_of(loc)
                problems.append(Problem(message, field=f"column {column}" if column else None))
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
        return (
            f"the id '{shown(identifier)}' is already the id of row {first}:"
            " give each row its own id"
        )
    return (
        f"has no id, and its title gives the same file name ('{identifier}') as row {first}:"
        " give the rows different ids in the column id, or different titles"
    )


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


def _each_row(path: Path, reader: csv.DictReader[str]) -> Iterator[dict[str | Any, str | Any]]:
    """The rows of ``reader``; a line the csv module cannot read ends the file."""
    while True:
        try:
            with _long_cells(path):
                row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise DataError(
                Problem(
                    f"the file cannot be read as CSV from line {reader.line_num} on",
                    path,
                    reader.line_num,
                )
            ) from None
        yield row
