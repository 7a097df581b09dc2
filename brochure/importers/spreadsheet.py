"""Reading careers from a spreadsheet saved as CSV, one row per career.

French spreadsheets export with ``;`` between cells (the comma is the decimal
mark); others use ``,``: the header row tells which. Cells that hold several
values separate them with ``|`` or line breaks. The columns are documented
in the README; an unknown column is an error, so a typo never loses data.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from brochure.errors import DataError, Problem
from brochure.files import slugify
from brochure.importers.record import Record
from brochure.source.model import Career
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

_SEPARATOR = re.compile(r"\s*(?:\||\r?\n)\s*")
_LEVEL = re.compile(r"^(?P<label>.+?)\s*:\s*(?P<min>[\d  .,]*?)\s*(?:-|–|à)\s*(?P<max>[\d  .,]*)$")
_URL = re.compile(r"(?:https?://|mailto:)\S+$", re.IGNORECASE)


def _values(cell: str) -> list[str]:
    return [value for value in _SEPARATOR.split(cell.strip()) if value]


def _salary_levels(cell: str) -> list[dict[str, str]]:
    """``Débutant : 1800-2100 | Senior : 3500-`` -> salary levels."""
    levels = []
    for entry in _values(cell):
        match = _LEVEL.match(entry)
        if match is None:
            raise ValueError(
                f"'{entry}' should read 'label : min-max' (min or max may be left out),"
                " e.g. 'Débutant : 1800-2100'"
            )
        level = {"label": match["label"]}
        level |= {bound: match[bound].strip() for bound in ("min", "max") if match[bound].strip()}
        levels.append(level)
    return levels


def _recap(cell: str) -> list[list[str]]:
    """``Niveau : Bac+2 | Statut : salarié`` -> recap rows."""
    rows = []
    for entry in _values(cell):
        label, colon, value = entry.partition(" : ")
        if not colon:
            label, colon, value = entry.partition(": ")
        if not colon or not label.strip() or not value.strip():
            raise ValueError(f"'{entry}' should read 'label : value'")
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


def _column_of(loc: tuple[Any, ...]) -> str:
    """The spreadsheet column a validation error's location comes from."""
    names = tuple(str(part) for part in loc if not isinstance(part, int))
    for column, place in {**TEXT_COLUMNS, **LIST_COLUMNS}.items():
        if names[: len(place)] == place:
            return column
    if names[:2] == ("salary", "levels"):
        return "salary_levels"
    return names[0] if names else "?"


def _suggest(name: str) -> str:
    close = difflib.get_close_matches(name, COLUMNS, n=1)
    return f"did you mean '{close[0]}'?" if close else f"columns: {', '.join(COLUMNS)}"


def read_rows(path: Path) -> Iterator[Record]:
    """Yield the career of each row of a CSV file, or the row's problems."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(
            Problem(f"the file is not UTF-8 (byte {error.start}): export it as CSV UTF-8", path)
        ) from None
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") >= header.count(",") and ";" in header else ","
    reader = csv.DictReader(text.splitlines(keepends=True), delimiter=delimiter)
    columns = [name.strip() for name in reader.fieldnames or []]
    problems = [
        Problem(f"unknown column '{name}' ({_suggest(name)})", path, 1)
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
    for number, row in enumerate(reader, start=2):
        name = f"row {number}"
        if None in row:
            yield Record.failed(name, "has more cells than the header has columns")
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
                problems.append(Problem(message, field=f"column {_column_of(loc)}"))
            yield Record.failed(name, *problems)
            continue
        yield Record(data["origin"]["id"], data)
