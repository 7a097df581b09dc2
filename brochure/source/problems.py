"""Validation problems said plainly, each at the line and column the author wrote.

One formatter for everything validated against a model: career files,
``brochure.yaml``, imported records and spreadsheet rows.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Literal, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from brochure.errors import BrochureError, DataError, Problem, one_of
from brochure.source.yamlfile import YamlDocument, field_name

Model = TypeVar("Model", bound=BaseModel)

# The error types of our own validators (PydanticCustomError) start with this;
# any other error is pydantic's, whose wording is never shown as it is.
OWN_ERROR_PREFIX = "brochure_"


def validate(
    document: YamlDocument, model: type[Model], error_type: type[BrochureError] = DataError
) -> Model:
    """Validate a YAML document against ``model``; raise ``error_type`` listing every problem.

    Career data raises DataError; the configuration raises UsageError.
    """
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        raise error_type(validation_problems(document, error, model)) from None


def validation_problems(
    document: YamlDocument, error: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """Each validation error of a YAML document, located and said plainly."""
    problems = []
    for item in error.errors():
        loc = clean_loc(item["loc"], document.data)
        message = plain_message(item, loc, model)
        # A missing field has no place of its own: point at its parent.
        at_key = item["type"] == "extra_forbidden"
        line, column = document.locate(loc, at_key=at_key) or (None, None)
        problems.append(Problem(message, document.path, line, column, field_name(loc) or None))
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))


# Names pydantic puts in a location for its validators, never typed by a user:
# "function-after[_text(), str]", "tagged-union[...]"...
_VALIDATOR_STEP = re.compile(r"^[a-z][a-z-]*\[.*\]$", re.DOTALL)


def clean_loc(loc: tuple[Any, ...], data: object = None) -> tuple[str | int, ...]:
    """A validation error's location as the user wrote it: keys and list positions.

    With ``data`` (what the file holds), a part that is one of its keys is
    always kept, even when it looks like a validator's name ("notes[1]").
    """
    parts: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            parts.append(part)
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
        elif isinstance(node, dict) and part in node:
            parts.append(part)
            node = node[part]
        elif not _VALIDATOR_STEP.match(str(part)):
            parts.append(str(part))
            node = None
    return tuple(parts)


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
    if kind == "extra_forbidden" and loc:
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
        return f"should be {one_of(_literal_choices(model, loc))}, not '{value}'"
    if kind.startswith(OWN_ERROR_PREFIX):
        # One of our own validators' errors: already plain.
        return str(item["msg"])
    return f"is not a value this field takes ({kind})"


def _literal_choices(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The values a Literal field at ``loc`` takes."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return []
    parent = _model_at(model, tuple(names[:-1]))
    field = parent.model_fields.get(names[-1]) if parent is not None else None
    if field is None:
        return []
    return [str(arg) for arg in _literal_args(field.annotation)]


def _literal_args(annotation: Any) -> list[Any]:
    if get_origin(annotation) is Literal:
        return list(get_args(annotation))
    return [value for arg in get_args(annotation) for value in _literal_args(arg)]


def _known_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names allowed at ``loc``, following the model's nested types."""
    found = _model_at(model, loc)
    return list(found.model_fields) if found is not None else []


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model of the mapping at ``loc``, following the model's nested types."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current is not None else None
        if field is None:
            return None
        current = _model_in(field.annotation)
    return current


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``Model``, ``Model | None`` or ``list[Model]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
