"""The theme stage: HTML from the templates, template errors located, theme found."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from brochure.errors import BrochureError
from brochure.sheet.context import build_context
from brochure.sheet.theme import Theme, default_theme, load_language, render_html
from brochure.source.loader import load_career
from tests.helpers import GOLDEN, REFERENCE, ROOT


def test_reference_html_matches_the_golden_file(regen_golden):
    html = render_html(
        default_theme(), build_context(load_career(REFERENCE), load_language(default_theme(), "fr"))
    )
    golden = GOLDEN / "prompt-engineer.html"
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
