"""The site's pages: a career's page and the index, their values built in one place.

A career's page shows what its sheet shows: its values are the sheet's own
(``sheet.context.build_context``: French typography, Markdown made safe HTML),
with the site's additions (the link to the PDF, the way back to the index).
The index lists every career with the words the search box matches them by
(``source.search``, the same as ``brochure find``). Templates only place
values; they are the theme's ``templates/site/`` files, which a project's own
``templates/site/`` replace one by one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TypedDict
from urllib.parse import quote

from brochure.sheet.context import SheetContext, build_context
from brochure.sheet.language import Language
from brochure.sheet.theme import Theme, render_template
from brochure.source.config import SheetOptions
from brochure.source.model import Career
from brochure.source.search import Entry, Level, collation_key, level_of, plain, sector_key

CAREER_TEMPLATE = "site/career.html"
INDEX_TEMPLATE = "site/index.html"
PAGES = "careers"  # the folder of the career pages, in the site
PDFS = "pdf"  # the folder of the sheets' PDFs, in the site
ASSETS = "assets"  # stylesheets and script
SUMMARY_LENGTH = 200  # characters of a career's summary on the index, at most


@dataclass(frozen=True)
class Sheet:
    """A career's PDF in the site: where it is, and what the link says of it."""

    name: str  # file name in the PDF folder
    pages: int
    size: int  # bytes


class PdfContext(TypedDict):
    href: str
    details: str  # "PDF, 3 pages, 152 ko"


class CareerPageContext(SheetContext):
    site_title: str
    root: str  # from the page to the site's root: "../"
    index: str  # the index's address, from the page
    description: str
    pdf: PdfContext | None


class IndexCareer(TypedDict):
    title: str
    href: str
    names: list[str]
    sectors: list[str]
    level: str | None
    summary: str
    words: str  # what the search box matches: " word word "
    sector_ids: str  # " 0 4 ": the sector filter's values this career has
    level_id: str  # the level filter's value, "" when none


class Choice(TypedDict):
    value: str
    name: str
    count: int


class IndexContext(TypedDict):
    lang: str
    labels: dict[str, str]
    title: str
    footer: str | None
    root: str
    careers: list[IndexCareer]
    names_label: str  # "Autres appellations :"
    sectors: list[Choice]
    levels: list[Choice]
    results: str  # the count of careers, as the status line says it


@dataclass(frozen=True)
class Listed:
    """One career as the index lists it."""

    entry: Entry
    page: str  # file name of its page in the PAGES folder
    summary: str
    language: Language


def page_name(source: Path) -> str:
    """The file name of a career's page: its file's name, as its PDF's (``qr_url``'s slug)."""
    return f"{source.stem}.html"


def href(name: str) -> str:
    """A file name as a relative address: ``"a b#.html"`` -> ``"a%20b%23.html"``.

    The name's bytes on disk are quoted, so a name that is not valid UTF-8
    (an old share) still gets a link that leads to its file.
    """
    return quote(os.fsencode(name), safe="")


def all_labels(language: Language) -> dict[str, str]:
    """Every label of the language, set as the language writes text."""
    return {key: language.text(value) for key, value in language.labels.items()}


def colon(language: Language, label: str) -> str:
    """A label before its value: ``"Statuts :"`` in French (a no-break space), ``"Statuses:"``."""
    return language.text(f"{label} :") if language.code == "fr" else f"{label}:"


def count_text(language: Language, count: int) -> str:
    """``"12 métiers"``, ``"1 métier"``, or that nothing matches."""
    if count == 0:
        return language.label("results_none")
    if count == 1:
        return language.label("results_one")
    return language.label("results_many", count=str(count))


def pdf_details(sheet: Sheet, language: Language) -> str:
    """What a PDF link says of its file: ``"PDF, 3 pages, 152 ko"``."""
    pages = (
        language.label("pages_one")
        if sheet.pages == 1
        else language.label("pages_many", count=str(sheet.pages))
    )
    kilobytes = (Decimal(sheet.size) / 1024).quantize(Decimal(1), ROUND_HALF_UP)
    size = language.label("size_kb", size=language.number(max(kilobytes, Decimal(1))))
    return language.label("pdf_details", pages=pages, size=size)


