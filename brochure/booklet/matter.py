"""The booklet's own pages around the sheets: the cover, the contents, the index.

Each is laid out once. The sheets' page numbers are set before the contents
are laid out, from a guess of how many pages the contents take; the page
numbers sit in a column of fixed width, so their digits never move a line
break, and a wrong guess costs one more layout, never a loop (see
``book._front_matter``). Contents and index entries link to their sheet:
WeasyPrint writes them as ``brochure-page:N`` links, which ``mark_links``
turns into links to page N as their part is bound.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

import pikepdf
from babel import Locale

from brochure.booklet.fonts import PAGE_MARK
from brochure.sheet.context import accent_colours, stylesheets
from brochure.sheet.language import Language
from brochure.source.config import SheetOptions
from brochure.source.search import collation_key

LINK_SCHEME = "brochure-page:"

# Rough lines of contents a page holds, for the first guess only (see
# contents_pages_guess): a wrong guess costs a second layout, nothing else.
# Measured with book.css: 120 and 300 entries in 15 and 25 sectors.
_LINES_PER_PAGE = {"A4": 36, "Letter": 34, "A5": 28}
_FIRST_PAGE_LINES = 3  # the contents' title
_SECTOR_LINES = 2  # a sector's heading and the space above it


class Listed(Protocol):
    """What the contents and index need of a sheet."""

    title: str
    aliases: list[str]
    first_page: int


# The contents' groups: each sector's name and its sheets, in their order. A
# career of several sectors is in each of its sectors' groups.
Groups = Sequence[tuple[str, Sequence[Listed]]]


def matter_context(
    language: Language, options: SheetOptions, values: dict[str, Any]
) -> dict[str, Any]:
    """What every template of the booklet's own pages gets, and ``values``."""
    return {
        "lang": language.code,
        "labels": {key: language.text(value) for key, value in language.labels.items()},
        "stylesheets": stylesheets(options),
        "accent": options.accent,
        # The accent and its tints (the cover's muted text and rule, the contents' rules).
        "colours": accent_colours(options.accent) if options.accent else {},
        # For book.css: the cover's type scale by format, rules instead of colour when sober.
        "body_class": f"page-{options.page_size.lower()} theme-{options.theme.lower()}",
        **values,
    }


def count_label(language: Language, count: int) -> str:
    """ "1 fiche métier", "9 fiches métier": the language's own plural rule."""
    form = Locale.parse(language.locale).plural_form(count)
    key = "count_one" if form == "one" else "count"
    return language.label(key, count=language.number(Decimal(count)))


def first_sheet_page(front_pages: int, blank_pages: bool = True) -> int:
    """The first sheet's page: the first right-hand (odd) page after the front matter.

    Without blank pages (a booklet read on screen), the page after the front matter.
    """
    if not blank_pages:
        return front_pages + 1
    return front_pages + 1 if front_pages % 2 == 0 else front_pages + 2


def contents_pages_guess(groups: Groups, page_size: str) -> int:
    """How many pages the contents may take: a first guess, from counting lines."""
    entries = sum(len(sheets) for _, sheets in groups)
    lines = _FIRST_PAGE_LINES + entries + len(groups) * _SECTOR_LINES
    return max(1, math.ceil(lines / _LINES_PER_PAGE.get(page_size, 34)))


def page_link(page: int) -> str:
    """The address of a booklet page, as the templates write it (see mark_links)."""
    return f"{LINK_SCHEME}{page}"


def contents_groups(groups: Groups, language: Language) -> list[dict[str, Any]]:
    """The contents' values: each sector, then its sheets with their page and link."""
    return [
        {
            "sector": sector,
            "continued": language.label("continued", sector=sector),
            "entries": [
                {
                    "title": sheet.title,
                    "page": sheet.first_page,
                    "link": page_link(sheet.first_page),
                }
                for sheet in sheets
            ],
        }
        for sector, sheets in groups
    ]


def index_letters(sheets: Iterable[Listed]) -> list[dict[str, Any]]:
    """The index: every career and each of its other names, by initial letter.

    An other name written "Infirmier / Infirmière" is listed under both names;
    a name shared by several careers lists each one's page.
    """
    names: dict[tuple[str, str], dict[str, Any]] = {}
    for sheet in sheets:
        for name, alias in _index_names(sheet):
            key = collation_key(name)
            entry = names.setdefault(key, {"name": name, "alias": alias, "pages": set()})
            entry["alias"] = entry["alias"] and alias  # a career's own title wins
            entry["pages"].add(sheet.first_page)
    letters: list[dict[str, Any]] = []
    for key in sorted(names):
        entry = names[key]
        letter = _initial(key[0])
        if not letters or letters[-1]["letter"] != letter:
            letters.append({"letter": letter, "entries": []})
        letters[-1]["entries"].append(
            {
                "name": entry["name"],
                "alias": entry["alias"],
                "pages": [
                    {"number": page, "link": page_link(page)} for page in sorted(entry["pages"])
                ],
            }
        )
    return letters


def _index_names(sheet: Listed) -> list[tuple[str, bool]]:
    found = [(sheet.title, False)]
    for alias in sheet.aliases:
        parts = [part.strip() for part in alias.split(" / ")]
        found += [(part, True) for part in parts if part]
    return found


def _initial(bare: str) -> str:
    first = bare[:1].upper()
    return first if first.isalpha() else "#"


def mark_links(pdf: pikepdf.Pdf, pages: int, headings: Mapping[int, float] | None = None) -> int:
    """Make a part's ``brochure-page:N`` links lead to page N of the booklet; return how many.

    The destination is written ``[/BrochurePage N top]`` (``PAGE_MARK``): the
    writer puts the page's object in it (writer.py). ``headings`` gives the
    height of the heading a page starts with (a sheet's title): the link
    lands on it rather than on the whole page. Links to a page the booklet,
    ``pages`` long, does not have are made inert (they cannot happen unless
    a template writes one of its own). The links each box of an entry had
    are one already (stamps.py keeps one link per place).
    """
    headings = headings or {}
    linked = 0
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(LINK_SCHEME):
                continue
            del annotation["/A"]
            number = uri.removeprefix(LINK_SCHEME)
            if not number.isdigit() or not 1 <= int(number) <= pages:
                continue  # kept, tagged, but leading nowhere
            top = headings.get(int(number))
            annotation.Dest = pikepdf.Array(
                [
                    pikepdf.Name(PAGE_MARK),
                    int(number),
                    None if top is None else Decimal(str(round(top, 3))),
                ]
            )
            linked += 1
    return linked
