"""The site in a real browser: keyboard alone, visible focus, axe-core, print, no console error."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

# Every rule axe-core runs by default (WCAG 2.0 to 2.2, A and AA, and best
# practices). `preload` off: axe would fetch the stylesheets again, which the
# site's Content-Security-Policy rightly refuses.
AXE_OPTIONS = {"preload": False}


def _focused(page) -> dict[str, str]:
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const box = element.getBoundingClientRect();
            return {
                tag: element.tagName.toLowerCase(), id: element.id,
                text: element.textContent.trim(), href: element.getAttribute("href") || "",
                outline: style.outlineStyle, width: style.outlineWidth,
                onScreen: String(box.top >= 0 && box.bottom <= innerHeight && box.width > 0),
            };
        }"""
    )


def _visible_focus(focused: dict[str, str]) -> bool:
    return focused["outline"] != "none" and float(focused["width"].removesuffix("px")) >= 2


def test_the_keyboard_alone_reaches_a_career_and_its_pdf(page, built_site):
    page.goto((built_site / "index.html").as_uri())
    page.keyboard.press("Tab")
    skip = _focused(page)
    assert skip["text"] == "Aller au contenu" and skip["onScreen"] == "true"
    assert _visible_focus(skip)
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "query"
    page.keyboard.type("infirmiere")
    for _ in range(3):  # the sector, the level, then the first career
        page.keyboard.press("Tab")
    link = _focused(page)
    assert link["text"] == "Infirmier·ère" and _visible_focus(link)
    page.keyboard.press("Enter")
    page.wait_for_url("**/careers/infirmier.html")

    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Aller au contenu"
    page.keyboard.press("Enter")  # the skip link: the next Tab goes into the content
    assert _focused(page)["id"] == "main"
    page.keyboard.press("Tab")
    download = _focused(page)
    assert download["text"].startswith("Télécharger ou imprimer la fiche (PDF, ")
    assert _visible_focus(download) and download["onScreen"] == "true"
    pdf = Path(unquote(urlsplit(page.url).path)).parent / unquote(download["href"])
    assert pdf.resolve() == (built_site / "pdf" / "infirmier.pdf").resolve()
    assert pdf.read_bytes().startswith(b"%PDF-")
    # Back to the index by the keyboard too.
    page.keyboard.press("Shift+Tab")
    back = _focused(page)
    assert back["text"] == "Toutes les fiches métiers" and _visible_focus(back)
    page.keyboard.press("Enter")
    page.wait_for_url("**/index.html")
    assert page.errors == []


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "careers/infirmier.html",
        pytest.param("careers/sage-femme.html", marks=pytest.mark.slow),
    ],
)
def test_axe_finds_no_violation(page, built_site, path):
    page.goto((built_site / path).as_uri())
    assert page.errors == []  # before axe runs: its own requests are not the site's
    if path == "index.html":
        page.get_by_label("Rechercher un métier").fill("sante")  # the search in use, too
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.slow
def test_axe_finds_no_violation_in_english_nor_with_a_pale_accent(page, tmp_path):
    from tests.helpers import run

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "baker.yaml").write_text(
        "title: Baker\nsummary: Bakes **bread**.\nrecap: [[Level, CAP]]\n"
        "salary: {levels: [{label: Start, min: 1800}]}\n",
        encoding="utf-8",
    )
    (tmp_path / "brochure.yaml").write_text('language: en\naccent: "#ffe14d"\n', encoding="utf-8")
    result = run(
        "site", tmp_path / "data", "-o", tmp_path / "site", "--config", tmp_path / "brochure.yaml"
    )
    assert result.exit_code == 0, result.output
    for path in ("index.html", "careers/baker.html"):
        page.goto((tmp_path / "site" / path).as_uri())
        results = Axe().run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
    assert page.errors == []


@pytest.mark.slow
def test_printing_leaves_out_what_only_a_screen_needs(page, built_site):
    page.goto((built_site / "careers" / "infirmier.html").as_uri())
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => [".skip-link", ".banner", ".download"].map(
            selector => getComputedStyle(document.querySelector(selector)).display)"""
    )
    assert hidden == ["none", "none", "none"]
    assert page.locator("#recap table").is_visible()
    assert page.pdf()[:5] == b"%PDF-"  # Chromium prints it
