"""Imports lose nothing and never end in a traceback.

An import writes only over files it wrote for the same record; duplicate
records are reported; one bad record, or one bad file in the folder, is
reported and skipped while the others are imported.
"""

from __future__ import annotations

import csv
import errno
from pathlib import Path

import pytest
from click.testing import Result

from brochure.errors import EXIT_FAILED, EXIT_OK, BrochureError
from brochure.importers import importer
from brochure.importers.htmltext import html_to_markdown
from brochure.importers.importer import import_records
from brochure.importers.onisep import read_records
from brochure.importers.record import Record
from brochure.importers.spreadsheet import read_rows
from brochure.source.loader import load_career
from brochure.source.model import MAX_TEXT_CHARACTERS
from tests import helpers


def run(*args: str | Path) -> Result:
    result = helpers.run(*args)
    # Our errors end with an exit code; anything else would be a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def metier(identifier: str, name: str, body: str = "") -> str:
    return (
        f"<metier><identifiant>{identifier}</identifiant><nom_metier>{name}</nom_metier>"
        f"{body}</metier>"
    )


def export(folder: Path, *records: str, declaration: str = '<?xml version="1.0"?>') -> Path:
    path = folder / "export.xml"
    path.write_text(f"{declaration}\n<metiers>{''.join(records)}</metiers>", encoding="utf-8")
    return path


