"""Importing careers from other sources into a folder of career files.

What an import may do to the folder, and never more:

- update a file only if its ``origin`` says this source's import wrote it for
  this very record, and it reads well (a hand-edited ``origin`` that is not a
  mapping, or ``fingerprints`` that are not one, leave it untouched);
- create new files only under free names: a file that appears meanwhile is
  never replaced, and a name already taken, by any file, means another name;
- write nothing it has not checked: each file is validated as ``brochure
  check`` will read it before it is written.

Every problem is reported with its record or its file; only the source file
itself being unreadable stops the import (``ImportReport.error``), after the
records read until then.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brochure.errors import BrochureError, Problem
from brochure.files import slugify, write_atomically
from brochure.i18n import N_, _
from brochure.importers.careerfile import career_text, merge_import
from brochure.importers.record import Record, hidden_character, shown
from brochure.source.loader import RETIRED_FOLDER
from brochure.source.model import Career
from brochure.source.problems import validate
from brochure.source.search import fold
from brochure.source.yamlfile import (
    MAX_FILE_BYTES,
    PathKey,
    YamlDocument,
    field_name,
    parse_yaml,
    read_yaml,
)

HEADER = (
    "Imported by `brochure import` from {source} ({id}).\n"
    "Edit freely: a later import updates only the fields nobody has changed\n"
    "(see origin.fingerprints) and keeps everything added by hand."
)

# File names stay far below the 255 bytes file systems allow, temporary
# files' longer names included: a title of any length makes at most 80 characters.
MAX_SLUG = 80
MAX_ID_SLUG = 40
MAX_ID_CHARACTERS = 200
_MAX_NAME_TRIES = 1000
_SURROGATE = re.compile("[\ud800-\udfff]")

LEFT_AS_IT_IS = N_("{problem}: the import left it as it is")


@dataclass
class Imported:
    """What an import did to one career (or, failed, to one file of the folder)."""

    identifier: str  # how the report names the record: "MET.31", "row 5"
    path: Path | None = None
    action: str = ""  # created, updated, unchanged, failed
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    note: str = ""  # why a new file has the name it has, when it is not the title's
    offered: dict[str, Any] = field(default_factory=dict)  # the source's value of each kept


@dataclass
class ImportReport:
    """Every career an import touched, and what it could not read."""

    results: list[Imported] = field(default_factory=list)
    # Files of the folder the import could not read and left as they were.
    warnings: list[Problem] = field(default_factory=list)
    # The source stopped being readable after the records above (a broken XML file).
    error: BrochureError | None = None
    # Careers of this source no longer in it: their files, and where --retire moved them.
    retired: dict[Path, Path | None] = field(default_factory=dict)
    # Why the careers not seen were not moved (records failed, the source broke off).
    retire_note: str = ""

    def count(self, action: str) -> int:
        """How many careers the import left in that state."""
        return sum(1 for result in self.results if result.action == action)


def origin_of(data: dict[str, Any], source: str) -> tuple[str | None, str | None]:
    """Which record of ``source`` a career file's data holds, and what is wrong with it.

    ``(id, None)`` for a file this source's import wrote; ``(None, None)`` for
    any other file; a reason in second place when the file's ``origin`` cannot
    be trusted (edited by hand into something the import cannot read).
    """
    if "origin" not in data:
        return None, None
    origin = data["origin"]
    if not isinstance(origin, dict):
        return None, _("its origin is not a mapping (source:, id:, fingerprints:)")
    if origin.get("source") != source:
        return None, None
    identifier = origin.get("id")
    if not isinstance(identifier, str) or not identifier.strip():
        return None, _("its origin names {source} but no id (origin.id)").format(source=source)
    prints = origin.get("fingerprints", {})
    if not isinstance(prints, dict) or not all(isinstance(v, str) for v in prints.values()):
        return identifier, _("its origin.fingerprints is not a mapping of field: digest")
    return identifier, None


@dataclass
class _Folder:
    """The career files of the output folder before the import."""

    own: dict[str, Path] = field(default_factory=dict)  # record id -> file
    # Files the import will not touch, with the reason: invalid YAML, broken origin.
    refused: dict[Path, str] = field(default_factory=dict)
    # This source's files whose origin names their record but is broken, by record id.
    broken: dict[str, Path] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def existing_imports(folder: Path, source: str) -> dict[str, Path]:
    """Career files of ``folder`` that came from ``source``, by record identifier."""
    return _scan(folder, source).own


def _scan(folder: Path, source: str) -> _Folder:
    found = _Folder()
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = read_yaml(path).data
        except BrochureError as error:
            found.refused[path] = _("it is not a valid career file ({problem})").format(
                problem=_first_problem(error)
            )
            continue
        identifier, reason = origin_of(data, source)
        if reason is not None:
            found.refused[path] = reason
            if identifier is not None:
                found.broken.setdefault(identifier, path)
        elif identifier is not None:
            first = found.own.setdefault(identifier, path)
            if first != path:
                found.warnings.append(
                    Problem(
                        _(
                            "also says it holds {source}'s {id}, like {first}:"
                            " only {name} is updated"
                        ).format(source=source, id=shown(identifier), first=first, name=first.name),
                        path,
                    )
                )
    return found


def _first_problem(error: BrochureError) -> str:
    problem = error.problems[0]
    where = _("line {line}: ").format(line=problem.line) if problem.line else ""
    return f"{where}{problem.message}"


def import_records(
    records: Iterable[Record],
    folder: Path,
    source: str,
    retire: bool = False,
    take_source: frozenset[str] = frozenset(),
) -> ImportReport:
    """Write or update one career file per record in ``folder``.

    Never raises for a record or a file of the folder: each problem is in the
    report. A source that stops being readable (a ``BrochureError`` from
    ``records``) ends the import, and is the report's ``error``.

    The files of careers the source no longer holds are reported; with
    ``retire`` they are moved to ``folder/retired/`` (never deleted), unless
    a record failed or the source broke off, when nobody can tell which are
    gone. Fields named in ``take_source`` take the source's value over a hand edit.
    """
    report = ImportReport()
    existing = _scan(folder, source)
    before = dict(existing.own)
    report.warnings.extend(existing.warnings)
    claimed: set[str] = set()  # names this import created
    first_of: dict[str, str] = {}  # each record id, and the record that first had it
    reported: set[Path] = set()  # refused files already named in a record's problem
    seen: set[str] = set()  # the ids of the records read
    try:
        for record in records:
            if record.data is not None:
                seen.add(record.identifier)
            result = _import_record(
                record, folder, source, existing, claimed, first_of, take_source
            )
            reported.update(problem.path for problem in result.problems if problem.path)
            report.results.append(result)
    except BrochureError as error:
        report.error = error
    for path, reason in existing.refused.items():
        if path not in reported:
            report.warnings.append(Problem(_(LEFT_AS_IT_IS).format(problem=reason), path))
    gone = [path for identifier, path in sorted(before.items()) if identifier not in seen]
    report.retired = dict.fromkeys(gone)
    if gone and retire:
        if report.error is not None or report.count("failed"):
            report.retire_note = _(
                "retired careers not moved: some records could not be read, and these careers"
                " may be among them; correct the source, then import again with --retire"
            )
        else:
            for path in gone:
                report.retired[path] = _retire(path, folder / RETIRED_FOLDER)
    report.warnings.extend(duplicate_titles(folder))
    return report


def _retire(path: Path, retired: Path) -> Path | None:
    """Move a career file into the folder of retired careers, under a free name."""
    retired.mkdir(exist_ok=True)
    for number in range(1, _MAX_NAME_TRIES):
        target = retired / (path.name if number == 1 else f"{path.stem}-{number}{path.suffix}")
        if os.path.lexists(target):
            continue
        try:
            os.link(path, target)  # fails if the name was taken meanwhile
        except FileExistsError:
            continue
        except OSError:
            return None
        path.unlink()
        return target
    return None


def _names(data: dict[str, Any]) -> list[str]:
    names = [data.get("title")]
    aliases = data.get("also_known_as")
    if isinstance(aliases, list):
        names.extend(aliases)
    return [name for name in names if isinstance(name, str) and name.strip()]


def duplicate_titles(folder: Path) -> list[Problem]:
    """Career files of ``folder`` whose title or other names are another file's."""
    owners: dict[str, Path] = {}
    problems = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            data = read_yaml(path).data
        except BrochureError:
            continue  # said elsewhere
        names = {fold(name): name for name in reversed(_names(data))}
        for folded, name in names.items():
            first = owners.setdefault(folded, path)
            if first != path:
                problems.append(
                    Problem(
                        _(
                            "is named '{name}', like {first}: a booklet or the site"
                            " would list both; rename one, or keep one of the files"
                        ).format(name=shown(name), first=first.name),
                        path,
                    )
                )
    return problems


