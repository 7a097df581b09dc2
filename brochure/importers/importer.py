"""Importing careers from other sources into a folder of career files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brochure.errors import BrochureError, Problem
from brochure.files import slugify, write_atomically
from brochure.importers.careerfile import career_text, merge_import
from brochure.importers.record import Record
from brochure.source.model import Career
from brochure.source.problems import validate
from brochure.source.yamlfile import parse_yaml, read_yaml

HEADER = (
    "Imported by `brochure import` from {source} ({id}).\n"
    "Edit freely: a later import updates only the fields nobody has changed\n"
    "(see origin.fingerprints) and keeps everything added by hand."
)


@dataclass
class Imported:
    """What an import did to one career."""

    identifier: str
    path: Path | None = None
    action: str = ""  # created, updated, unchanged, failed
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ImportReport:
    """Every career an import touched."""

    results: list[Imported] = field(default_factory=list)

    def count(self, action: str) -> int:
        """How many careers the import left in that state."""
        return sum(1 for result in self.results if result.action == action)


def existing_imports(folder: Path, source: str) -> dict[str, Path]:
    """Career files of ``folder`` that came from ``source``, by record identifier."""
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.yaml")):
        try:
            origin = read_yaml(path).data.get("origin")
        except BrochureError:
            continue  # a broken file is not ours to touch; the user will see it in check
        if isinstance(origin, dict) and origin.get("source") == source and origin.get("id"):
            found[str(origin["id"])] = path
    return found


def import_records(
    records: Iterable[Record],
    folder: Path,
    source: str,
) -> ImportReport:
    """Write or update one career file per record in ``folder``."""
    report = ImportReport()
    known = existing_imports(folder, source)
    taken = {path.name for path in folder.glob("*.yaml")} if folder.is_dir() else set()
    for record in records:
        if record.data is None:
            report.results.append(
                Imported(record.identifier, action="failed", problems=record.problems)
            )
            continue
        report.results.append(_import_one(record.identifier, record.data, folder, known, taken))
    return report


def _import_one(
    identifier: str,
    data: dict[str, Any],
    folder: Path,
    known: dict[str, Path],
    taken: set[str],
) -> Imported:
    path = known.get(identifier)
    existing = None
    if path is not None:
        existing = read_yaml(path).data
    else:
        name = f"{slugify(data['title'])}.yaml"
        if name in taken:  # two careers with one name: tell them apart by identifier
            name = f"{slugify(data['title'])}-{slugify(identifier)}.yaml"
        path = folder / name
    merge = merge_import(existing, data)
    text = career_text(merge.data, HEADER.format(source=data["origin"]["source"], id=identifier))
    try:
        # Validate the text to be written, read as `brochure check` will read it.
        validate(parse_yaml(text, path), Career)
    except BrochureError as error:
        # The file is not written: its lines mean nothing to the reader.
        problems = [Problem(problem.message, field=problem.field) for problem in error.problems]
        return Imported(identifier, path, "failed", problems=problems)
    if existing is not None and not merge.changed:
        return Imported(identifier, path, "unchanged", kept=merge.kept)
    write_atomically(path, text.encode("utf-8"))
    taken.add(path.name)
    known[identifier] = path
    action = "created" if existing is None else "updated"
    return Imported(identifier, path, action, merge.updated, merge.kept)
