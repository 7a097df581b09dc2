"""The index's search in a real browser: the same matching as Python's, filters, speed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brochure.sheet.theme import default_theme, load_language
from brochure.site.colours import palette
from brochure.site.pages import listed, render_index
from brochure.source.model import Career
from brochure.source.search import Entry, fold, matches, query_words, read_entries
from tests.helpers import DATA

QUERIES = [
    "infirmiere", "INFIRMIÈRE", "développeur web", "developpeur  web", "boulangere",
    "aide-soignant", "Aide soignante", "j1104", "J11", "IDE", "Œnologue", "ÉLECTRICIEN·NE",
    "straße", "ﬁleur", "İstanbul", "ΣΑΣ", "Bac+2", "l'été", "x²", "Ⅻ", "a\u0301b", "١٢٣",
    "数字 métier", "🙂 sante", "  ", "«maître·sse»", "sage-femme", "fonctionnaire", "aider",
    "j'aime", "social", "maieuticienne", "btp", "e", "zz top",
]  # fmt: skip


def _index_url(site: Path) -> str:
    return (site / "index.html").as_uri()


def test_python_and_javascript_fold_and_match_alike(page, built_site):
    page.goto(_index_url(built_site))
    entries, _ = read_entries(sorted((built_site.parent / "data").glob("*.yaml")))
    words = [entry.words for entry in entries]
    found = page.evaluate(
        """([queries, words]) => queries.map(q => [
            window.brochureSearch.fold(q),
            window.brochureSearch.queryWords(q),
            words.map(w => window.brochureSearch.matches(w, window.brochureSearch.queryWords(q))),
        ])""",
        [QUERIES, words],
    )
    expected = [
        [fold(q), query_words(q), [matches(w, query_words(q)) for w in words]] for q in QUERIES
    ]
    assert found == expected
    assert any(any(row[2]) for row in found) and not all(all(row[2]) for row in found)
    assert page.errors == []


def _shown(page) -> list[str]:
    return page.eval_on_selector_all(
        "#careers > li h2", "items => items.map(item => item.textContent)"
    )


TYPED = [
    ("infirmiere", "Infirmier·ère"),
    ("developpeur web", "Développeur·euse web"),
    ("boulangere", "Boulanger·ère"),
    ("J1104", "Sage-femme"),  # a ROME code
    ("maieuticienne", "Sage-femme"),  # another name, feminine form
    ("architec", "Architecte"),  # a partial name
]


def test_typing_filters_the_list_and_says_how_many(page, built_site):
    page.goto(_index_url(built_site))
    status = page.get_by_role("status")
    assert status.text_content() == "7 métiers"
    box = page.get_by_label("Rechercher un métier")
    for typed, title in TYPED:
        box.fill("")
        assert len(_shown(page)) == 7
        box.press_sequentially(typed)
        assert _shown(page) == [title], typed
        assert status.text_content() == "1 métier"
    assert page.errors == []


def test_filters_narrow_the_list(page, built_site):
    page.goto(_index_url(built_site))
    page.get_by_label("Secteur").select_option(label="Santé (3)")
    assert _shown(page) == ["Aide-soignant·e", "Infirmier·ère", "Sage-femme"]
    assert page.get_by_role("status").text_content() == "3 métiers"
    page.get_by_label("Niveau d'accès").select_option(label="Bac+5 (2)")
    assert _shown(page) == ["Sage-femme"]
    page.get_by_label("Rechercher un métier").fill("infirm")
    assert _shown(page) == []
    assert page.get_by_role("status").text_content() == (
        "Aucun métier ne correspond à cette recherche."
    )
    page.get_by_label("Secteur").select_option(label="Tous les secteurs")
    page.get_by_label("Niveau d'accès").select_option(label="Tous les niveaux")
    assert _shown(page) == ["Infirmier·ère"]
    assert page.errors == []


@pytest.mark.slow
def test_a_query_in_the_address_is_applied(page, built_site):
    page.goto(_index_url(built_site) + "?q=boulang")
    assert _shown(page) == ["Boulanger·ère"]
    assert page.get_by_label("Rechercher un métier").input_value() == "boulang"


@pytest.mark.slow
def test_without_javascript_the_whole_list_shows(browser, built_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(_index_url(built_site))
        assert len(_shown(page)) == 7
        assert not page.locator("#search").is_visible()  # a search box that would do nothing
    finally:
        context.close()


def _many_careers(count: int) -> list[Career]:
    """``count`` careers as varied as a catalogue: names, sectors, levels, codes."""
    reference = read_entries([DATA / "careers" / "infirmier.yaml"])[0][0]
    sectors = ["Santé", "Industrie", "Numérique", "Agriculture", "Arts", "Commerce"]
    levels = ["CAP", "Bac", "Bac+2", "Bac+3", "Bac+5"]
    return [
        Career.model_validate(
            {
                "title": f"{reference.title} {number} spécialité·e {number % 37}",
                "also_known_as": [f"Autre nom·e {number}", f"Métier {number * 7}"],
                "sectors": [sectors[number % 6], sectors[(number * 5) % 6]],
                "rome_codes": [f"J{1000 + number}"],
                "statuses": ["salarié", "fonctionnaire"][: 1 + number % 2],
                "interests": ["j'aime le **contact**", f"intérêt {number}"],
                "training": {"level": levels[number % 5]},
                "summary": "Il ou elle soigne les patients, à l'hôpital ou à domicile. " * 4,
            }
        )
        for number in range(count)
    ]


@pytest.fixture(scope="module")
def large_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of 1,500 careers (the index alone: what the search box works on)."""
    site = tmp_path_factory.mktemp("large")
    theme = default_theme()
    language = load_language(theme, "fr")
    careers = [
        listed(Entry.of(Path(f"metier-{number}.yaml"), career), career, language)
        for number, career in enumerate(_many_careers(1500))
    ]
    (site / "index.html").write_text(
        render_index(theme, careers, language, "Fiches métiers", None), encoding="utf-8"
    )
    (site / "assets").mkdir()
    for name in ("site.css", "search.js"):
        shutil.copy(theme.templates / "site" / name, site / "assets" / name)
    (site / "assets" / "colours.css").write_text(palette("#1f5f8b").css(), encoding="utf-8")
    return site


