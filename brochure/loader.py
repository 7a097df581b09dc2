"""Finding career files and loading them into validated models."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import BrochureError, Problem
from .model import Career
from .yamlsource import YamlDocument, field_name, read_yaml

CAREER_SUFFIXES = (".yaml", ".yml")


def find_career_files(paths: Iterable[Path]) -> list[Path]:
    """List the career files named by ``paths`` (files, or folders searched recursively).

    Raises BrochureError naming every path that does not exist or holds no
    career file.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.suffix in CAREER_SUFFIXES and p.is_file()
            )
            if not files:
                problems.append(Problem("no career file (*.yaml) in this folder", path))
            found.extend(files)
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Problem("no such file or folder", path))
    if problems:
        raise BrochureError(problems)
    # The same file named twice (a folder and a file in it) is built once.
    return list(dict.fromkeys(found))


def load_career(path: Path) -> Career:
    """Read and validate one career file; raise BrochureError listing every problem."""
    document = read_yaml(path)
    try:
        return Career.model_validate(document.data)
    except ValidationError as error:
        raise BrochureError(validation_problems(document, error, Career)) from None


def validation_problems(
    document: YamlDocument, error: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """Each validation error of a YAML document, located and said plainly."""
    problems = []
    for item in error.errors():
        loc = _clean_loc(item["loc"])
        message = plain_message(item, loc, model)
        # A missing field has no place of its own: point at its parent.
        at_key = item["type"] == "extra_forbidden"
        line, column = document.locate(loc, at_key=at_key) or (None, None)
        problems.append(Problem(message, document.path, line, column, field_name(loc) or None))
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))


def _clean_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    # Pydantic adds the names of validator functions to locations inside
    # annotated or union types ("function-after[...]"); users never typed those.
    return tuple(part for part in loc if isinstance(part, int) or "[" not in str(part))


def _kind(value: object) -> str:
    if value == "":
        return "an empty value"
    if isinstance(value, dict):
        return "a mapping of fields"
    if isinstance(value, list):
        return "a list"
    return f"the text '{value}'"


def plain_message(item: Any, loc: tuple[str | int, ...], model: type[BaseModel]) -> str:
    """A pydantic error said in plain language."""
    kind = item["type"]
    value = item.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        known = _known_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(known)}"
        return f"unknown field ({hint})"
    if kind in ("string_type", "str_type"):
        return f"should be text, not {_kind(value)}"
    if kind == "list_type":
        return f"should be a list, not {_kind(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"should be a mapping of fields, not {_kind(value)}"
    if kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        return f"should be one of {expected}, not '{value}'"
    # Our own validators already speak plainly.
    return str(item["msg"]).removeprefix("Value error, ")


def _known_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names allowed at ``loc``, following the model's nested types."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return []
        current = _model_in(field.annotation)
        if current is None:
            return []
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``Model``, ``Model | None`` or ``list[Model]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
