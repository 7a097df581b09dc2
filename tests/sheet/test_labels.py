"""A project's labels are checked before any sheet: text, every key, known placeholders only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import MINIMAL, ROOT, pdf_text, run, squeeze

FRENCH = (ROOT / "templates" / "labels" / "fr.yaml").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "boulanger.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "templates" / "labels").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _labels(project: Path, old: str, new: str) -> Path:
    assert old in FRENCH
    path = project / "templates" / "labels" / "fr.yaml"
    path.write_text(FRENCH.replace(old, new), encoding="utf-8")
    return path


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("salary_from: à partir de {amount}", "salary_from: à partir de {montant}", "salary_from"),
        ("salary_from: à partir de {amount}", 'salary_from: "{amount.__class__}"', "salary_from"),
        ("salary_from: à partir de {amount}", "salary_from: à partir de {0}", "salary_from"),
        ('count: "{count} fiches métier"', 'count: "{count fiches"', "count"),
    ],
)
def test_a_label_with_a_placeholder_brochure_does_not_fill_is_refused(project, old, new, key):
    path = _labels(project, old, new)
    result = run("build", "-o", "out")
    assert result.exit_code == 2
    line = _line(path.read_text(encoding="utf-8"), new.split(":")[0] + ":")
    assert f"{path}:{line}:" in result.stderr
    assert f"{key}: uses a placeholder brochure does not fill in here" in result.stderr
    assert "Traceback" not in result.output
    assert not (project / "out" / "boulanger.pdf").exists()


def test_labels_that_are_not_text_or_missing_are_named(project):
    path = _labels(project, "salary_from: à partir de {amount}\n", "salary_from: [a, b]\n")
    path.write_text(path.read_text(encoding="utf-8").replace("sources:", "sourcez:"), "utf-8")
    result = run("build", "-o", "out")
    assert result.exit_code == 2
    assert "salary_from: should be text" in result.stderr
    assert "labels missing: sources" in result.stderr


def test_literal_braces_and_a_good_override_render(project):
    _labels(project, "salary_from: à partir de {amount}", "salary_from: dès {amount} {{brut}}")
    (project / "data" / "boulanger.yaml").write_text(
        MINIMAL + "salary:\n  levels:\n    - label: Débutant\n      min: 1800\n", encoding="utf-8"
    )
    result = run("build", "-o", "out")
    assert result.exit_code == 0, result.output
    assert squeeze("dès 1 800 € {brut}") in squeeze(pdf_text(project / "out" / "boulanger.pdf"))


def test_a_placeholder_with_a_format_spec_is_refused(project):
    _labels(project, 'count: "{count} fiches métier"', 'count: "{count:>30000000} fiches"')
    result = run("build", "-o", "out")
    assert result.exit_code == 2
    assert "count: uses a placeholder brochure does not fill in here" in result.stderr
