"""The theme stage: HTML from the templates, template errors located, theme found."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from brochure.errors import BrochureError
from brochure.sheet.context import accent_colours, build_context
from brochure.sheet.theme import Theme, default_theme, load_language, load_theme, render_html
from brochure.source.config import SheetOptions
from brochure.source.loader import load_career
from tests.helpers import GOLDEN, REFERENCE, ROOT


@pytest.mark.parametrize(
    ("language", "golden_name"), [("fr", "prompt-engineer.html"), ("en", "prompt-engineer.en.html")]
)
def test_reference_html_matches_the_golden_file(regen_golden, language, golden_name):
    options = SheetOptions(qr_url="https://www.example.org/{slug}", accent="#B03A2E")
    context = build_context(
        load_career(REFERENCE),
        load_language(default_theme(), language),
        options=options,
        slug="prompt-engineer",
    )
    html = render_html(default_theme(), context)
    golden = GOLDEN / golden_name
    if regen_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            html.splitlines(keepends=True),
            "golden",
            "now",
        )
    )
    assert not diff, f"HTML changed (run pytest --regen-golden and review):\n{diff}"


def test_english_sheets_read_as_english_typography():
    context = build_context(load_career(REFERENCE), load_language(default_theme(), "en"))
    html = render_html(default_theme(), context)
    assert "Also known as: </span>" in html
    assert "\u00a0:" not in html and "&nbsp;:" not in html  # no French space before a colon
    assert "Key facts" in html and 'data-page-label="Page"' in html


def test_french_sheets_put_a_no_break_space_before_the_colon():
    context = build_context(load_career(REFERENCE), load_language(default_theme(), "fr"))
    html = render_html(default_theme(), context)
    assert "Autres appellations\u00a0: </span>" in html


def test_the_accent_tints_panels_and_rules():
    colours = accent_colours("#B03A2E")
    assert colours == {
        "accent": "#b03a2e",
        "accent-light": "#f7ebea",
        "rule": "#ebcecb",
        "on-accent-muted": "#f1dcd9",
    }
    context = build_context(
        load_career(REFERENCE),
        load_language(default_theme(), "fr"),
        options=SheetOptions(accent="#B03A2E"),
    )
    html = render_html(default_theme(), context)
    assert "--accent-light: #f7ebea;" in html
    # Without an accent, the theme's own colours stay (no inline override).
    plain = build_context(load_career(REFERENCE), load_language(default_theme(), "fr"))
    assert "--accent" not in render_html(default_theme(), plain)


def test_every_label_reaches_the_templates(tmp_path):
    (tmp_path / "templates" / "labels").mkdir(parents=True)
    labels = (ROOT / "templates" / "labels" / "fr.yaml").read_text(encoding="utf-8")
    (tmp_path / "templates" / "labels" / "fr.yaml").write_text(
        labels + "ma_mention: Fiche relue par le CIO\n", encoding="utf-8"
    )
    (tmp_path / "templates" / "partials").mkdir()
    (tmp_path / "templates" / "partials" / "sources.html").write_text(
        "<p class='mention'>{{ labels.ma_mention }}</p>\n", encoding="utf-8"
    )
    theme = load_theme(project=tmp_path)
    context = build_context(load_career(REFERENCE), load_language(theme, "fr"))
    assert "<p class='mention'>Fiche relue par le CIO</p>" in render_html(theme, context)


def test_default_theme_is_the_checkout_one():
    theme = default_theme()
    assert theme.templates == ROOT / "templates"
    assert theme.styles == ROOT / "styles"


@pytest.fixture
def theme(tmp_path: Path) -> Theme:
    """A copy of the default theme that a test may break."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "styles", tmp_path / "styles")
    return Theme(tmp_path / "templates", tmp_path / "styles")


def _break(path: Path, line: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(line - 1, text + "\n")
    path.write_text("".join(lines), encoding="utf-8")


# What follows "template error: " is Jinja's wording: only the word the author
# typed (a name, a tag) is looked for in it, where there is one.
@pytest.mark.parametrize(
    ("template", "line", "text", "typed"),
    [
        ("sheet.html", 20, "{{ no_such_value }}", "no_such_value"),
        ("partials/recap.html", 3, "{{ recap.nope }}", "nope"),
        ("partials/salary.html", 2, "{% if %}", None),
        ("partials/header.html", 4, "{% endfor %}", "endfor"),
    ],
)
def test_template_mistakes_name_the_file_and_line(theme, template, line, text, typed):
    _break(theme.templates / template, line, text)
    with pytest.raises(BrochureError) as raised:
        render_html(
            theme, build_context(load_career(REFERENCE), load_language(default_theme(), "fr"))
        )
    (problem,) = raised.value.problems
    assert problem.path == theme.templates / template
    assert problem.line == line
    assert problem.message.startswith("template error: ")
    assert str(problem).startswith(f"{theme.templates / template}:{line}: template error: ")
    if typed is not None:
        assert typed in problem.message.removeprefix("template error: ")