def summary_line(summary: str, language: Language) -> str:
    """A career's summary in a line of text: its first paragraph, cut at a sentence or a word."""
    text = ""
    for block in re.split(r"\n\s*\n", summary):
        if block.lstrip().startswith("#"):
            continue  # a sub-heading
        lines = [re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line) for line in block.splitlines()]
        text = plain(" ".join(lines))
        if text:
            break
    if len(text) > SUMMARY_LENGTH:
        sentence = re.match(r"(.{40,}?[.!?])\s", text)
        if sentence and len(sentence.group(1)) <= SUMMARY_LENGTH:
            text = sentence.group(1)
        else:
            text = text[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return language.text(text)


def render_career_page(
    theme: Theme,
    career: Career,
    source: Path,
    language: Language,
    options: SheetOptions,
    site_title: str,
    sheet: Sheet | None,
    epoch: int | None = None,
) -> str:
    """The HTML of a career's page: its sheet's content, and a link to its PDF."""
    values = build_context(career, language, epoch, options, source.stem)
    context: CareerPageContext = {
        **values,
        "labels": all_labels(language),
        "site_title": language.text(site_title),
        "root": "../",
        "index": "../index.html",
        "description": summary_line(career.summary, language),
        "pdf": (
            {"href": f"../{PDFS}/{href(sheet.name)}", "details": pdf_details(sheet, language)}
            if sheet is not None
            else None
        ),
    }
    return render_template(theme, CAREER_TEMPLATE, context)


def listed(entry: Entry, career: Career, language: Language) -> Listed:
    """A career as the index lists it."""
    return Listed(entry, page_name(entry.path), summary_line(career.summary, language), language)


def render_index(
    theme: Theme, careers: list[Listed], language: Language, title: str, footer: str | None
) -> str:
    """The HTML of the index: every career in French order, the search box and the filters."""
    careers = sorted(careers, key=lambda item: collation_key(item.entry.title))
    sectors = _sector_choices(careers)
    sector_values = {sector_key(choice["name"]): choice["value"] for choice in sectors}
    level_values = _level_values(careers, language)
    levels = list(level_values.values())
    rows: list[IndexCareer] = []
    for item in careers:
        entry, text = item.entry, item.language.text
        level = _level_name(level_of(entry.level), language) if entry.level else None
        rows.append(
            {
                "title": text(entry.title),
                "href": f"{PAGES}/{href(item.page)}",
                "names": [text(name) for name in entry.names],
                "sectors": [text(sector) for sector in entry.sectors],
                "level": text(entry.level) if entry.level else None,
                "summary": item.summary,
                "words": entry.words,
                "sector_ids": " "
                + "".join(f"{sector_values[sector_key(s)]} " for s in entry.sectors),
                "level_id": level_values[level]["value"] if level is not None else "",
            }
        )
    context: IndexContext = {
        "lang": language.code,
        "labels": all_labels(language),
        "title": language.text(title),
        "footer": language.text(footer) if footer else None,
        "root": "",
        "careers": rows,
        "names_label": colon(language, language.labels["also_known_as"]),
        "sectors": sectors,
        "levels": levels,
        "results": count_text(language, len(rows)),
    }
    return render_template(theme, INDEX_TEMPLATE, context)


def _sector_choices(careers: list[Listed]) -> list[Choice]:
    """The sector filter's options, in French order, spellings joined as ``brochure sectors``."""
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for item in careers:
        for sector in item.entry.sectors:
            key = sector_key(sector)
            names.setdefault(key, item.language.text(sector))
            counts[key] = counts.get(key, 0) + 1
    ordered = sorted(names, key=lambda key: collation_key(names[key]))
    return [
        {"value": str(number), "name": names[key], "count": counts[key]}
        for number, key in enumerate(ordered)
    ]


def _level_name(level: Level, language: Language) -> str:
    return level.name or language.label("no_diploma")


def _level_values(careers: list[Listed], language: Language) -> dict[str, Choice]:
    """The level filter's options by level name, from no diploma up, then those not recognised."""
    counts: dict[str, int] = {}
    ranks: dict[str, int] = {}
    for item in careers:
        if item.entry.level:
            level = level_of(item.entry.level)
            name = _level_name(level, language)
            ranks[name] = level.rank
            counts[name] = counts.get(name, 0) + 1
    ordered = sorted(counts, key=lambda name: (ranks[name], collation_key(name)))
    return {
        name: {"value": str(number), "name": language.text(name), "count": counts[name]}
        for number, name in enumerate(ordered)
    }
