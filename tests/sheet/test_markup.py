"""Markdown, French typography and formatting done while building the context."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

import pytest

from brochure.sheet.context import build_context, salary_range
from brochure.sheet.markup import render_block, render_inline
from brochure.sheet.theme import default_theme, load_language
from brochure.sheet.typography import NBSP, NNBSP, french_spacing
from brochure.source.loader import load_career
from brochure.source.model import SalaryLevel
from tests.helpers import REFERENCE

FRENCH = load_language(default_theme(), "fr")


def test_inline_markdown():
    assert render_inline("**gras**, *italique* et [lien](https://www.onisep.fr)") == (
        '<strong>gras</strong>, <em>italique</em> et <a href="https://www.onisep.fr">lien</a>'
    )


def test_block_markdown_keeps_paragraphs_lists_and_sub_headings():
    html = render_block(
        "Un paragraphe.\n\n- un\n- deux\n\n# Titre\n\n##### Autre\n\n> pas une citation"
    )
    assert "<p>Un paragraphe.</p>" in html
    assert "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>" in html
    # Whatever their level, headings sit under the section's h2.
    assert "<h3>Titre</h3>" in html and "<h3>Autre</h3>" in html
    assert "<h1>" not in html and "<h5>" not in html
    assert "<blockquote>" not in html and "&gt; pas une citation" in html


def test_inline_markdown_has_no_headings():
    assert render_inline("# Pas un titre") == "# Pas un titre"


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "<b>gras</b>", '<img src="x" onerror="alert(1)">'],
)
def test_raw_html_is_escaped_and_shown_as_typed(text):
    html = str(render_inline(text))
    assert "<" not in html
    assert unescape(html) == text


@pytest.mark.parametrize(
    "link",
    [
        "[clic](javascript:alert(1))",
        "[clic](JavaScript:alert(1))",
        "[clic](file:///etc/passwd)",
        "[clic](data:text/html,x)",
        "[clic](../../etc/passwd)",
        "<javascript:alert(1)>",
        "<file:///etc/passwd>",
    ],
)
def test_links_other_than_web_and_mail_stay_plain_text(link):
    html = render_inline(link)
    assert "<a" not in html
    assert "href" not in html
    assert unescape(html) == link  # shown as written, nothing of it lost


@pytest.mark.parametrize(
    ("link", "href"),
    [
        ("[site](http://example.org)", "http://example.org"),
        ("[site](https://example.org/a?b=1)", "https://example.org/a?b=1"),
        ("[écrire](mailto:cio@example.org)", "mailto:cio@example.org"),
        ("<https://example.org>", "https://example.org"),
    ],
)
def test_web_and_mail_links_are_live(link, href):
    assert f'href="{href}"' in render_inline(link)


def test_french_spacing_makes_typed_spaces_unbreakable():
    assert french_spacing("Note : oui ; non ! « Quoi » ?") == (
        f"Note{NBSP}: oui{NNBSP}; non{NNBSP}! «{NBSP}Quoi{NBSP}»{NNBSP}?"
    )


@pytest.mark.parametrize("text", ["7:30", "https://example.org/?q=1", "Bac+3", "a:b;c!d?"])
def test_french_spacing_adds_no_space(text):
    assert french_spacing(text) == text


def test_french_spacing_in_markdown_touches_text_not_links():
    html = render_inline("**Analyser** : voir [ici](https://example.org/a?b=c) !")
    assert f"</strong>{NBSP}:" in html
    assert 'href="https://example.org/a?b=c"' in html
    assert f"</a>{NNBSP}!" in html


def test_money_is_formatted_the_french_way():
    assert FRENCH.money(Decimal(3500)) == f"3{NNBSP}500{NBSP}€"
    assert FRENCH.money(Decimal("11.88")) == f"11,88{NBSP}€"
    assert FRENCH.money(Decimal(950)) == f"950{NBSP}€"
    english = load_language(default_theme(), "en")
    assert english.money(Decimal(3500)) == "€3,500"
    assert english.money(Decimal("11.88")) == "€11.88"


@pytest.mark.parametrize(
    ("low", "high", "said"),
    [
        (3500, 4000, f"3{NNBSP}500 à 4{NNBSP}000{NBSP}€"),
        (6600, None, f"à partir de 6{NNBSP}600{NBSP}€"),
        (None, 2000, f"jusqu'à 2{NNBSP}000{NBSP}€"),
        (1802, 1802, f"1{NNBSP}802{NBSP}€"),
    ],
)
def test_salary_ranges_are_said_in_french(low, high, said):
    level = SalaryLevel.model_validate(
        {"label": "x"} | ({"min": str(low)} if low else {}) | ({"max": str(high)} if high else {})
    )
    assert salary_range(level, FRENCH) == said


def test_context_of_the_reference():
    context = build_context(load_career(REFERENCE), FRENCH)
    assert context["lang"] == "fr"
    assert context["updated"] == "1er juin 2025"
    assert context["metadata"]["created"] == "2025-06-01T00:00:00Z"
    assert context["salary"] is not None
    assert context["salary"]["caption"] == "Salaire brut par mois"
    assert context["recap"][7]["label"] == "Salaire débutant"
    assert build_context(load_career(REFERENCE), FRENCH, 0)["metadata"]["created"] == (
        "1970-01-01T00:00:00Z"
    )
