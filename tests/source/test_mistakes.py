"""The usual mistakes of people writing YAML by hand, each explained at the line written."""

from __future__ import annotations

import pytest

from brochure.errors import BrochureError
from brochure.source.loader import load_career
from tests.helpers import run

HEAD = "title: Infirmier\nsummary: Il soigne.\n"

# (what is written, line of the mistake, what the message says to do)
MISTAKES = [
    pytest.param(
        HEAD + "skills:\n\titems:\n\t  - Rigueur\n",
        4,
        "indented with a tab; YAML accepts only spaces: replace the tab with spaces",
        id="tab",
    ),
    pytest.param(
        HEAD + "skills:\n  items:\n  \t- Rigueur\n",
        5,
        "indented with a tab",
        id="tab-after-spaces",
    ),
    pytest.param(
        HEAD + "missions:\n  intro: Sa journée : elle est longue\n",
        4,
        "makes YAML read a new field: put the whole text in double quotes:"
        ' intro: "Sa journée : elle est longue"',
        id="colon-in-text",
    ),
    pytest.param(
        HEAD + "skills:\n  items:\n    - Curiosité : les langages\n",
        5,
        'made YAML read a field; put the whole text in double quotes: "Curiosité : les langages"',
        id="colon-in-list-item",
    ),
    pytest.param(
        "title: Infirmier\nsummary: 'L'infirmier soigne'\n",
        2,
        "an apostrophe inside a text in single quotes ends the text: put the text in double quotes",
        id="apostrophe-in-single-quotes",
    ),
    pytest.param(
        HEAD + "skills:\n  items: ['L'écoute', 'La patience']\n",
        4,
        "an apostrophe inside a text in single quotes ends the text",
        id="apostrophe-in-a-list",
    ),
    pytest.param(
        'title: A\nsummary: "Il dit "bonjour" à tous"\n',
        2,
        "a double quote inside a text in double quotes ends the text: write the inner quotes"
        " as « »",
        id="double-quote-in-double-quotes",
    ),
    pytest.param(
        HEAD + "skills:\n  items:\n    - **Soigner** les patients\n",
        5,
        "a text cannot start with '\\*' in YAML, which reads a reference to another value:"
        ' put the whole text in double quotes: - "\\*\\*Soigner\\*\\* les patients"',
        id="bold-start",
    ),
    pytest.param(
        "title: A\nsummary: *Soigner* les patients\n",
        2,
        "cannot start with '\\*'",
        id="italic-start",
    ),
    pytest.param("title: A\nsummary: & associés\n", 2, "cannot start with '&'", id="ampersand"),
    pytest.param("title: A\nsummary: ! attention\n", 2, "cannot start with '!'", id="exclamation"),
    pytest.param("title: A\nsummary: % de réussite\n", 2, "cannot start with '%'", id="percent"),
    pytest.param("title: A\nsummary: @onisep\n", 2, "cannot start with '@'", id="at"),
    pytest.param("title: A\nsummary: `code`\n", 2, "cannot start with '`'", id="backquote"),
    pytest.param(
        "title: A\nsummary: [Bac+3] puis master\n",
        2,
        "cannot start with '\\[' in YAML, which reads a list: put the whole text in double"
        ' quotes: summary: "\\[Bac\\+3\\] puis master"',
        id="bracket",
    ),
    pytest.param(
        HEAD + "career_paths:\n  - [Bac+3]\n",
        4,
        "a text starting with '\\[' is read as a list by YAML; put the whole text in double"
        ' quotes: "\\[Bac\\+3\\]"',
        id="bracket-alone",
    ),
    pytest.param(
        HEAD + "rome_codes:\n  - #J1506\n",
        4,
        "'#' starts a comment in YAML, so what follows it was left out; put the text in"
        ' double quotes: "#J1506"',
        id="hash-comment",
    ),
    pytest.param(
        HEAD + "skills:\n  items:\n  - Rigueur\n    - Résistance physique\n    - Écoute\n",
        6,
        "this list item is indented more than the item on line 5, so YAML joined it to that"
        " item's text: give every item of the list the same indentation",
        id="merged-list-first-less",
    ),
    pytest.param(
        HEAD + "skills:\n  items:\n    - Rigueur\n     - Résistance physique\n",
        6,
        "indented more than the item on line 5",
        id="merged-list-one-more",
    ),
    pytest.param(
        HEAD + "skills:\n  items:\n    - Rigueur\n   - Résistance physique\n",
        6,
        "this list item is indented differently from the lines above it",
        id="list-item-less",
    ),
    pytest.param(
        "title: A\nsummary: B\nupdated: '2025-01-01'\nlanguage: fr\nalso_known_as: [x]\n"
        "sector Santé\n",
        6,
        "this line has no ':' after its field name: write 'name: value'",
        id="missing-colon",
    ),
    pytest.param(
        "title: A\n  summary: B\n", 2, "indented differently from the lines above it", id="indent"
    ),
    pytest.param(
        'title: "Infirmier\nsummary: B\n',
        1,
        "the quote that opens this text is never closed",
        id="unclosed-quote",
    ),
    pytest.param(
        HEAD + "résumé: x\n",
        3,
        "résumé: unknown field \\(did you mean 'summary'\\?\\)",
        id="resume",
    ),
    pytest.param(HEAD + "compétences: []\n", 3, "did you mean 'skills'", id="competences"),
    pytest.param(HEAD + "formation: []\n", 3, "did you mean 'training'", id="formation"),
    pytest.param(HEAD + "Salaire: {}\n", 3, "did you mean 'salary'", id="salaire"),
    pytest.param(HEAD + "débouchés: {}\n", 3, "did you mean 'outlook'", id="debouches"),
    pytest.param(HEAD + "secteur: Santé\n", 3, "did you mean 'sector'", id="secteur"),
    pytest.param("métier: A\nsummary: B\n", 1, "did you mean 'title'", id="metier"),
    pytest.param("titre: A\nsummary: B\n", 1, "did you mean 'title'", id="titre"),
]


@pytest.mark.parametrize(("content", "line", "message"), MISTAKES)
def test_each_mistake_is_explained_at_its_line(career_file, content, line, message):
    path = career_file(content)
    with pytest.raises(BrochureError, match=message) as raised:
        load_career(path)
    assert raised.value.problems[0].line == line


def test_check_names_the_file_and_line(career_file):
    path = career_file(HEAD + "skills:\n  items:\n  - Rigueur\n    - Résistance physique\n")
    result = run("check", path)
    assert result.exit_code == 1
    assert f"{path}:6:5: skills.items[0]: this list item is indented more" in result.output


def test_a_dash_inside_text_and_block_text_are_kept(career_file):
    text = (
        HEAD
        + "skills:\n  items:\n    - Rigueur - et patience\n    - >-\n      Écoute\n      - toujours\n"
    )
    career = load_career(career_file(text))
    assert career.skills is not None
    assert career.skills.items == ["Rigueur - et patience", "Écoute - toujours"]
