"""Imports follow their source: careers gone from it, hand edits and the source's new values."""

from __future__ import annotations

from pathlib import Path

from brochure.source.loader import load_career
from tests.helpers import run

TABLE = (
    "id;title;summary;skills\n"
    "FLEU;Fleuriste;Compose des bouquets.;Sens des couleurs\n"
    "BOUL;Boulanger;Fait le pain.;Endurance\n"
    "EBEN;Ébéniste;Fabrique des meubles.;Précision\n"
)


def _import(tmp_path: Path, text: str, *options: str):
    source = tmp_path / "careers.csv"
    source.write_text(text, encoding="utf-8")
    return run("import", "sheet", source, "-o", tmp_path / "data", *options)


def test_a_career_gone_from_the_source_is_reported_then_retired(tmp_path):
    assert _import(tmp_path, TABLE).exit_code == 0
    data = tmp_path / "data"
    without = TABLE.replace("BOUL;Boulanger;Fait le pain.;Endurance\n", "")
    reported = _import(tmp_path, without)
    assert reported.exit_code == 0, reported.output
    assert (
        f"retired {data / 'boulanger.yaml'} (no longer in {tmp_path / 'careers.csv'};"
        " --retire moves it to retired/)"
    ) in reported.stdout
    assert "0 created, 0 updated, 2 unchanged, 1 retired, 0 failed." in reported.stdout
    assert (data / "boulanger.yaml").exists()

    text = (data / "boulanger.yaml").read_bytes()
    retired = _import(tmp_path, without, "--retire")
    assert retired.exit_code == 0, retired.output
    assert f"moved to {data / 'retired' / 'boulanger.yaml'}" in retired.stdout
    assert not (data / "boulanger.yaml").exists()
    assert (data / "retired" / "boulanger.yaml").read_bytes() == text  # never deleted
    # Booklets, sites and check leave the retired careers out.
    checked = run("check", data)
    assert checked.exit_code == 0
    assert "2 files valid." in checked.stdout
    # Back in the source, it is imported anew.
    back = _import(tmp_path, TABLE, "--retire")
    assert "1 created, 0 updated, 2 unchanged, 0 failed." in back.stdout


def test_nothing_is_retired_while_a_record_fails(tmp_path):
    assert _import(tmp_path, TABLE).exit_code == 0
    broken = TABLE.replace("BOUL;Boulanger;Fait le pain.;Endurance", "BOUL;Boulanger;;Endurance")
    broken = broken.replace("EBEN;Ébéniste;Fabrique des meubles.;Précision\n", "")
    result = _import(tmp_path, broken, "--retire")
    assert result.exit_code == 1
    assert "retired careers not moved: some records could not be read" in result.stderr
    assert (tmp_path / "data" / "ebeniste.yaml").exists()
    assert (tmp_path / "data" / "boulanger.yaml").exists()


def test_a_kept_hand_edit_shows_the_source_value_and_can_be_taken(tmp_path):
    assert _import(tmp_path, TABLE).exit_code == 0
    path = tmp_path / "data" / "fleuriste.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Sens des couleurs", "Goût des fleurs"),
        encoding="utf-8",
    )
    changed = TABLE.replace("Sens des couleurs", "Sens des couleurs | Patience")
    result = _import(tmp_path, changed)
    assert result.exit_code == 0, result.output
    assert f"kept hand edits in {path}: skills.items" in result.stdout
    assert "  the source's skills.items: Sens des couleurs | Patience" in result.stdout
    assert "import again with --take-source skills.items" in result.stdout
    career = load_career(path)
    assert career.skills is not None and career.skills.items == ["Goût des fleurs"]

    taken = _import(tmp_path, changed, "--take-source", "skills")
    assert taken.exit_code == 0, taken.output
    assert f"updated {path} (skills.items)" in taken.stdout
    career = load_career(path)
    assert career.skills is not None and career.skills.items == ["Sens des couleurs", "Patience"]
    # Taken, the field follows the source again at the next import.
    again = _import(tmp_path, changed.replace("Patience", "Patience et soin"))
    assert "kept hand edits" not in again.stdout
    assert load_career(path).skills.items == ["Sens des couleurs", "Patience et soin"]  # type: ignore[union-attr]


def test_an_unknown_take_source_field_is_refused(tmp_path):
    result = _import(tmp_path, TABLE, "--take-source", "skils")
    assert result.exit_code == 2
    assert "--take-source skils: no such field (did you mean 'skills'?)" in result.stderr


def test_duplicate_titles_are_warned_about(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "mon-fleuriste.yaml").write_text(
        "title: Artisan fleuriste\nalso_known_as: [FLEURISTE]\nsummary: Fait des bouquets.\n",
        encoding="utf-8",
    )
    result = _import(tmp_path, TABLE)
    assert result.exit_code == 0, result.output
    assert (
        f"warning: {data / 'mon-fleuriste.yaml'}: is named 'FLEURISTE', like fleuriste.yaml:"
        " a booklet or the site would list both"
    ) in result.stderr
