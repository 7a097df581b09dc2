"""Importing careers from a CSV spreadsheet."""

from __future__ import annotations

import pytest

from brochure.source.loader import load_career
from tests.helpers import FIXTURES, pdf_text, run, squeeze

TABLES = FIXTURES / "csv"


def test_semicolon_table_with_every_kind_of_column(tmp_path):
    result = run("import", "csv", TABLES / "careers.csv", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert "2 created, 0 updated, 0 unchanged, 0 failed." in result.stdout
    career = load_career(tmp_path / "fleuriste.yaml")
    assert career.summary == "Le ou la fleuriste compose des bouquets : mariages, deuils, fêtes."
    assert career.also_known_as == ["Artisan·e fleuriste", "Décorateur·rice floral·e"]
    assert career.missions is not None
    assert career.missions.items == ["Choisir les fleurs au marché", "Composer les bouquets"]
    assert career.training is not None and career.training.level == "CAP"
    assert career.salary is not None
    assert [(lvl.label, lvl.min, lvl.max) for lvl in career.salary.levels] == [
        ("Débutant", 1802, 1900),
        ("Confirmé", 2000, 2400),
        ("Chef·fe d'atelier", 2500, None),
    ]
    assert career.recap == [("Niveau", "CAP"), ("Horaires", "7:30 - 19:00")]
    assert [(s.label, s.url) for s in career.sources] == [
        ("ONISEP", "https://www.onisep.fr"),
        ("CIO de mon secteur", None),
    ]
    assert career.origin is not None and career.origin.id == "FLEU"
    # A cell with line breaks holds several values; in a text, each line is a paragraph.
    stone = load_career(tmp_path / "tailleur-euse-de-pierre.yaml")
    assert stone.missions is not None
    assert stone.missions.items == ["Tracer les épures", "Tailler les blocs"]
    assert stone.summary == "Façonne la pierre pour bâtir ou restaurer.\n\nUn métier du patrimoine."


def test_comma_table(tmp_path):
    result = run("import", "csv", TABLES / "comma.csv", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert load_career(tmp_path / "greffier.yaml").summary == "Assiste le juge, tient le dossier"


def test_bad_rows_name_their_row_and_column(tmp_path):
    table = TABLES / "bad-rows.csv"
    result = run("import", "csv", table, "-o", tmp_path)
    assert result.exit_code == 1
    assert "0 created, 0 updated, 0 unchanged, 4 failed." in result.stdout
    for expected in (
        "row 2: column salary_levels: 'Débutant 1800' should read 'label : min-max'",
        "row 3: column title: is required but missing",
        "row 4: column updated: should be a date written YYYY-MM-DD",
        "row 5: has more cells than the header has columns",
    ):
        assert f"{table}: {expected}" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title;summary;colour\nA;B;rouge\n", "1: unknown column 'colour'"),
        ("title;summary;sumary\nA;B;C\n", "unknown column 'sumary' (did you mean 'summary'?)"),
        (
            "title;sector\nA;B\n",
            "1: the column 'summary' (or 'Résumé') is missing from the header row",
        ),
        ("title;summary;title\nA;B;C\n", "a column appears twice"),
    ],
)
def test_bad_headers_are_refused(tmp_path, content, message):
    table = tmp_path / "table.csv"
    table.write_text(content, encoding="utf-8")
    result = run("import", "csv", table, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert message in result.stderr


def test_windows_1252_table_is_read_and_said(tmp_path):
    table = tmp_path / "table.csv"
    table.write_bytes("title;summary\nÉbéniste;Travaille le bois… d’œuvre.\n".encode("cp1252"))
    result = run("import", "sheet", table, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert f"note: {table}: not UTF-8, read as Windows-1252" in result.stderr
    career = load_career(tmp_path / "out" / "ebeniste.yaml")
    assert (career.title, career.summary) == ("Ébéniste", "Travaille le bois… d’œuvre.")


def test_reimport_keeps_hand_edits_then_builds(tmp_path):
    table = tmp_path / "careers.csv"
    table.write_text((TABLES / "careers.csv").read_text(encoding="utf-8"), encoding="utf-8")
    folder = tmp_path / "data"
    run("import", "csv", table, "-o", folder)
    path = folder / "fleuriste.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Sens des couleurs", "Sens des couleurs et du goût"
        ),
        encoding="utf-8",
    )
    table.write_text(
        table.read_text(encoding="utf-8")
        .replace("Sens des couleurs", "Sens des couleurs et des formes")
        .replace("compose des bouquets", "compose bouquets et décors"),
        encoding="utf-8",
    )
    result = run("import", "csv", table, "-o", folder)
    assert result.exit_code == 0, result.output
    assert f"updated {path} (summary)" in result.stdout
    assert f"kept hand edits in {path}: skills.items" in result.stdout
    career = load_career(path)
    assert career.skills is not None and career.skills.items == ["Sens des couleurs et du goût"]
    assert "bouquets et décors" in career.summary

    built = run("build", folder, "-o", tmp_path / "pdf")
    assert built.exit_code == 0, built.output
    text = squeeze(pdf_text(tmp_path / "pdf" / "fleuriste.pdf"))
    for expected in ("Sens des couleurs et du goût", "1 802 à 1 900 €", "Horaires7:30 - 19:00"):
        assert squeeze(expected) in text
