"""Importing ONISEP's export: every variant, malformed input, re-import, then build."""

from __future__ import annotations

import re
import shutil
import tracemalloc
from pathlib import Path

import pytest

from brochure.errors import BrochureError
from brochure.importers.careerfile import career_text
from brochure.importers.onisep import export_date, read_records
from brochure.source.loader import load_career
from brochure.source.yamlfile import read_yaml
from tests.helpers import FIXTURES, pdf_text, run, squeeze

ONISEP = FIXTURES / "onisep"
EXPORT = ONISEP / "Onisep_Ideo_Fiches_Metiers_12032025.xml"


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """The fixture export imported into an empty folder."""
    result = run("import", "onisep", EXPORT, "-o", tmp_path / "data")
    assert result.exit_code == 1, result.output  # two records are malformed
    return tmp_path / "data"


def test_every_section_of_a_full_record_is_mapped(imported):
    career = load_career(imported / "cordiste.yaml")
    assert career.title == "Cordiste"
    assert career.also_known_as == ["Technicien/ne cordiste", "Ouvrier/ère sur cordes"]
    assert career.sectors == ["BTP", "Industrie"] and career.sector is None
    assert career.updated is not None and career.updated.isoformat() == "2025-03-12"
    assert career.summary == (
        "Suspendu à ses cordes, le ou la cordiste intervient là où une nacelle ne passe pas :"
        " façades, ponts, falaises.\n\nTravaux acrobatiques en hauteur."
    )
    assert career.missions is not None and career.missions.intro == (
        "### Des chantiers variés\n\nNettoyer une verrière, poser un filet contre les chutes"
        " de pierres, réparer un *pylône*.\n\n- installer les ancrages\n- vérifier le matériel"
    )
    assert career.skills is not None
    assert "**respecter les règles de sécurité**" in (career.skills.intro or "")
    assert career.training is not None
    assert career.training.level == "CAP ou équivalent"
    assert career.training.items == ["CQP cordiste"]
    assert "[le référentiel](https://www.example.org/cqp)" in (career.training.intro or "")
    assert career.workplaces is not None and "par tous les temps" in (career.workplaces.intro or "")
    assert career.outlook is not None
    assert career.outlook.intro == (
        "### Le marché du travail\n\nLes entreprises de travaux en hauteur recrutent régulièrement."
    )
    assert career.salary is not None and career.salary.note == (
        "### Salaire du débutant\n\nEnviron 1 900 € brut par mois, plus les primes de déplacement."
    )
    assert career.statuses == ["salarié", "intérimaire"]
    assert career.interests == ["j'aime être au grand air", "j'aime le sport"]
    assert career.related_careers == ["couvreur/euse"]
    assert career.rome_codes == ["F1502", "F1611"]
    assert [(s.label, s.url) for s in career.sources] == [
        ("Syndicat des cordistes (exemple)", "https://www.example.org/cordistes"),
        ("Lien piégé javascript:alert(1)", None),
    ]
    assert ("Codes ROME", "F1502, F1611") in career.recap
    assert ("Statuts possibles", "salarié, intérimaire") in career.recap
    assert career.origin is not None
    # ONISEP's open-data terms: ODbL, credited "Source : Onisep" with the export's date.
    assert (
        career.origin.source,
        career.origin.id,
        career.origin.licence,
        career.origin.credit,
        str(career.origin.exported),
    ) == ("ONISEP", "MET.9101", "licence ODbL", "Source : Onisep", "2025-03-12")


def test_a_record_with_empty_elements_still_imports(imported):
    career = load_career(imported / "garde-forestier-ere.yaml")
    assert career.title == "Garde forestier/ère"
    assert career.summary == "Garde forestier/ère : fiche ONISEP sans présentation."
    assert career.missions is None and career.statuses == []


def test_html_is_reduced_to_text_and_markdown(imported):
    career = load_career(imported / "luthier-ere.yaml")
    assert (
        career.summary
        == "Fabrique et répare des **instruments à cordes** & les règle\\\navec soin."
    )


def test_malformed_records_are_reported_and_skipped(tmp_path):
    result = run("import", "onisep", EXPORT, "-o", tmp_path)
    assert result.exit_code == 1
    assert f"2 records of {EXPORT} failed:" in result.stderr
    assert f"{EXPORT}: MET.9103: has no <nom_metier>" in result.stderr
    assert f"{EXPORT}: record 4: has no <identifiant>" in result.stderr
    assert "3 created, 0 updated, 0 unchanged, 2 failed." in result.stdout


