"""Validation problems said plainly, each at the line and column the author wrote.

One formatter for everything validated against a model: career files,
``brochure.yaml``, imported records and spreadsheet rows.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any, Literal, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from brochure.errors import BrochureError, DataError, Problem, one_of
from brochure.i18n import _
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
        line, column = document.locate(loc, at_key=item["type"] == "extra_forbidden") or (
            None,
            None,
        )
        message = _explained(message, item, document.source_line(line), column)
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


def _explained(message: str, item: Any, line: str, column: int | None) -> str:
    """A message with the YAML mistake that caused it, read from the line written."""
    kind, value = item["type"], item.get("input")
    written = line[column - 1 :].rstrip() if column else ""
    if kind == "brochure_empty_text" and "#" in written:
        text = written[written.index("#") :]
        return _(
            "is empty: '#' starts a comment in YAML, so what follows it was left out;"
            ' put the text in double quotes: "{text}"'
        ).format(text=text)
    if kind in ("string_type", "str_type") and written:
        # "Curiosité : les langages" is a sentence; "x: y" may be a mapping meant.
        if isinstance(value, dict) and len(value) == 1 and not re.fullmatch(r"[a-z_]+", *value):
            return _(
                "should be text, not a mapping of fields: the ':' followed by a space inside"
                " it made YAML read a field; put the whole text in double quotes:"
                ' "{text}"'
            ).format(text=_escaped(written))
        if isinstance(value, list) and written.startswith("["):
            return _(
                "should be text, not a list: a text starting with '[' is read as a list by"
                ' YAML; put the whole text in double quotes: "{text}"'
            ).format(text=_escaped(written))
    return message


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


# Field names as a French author may write them, accents and case left out.
FRENCH_FIELDS = {
    "titre": "title",
    "metier": "title",
    "intitule": "title",
    "nom": "name",
    "appellations": "also_known_as",
    "autres noms": "also_known_as",
    "synonymes": "also_known_as",
    "secteur": "sector",
    "secteurs": "sectors",
    "mise a jour": "updated",
    "date": "updated",
    "langue": "language",
    "resume": "summary",
    "description": "description",
    "presentation": "summary",
    "activites": "missions",
    "taches": "missions",
    "competences": "skills",
    "qualites": "skills",
    "formation": "training",
    "formations": "training",
    "etudes": "training",
    "niveau": "level",
    "specialisations": "specializations",
    "specialites": "specializations",
    "lieux de travail": "workplaces",
    "lieux": "workplaces",
    "employeurs": "workplaces",
    "salaire": "salary",
    "salaires": "salary",
    "remuneration": "salary",
    "niveaux": "levels",
    "devise": "currency",
    "periode": "period",
    "base": "basis",
    "libelle": "label",
    "minimum": "min",
    "maximum": "max",
    "remarque": "note",
    "evolutions": "career_paths",
    "evolution": "career_paths",
    "parcours": "career_paths",
    "personnalites": "notable_people",
    "recapitulatif": "recap",
    "statuts": "statuses",
    "statut": "statuses",
    "debouches": "outlook",
    "perspectives": "outlook",
    "interets": "interests",
    "centres d'interet": "interests",
    "metiers lies": "related_careers",
    "metiers proches": "related_careers",
    "codes rome": "rome_codes",
    "rome": "rome_codes",
    "elements": "items",
    "liste": "items",
    "points": "items",
    "introduction": "intro",
    "lien": "url",
    "adresse": "url",
}


def _folded(name: str) -> str:
    """A key without accents, case, underscores or dashes: "Compétences" -> "competences"."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return re.sub(r"[\s_-]+", " ", plain).strip()


def _suggestion(name: str, known: list[str]) -> str | None:
    """The known field an unknown key most likely means, French names included."""
    french = FRENCH_FIELDS.get(_folded(name))
    if french in known:
        return french
    close = difflib.get_close_matches(name, known, n=1)
    return close[0] if close else None


def _kind(value: object) -> str:
    if value == "":
        return _("an empty value")
    if isinstance(value, dict):
        return _("a mapping of fields")
    if isinstance(value, list):
        return _("a list")
    return _("the text '{text}'").format(text=value)


def plain_message(item: Any, loc: tuple[str | int, ...], model: type[BaseModel]) -> str:
    """A pydantic error said in plain language."""
    kind = item["type"]
    value = item.get("input")
    if kind == "missing":
        return _("is required but missing")
    if kind == "extra_forbidden" and loc:
        known = _known_fields(model, loc[:-1])
        close = _suggestion(str(loc[-1]), known)
        if close:
            return _("unknown field (did you mean '{field}'?)").format(field=close)
        return _("unknown field (known fields: {fields})").format(fields=", ".join(known))
    if kind in ("string_type", "str_type"):
        return _("should be text, not {kind}").format(kind=_kind(value))
    if kind == "list_type":
        return _("should be a list, not {kind}").format(kind=_kind(value))
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("should be a mapping of fields, not {kind}").format(kind=_kind(value))
    if kind == "literal_error":
        return _("should be {choices}, not '{value}'").format(
            choices=one_of(_literal_choices(model, loc)), value=value
        )
    if kind.startswith(OWN_ERROR_PREFIX):
        # One of our own validators' errors: already plain, said in the user's language.
        context = dict(item.get("ctx") or {})
        template = context.pop("template", None)
        if isinstance(template, str):
            return _(template).format(**context)
        return str(item["msg"])
    return _("is not a value this field takes ({kind})").format(kind=kind)


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
