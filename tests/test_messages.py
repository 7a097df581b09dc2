"""Our messages in French under a French locale, English otherwise; the catalogue complete."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from click.testing import CliRunner

from brochure.cli.main import cli
from brochure.i18n import CATALOGUES, catalogue, user_language
from tests.helpers import ROOT

KEYWORDS = {"_": None, "N_": None, "own_error": (2,)}
CATALOGUE = CATALOGUES / "fr" / "LC_MESSAGES" / "brochure.po"


def _marked() -> set[str]:
    """Every message marked for translation in brochure's code."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "brochure", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else next(m for m in message if m))
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_marked_message_has_its_french_and_no_other():
    with CATALOGUE.open("rb") as file:
        french = {m.id: m.string for m in read_po(file) if m.id}
    marked = _marked()
    assert len(marked) > 50  # the check command's path, end to end
    missing = sorted(marked - {k for k, v in french.items() if v})
    assert missing == [], "run scripts/french_messages.py after adding these to it"
    assert sorted(set(french) - marked) == []  # no message left from older code
    for english, translation in french.items():
        assert _fields(translation) == _fields(english), english


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),  # LC_ALL wins, as for gettext
        ({"LANG": "C", "LC_MESSAGES": "fr_CA.UTF-8"}, "fr"),
        ({"LANGUAGE": "fr:en", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),  # not ours: English
    ],
)
def test_the_locale_decides(monkeypatch, environment, language):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert user_language() == language


def _check(path, lang):
    env = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": lang}
    return CliRunner().invoke(cli, ["check", str(path)], env=env)


MISTAKES = [
    (
        "title: A\nsummary: B\nskills:\n  items:\n  - Rigueur\n    - Résistance\n",
        "6:5: skills.items[0]: ",
        "this list item is indented more than the item on line 5",
        "cet élément de liste est plus en retrait que celui de la ligne 5",
    ),
    (
        "title: A\nsummary: B\nskills:\n\titems: []\n",
        "4:1: ",
        "this is not valid YAML: this line is indented with a tab",
        "ce n'est pas du YAML valide : cette ligne est mise en retrait avec une tabulation",
    ),
    (
        "title: A\nmissions:\n  intro: Sa journée : elle est longue\n",
        "3:10: ",
        "this is not valid YAML: the ':' followed by a space inside this text makes YAML read a"
        ' new field: put the whole text in double quotes: intro: "Sa journée : elle est longue"',
        "ce n'est pas du YAML valide : le « : » suivi d'une espace dans ce texte fait lire un"
        " nouveau champ à YAML : mettez tout le texte entre guillemets droits :"
        ' intro: "Sa journée : elle est longue"',
    ),
    (
        "title: A\nsummary: B\nrésumé: C\n",
        "3:1: résumé: ",
        "unknown field (did you mean 'summary'?)",
        "champ inconnu (vouliez-vous dire « summary » ?)",
    ),
    (
        "title: A\nsummary: B\nupdated: 01/06/2025\n",
        "3:10: updated: ",
        "should be a date written YYYY-MM-DD",
        "doit être une date écrite AAAA-MM-JJ",
    ),
]


@pytest.mark.parametrize(("text", "where", "english", "french"), MISTAKES)
def test_check_says_each_mistake_in_the_locale_language(career_file, text, where, english, french):
    path = career_file(text)
    in_french = _check(path, "fr_FR.UTF-8")
    assert in_french.exit_code == 1
    assert f"{path}:{where}{french}" in in_french.stderr
    assert "fichiers en échec : 1 sur 1 :" in in_french.stderr
    in_english = _check(path, "C")
    assert in_english.exit_code == 1
    assert f"{path}:{where}{english}" in in_english.stderr
    assert "1 of 1 files failed:" in in_english.stderr


def test_a_valid_file_and_a_placeholder_in_french(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yaml").write_text("title: A\nsummary: B\nsector: Secteur à préciser\n")
    result = _check(data, "fr_FR.UTF-8")
    assert result.exit_code == 0
    assert "1 fichier valide." in result.stdout
    assert re.search(
        r"attention : .*a\.yaml: ligne 3 : sector: contient encore le texte d'exemple",
        result.stderr,
    )


def test_the_catalogue_is_read_once():
    assert catalogue("fr") is catalogue("fr")
    assert catalogue("en") == {}