def test_the_import_summary_and_files(imported):
    assert sorted(p.name for p in imported.iterdir()) == [
        "cordiste.yaml",
        "garde-forestier-ere.yaml",
        "luthier-ere.yaml",
    ]
    check = run("check", imported)
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("doctype.xml", "declares a DOCTYPE or entities"),
        ("external.xml", "declares a DOCTYPE or entities"),
        (
            "not-onisep.xml",
            "not an ONISEP Idéo-Fiches métiers export: the document starts with <rss>",
        ),
        ("truncated.xml", "not well-formed XML"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(tmp_path, name, message):
    result = run("import", "onisep", ONISEP / name, "-o", tmp_path)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not any(p.name.startswith("lol") for p in tmp_path.iterdir())


def test_truncated_file_keeps_the_records_before_the_break(tmp_path):
    result = run("import", "onisep", ONISEP / "truncated.xml", "-o", tmp_path)
    assert re.search(r"truncated\.xml:5:\d+: this is not well-formed XML", result.stderr)
    assert [p.name for p in tmp_path.iterdir()] == ["boulanger-ere.yaml"]


def test_reimport_keeps_hand_edits_and_reports_changes(tmp_path):
    folder = tmp_path / "data"
    run("import", "onisep", EXPORT, "-o", folder)
    path = folder / "cordiste.yaml"
    # A counsellor adds salary figures and notable people, and rewrites the skills.
    data = read_yaml(path).data
    data["skills"]["intro"] = "Ne pas avoir le vertige, et aimer le travail d'équipe."
    data["salary"]["levels"] = [{"label": "Débutant", "min": "1900", "max": "2100"}]
    data["notable_people"] = [{"name": "Une cordiste connue", "description": "Exemple."}]
    path.write_text(career_text(data), encoding="utf-8")

    # A newer export changes the lead and the skills.
    newer = tmp_path / "Onisep_Ideo_Fiches_Metiers_01092025.xml"
    shutil.copy(EXPORT, newer)
    source = newer.read_text(encoding="utf-8")
    source = source.replace("falaises.</p>", "falaises, barrages.</p>")
    source = source.replace("sans exception", "sans aucune exception")
    newer.write_text(source, encoding="utf-8")

    result = run("import", "onisep", newer, "-o", folder)
    assert result.exit_code == 1  # the same two malformed records
    assert f"updated {path} (summary, updated)\n" in result.stdout
    assert f"kept hand edits in {path}: skills.intro" in result.stdout
    assert "0 created, 3 updated, 0 unchanged, 2 failed." in result.stdout
    again = run("import", "onisep", newer, "-o", folder)
    assert "0 created, 0 updated, 3 unchanged, 2 failed." in again.stdout

    career = load_career(path)
    assert "barrages" in career.summary
    assert career.skills is not None
    assert career.skills.intro == "Ne pas avoir le vertige, et aimer le travail d'équipe."
    assert career.salary is not None and [level.label for level in career.salary.levels] == [
        "Débutant"
    ]
    assert career.notable_people[0].name == "Une cordiste connue"
    assert career.origin is not None and str(career.origin.exported) == "2025-09-01"


def test_imported_careers_build_with_attribution(imported, tmp_path):
    result = run("build", imported, "-o", tmp_path / "pdf")
    assert result.exit_code == 0, result.output
    text = squeeze(pdf_text(tmp_path / "pdf" / "cordiste.pdf"))
    for expected in (
        "Deschantiersvariés",
        "Lemarchédutravail",
        "Salairedudébutant",
        "CodesROME:F1502,F1611",
        "j'aimeêtreaugrandair",
        "couvreur/euse",
        "Source:Onisep(ficheMET.9101),licenceODbL,exportdu12mars2025.",
    ):
        assert squeeze(expected) in text, expected


def test_export_date_from_the_file_name():
    assert str(export_date(EXPORT)) == "2025-03-12"
    assert export_date(Path("export.xml")) is None
    assert export_date(Path("x_31022025.xml")) is None


@pytest.mark.slow  # 2,000 records read under tracemalloc
def test_streaming_keeps_memory_flat(tmp_path):
    # 2,000 records of about 3 KB: the parsed tree never holds them all.
    record = EXPORT.read_text(encoding="utf-8").split("<metier>")[1].split("</metier>")[0]
    big = tmp_path / "big.xml"
    with big.open("w", encoding="utf-8") as out:
        out.write("<metiers>")
        for number in range(2000):
            out.write(f"<metier>{record.replace('MET.9101', f'MET.{number}')}</metier>")
        out.write("</metiers>")
    tracemalloc.start()
    count = sum(1 for _ in read_records(big))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 2000
    assert big.stat().st_size > 5_000_000
    assert peak < 2_000_000, peak


def test_missing_file_is_a_usage_error(tmp_path):
    result = run("import", "onisep", tmp_path / "nope.xml")
    assert result.exit_code == 2
    assert "nope.xml" in result.stderr  # Click words the error; the path is the user's


def test_read_records_refuses_an_empty_file(tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_text("")
    with pytest.raises(BrochureError, match="not well-formed XML"):
        list(read_records(empty))


def test_the_credit_is_printed_and_licence_can_be_given(tmp_path, builder):
    data = tmp_path / "data"
    result = run("import", "onisep", EXPORT, "-o", data, "--licence", "Licence Ouverte 2.0")
    assert "3 created" in result.stdout, result.output
    career = load_career(data / "cordiste.yaml")
    assert career.origin is not None and career.origin.licence == "Licence Ouverte 2.0"
    html = builder.html(career, "cordiste")
    spaced = re.sub(r"[\u00a0\u202f]", " ", html)
    assert (
        "Source : Onisep (fiche MET.9101), Licence Ouverte 2.0, export du 12 mars 2025." in spaced
    )
