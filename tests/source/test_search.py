"""Finding careers by name: folding, inclusive writing, matching, ranking, closest names."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.source.loader import find_career_files
from brochure.source.search import (
    Entry,
    closest_careers,
    closest_names,
    collation_key,
    count_sectors,
    fold,
    level_of,
    name_forms,
    pick_career,
    pick_sector,
    read_entries,
    search,
)
from tests.helpers import DATA

FOLDED = [
    ("Développeur·euse Web", "developpeur euse web"),
    ("ŒNOLOGUE", "oenologue"),
    ("Maître d'œuvre", "maitre d oeuvre"),
    ("Straße", "strasse"),
    ("  J1506 ", "j1506"),
    ("Bac+2 à Bac+5", "bac 2 a bac 5"),
    ("ﬁleur", "fileur"),  # a typographic ligature
    ("Ιατρός", "ιατρος"),  # other scripts keep their letters
    ("«Chef·fe»", "chef fe"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "folded"), FOLDED)
def test_fold_sets_case_accents_and_punctuation_aside(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Boulanger·ère", ["boulanger ere", "boulanger", "boulangere"]),
        ("Développeur·euse web", ["developpeur euse web", "developpeur web", "developpeuse web"]),
        ("apiculteur/trice", ["apiculteur trice", "apiculteur", "apicultrice"]),
        ("Instituteur·rice", ["instituteur rice", "instituteur", "institutrice"]),
        ("Aide-soignant·e", ["aide soignant e", "aide soignant", "aide soignante"]),
        ("Technicien/ne de maintenance", ["technicien ne de maintenance", "technicien de maintenance", "technicienne de maintenance"]),
        ("Sportif·ve", ["sportif ve", "sportif", "sportive"]),
        ("Employé(e) de banque", ["employe e de banque", "employe de banque", "employee de banque"]),
        ("Chef·fe", ["chef fe", "chef", "cheffe"]),
        # Not inclusive writing: two whole words, an acronym pair.
        ("Boulanger / Boulangère", ["boulanger boulangere"]),
        ("CAP/BEP", ["cap bep"]),
    ],
)  # fmt: skip
def test_inclusive_writing_is_read_both_ways(name, forms):
    assert name_forms(name) == forms


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory) -> list[Entry]:
    """The shipped careers, and one with ROME codes, statuses and interests."""
    folder = tmp_path_factory.mktemp("search")
    (folder / "sage-femme.yaml").write_text(
        "title: Sage-femme\nsummary: Elle accompagne les naissances.\n"
        "sectors: [Santé, Social]\nrome_codes: [J1104]\nstatuses: [fonctionnaire]\n"
        'interests: ["**j\'aime** le contact"]\ntraining: {level: Bac+5}\n',
        encoding="utf-8",
    )
    found, failed = read_entries(find_career_files([DATA, folder]))
    assert failed == []
    return found


def _titles(found: list[Entry]) -> list[str]:
    return [entry.title for entry in found]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("infirmiere", "Infirmier·ère"),
        ("INFIRMIÈRE", "Infirmier·ère"),
        ("infirm", "Infirmier·ère"),
        ("developpeur web", "Développeur·euse web"),
        ("développeuse", "Développeur·euse web"),
        ("boulangere", "Boulanger·ère"),
        ("aide soignante", "Aide-soignant·e"),
        ("aide-soignant", "Aide-soignant·e"),
        ("IDE", "Infirmier·ère"),  # another name
        ("web developer", "Développeur·euse web"),
        ("J1104", "Sage-femme"),  # a ROME code
        ("j11", "Sage-femme"),
        ("fonctionnaire", "Sage-femme"),  # a status
        ("j'aime le contact", "Sage-femme"),  # an interest, Markdown aside
        ("social", "Sage-femme"),  # one of its sectors
    ],
)
def test_search_finds_by_partial_and_accentless_names_codes_and_more(entries, query, title):
    assert title in _titles(search(entries, query))


def test_search_needs_every_word(entries):
    assert _titles(search(entries, "developpeur boulanger")) == []
    assert _titles(search(entries, "soignant")) == ["Aide-soignant·e"]


def test_search_ranks_titles_before_other_fields(entries):
    # "Santé" is a sector of three careers; none has it in its title.
    found = _titles(search(entries, "sante"))
    assert set(found) == {"Infirmier·ère", "Aide-soignant·e", "Sage-femme"}
    # "infirmier" is Infirmier·ère's title, and only in a text of Aide-soignant·e.
    assert _titles(search(entries, "infirmier")) == ["Infirmier·ère"]
    assert _titles(search(entries, "electricien"))[0] == "Électricien·ne du bâtiment"


def test_pick_career_by_file_name_whole_name_or_search(entries):
    assert _titles(pick_career(entries, "infirmier")) == ["Infirmier·ère"]  # the file name
    assert _titles(pick_career(entries, "architecte.yaml")) == ["Architecte"]
    assert _titles(pick_career(entries, "Infirmière")) == ["Infirmier·ère"]
    assert _titles(pick_career(entries, "boulangere")) == ["Boulanger·ère"]
    assert _titles(pick_career(entries, "developpeur web")) == ["Développeur·euse web"]
    assert _titles(pick_career(entries, "Professeure des écoles")) == ["Professeur·e des écoles"]
    assert len(pick_career(entries, "tech")) == 1
    assert len(pick_career(entries, "e")) > 1  # ambiguous: the caller says which
    assert pick_career(entries, "astronaute") == []
    assert pick_career(entries, "·") == []  # no word: names nothing
    assert len(search(entries, "")) == len(entries)  # as the site's empty search box


def test_closest_careers_forgive_spelling_mistakes(entries):
    assert _titles(closest_careers(entries, "infirmer"))[0] == "Infirmier·ère"
    assert _titles(closest_careers(entries, "develloppeur web"))[0] == "Développeur·euse web"
    assert closest_careers(entries, "zzzz") == []


SECTORS = [
    "Santé",
    "Santé et social",
    "Bâtiment et architecture",
    "Bâtiment et travaux publics (BTP)",
]


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("santé", ["Santé"]),  # the one it names, though it begins another
        ("SANTE", ["Santé"]),
        ("sante et social", ["Santé et social"]),
        ("btp", ["Bâtiment et travaux publics (BTP)"]),
        ("batiment", ["Bâtiment et architecture", "Bâtiment et travaux publics (BTP)"]),
        ("marine", []),
    ],
)
def test_pick_sector(name, found):
    assert pick_sector(SECTORS, name) == found


def test_closest_sector_names():
    assert closest_names(SECTORS, "senté")[0] == "Santé"
    assert closest_names(SECTORS, "batiment et travaux")[0] == "Bâtiment et travaux publics (BTP)"
    assert closest_names(SECTORS, "marine") == []


def test_count_sectors_joins_spellings_and_sorts_the_french_way():
    counts = count_sectors([["Santé"], ["sante", "Éducation"], ["Arts"], []])
    assert counts == [("Arts", 1), ("Éducation", 1), ("Santé", 2)]


@pytest.mark.parametrize(
    ("text", "rank", "name"),
    [
        ("CAP à bac pro (BTS pour évoluer)", 1, "CAP"),
        ("CAP ou équivalent", 1, "CAP"),
        ("Diplôme d'État (niveau bac)", 2, "Bac"),
        ("bac + 2", 4, "Bac+2"),
        ("Bac+2 à Bac+5", 4, "Bac+2"),
        ("Bac+5, puis HMONP (Bac+6)", 7, "Bac+5"),
        ("BTS ou BUT", 4, "Bac+2"),
        ("Master", 7, "Bac+5"),
        ("Sans diplôme", 0, ""),
        ("Niveau 7  européen", 100, "Niveau 7 européen"),  # not known: kept as written
    ],
)
def test_level_of_the_first_level_named(text, rank, name):
    level = level_of(text)
    assert (level.rank, level.name) == (rank, name)


@pytest.mark.parametrize(
    ("titles", "order"),
    [
        (["Électricien", "Ecrivain public", "Ébéniste", "zoologiste"],
         ["Ébéniste", "Ecrivain public", "Électricien", "zoologiste"]),
        (["Œnologue", "Opticien", "Ouvrier"], ["Œnologue", "Opticien", "Ouvrier"]),
    ],
)  # fmt: skip
def test_french_collation(titles, order):
    assert sorted(titles, key=collation_key) == order


def test_sector_and_sectors_together_make_one_list(tmp_path: Path):
    (tmp_path / "c.yaml").write_text(
        "title: Garde forestier\nsummary: Il veille.\nsector: Environnement\n"
        "sectors: [Agriculture, Environnement, environnement]\n",
        encoding="utf-8",
    )
    found, _ = read_entries([tmp_path / "c.yaml"])
    assert found[0].sectors == ("Environnement", "Agriculture")
