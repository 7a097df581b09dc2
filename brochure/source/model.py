"""The career data model: what a career file may contain, strictly validated.

Values arrive as the text the author wrote (see ``yamlsource``); the model
says which fields are text, which are lists, and turns the few non-text
fields (amounts, dates, links) into typed values.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from brochure.builtin import languages
from brochure.errors import one_of

# Links in data may only point to the web or to an e-mail address.
ALLOWED_URL_SCHEMES = ("http", "https", "mailto")

# A sheet is a few pages: the reference career holds about 5,000 characters
# for 3 pages. Far more is a mistake (or an attack) that would take minutes
# to lay out, so it is refused before rendering.
MAX_TEXT_CHARACTERS = 60_000
# Each list entry is a box to lay out: 20,000 short items fit in 60,000
# characters but make 477 pages. The reference has about 50.
MAX_LIST_ENTRIES = 800


def own_error(kind: str, template: str, context: dict[str, Any] | None = None) -> Exception:
    """One of our validators' errors; ``template`` (English) is said in the user's language.

    The template travels in the error's context, for ``problems.plain_message``.
    """
    return PydanticCustomError(kind, template, {**(context or {}), "template": template})


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise own_error("brochure_empty_text", "is empty: write a value or remove the line")
    return value


def _amount(value: object) -> Decimal:
    if not isinstance(value, str):
        raise own_error("brochure_amount_type", "should be an amount such as 2100")
    # Accept what a French author types: "2 100", "11,88", "11.88".
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", value).replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", cleaned):
        raise own_error(
            "brochure_amount_format",
            "should be an amount such as 2100 or 11.88, not '{value}'",
            {"value": value},
        )
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - excluded by the pattern
        raise own_error("brochure_amount_format", "is not an amount") from None


def _iso_date(value: object) -> date:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise own_error(
        "brochure_date_format", "should be a date written YYYY-MM-DD, such as 2025-06-01"
    )


def _url(value: str) -> str:
    value = value.strip()
    scheme = urlsplit(value).scheme.lower()
    if scheme not in ALLOWED_URL_SCHEMES:
        raise own_error(
            "brochure_url_scheme",
            "only http://, https:// and mailto: links are allowed, not '{value}'",
            {"value": value},
        )
    if scheme in ("http", "https") and not urlsplit(value).netloc:
        raise own_error("brochure_url_host", "the link '{value}' has no host", {"value": value})
    return value


def _recap_row(value: object) -> tuple[str, str]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(cell, str) for cell in value)
    ):
        raise own_error(
            "brochure_recap_row", "each recap row should be a pair of texts: [label, value]"
        )
    return (_text(value[0]), _text(value[1]))


Text = Annotated[str, AfterValidator(_text), WithJsonSchema({"type": "string", "minLength": 1})]
Amount = Annotated[
    Decimal,
    BeforeValidator(_amount),
    # Typed as a number (3500) or as text ("3 500", "11,88").
    WithJsonSchema({"type": ["number", "string"], "pattern": "^[0-9][0-9  ]*([.,][0-9]{1,2})?$"}),
]
IsoDate = Annotated[
    date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})
]
Url = Annotated[
    str,
    AfterValidator(_url),
    WithJsonSchema({"type": "string", "pattern": "^(https?://[^/]+|mailto:)", "format": "uri"}),
]
RecapRow = Annotated[tuple[str, str], BeforeValidator(_recap_row)]


def any_case(*choices: str) -> BeforeValidator:
    """Take a choice whatever its case ("a4" is "A4", "Month" is "month")."""

    def pick(value: object) -> object:
        if isinstance(value, str):
            for choice in choices:
                if choice.casefold() == value.strip().casefold():
                    return choice
        return value

    return BeforeValidator(pick)


def _language(value: str) -> str:
    value = value.strip().lower()
    if value not in languages():
        raise own_error(
            "brochure_language",
            "should be {choices}, not '{value}'",
            {"choices": one_of(languages()), "value": value},
        )
    return value


# The languages are those the theme has labels for (see brochure/builtin.py).
LanguageCode = Annotated[
    str, AfterValidator(_language), WithJsonSchema({"type": "string", "enum": list(languages())})
]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, values keep their YAML type."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Section(Strict):
    """A titled part of the sheet: an optional introduction, then a list."""

    intro: Text | None = Field(None, description="A short paragraph (Markdown).")
    items: list[Text] = Field(default_factory=list, description="Bullet points (Markdown).")


class Training(Section):
    """Training paths, with the usual level of study."""

    level: Text | None = Field(None, description="Usual level of study, e.g. 'Bac+3 à Bac+5'.")


class NamedItem(Strict):
    """A name with a short description (specialisation, notable person)."""

    name: Text
    description: Text | None = None


class SalaryLevel(Strict):
    """One step of the salary scale; at least one of ``min`` and ``max``."""

    label: Text = Field(description="Who earns this, e.g. 'Débutant'.")
    min: Amount | None = Field(None, description="Lowest amount, e.g. 2100.")
    max: Amount | None = Field(None, description="Highest amount.")

    @model_validator(mode="after")
    def _check_bounds(self) -> SalaryLevel:
        if self.min is None and self.max is None:
            raise own_error("brochure_salary_bounds", "give min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise own_error(
                "brochure_salary_order",
                "min ({min}) is greater than max ({max})",
                {"min": str(self.min), "max": str(self.max)},
            )
        return self


class Salary(Strict):
    """Salary scale, by experience."""

    currency: Annotated[Literal["EUR"], any_case("EUR")] = Field(
        "EUR", description="Only euros for now."
    )
    period: Annotated[Literal["month", "year", "hour"], any_case("month", "year", "hour")] = "month"
    basis: Annotated[Literal["gross", "net"], any_case("gross", "net")] = "gross"
    levels: list[SalaryLevel] = Field(default_factory=list)
    note: Text | None = Field(None, description="Any remark on pay (Markdown).")


class Source(Strict):
    """Where the facts come from."""

    label: Text
    url: Url | None = None


class Origin(Strict):
    """Where an imported career comes from, and what the import wrote.

    ``fingerprints`` holds a digest of each field as the last import wrote it:
    a re-import replaces a field only while it still matches, so what a
    counsellor changed by hand is kept.
    """

    source: Text = Field(description="Who publishes the data, e.g. 'ONISEP'.")
    id: Text | None = Field(None, description="The record's identifier there, e.g. 'MET.31'.")
    licence: Text | None = Field(None, description="e.g. 'licence ODbL'.")
    credit: Text | None = Field(
        None, description="The mention the licence asks for, e.g. 'Source : Onisep'."
    )
    url: Url | None = None
    exported: IsoDate | None = Field(None, description="Date of the export imported.")
    fingerprints: dict[str, Text] = Field(default_factory=dict)


class Career(Strict):
    """One career (fiche métier)."""

    title: Text = Field(description="Name of the career, as on the sheet.")
    also_known_as: list[Text] = Field(default_factory=list)
    sector: Text | None = Field(None, description="Sector of activity.")
    sectors: list[Text] = Field(
        default_factory=list,
        description="Sectors of activity, when there are several (with sector: all of them).",
    )
    updated: IsoDate | None = Field(None, description="Date of the facts, YYYY-MM-DD.")
    language: LanguageCode | None = Field(
        None, description="Language of this sheet, if not the project's (fr or en)."
    )
    summary: Text = Field(description="What the job is, a paragraph or two (Markdown).")
    missions: Section | None = None
    skills: Section | None = None
    training: Training | None = None
    specializations: list[NamedItem] = Field(default_factory=list)
    workplaces: Section | None = None
    salary: Salary | None = None
    career_paths: list[Text] = Field(default_factory=list)
    notable_people: list[NamedItem] = Field(default_factory=list)
    recap: list[RecapRow] = Field(
        default_factory=list, description="Key facts as [label, value] pairs, in order."
    )
    sources: list[Source] = Field(default_factory=list)
    statuses: list[Text] = Field(default_factory=list, description="Employment statuses.")
    outlook: Section | None = Field(None, description="Job market and working life.")
    interests: list[Text] = Field(default_factory=list, description="Centres d'intérêt.")
    related_careers: list[Text] = Field(default_factory=list)
    rome_codes: list[Text] = Field(
        default_factory=list, description="France Travail's ROME job codes, e.g. 'M1808'."
    )
    origin: Origin | None = Field(None, description="Filled in by `brochure import`.")

    @property
    def all_sectors(self) -> list[str]:
        """Every sector of the career: ``sector`` first, then ``sectors``, each once.

        Both fields may be written (a hand-kept ``sector`` beside the ``sectors``
        an import wrote): the career belongs to all of them. Spellings that
        differ only in case or accents are told apart by ``source.search``.
        """
        return list(dict.fromkeys(([self.sector] if self.sector else []) + self.sectors))

    @model_validator(mode="after")
    def _check_length(self) -> Career:
        # The origin's licence and source are printed too; its fingerprints are not.
        size = _text_size(self.model_dump(exclude={"origin": {"fingerprints"}}))
        if size > MAX_TEXT_CHARACTERS:
            raise own_error(
                "brochure_too_long",
                "the career's texts hold {size} characters, more than a sheet can take"
                " ({limit} at most, about 40 pages)",
                {"size": _spaced(size), "limit": _spaced(MAX_TEXT_CHARACTERS)},
            )
        entries = _list_entries(self.model_dump(exclude={"origin"}))
        if entries > MAX_LIST_ENTRIES:
            raise own_error(
                "brochure_too_many_entries",
                "the career's lists hold {count} entries, more than a sheet can take"
                " ({limit} at most, about 40 pages): shorten them",
                {"count": _spaced(entries), "limit": _spaced(MAX_LIST_ENTRIES)},
            )
        return self


def _spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _list_entries(value: object) -> int:
    if isinstance(value, dict):
        return sum(_list_entries(item) for item in value.values())
    if isinstance(value, list):
        return len(value) + sum(_list_entries(item) for item in value)
    return 0


def _text_size(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_text_size(item) for item in value.values())
    if isinstance(value, list | tuple):
        return sum(_text_size(item) for item in value)
    return 0
