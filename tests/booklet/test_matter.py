"""The booklet's own pages: the count on the cover, the contents running over, the index."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from brochure.booklet.matter import (
    contents_groups,
    count_label,
    index_letters,
    matter_context,
)
from brochure.sheet.language import Language
from brochure.sheet.pdf import PdfRenderer
from brochure.sheet.theme import Theme, load_language, load_theme, render_template
from brochure.source.config import SheetOptions


@dataclass
class Sheet:
    title: str
    sector: str
    first_page: int
    aliases: list[str] = field(default_factory=list)


@pytest.mark.parametrize(
    ("code", "count", "text"),
    [
        ("fr", 0, "0 fiche métier"),  # French says the singular for none
        ("fr", 1, "1 fiche métier"),
        ("fr", 9, "9 fiches métier"),
        ("fr", 1500, "1\u202f500 fiches métier"),
        ("en", 1, "1 career sheet"),
        ("en", 0, "0 career sheets"),
        ("en", 1500, "1,500 career sheets"),
    ],
)
def test_the_count_of_sheets_in_the_languages_plural(code, count, text):
    language = load_language(load_theme("default"), code)
    assert count_label(language, count).replace("\u00a0", "\u202f") == text.replace(
        "\u00a0", "\u202f"
    )


def _layout_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines as pdftotext -layout sets them, empty ones left out."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [
        [line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")
    ]


def _front_html(
    theme: Theme, language: Language, options: SheetOptions, count: int, groups: list[Any]
) -> str:
    """The cover and contents of a booklet titled "Livret", with nothing optional."""
    context = matter_context(
        language,
        options,
        {
            "title": "Livret",
            "organisation": None,
            "date": None,
            "logo": None,
            "cover_image": None,
            "long_title": False,
            "count": count_label(language, count),
            "groups": groups,
        },
    )
    return render_template(theme, "book/front.html", context)


def test_a_sector_running_over_a_page_is_named_again_with_suite(tmp_path):
    theme = load_theme("default")
    language = load_language(theme, "fr")
    options = SheetOptions(page_size="A5")
    sheets = [
        Sheet(f"Métier {sector}{number:02}", f"Secteur {sector}", 5 + 2 * n)
        for n, (sector, number) in enumerate(
            [
                (sector, number)
                for sector, size in (("A", 30), ("B", 45), ("C", 3))
                for number in range(size)
            ]
        )
    ]
    groups = [
        (sector, [sheet for sheet in sheets if sheet.sector == sector])
        for sector in dict.fromkeys(sheet.sector for sheet in sheets)
    ]
    html = _front_html(theme, language, options, len(sheets), contents_groups(groups, language))
    renderer = PdfRenderer(theme.styles, theme.folders, theme.style_layers)
    pdf = tmp_path / "front.pdf"
    pdf.write_bytes(renderer.render(html).data)
    pages = _layout_lines(pdf)[2:-1]  # the contents, after the cover and its verso
    assert len(pages) >= 3
    assert pages[0][0] == "Sommaire"
    last_sector = None
    suites = 0
    for page in pages:
        first = page[0]
        if first.endswith("(SUITE)"):
            suites += 1
            assert first == f"{last_sector} (SUITE)"  # the sector of the entry before
            assert page[1].startswith("Métier " + last_sector[-1])  # then its entries
        else:
            assert "(SUITE)" not in " ".join(page)
            assert first == "Sommaire" or first.startswith("SECTEUR "), first
        for line in page:
            if line.startswith("SECTEUR ") and not line.endswith("(SUITE)"):
                last_sector = line
    assert suites >= 1
    # Every entry once, with its page number after a leader.
    entries = re.findall(
        r"(Métier \w\d\d)[ .]+ (\d+)$", "\n".join(line for page in pages for line in page), re.M
    )
    assert [(title, int(page)) for title, page in entries] == [
        (sheet.title, sheet.first_page) for sheet in sheets
    ]


def test_the_index_lists_every_name_once_by_letter():
    sheets = [
        Sheet("Infirmier·ère", "Santé", 7, ["Infirmier / Infirmière", "IDE"]),
        Sheet("Électricien·ne du bâtiment", "BTP", 11, ["Électricien·ne"]),
        Sheet("Électricien·ne de maintenance", "Industrie", 15, ["Électricien·ne"]),
        Sheet("Œnologue", "Agriculture", 19),
        Sheet("3D artist", "Informatique", 23),
    ]
    letters = index_letters(sheets)
    assert [letter["letter"] for letter in letters] == ["#", "E", "I", "O"]
    names = {
        entry["name"]: ([page["number"] for page in entry["pages"]], entry["alias"])
        for letter in letters
        for entry in letter["entries"]
    }
    assert names == {
        "3D artist": ([23], False),
        "Électricien·ne": ([11, 15], True),  # one name, two careers
        "Électricien·ne de maintenance": ([15], False),
        "Électricien·ne du bâtiment": ([11], False),
        "IDE": ([7], True),
        "Infirmier": ([7], True),
        "Infirmière": ([7], True),
        "Infirmier·ère": ([7], False),
        "Œnologue": ([19], False),  # Œ with O
    }
    assert [entry["name"] for entry in letters[1]["entries"]] == [
        "Électricien·ne",
        "Électricien·ne de maintenance",
        "Électricien·ne du bâtiment",
    ]


def test_the_cover_and_contents_take_the_accent_tints():
    theme = load_theme()
    language = load_language(theme, "fr")
    options = SheetOptions(accent="#a33b20")
    html = _front_html(theme, language, options, 0, [])
    style = re.search(r"<style>:root \{([^}]*)\}</style>", html)
    assert style is not None
    declared = dict(re.findall(r"--([\w-]+): (#[0-9a-f]{6});", style.group(1)))
    assert declared["accent"] == "#a33b20"
    # The cover's muted text and rule, the contents' rules: tints of the accent, not the
    # default blue's.
    for name in ("on-accent-muted", "rule", "accent-light"):
        red, green, blue = (int(declared[name][i : i + 2], 16) for i in (1, 3, 5))
        assert red > green and red > blue, (name, declared[name])
