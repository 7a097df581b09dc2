"""Spreadsheets as offices make them: .xlsx, .ods, Excel's CSV files, French columns."""

from __future__ import annotations

from datetime import date

import pytest

from brochure.importers.spreadsheet import COLUMNS, FRENCH_COLUMNS
from brochure.source.loader import load_career
from brochure.workbook import ods_bytes, xlsx_bytes
from tests.helpers import FIXTURES, ROOT, run

SHEETS = FIXTURES / "sheets"

# As an office keeps its catalogue: French column names, a date cell, line
# breaks in cells, an empty column at the right and a blank row.
ROWS = [
    ["Métier", "Résumé", "Mise à jour", "Compétences", "Secteur", ""],
    [
        "Ébéniste",
        "Fabrique des meubles en bois massif.\nUn métier d’art.",
        date(2025, 6, 1),
        "Précision\nGoût du bois",
        "Artisanat",
        "",
    ],
    ["", "", "", "", "", ""],
    ["Tapissier·ère", "Refait sièges et tentures.", "15/09/2024", "Habileté", "Artisanat", " "],
]


def _check_imported(result, folder):
    assert result.exit_code == 0, result.output
    assert "2 created, 0 updated, 0 unchanged, 0 failed." in result.stdout
    cabinet = load_career(folder / "ebeniste.yaml")
    assert cabinet.summary == "Fabrique des meubles en bois massif.\n\nUn métier d’art."
    assert cabinet.updated == date(2025, 6, 1)
    assert cabinet.skills is not None and cabinet.skills.items == ["Précision", "Goût du bois"]
    assert cabinet.sector == "Artisanat"
    upholsterer = load_career(folder / "tapissier-ere.yaml")
    assert upholsterer.updated == date(2024, 9, 15)


@pytest.mark.parametrize(("suffix", "write"), [(".xlsx", xlsx_bytes), (".ods", ods_bytes)])
def test_workbooks_are_imported(tmp_path, suffix, write):
    source = tmp_path / f"catalogue{suffix}"
    source.write_bytes(write(ROWS))
    result = run("import", "sheet", source, "-o", tmp_path / "data")
    _check_imported(result, tmp_path / "data")
    assert "note:" not in result.stderr


def test_excel_csv_in_windows_1252_is_read_and_said(tmp_path):
    source = SHEETS / "excel-windows-1252.csv"
    result = run("import", "sheet", source, "-o", tmp_path / "data")
    _check_imported(result, tmp_path / "data")
    assert f"note: {source}: not UTF-8, read as Windows-1252" in result.stderr


def test_excel_csv_in_utf8(tmp_path):
    source = SHEETS / "excel-utf-8.csv"
    result = run("import", "csv", source, "-o", tmp_path / "data")
    _check_imported(result, tmp_path / "data")
    assert "note:" not in result.stderr


def test_a_misspelt_french_column_gets_a_suggestion(tmp_path):
    source = tmp_path / "catalogue.xlsx"
    source.write_bytes(xlsx_bytes([["Métier", "Résumé", "Compétence"], ["A", "B", "C"]]))
    result = run("import", "sheet", source, "-o", tmp_path / "data")
    assert result.exit_code == 1
    assert f"{source}:1: unknown column 'Compétence' (did you mean 'Compétences'?)" in (
        result.stderr
    )


def test_a_column_without_a_name_between_others(tmp_path):
    source = tmp_path / "catalogue.ods"
    source.write_bytes(ods_bytes([["Métier", "", "Résumé"], ["A", "x", "B"]]))
    result = run("import", "sheet", source, "-o", tmp_path / "data")
    assert result.exit_code == 1
    assert "column 2 has no name in the header row: name it or delete it" in result.stderr


def test_a_damaged_workbook_is_said_plainly(tmp_path):
    source = tmp_path / "catalogue.xlsx"
    source.write_bytes(b"PK\x03\x04 not really a workbook")
    result = run("import", "sheet", source, "-o", tmp_path / "data")
    assert result.exit_code == 1
    assert f"{source}: cannot be read as a spreadsheet (.xlsx, .ods)" in result.stderr


def test_every_column_has_a_french_name_in_the_readme():
    assert set(FRENCH_COLUMNS) == set(COLUMNS)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for column, names in FRENCH_COLUMNS.items():
        assert f"`{column}`" in readme
        assert f"`{names[0]}`" in readme, names[0]


def test_init_writes_a_starter_spreadsheet_that_imports(tmp_path, monkeypatch):
    assert run("init", tmp_path / "projet").exit_code == 0
    monkeypatch.chdir(tmp_path / "projet")
    result = run("import", "sheet", "metiers.xlsx", "-o", "data")
    assert result.exit_code == 0, result.output
    assert "1 created" in result.stdout
    career = load_career(tmp_path / "projet" / "data" / "fleuriste.yaml")
    assert career.title == "Fleuriste"
    assert career.updated == date(2025, 6, 1)
    assert career.salary is not None and len(career.salary.levels) == 2
    assert career.summary.count("\n\n") == 1
