"""The template context: every value the sheet shows, formatted, built in one place.

Templates only place values: numbers, money, dates, French typography and
Markdown are all dealt with here. Plain text stays ``str`` (Jinja escapes it);
Markdown becomes ``Markup`` (already safe HTML).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TypedDict

from babel.dates import format_date
from markupsafe import Markup

from .config import SheetOptions
from .markup import render_block, render_inline
from .model import Career, NamedItem, Origin, Salary, SalaryLevel, Section
from .typography import LOCALE, format_money, format_number, french_spacing

LANGUAGE = "fr"

# Every word the sheet prints that does not come from the career file.
LABELS: dict[str, str] = {
    "sheet": "Fiche métier",
    "also_known_as": "Autres appellations",
    "sector": "Secteur",
    "updated": "Informations à jour au",
    "summary": "Le métier",
    "missions": "Missions",
    "skills": "Compétences",
    "training": "Formations",
    "training_level": "Niveau d'études",
    "specializations": "Spécialisations",
    "workplaces": "Où travailler\u202f?",
    "salary": "Salaire",
    "career_paths": "Évolutions de carrière",
    "notable_people": "Personnalités",
    "sources": "Sources",
    "recap": "Tableau récapitulatif",
    "recap_key": "Donnée clé",
    "recap_value": "Information",
    "page": "Page",
    "statuses": "Statuts",
    "outlook": "Vie professionnelle",
    "interests": "Centres d'intérêt",
    "related_careers": "Métiers associés",
    "rome_codes": "Codes ROME",
}

_SALARY_PERIOD = {"month": "par mois", "year": "par an", "hour": "de l'heure"}
_SALARY_BASIS = {"gross": "brut", "net": "net"}


class SectionContext(TypedDict):
    intro: Markup | None
    items: list[Markup]


class TrainingContext(SectionContext):
    level: str | None


class NamedContext(TypedDict):
    name: Markup
    description: Markup | None


class SalaryLevelContext(TypedDict):
    label: Markup
    amount: str


class SalaryContext(TypedDict):
    caption: str
    levels: list[SalaryLevelContext]
    note: Markup | None


class SourceContext(TypedDict):
    label: Markup
    url: str | None


class RecapRowContext(TypedDict):
    label: str
    value: Markup


class MetadataContext(TypedDict):
    title: str
    subject: str
    keywords: str
    created: str | None  # ISO 8601, or None for no date in the PDF


class SheetContext(TypedDict):
    lang: str
    stylesheets: list[str]
    labels: dict[str, str]
    metadata: MetadataContext
    title: str
    also_known_as: list[str]
    sector: str | None
    updated: str | None
    summary: Markup
    missions: SectionContext | None
    skills: SectionContext | None
    training: TrainingContext | None
    specializations: list[NamedContext]
    workplaces: SectionContext | None
    salary: SalaryContext | None
    career_paths: list[Markup]
    notable_people: list[NamedContext]
    sources: list[SourceContext]
    recap: list[RecapRowContext]
    statuses: list[str]
    outlook: SectionContext | None
    interests: list[Markup]
    related_careers: list[Markup]
    rome_codes: list[str]
    attribution: str | None


def stylesheets(options: SheetOptions) -> list[str]:
    """The theme's stylesheets for these options, in cascade order."""
    sheets = ["print.css", f"page/{options.page_size.lower()}.css", "look.css"]
    if options.print_shop:
        sheets.append("print-shop.css")
    return sheets


