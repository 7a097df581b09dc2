"""`brochure find` and `brochure sectors`: the careers and sectors a counsellor looks for."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import DATA, run

CAREERS = DATA / "careers"


@pytest.mark.parametrize(
    ("query", "file", "title", "sector"),
    [
        (["infirmiere"], "infirmier.yaml", "Infirmier·ère", "Santé"),
        (["developpeur", "web"], "developpeur-web.yaml", "Développeur·euse web", "Informatique"),
        (["boulangere"], "boulanger.yaml", "Boulanger·ère", "Artisanat"),
        (["Aide soignant"], "aide-soignant.yaml", "Aide-soignant·e", "Santé"),
    ],
)
def test_find_lists_file_title_and_sector(query, file, title, sector):
    result = run("find", *query, "--in", DATA)
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0].split()
    assert first[0] == str(CAREERS / file)
    assert " ".join(first[1:]).startswith(f"{title} ")
    assert result.stdout.splitlines()[0].endswith(sector)


def test_find_by_rome_code_in_a_given_folder(tmp_path: Path):
    (tmp_path / "cordiste.yaml").write_text(
        "title: Cordiste\nsummary: Suspendu.\nsectors: [BTP, Industrie]\nrome_codes: [F1502]\n",
        encoding="utf-8",
    )
    result = run("find", "f1502", "--in", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [
        str(tmp_path / "cordiste.yaml"),
        "Cordiste",
        "BTP,",
        "Industrie",
    ]


def test_find_nothing_says_so_with_the_closest_names():
    result = run("find", "infirmer", "--in", DATA)
    assert result.exit_code == 1
    assert "no career matches 'infirmer'" in result.stderr
    assert "closest:" in result.stderr
    assert f"{CAREERS / 'infirmier.yaml'}  Infirmier·ère" in result.stderr
    assert result.stdout == ""


def test_find_searches_data_by_default_and_reports_unreadable_files(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "ok.yaml").write_text("title: Garde\nsummary: Il garde.\n", "utf-8")
    (tmp_path / "data" / "casse.yaml").write_text("title: [Cassé\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("find", "garde")
    assert result.exit_code == 0
    assert result.stdout.split() == [str(Path("data") / "ok.yaml"), "Garde"]
    assert "1 career file could not be read" in result.stderr
    assert str(Path("data") / "casse.yaml") in result.stderr


def test_sectors_are_listed_with_their_counts(tmp_path: Path):
    for name, sectors in [("a", "[Santé]"), ("b", "[sante, Social]"), ("c", "[]")]:
        (tmp_path / f"{name}.yaml").write_text(
            f"title: {name}\nsummary: S.\nsectors: {sectors}\n", encoding="utf-8"
        )
    result = run("sectors", tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "2  Santé",
        "1  Social",
        "1  (no sector)",
        "2 sectors, 3 careers.",
    ]


def test_a_name_given_as_a_path_suggests_find():
    result = run("build", "infirmier")
    assert result.exit_code == 2
    assert "infirmier: no such file or folder" in result.stderr
    assert "brochure find infirmier" in result.stderr
    typo = run("check", "data/carrers")  # a path: no such suggestion
    assert "brochure find" not in typo.stderr


def test_a_query_without_a_word_is_refused():
    result = run("find", "·", "--in", DATA)
    assert result.exit_code == 2
    assert "'·' holds no word to search for" in result.stderr