def table(folder: Path, text: str, name: str = "table.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


HAND_WRITTEN = "title: Cordiste\nsummary: Écrit à la main, sans origine.\n"
OTHER_SOURCE = (
    "title: Cordiste\nsummary: Importé d'un tableau.\n"
    "origin:\n  source: spreadsheet\n  id: MET.9101\n"
)
OTHER_RECORD = (
    "title: Cordiste\nsummary: Une autre fiche.\norigin:\n  source: ONISEP\n  id: MET.1\n"
)


# 1. An import never writes over a file that is not its own.


@pytest.mark.parametrize("text", [HAND_WRITTEN, OTHER_SOURCE, OTHER_RECORD])
def test_a_file_with_the_fallback_name_is_never_overwritten(tmp_path, text):
    data = tmp_path / "data"
    data.mkdir()
    (data / "cordiste.yaml").write_text(text, encoding="utf-8")
    (data / "cordiste-met-9101.yaml").write_text(text, encoding="utf-8")
    result = run("import", "onisep", export(tmp_path, metier("MET.9101", "cordiste")), "-o", data)
    assert result.exit_code == EXIT_OK, result.output
    assert (data / "cordiste.yaml").read_text(encoding="utf-8") == text
    assert (data / "cordiste-met-9101.yaml").read_text(encoding="utf-8") == text
    new = data / "cordiste-met-9101-2.yaml"
    assert f"created {new}" in result.stdout
    assert "cordiste.yaml and cordiste-met-9101.yaml are taken by other files" in result.stdout
    origin = load_career(new).origin
    assert origin is not None and origin.id == "MET.9101"
    # The next import finds its own file again, and leaves the others alone.
    again = run("import", "onisep", export(tmp_path, metier("MET.9101", "cordiste")), "-o", data)
    assert "0 created, 0 updated, 1 unchanged, " in again.stdout
    assert "0 failed." in again.stdout
    # ONISEP's MET.1, in a file of its own, is no longer in this export: said, not moved.
    assert ("retired" in again.stdout) == (text == OTHER_RECORD)
    assert names(data) == ["cordiste-met-9101-2.yaml", "cordiste-met-9101.yaml", "cordiste.yaml"]


def test_a_name_taken_by_another_file_is_said(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "cordiste.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    result = run("import", "onisep", export(tmp_path, metier("MET.9101", "cordiste")), "-o", data)
    assert f"created {data / 'cordiste-met-9101.yaml'} (cordiste.yaml is taken" in result.stdout


def _cordiste(tmp_path: Path) -> Record:
    return next(read_records(export(tmp_path, metier("MET.9101", "cordiste"))))


def test_a_file_appearing_while_the_import_runs_is_not_replaced(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    record = _cordiste(tmp_path)

    def records():
        # Another program writes the file after the import looked at the folder...
        (data / "cordiste.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
        yield record

    # ...and even after the import checked that the name was free.
    monkeypatch.setattr(importer.os.path, "lexists", lambda path: False)
    report = import_records(records(), data, "ONISEP")
    assert [(r.action, r.path) for r in report.results] == [
        ("created", data / "cordiste-met-9101.yaml")
    ]
    assert (data / "cordiste.yaml").read_text(encoding="utf-8") == HAND_WRITTEN


def test_without_hard_links_new_files_are_still_created_exclusively(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "cordiste.yaml").write_text(HAND_WRITTEN, encoding="utf-8")

    def no_links(source, target):
        raise OSError(errno.EPERM, "no hard links on this file system")

    monkeypatch.setattr(importer.os, "link", no_links)
    monkeypatch.setattr(importer.os.path, "lexists", lambda path: False)
    report = import_records([_cordiste(tmp_path)], data, "ONISEP")
    assert report.results[0].path == data / "cordiste-met-9101.yaml"
    assert (data / "cordiste.yaml").read_text(encoding="utf-8") == HAND_WRITTEN
    assert load_career(data / "cordiste-met-9101.yaml").title == "Cordiste"
    assert names(data) == ["cordiste-met-9101.yaml", "cordiste.yaml"]  # no temporary file left


def test_a_file_that_cannot_be_written_is_a_failed_record(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(importer.tempfile, "mkstemp", full)
    report = import_records([_cordiste(tmp_path)], tmp_path / "data", "ONISEP")
    [result] = report.results
    assert result.action == "failed"
    assert "could not be written" in result.problems[0].message


# 2. Duplicate records in one source: reported, neither lost.


def test_two_rows_with_one_id(tmp_path):
    data = tmp_path / "data"
    source = table(
        tmp_path,
        "id;title;summary\nFLEU;Fleuriste;Compose des bouquets.\n"
        "BOUL;Boulanger;Fait le pain.\nFLEU;Fleuriste de deuil;Compose des couronnes.\n",
    )
    result = run("import", "csv", source, "-o", data)
    assert result.exit_code == EXIT_FAILED
    assert f"{source}: row 4: column id: the id 'FLEU' is already the id of row 2" in result.stderr
    assert "2 created, 0 updated, 0 unchanged, 1 failed." in result.stdout
    assert names(data) == ["boulanger.yaml", "fleuriste.yaml"]
    assert load_career(data / "fleuriste.yaml").summary == "Compose des bouquets."
    # Imported again, the first row's file is still the first row's.
    again = run("import", "csv", source, "-o", data)
    assert again.exit_code == EXIT_FAILED
    assert load_career(data / "fleuriste.yaml").summary == "Compose des bouquets."


def test_two_rows_without_ids_with_one_title(tmp_path):
    data = tmp_path / "data"
    source = table(tmp_path, "title;summary\nFleuriste;Premier.\nFleuriste !;Second.\n")
    result = run("import", "csv", source, "-o", data)
    assert result.exit_code == EXIT_FAILED
    assert f"{source}: row 3: column id: has no id" in result.stderr
    assert "as row 2" in result.stderr
    assert names(data) == ["fleuriste.yaml"]
    assert load_career(data / "fleuriste.yaml").summary == "Premier."


def test_two_rows_with_one_title_and_their_own_ids_are_both_imported(tmp_path):
    data = tmp_path / "data"
    source = table(tmp_path, "id;title;summary\nA;Fleuriste;Premier.\nB;Fleuriste;Second.\n")
    result = run("import", "csv", source, "-o", data)
    assert result.exit_code == EXIT_OK, result.output
    assert names(data) == ["fleuriste-b.yaml", "fleuriste.yaml"]
    assert load_career(data / "fleuriste-b.yaml").summary == "Second."
    again = run("import", "csv", source, "-o", data)
    assert "0 created, 0 updated, 2 unchanged, 0 failed." in again.stdout


def test_two_onisep_records_with_one_identifiant(tmp_path):
    data = tmp_path / "data"
    source = export(
        tmp_path,
        metier("MET.1", "cordiste"),
        metier("MET.2", "boulanger"),
        metier("MET.1", "couvreur"),
    )
    result = run("import", "onisep", source, "-o", data)
    assert result.exit_code == EXIT_FAILED
    assert f"{source}: MET.1: record 3 has the same <identifiant> as record 1" in result.stderr
    assert names(data) == ["boulanger.yaml", "cordiste.yaml"]
    again = run("import", "onisep", source, "-o", data)
    assert again.exit_code == EXIT_FAILED
    assert names(data) == ["boulanger.yaml", "cordiste.yaml"]
    assert load_career(data / "cordiste.yaml").title == "Cordiste"


def test_any_source_with_one_id_twice_keeps_the_first(tmp_path):
    first, second = (
        Record("X", {"title": title, "summary": "Texte.", "origin": {"source": "S", "id": "X"}})
        for title in ("Premier", "Second")
    )
    report = import_records([first, second], tmp_path, "S")
    assert [result.action for result in report.results] == ["created", "failed"]
    assert "has the same id as X" in report.results[1].problems[0].message
    assert names(tmp_path) == ["premier.yaml"]


# 3. One bad record is reported and skipped; the others are imported.


def test_a_control_character_in_an_id(tmp_path):
    data = tmp_path / "data"
    source = table(tmp_path, "id;title;summary\nA\x1b[2JB;Fleuriste;Texte.\nC;Boulanger;Texte.\n")
    result = run("import", "csv", source, "-o", data)
    assert result.exit_code == EXIT_FAILED
    assert f"{source}: row 2: its id 'A\\x1b[2JB' holds a control" in result.stderr
    assert "\x1b" not in result.output  # never sent to the terminal as it is
    assert names(data) == ["boulanger.yaml"]


def test_a_control_character_in_an_onisep_identifiant(tmp_path):
    data = tmp_path / "data"
    source = export(tmp_path, metier("MET.\x7f1", "cordiste"), metier("MET.2", "boulanger"))
    result = run("import", "onisep", source, "-o", data)
    assert result.exit_code == EXIT_FAILED
    assert "MET.\\x7f1: its id 'MET.\\x7f1' holds a control" in result.stderr
    assert names(data) == ["boulanger.yaml"]


def test_a_very_long_title_makes_a_short_file_name(tmp_path):
    data = tmp_path / "data"
    title = ("Technicien·ne de maintenance " * 12)[:320]
    source = table(
        tmp_path,
        f"id;title;summary\n{'X' * 150};{title};Texte.\n{'Y' * 150};{title};Texte.\nC;Boulanger;Texte.\n",
    )
    result = run("import", "csv", source, "-o", data)
    assert result.exit_code == EXIT_OK, result.output
    assert len(names(data)) == 3
    for path in data.iterdir():
        assert len(path.name.encode()) < 255
        load_career(path)
    assert {load_career(path).title for path in data.iterdir()} == {title, "Boulanger"}


def test_a_cell_longer_than_a_career_may_be(tmp_path):
    data = tmp_path / "data"
    source = table(
        tmp_path,
        f"id;title;summary\nA;Fleuriste;{'x' * 140_000}\nB;Boulanger;Fait le pain.\n",
    )
    result = run("import", "csv", source, "-o", data)
    assert result.exit_code == EXIT_FAILED
    assert f"{source}: row 2: column summary: holds 140 000 characters" in result.stderr
    assert names(data) == ["boulanger.yaml"]


def test_a_row_whose_texts_together_are_too_long(tmp_path):
    data = tmp_path / "data"
    half = "mot " * (MAX_TEXT_CHARACTERS // 6)
    source = table(
        tmp_path,
        f"title;summary;missions_intro;skills_intro\nFleuriste;{half};{half};{half}\n"
        "Boulanger;Fait le pain.;;\n",
    )
    result = run("import", "csv", source, "-o", data)
    assert result.exit_code == EXIT_FAILED
    assert f"{source}: row 2: the career's texts hold" in result.stderr
    assert "column ?" not in result.stderr
    assert names(data) == ["boulanger.yaml"]


def test_an_onisep_record_too_long_for_a_sheet(tmp_path):
    data = tmp_path / "data"
    long_text = f"<![CDATA[<p>{'mot ' * (MAX_TEXT_CHARACTERS // 3)}</p>]]>"
    source = export(
        tmp_path,
        metier("MET.1", "cordiste", f"<nature_travail>{long_text}</nature_travail>"),
        metier("MET.2", "boulanger"),
    )
    result = run("import", "onisep", source, "-o", data)
    assert result.exit_code == EXIT_FAILED
    assert f"{source}: MET.1: the career's texts hold" in result.stderr
    assert names(data) == ["boulanger.yaml"]


def test_an_unknown_encoding_in_the_xml_declaration(tmp_path):
    source = export(
        tmp_path,
        metier("MET.1", "cordiste"),
        declaration='<?xml version="1.0" encoding="x-bogus"?>',
    )
    result = run("import", "onisep", source, "-o", tmp_path / "data")
    assert result.exit_code == EXIT_FAILED
    assert f"{source}:1: the XML declaration names an encoding" in result.stderr
    assert 'encoding="x-bogus"' in result.stderr
    assert not (tmp_path / "data").exists()
    with pytest.raises(BrochureError, match="encoding that cannot be read"):
        list(read_records(source))


def test_a_metier_below_the_root_is_read(tmp_path):
    data = tmp_path / "data"
    source = export(
        tmp_path,
        f"<groupe>{metier('MET.1', 'cordiste')}<autre/></groupe>",
        metier("MET.2", "boulanger"),
    )
    result = run("import", "onisep", source, "-o", data)
    assert result.exit_code == EXIT_OK, result.output
    assert names(data) == ["boulanger.yaml", "cordiste.yaml"]


def test_a_metier_inside_a_metier_is_its_data_not_a_record(tmp_path):
    data = tmp_path / "data"
    inner = "<metiers_associes><metier><libelle>couvreur</libelle></metier></metiers_associes>"
    source = export(tmp_path, metier("MET.1", "cordiste", inner))
    result = run("import", "onisep", source, "-o", data)
    assert result.exit_code == EXIT_OK, result.output
    assert load_career(data / "cordiste.yaml").related_careers == ["couvreur"]


def test_600_nested_inline_tags_in_an_html_field(tmp_path):
    data = tmp_path / "data"
    nested = "<b><i>" * 300 + "prudent" + "</i></b>" * 300
    html = f'<p>Être <b>agile</b><a href="https://www.onisep.fr">{nested}</a>.</p>'
    body = f"<competences><![CDATA[{html}]]></competences>"
    source = export(tmp_path, metier("MET.1", "cordiste", body), metier("MET.2", "boulanger"))
    result = run("import", "onisep", source, "-o", data)
    assert result.exit_code == EXIT_OK, result.output
    skills = load_career(data / "cordiste.yaml").skills
    assert skills is not None
    assert skills.intro == "Être **agile**[***prudent***](https://www.onisep.fr)."


def test_html_nested_far_deeper_than_python_recurses():
    html = "<p>" + "<b><i>" * 5000 + "mot" + "</i></b>" * 5000 + " fin</p>"
    assert html_to_markdown(html) == "***mot*** fin"


def _imported(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    source = export(tmp_path, metier("MET.1", "cordiste"), metier("MET.2", "boulanger"))
    assert run("import", "onisep", source, "-o", data).exit_code == EXIT_OK
    return source, data


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (("  fingerprints:\n", "  fingerprints: à revoir\n  old:\n"), "origin.fingerprints"),
        (("  fingerprints:\n", "  fingerprints:\n  - title\n  old:\n"), "origin.fingerprints"),
        (("origin:\n", "origin: ONISEP\nold:\n"), "origin is not a mapping"),
    ],
)
def test_a_hand_edited_origin_leaves_the_file_untouched(tmp_path, edit, words):
    source, data = _imported(tmp_path)
    path = data / "cordiste.yaml"
    text = path.read_text(encoding="utf-8").replace(*edit)
    path.write_text(text, encoding="utf-8")
    result = run("import", "onisep", source, "-o", data)
    assert result.exit_code == EXIT_FAILED
    assert f"{source}: MET.1: {path}: " in result.stderr
    assert words in result.stderr
    assert "left it as it is" in result.stderr
    assert "0 created, 0 updated, 1 unchanged, 1 failed." in result.stdout
    assert path.read_text(encoding="utf-8") == text
    assert names(data) == ["boulanger.yaml", "cordiste.yaml"]


def test_a_hand_edited_origin_of_a_record_not_in_the_source_is_a_warning(tmp_path):
    _source, data = _imported(tmp_path)
    path = data / "cordiste.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("origin:\n", "origin: ONISEP\nold:\n"),
        encoding="utf-8",
    )
    result = run("import", "onisep", export(tmp_path, metier("MET.2", "boulanger")), "-o", data)
    assert result.exit_code == EXIT_OK
    assert f"warning: {path}: its origin is not a mapping" in result.stderr


def test_a_section_replaced_by_text_names_the_file(tmp_path):
    _source, data = _imported(tmp_path)
    path = data / "cordiste.yaml"
    text = path.read_text(encoding="utf-8") + "missions: Grimper.\n"
    path.write_text(text, encoding="utf-8")
    newer = export(
        tmp_path,
        metier("MET.1", "cordiste", "<nature_travail><![CDATA[<p>Grimper.</p>]]></nature_travail>"),
        metier("MET.2", "boulanger"),
    )
    result = run("import", "onisep", newer, "-o", data)
    assert result.exit_code == EXIT_FAILED
    assert f"{newer}: MET.1: {path}: is not a valid career file" in result.stderr
    assert f"{path}:" in result.stderr and "missions" in result.stderr
    assert path.read_text(encoding="utf-8") == text


def test_a_hand_written_escape_of_half_a_character(tmp_path):
    source, data = _imported(tmp_path)
    path = data / "cordiste.yaml"
    text = path.read_text(encoding="utf-8") + 'notable_people:\n- name: "\\ud800"\n'
    path.write_text(text, encoding="utf-8")
    result = run("import", "onisep", source, "-o", data)
    assert result.exit_code == EXIT_FAILED
    assert f"{source}: MET.1: {path}:" in result.stderr
    assert "holds an escape such as \\ud800" in result.stderr
    assert path.read_text(encoding="utf-8") == text


def test_a_hand_added_key_with_a_bracket(tmp_path):
    source, data = _imported(tmp_path)
    path = data / "cordiste.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '"notes[1]": à revoir\n', encoding="utf-8")
    report = import_records(read_records(source), data, "ONISEP")
    assert [result.action for result in report.results] == ["failed", "unchanged"]


@pytest.mark.parametrize("name", ["cordiste.yaml", "cordiste-met-1.yaml"])
def test_a_career_file_that_is_not_valid_yaml_is_never_overwritten(tmp_path, name):
    data = tmp_path / "data"
    data.mkdir()
    broken = data / name
    broken.write_text("title: [Cordiste\nsummary: en cours d'écriture\n", encoding="utf-8")
    source = export(tmp_path, metier("MET.1", "cordiste"), metier("MET.2", "boulanger"))
    result = run("import", "onisep", source, "-o", data)
    assert result.exit_code == EXIT_FAILED
    assert (
        f"{source}: MET.1: {broken}: may hold this career, but it is not a valid" in result.stderr
    )
    assert broken.read_text(encoding="utf-8").startswith("title: [Cordiste")
    assert names(data) == sorted(["boulanger.yaml", name])


def test_a_broken_file_no_record_needs_is_a_warning(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "notes.yaml").write_text("title: [\n", encoding="utf-8")
    result = run("import", "onisep", export(tmp_path, metier("MET.2", "boulanger")), "-o", data)
    assert result.exit_code == EXIT_OK
    assert f"warning: {data / 'notes.yaml'}: it is not a valid career file" in result.stderr


def test_records_read_before_the_source_breaks_are_reported(tmp_path):
    source = tmp_path / "export.xml"
    source.write_text(f"<metiers>{metier('MET.1', 'cordiste')}<metier><ident", encoding="utf-8")
    result = run("import", "onisep", source, "-o", tmp_path / "data")
    assert result.exit_code == EXIT_FAILED
    assert f"created {tmp_path / 'data' / 'cordiste.yaml'}" in result.stdout
    assert f"error: {source}:1:" in result.stderr
    assert "not well-formed XML" in result.stderr


# 4. The csv module reads the file: only CR and LF end a row.


@pytest.mark.parametrize("separator", ["\u2028", "\u0085", "\x0c", "\u2029", "\x1c"])
def test_line_separators_other_than_cr_and_lf_stay_in_their_cell(tmp_path, separator):
    data = tmp_path / "data"
    source = table(
        tmp_path,
        f"title;summary;sector\nFleuriste;Compose{separator}des bouquets.;Artisanat\n"
        "Boulanger;Fait le pain.;Artisanat\n",
    )
    result = run("import", "csv", source, "-o", data)
    assert result.exit_code == EXIT_OK, result.output
    assert "2 created, 0 updated, 0 unchanged, 0 failed." in result.stdout
    career = load_career(data / "fleuriste.yaml")
    assert career.summary == f"Compose{separator}des bouquets."
    assert career.sector == "Artisanat"


def test_bom_crlf_commas_and_quoted_line_breaks(tmp_path):
    source = tmp_path / "table.csv"
    source.write_bytes(
        b'\xef\xbb\xbftitle,summary,missions\r\nFleuriste,"Compose, assemble.","Choisir\r\nComposer"\r\n'
    )
    data = tmp_path / "data"
    result = run("import", "csv", source, "-o", data)
    assert result.exit_code == EXIT_OK, result.output
    career = load_career(data / "fleuriste.yaml")
    assert career.summary == "Compose, assemble."
    assert career.missions is not None and career.missions.items == ["Choisir", "Composer"]


def test_a_table_neither_utf8_nor_windows_1252_imports_nothing(tmp_path):
    source = tmp_path / "table.csv"
    source.write_bytes(b"title;summary\nFleuriste;Bouquets.\n\x81b\xe9niste;Bois.\n")
    result = run("import", "csv", source, "-o", tmp_path / "data")
    assert result.exit_code == EXIT_FAILED
    assert f"{source}:3: the file is neither UTF-8 nor Windows-1252 (byte 34, line 3)" in (
        result.stderr
    )
    assert not (tmp_path / "data").exists()


def test_the_csv_field_limit_is_put_back(tmp_path):
    before = csv.field_size_limit()
    source = table(tmp_path, f"title;summary\nFleuriste;{'x' * 200_000}\nBoulanger;Pain.\n")
    records = list(read_rows(source))
    assert records[0].data is None and records[1].data is not None
    assert csv.field_size_limit() == before
