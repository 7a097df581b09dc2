"""Writing career files, and re-imports that keep what counsellors added.

Imported careers are plain career files: people edit them. Each keeps, in
``origin.fingerprints``, a digest of every field as the import wrote it. A
later import replaces a field only while its digest still matches, that is
while nobody has changed it; a field edited by hand, or added by hand (salary
figures, notable people...), is kept and the report says so.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from brochure.source.model import Career

# The fields an import may fill in, in the order a career file lists them.
FIELD_ORDER = list(Career.model_fields)

# Sections are fingerprinted key by key, so that a counsellor who adds items
# to an imported section does not stop its introduction from being updated.
_SECTION_FIELDS = {"missions", "skills", "training", "workplaces", "outlook", "salary"}


def fingerprint(value: Any) -> str:
    """A short, stable digest of a value as written in a career file."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _paths(data: dict[str, Any]) -> dict[str, Any]:
    """The fingerprinted parts of a career: ``missions.intro``, ``title``..."""
    parts: dict[str, Any] = {}
    for key, value in data.items():
        if key == "origin":
            continue
        if key in _SECTION_FIELDS and isinstance(value, dict):
            parts.update({f"{key}.{sub}": sub_value for sub, sub_value in value.items()})
        else:
            parts[key] = value
    return parts


def _get(data: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _settable(data: dict[str, Any], path: str) -> bool:
    """Whether each parent of ``path`` is a mapping or missing (not text or a list)."""
    *parents, _ = path.split(".")
    for part in parents:
        data = data.get(part, {})
        if not isinstance(data, dict):
            return False
    return True


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _delete(data: dict[str, Any], path: str) -> None:
    *parents, last = path.split(".")
    parent = _get(data, ".".join(parents)) if parents else data
    if isinstance(parent, dict):
        parent.pop(last, None)
        if parents and not parent:
            _delete(data, ".".join(parents))


@dataclass
class Merge:
    """A career file's data after an import, and what the import did to it."""

    data: dict[str, Any]
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited by hand: not replaced
    # What the source says now for each field kept, where it says something.
    offered: dict[str, Any] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """Whether the import changed anything in the file."""
        return bool(self.updated)


def taken(path: str, take_source: frozenset[str]) -> bool:
    """Whether ``--take-source`` names this field (``skills`` names ``skills.items`` too)."""
    return "all" in take_source or any(
        path == name or path.startswith(f"{name}.") for name in take_source
    )


def merge_import(
    existing: dict[str, Any] | None,
    imported: dict[str, Any],
    take_source: frozenset[str] = frozenset(),
) -> Merge:
    """Apply a fresh import over a career file's data, keeping hand edits.

    A field named in ``take_source`` takes the source's value even if edited by hand.

    ``imported`` carries its own ``origin`` (without fingerprints); the result
    records the fingerprints of what the import wrote. ``existing`` is a
    career file's data whose ``origin`` is a mapping with, if any,
    ``fingerprints`` a mapping of texts (the importer checks both); any other
    field may hold anything a person wrote.
    """
    origin = dict(imported["origin"])
    if existing is None:
        data = dict(imported)
        data["origin"] = origin | {
            "fingerprints": {path: fingerprint(v) for path, v in _paths(imported).items()}
        }
        return Merge(_ordered(data), updated=sorted(_paths(imported)))

    data = json.loads(json.dumps(existing))  # a deep copy of plain data
    previous = dict(existing.get("origin", {}).get("fingerprints", {}))
    prints: dict[str, str] = {}
    merge = Merge(data)
    new_parts = _paths(imported)
    for path in sorted(set(new_parts) | set(previous)):
        new = new_parts.get(path)
        if not _settable(data, path):
            # A section replaced by hand with text or a list: the counsellor's version wins.
            if path in previous:
                prints[path] = previous[path]
            if new is not None:
                merge.kept.append(path)
                merge.offered[path] = new
            continue
        current = _get(data, path)
        untouched = (
            path in previous and current is not None and fingerprint(current) == previous[path]
        ) or (taken(path, take_source) and new is not None)
        if current is None and path in previous and not untouched:
            # Deleted by hand since the last import: leave it out.
            prints[path] = previous[path]
            merge.kept.append(path)
            if new is not None:
                merge.offered[path] = new
        elif current is None or untouched:
            if new is None:
                _delete(data, path)
            else:
                prints[path] = fingerprint(new)
                if new != current:
                    _set(data, path, new)
            if new != current:
                merge.updated.append(path)
        else:
            # Written or changed by hand: the counsellor's version wins.
            if path in previous:
                prints[path] = previous[path]
            if new is not None and new != current:
                merge.kept.append(path)
                merge.offered[path] = new
    data["origin"] = {k: v for k, v in data.get("origin", {}).items() if k != "fingerprints"}
    data["origin"] |= {k: v for k, v in origin.items() if k != "fingerprints"}
    data["origin"]["fingerprints"] = prints
    if data["origin"] != existing.get("origin") and not merge.updated:
        merge.updated.append("origin")
    return Merge(_ordered(data), merge.updated, merge.kept, merge.offered)


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    known = [key for key in FIELD_ORDER if key in data]
    return {key: data[key] for key in known + [k for k in data if k not in known]}


# libyaml's emitter is about ten times faster than PyYAML's own, which
# matters when an import writes a thousand files.
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Block style, paragraphs as literal blocks, recap rows on one line."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


class _Row(list):  # type: ignore[type-arg]
    """A recap row, written on one line: ``- [Niveau, CAP]``."""


_Dumper.add_representer(
    _Row, lambda dumper, row: dumper.represent_sequence("tag:yaml.org,2002:seq", row, True)
)


def dump_career(data: dict[str, Any]) -> str:
    """A career's data as YAML that ``brochure`` reads back unchanged."""
    if isinstance(data.get("recap"), list):
        data = data | {"recap": [_Row(row) for row in data["recap"]]}
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=88,
        default_flow_style=False,
    )


def career_text(data: dict[str, Any], header: str = "") -> str:
    """The text of a career file, with an optional comment at the top."""
    comment = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    return comment + dump_career(data)