def build_context(
    career: Career,
    source_date_epoch: int | None = None,
    options: SheetOptions = SheetOptions(),  # noqa: B008 - frozen, never mutated
) -> SheetContext:
    """Turn a validated career into the values its sheet shows.

    ``source_date_epoch`` (seconds) dates the PDF; without it the career's
    ``updated`` date is used, and without that the PDF carries no date, so the
    same input always gives the same bytes.
    """
    title = french_spacing(career.title)
    return {
        "lang": LANGUAGE,
        "stylesheets": stylesheets(options),
        "labels": LABELS,
        "metadata": {
            "title": title,
            "subject": f"{LABELS['sheet']}\u00a0: {title}",
            "keywords": ", ".join(
                [career.title, *career.also_known_as, *([career.sector] if career.sector else [])]
            ),
            "created": _pdf_date(career.updated, source_date_epoch),
        },
        "title": title,
        "also_known_as": [french_spacing(name) for name in career.also_known_as],
        "sector": french_spacing(career.sector) if career.sector else None,
        "updated": long_date(career.updated) if career.updated else None,
        "summary": render_block(career.summary),
        "missions": _section(career.missions),
        "skills": _section(career.skills),
        "training": _training(career),
        "specializations": [_named(item) for item in career.specializations],
        "workplaces": _section(career.workplaces),
        "salary": _salary(career.salary),
        "career_paths": [render_inline(item) for item in career.career_paths],
        "notable_people": [_named(item) for item in career.notable_people],
        "sources": [
            {"label": render_inline(source.label), "url": source.url} for source in career.sources
        ],
        "recap": [
            {"label": french_spacing(label), "value": render_inline(value)}
            for label, value in career.recap
        ],
        "statuses": [french_spacing(status) for status in career.statuses],
        "outlook": _section(career.outlook),
        "interests": [render_inline(item) for item in career.interests],
        "related_careers": [render_inline(item) for item in career.related_careers],
        "rome_codes": list(career.rome_codes),
        "attribution": _attribution(career.origin),
    }


def _section(section: Section | None) -> SectionContext | None:
    if section is None or (section.intro is None and not section.items):
        return None
    return {
        "intro": render_block(section.intro) if section.intro else None,
        "items": [render_inline(item) for item in section.items],
    }


def _training(career: Career) -> TrainingContext | None:
    training = career.training
    section = _section(training)
    if training is None or (section is None and training.level is None):
        return None
    return {
        "intro": section["intro"] if section else None,
        "items": section["items"] if section else [],
        "level": french_spacing(training.level) if training.level else None,
    }


def _named(item: NamedItem) -> NamedContext:
    return {
        "name": render_inline(item.name),
        "description": render_inline(item.description) if item.description else None,
    }


def _salary(salary: Salary | None) -> SalaryContext | None:
    if salary is None or (not salary.levels and salary.note is None):
        return None
    return {
        "caption": f"Salaire {_SALARY_BASIS[salary.basis]} {_SALARY_PERIOD[salary.period]}",
        "levels": [
            {"label": render_inline(level.label), "amount": salary_range(level, salary.currency)}
            for level in salary.levels
        ],
        "note": render_block(salary.note) if salary.note else None,
    }


def salary_range(level: SalaryLevel, currency: str = "EUR") -> str:
    """Say a salary range in French: ``3 500 à 4 000 €``, ``à partir de 6 600 €``."""
    low, high = level.min, level.max
    if low is not None and high is not None:
        if low == high:
            return format_money(low, currency)
        return f"{format_number(low)} à {format_money(high, currency)}"
    if low is not None:
        return f"à partir de {format_money(low, currency)}"
    assert high is not None  # the model requires min or max
    return f"jusqu'à {format_money(high, currency)}"


def _attribution(origin: Origin | None) -> str | None:
    """Credit the publisher of open data, as its licence asks."""
    if origin is None or origin.licence is None:
        return None
    parts = [f"Données {origin.source}" + (f" (fiche {origin.id})" if origin.id else "")]
    if origin.licence:
        parts.append(origin.licence)
    if origin.exported:
        parts.append(f"export du {long_date(origin.exported)}")
    return french_spacing(", ".join(parts) + ".")


def long_date(day: date) -> str:
    """A date the French way: ``1er juin 2025``."""
    # French writes the first day of a month as an ordinal: "1er juin 2025".
    text = format_date(day, format="long", locale=LOCALE)
    return text.replace("1 ", "1er ", 1) if day.day == 1 else text


def _pdf_date(updated: date | None, source_date_epoch: int | None) -> str | None:
    if source_date_epoch is not None:
        moment = datetime.fromtimestamp(source_date_epoch, tz=UTC)
    elif updated is not None:
        moment = datetime(updated.year, updated.month, updated.day, tzinfo=UTC)
    else:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