def _import_record(
    record: Record,
    folder: Path,
    source: str,
    existing: _Folder,
    claimed: set[str],
    first_of: dict[str, str],
    take_source: frozenset[str] = frozenset(),
) -> Imported:
    if record.data is None:
        return Imported(record.label, action="failed", problems=record.problems)
    problem = _identifier_problem(record.identifier)
    if problem:
        return _failed(record, problem)
    half = _half_character(record.data)
    if half is not None:
        return _failed(
            record,
            Problem(
                _("holds {escape}, half of a character, which no text file can hold").format(
                    escape=f"\\u{ord(half[1]):04x}"
                ),
                field=field_name(half[0]) or None,
            ),
        )
    first = first_of.get(record.identifier)
    if first is not None:  # the readers say so first; this keeps any source safe
        return _failed(
            record,
            _("has the same id as {first}, imported above: give each record its own id").format(
                first=first
            ),
        )
    first_of[record.identifier] = record.label
    try:
        return _import_one(record, folder, source, existing, claimed, take_source)
    except OSError as error:
        return _failed(
            record,
            _(
                "could not be written in {folder} ({reason}): check that the folder exists"
                " and can be written to, then import again"
            ).format(folder=folder, reason=error.strerror or error),
        )


def _identifier_problem(identifier: str) -> str:
    hidden = hidden_character(identifier)
    if hidden is not None:
        return _(
            "its id '{id}' holds a control or invisible character (U+{code}): remove it"
        ).format(id=shown(identifier), code=f"{ord(hidden):04X}")
    if len(identifier) > MAX_ID_CHARACTERS:
        return _("its id is {length} characters long; an id may have at most {limit}").format(
            length=len(identifier), limit=MAX_ID_CHARACTERS
        )
    return ""


