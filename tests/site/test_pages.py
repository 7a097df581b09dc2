"""The site's pages: the values they show (summary line, PDF link, counts, addresses)."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.sheet.theme import load_language, load_theme
from brochure.site.pages import Sheet, count_text, href, page_name, pdf_details, summary_line


@pytest.fixture(scope="module")
def french():
    return load_language(load_theme(), "fr")


@pytest.fixture(scope="module")
def english():
    return load_language(load_theme(), "en")


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        ("Il fabrique le **pain**.\n\nSecond paragraphe.", "Il fabrique le pain."),
        ("### Au fournil\n\n- pétrir la pâte\n- cuire", "pétrir la pâte cuire"),
        ("Voir [le site](https://example.org) : tout y est", "Voir le site\u00a0: tout y est"),
        ("Une phrase assez longue pour compter comme une phrase entière. " + "Suite " * 60,
         "Une phrase assez longue pour compter comme une phrase entière."),
    ],
)  # fmt: skip
def test_summary_line(french, summary, line):
    assert summary_line(summary, french) == line


def test_a_long_summary_without_sentence_end_is_cut_at_a_word(french):
    line = summary_line("mot " * 100, french)
    assert line.endswith("mot…") and len(line) <= 200


def test_pdf_link_details(french, english):
    assert pdf_details(Sheet("a.pdf", 3, 155_000), french) == "PDF, 3\u00a0pages, 151\u00a0ko"
    assert pdf_details(Sheet("a.pdf", 1, 300), english) == "PDF, 1\u00a0page, 1\u00a0KB"


def test_count_text(french, english):
    assert [count_text(french, n) for n in (0, 1, 1500)] == [
        "Aucun métier ne correspond à cette recherche.", "1 métier", "1500 métiers",
    ]  # fmt: skip
    assert count_text(english, 2) == "2 careers"


def test_page_names_follow_the_career_files_and_are_quoted_in_links():
    assert page_name(Path("data/infirmier.yaml")) == "infirmier.html"
    assert href("aide soignant#2?.html") == "aide%20soignant%232%3F.html"