@pytest.mark.slow
def test_typing_and_erasing_in_an_index_of_1500_careers(page, large_index):
    """Right answers at every keystroke; how fast is measured by bench/site.py."""
    page.goto(_index_url(large_index))
    status = page.get_by_role("status")
    assert status.text_content() == "1500 métiers"
    box = page.get_by_label("Rechercher un métier")
    box.press_sequentially("j149")
    assert status.text_content() == "10 métiers"  # ROME J1490 to J1499
    box.press_sequentially("9")
    assert _shown(page) == [f"Infirmier·ère 499 spécialité·e {499 % 37}"]  # ROME J1499
    for _ in range(5):
        box.press("Backspace")
    assert status.text_content() == "1500 métiers"  # all erased
    assert page.errors == []


@pytest.mark.slow
def test_a_long_list_shows_its_first_careers_then_more_on_demand(page, large_index):
    page.goto(_index_url(large_index))
    assert len(_shown(page)) == 50
    more = page.get_by_role("button", name="Afficher plus de métiers (50 affichés sur 1500)")
    more.focus()
    page.keyboard.press("Enter")
    assert len(_shown(page)) == 100
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == _shown(page)[50]  # the keyboard goes on at the first new career
    page.get_by_label("Rechercher un métier").fill("sante")
    assert len(_shown(page)) == 50  # a new search starts with its first careers
    assert page.get_by_role("status").text_content() == "250 métiers"
    assert page.errors == []