def _failed(record: Record, *problems: Problem | str) -> Imported:
    return Imported(
        record.label,
        action="failed",
        problems=[p if isinstance(p, Problem) else Problem(p) for p in problems],
    )


def _import_one(
    record: Record,
    folder: Path,
    source: str,
    existing: _Folder,
    claimed: set[str],
    take_source: frozenset[str] = frozenset(),
) -> Imported:
    identifier, data = record.identifier, record.data
    assert data is not None
    broken = existing.broken.get(identifier)
    if broken is not None:
        return _failed(
            record,
            Problem(
                _(
                    "holds this career, but {reason}: the import left it as it is;"
                    " correct it, or delete origin.fingerprints to keep every field as it is,"
                    " then import again"
                ).format(reason=existing.refused[broken]),
                broken,
            ),
        )
    path = existing.own.get(identifier)
    if path is not None:
        return _update(record, path, source, take_source)

    stem = _stem(data["title"], MAX_SLUG)
    names = [f"{stem}.yaml", f"{stem}-{_stem(identifier, MAX_ID_SLUG)}.yaml"]
    for name in names:
        reason = existing.refused.get(folder / name)
        if reason is not None:
            return _failed(
                record,
                Problem(
                    _(
                        "may hold this career, but {reason}: the import left it as it is;"
                        " correct it, then import again"
                    ).format(reason=reason),
                    folder / name,
                ),
            )
    merge = merge_import(None, data)
    text = career_text(merge.data, HEADER.format(source=data["origin"]["source"], id=identifier))
    problems = _problems(text, folder / names[0])
    if problems:
        return _failed(record, *problems)
    path = _create(folder, _free_names(names, claimed), text.encode("utf-8"))
    if path is None:
        return _failed(
            record,
            _("found no free file name in {folder} (tried {name} and more)").format(
                folder=folder, name=names[0]
            ),
        )
    claimed.add(path.name)
    existing.own[identifier] = path
    taken = names[: names.index(path.name)] if path.name in names else names
    note = ""
    if len(taken) == 1:
        note = _("{name} is taken by another file").format(name=taken[0])
    elif taken:
        note = _("{names} are taken by other files").format(names=_(" and ").join(taken))
    return Imported(record.label, path, "created", merge.updated, note=note)


