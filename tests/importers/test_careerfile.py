"""Writing career files and re-imports that keep hand edits."""

from __future__ import annotations

import pytest

from brochure.files import slugify
from brochure.importers.careerfile import dump_career, fingerprint, merge_import
from brochure.source.loader import load_career
from brochure.source.yamlfile import parse_yaml

ORIGIN = {"source": "ONISEP", "id": "MET.1", "licence": "Licence Ouverte 2.0"}


def imported(**fields: object) -> dict:
    return {"title": "Cordiste", "summary": "Travaille suspendu.", **fields, "origin": ORIGIN}


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Prompt Engineer", "prompt-engineer"),
        ("Ingénieur·e d'études", "ingenieur-e-d-etudes"),
        ("apiculteur/trice", "apiculteur-trice"),
        ("Œnologue", "oenologue"),
        ("  Garde forestier / ère  ", "garde-forestier-ere"),
        ("漢字", "metier"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_dump_round_trips_text_that_yaml_would_misread(tmp_path):
    data = {
        "title": "7:30",
        "also_known_as": ["yes", "0123", "3.10", "~", "", "- tiret", "# dièse"],
        "summary": "Un paragraphe.\n\n- une liste\n- de deux",
        "recap": [["Horaires", "7:30"], ["Clé : valeur", "« citée »"]],
    }
    assert parse_yaml(dump_career(data), tmp_path / "x.yaml").data == data


def test_first_import_records_fingerprints():
    merge = merge_import(None, imported(missions={"intro": "Grimper."}))
    prints = merge.data["origin"]["fingerprints"]
    assert prints["missions.intro"] == fingerprint("Grimper.")
    assert set(prints) == {"title", "summary", "missions.intro"}
    assert merge.changed


def test_reimport_updates_untouched_fields_and_keeps_hand_edits():
    first = merge_import(None, imported(missions={"intro": "Grimper."}, skills={"intro": "Agile."}))
    edited = first.data
    edited["skills"]["intro"] = "Agile, et pas le vertige."  # changed by a counsellor
    edited["salary"] = {"levels": [{"label": "Débutant", "min": "1900"}]}  # added by hand
    edited["notable_people"] = [{"name": "Quelqu'un"}]

    newer = imported(missions={"intro": "Grimper et réparer."}, skills={"intro": "Très agile."})
    second = merge_import(edited, newer)
    assert second.data["missions"]["intro"] == "Grimper et réparer."
    assert second.data["skills"]["intro"] == "Agile, et pas le vertige."
    assert second.data["salary"] == {"levels": [{"label": "Débutant", "min": "1900"}]}
    assert second.data["notable_people"] == [{"name": "Quelqu'un"}]
    assert second.updated == ["missions.intro"]
    assert second.kept == ["skills.intro"]
    # The hand edit stays detected on the import after that.
    third = merge_import(second.data, newer)
    assert third.data["skills"]["intro"] == "Agile, et pas le vertige."
    assert not third.changed


def test_reimport_of_the_same_export_changes_nothing():
    first = merge_import(None, imported(missions={"intro": "Grimper."}))
    again = merge_import(first.data, imported(missions={"intro": "Grimper."}))
    assert not again.changed
    assert again.data == first.data


def test_fields_the_source_dropped_go_unless_edited():
    first = merge_import(None, imported(interests=["le sport"], rome_codes=["F1502"]))
    edited = first.data
    edited["rome_codes"] = ["F1502", "F1611"]
    second = merge_import(edited, imported())
    assert "interests" not in second.data
    assert second.data["rome_codes"] == ["F1502", "F1611"]
    assert "interests" in second.updated


def test_a_field_deleted_by_hand_stays_deleted():
    first = merge_import(None, imported(interests=["le sport"]))
    del first.data["interests"]
    second = merge_import(first.data, imported(interests=["le sport", "la nature"]))
    assert "interests" not in second.data
    assert second.kept == ["interests"]


def test_merged_file_is_a_valid_career(tmp_path):
    merge = merge_import(None, imported(missions={"intro": "Grimper."}))
    path = tmp_path / "cordiste.yaml"
    path.write_text(dump_career(merge.data), encoding="utf-8")
    career = load_career(path)
    assert career.origin is not None
    assert career.origin.fingerprints["title"] == fingerprint("Cordiste")