def _update(
    record: Record, path: Path, source: str, take_source: frozenset[str] = frozenset()
) -> Imported:
    """Update the file an earlier import wrote for this record, keeping hand edits."""
    identifier, data = record.identifier, record.data
    assert data is not None
    try:
        # Read again: the file may have changed since the folder was scanned.
        document = read_yaml(path)
    except BrochureError as error:
        return _failed(
            record, Problem(_(LEFT_AS_IT_IS).format(problem=_first_problem(error)), path)
        )
    owner, reason = origin_of(document.data, source)
    if reason is not None or owner != identifier:
        why = reason or _("it no longer says it holds this career")
        changed = _("changed during the import: {why}").format(why=why)
        return _failed(record, Problem(_(LEFT_AS_IT_IS).format(problem=changed), path))
    merge = merge_import(document.data, data, take_source)
    text = career_text(merge.data, HEADER.format(source=data["origin"]["source"], id=identifier))
    problems = _problems(text, path)
    if problems:
        return _failed(record, *_existing_problems(document, path, problems))
    if not merge.changed:
        return Imported(record.label, path, "unchanged", kept=merge.kept, offered=merge.offered)
    write_atomically(path, text.encode("utf-8"))
    return Imported(record.label, path, "updated", merge.updated, merge.kept, offered=merge.offered)


def _half_character(value: Any, key: PathKey = ()) -> tuple[PathKey, str] | None:
    """Where a text holds a lone surrogate (``"\\ud800"`` in YAML), which UTF-8 cannot write."""
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        return (key, found.group()) if found else None
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for name, item in items:
        half = _half_character(item, (*key, name))
        if half is not None:
            return half
    return None


def _problems(text: str, path: Path) -> list[Problem]:
    """Why the text of a career file cannot be written, if it cannot."""
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        return [
            Problem(
                _(
                    "its career file would be {size} KiB; a career file may hold at most"
                    " {limit} KiB"
                ).format(size=size // 1024, limit=MAX_FILE_BYTES // 1024)
            )
        ]
    try:
        # Validate the text to be written, read as `brochure check` will read it.
        validate(parse_yaml(text, path), Career)
    except BrochureError as error:
        # The file is not written: its lines mean nothing to the reader.
        return [Problem(problem.message, field=problem.field) for problem in error.problems]
    return []


def _existing_problems(
    document: YamlDocument, path: Path, problems: list[Problem]
) -> list[Problem]:
    """When an update is not valid, blame the file if the fault is in it already."""
    try:
        validate(document, Career)
    except BrochureError as error:
        return [
            Problem(
                _(
                    "is not a valid career file: the import left it as it is; correct it,"
                    " then import again"
                ),
                path,
            ),
            *error.problems,
        ]
    return problems


def _stem(text: str, length: int) -> str:
    """A file name's stem from a title or an id, cut at a hyphen if it is long."""
    slug = slugify(text)
    if len(slug) <= length:
        return slug
    cut = slug[:length]
    hyphen = cut.rfind("-")
    return (cut[:hyphen] if hyphen > length // 2 else cut).strip("-")


def _free_names(names: list[str], claimed: set[str]) -> Iterator[str]:
    """The names a new file may take, in order of preference."""
    stem = names[-1].removesuffix(".yaml")
    candidates = [*names, *(f"{stem}-{number}.yaml" for number in range(2, _MAX_NAME_TRIES))]
    return (name for name in candidates if name not in claimed)


def _create(folder: Path, names: Iterable[str], data: bytes) -> Path | None:
    """Write ``data`` as a new file under the first of ``names`` no file has; None if none.

    The file is written whole beside its place, then linked there: if a file
    took the name meanwhile, the link fails and the next name is tried; a
    reader never sees half a file.
    """
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".brochure-import.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _new_file_mode())
        for name in names:
            target = folder / name
            if os.path.lexists(target):
                continue
            try:
                os.link(temporary, target)
            except FileExistsError:
                continue
            except OSError:  # a file system without hard links (FAT): create it in place
                if not _create_in_place(target, data):
                    continue
            return target
        return None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _create_in_place(target: Path, data: bytes) -> bool:
    """Create ``target`` if no file has its name, and write it; False if one has."""
    try:
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _new_file_mode())
    except FileExistsError:
        return False
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
    except BaseException:
        target.unlink(missing_ok=True)  # ours, and half written
        raise
    return True


def _new_file_mode() -> int:
    umask = os.umask(0o022)  # reading the umask means setting it: put it back at once
    os.umask(umask)
    return 0o666 & ~umask
