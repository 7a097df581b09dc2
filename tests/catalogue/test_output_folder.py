"""The output folder is data, never instructions; writes are atomic; failures are messages."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from brochure.catalogue.manifest import JOURNAL, MANIFEST
from tests.helpers import MINIMAL, pdf_text, run

CAREERS = {"boulanger": MINIMAL, "fleuriste": "title: Fleuriste\nsummary: Elle compose.\n"}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project (the current folder) with two careers, built once into out/."""
    folder = tmp_path / "projet"
    (folder / "data").mkdir(parents=True)
    for name, text in CAREERS.items():
        (folder / "data" / f"{name}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)
    assert run("build", "-o", "out", "-j", "1").exit_code == 0
    return folder


def _manifest(project: Path) -> dict:
    return json.loads((project / "out" / MANIFEST).read_text(encoding="utf-8"))


def test_clean_deletes_nothing_a_manifest_names_outside_the_folder(project):
    victim = project.parent / "victim.txt"
    victim.write_text("à garder", encoding="utf-8")
    data = _manifest(project)
    entry = data["sheets"]["boulanger.pdf"]
    data["sheets"]["../victim.txt"] = entry | {"source": "data/gone.yaml"}
    data["sheets"][str(victim)] = entry | {"source": "data/gone.yaml"}
    (project / "out" / MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    result = run("build", "-o", "out", "--clean")
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "à garder"
    assert "2 entries of the build's records were not as brochure writes them" in result.stderr
    assert "0 rendered, 2 unchanged" in result.stdout


def test_clean_keeps_a_pdf_someone_else_put_there(project):
    (project / "data" / "fleuriste.yaml").unlink()
    (project / "out" / "fleuriste.pdf").write_bytes(b"%PDF-1.7 someone else's")
    result = run("build", "-o", "out", "--clean")
    assert result.exit_code == 0
    assert (project / "out" / "fleuriste.pdf").exists()
    assert "changed since brochure wrote it" in result.stderr


def test_moving_the_project_changes_nothing(project, monkeypatch):
    moved = project.parent / "ailleurs"
    project.rename(moved)
    monkeypatch.chdir(moved)
    result = run("build", "-o", "out", "--clean")
    assert result.exit_code == 0, result.output
    assert "0 rendered, 2 unchanged" in result.stdout
    assert "removed" not in result.stdout and "stale" not in result.stdout
    assert sorted(p.name for p in (moved / "out").glob("*.pdf")) == [
        "boulanger.pdf",
        "fleuriste.pdf",
    ]


def test_a_journal_that_is_a_link_is_never_written_through(project):
    outside = project.parent / "outside.txt"
    outside.write_text("intact\n", encoding="utf-8")
    (project / "out" / JOURNAL).symlink_to(outside)
    (project / "data" / "boulanger.yaml").write_text(MINIMAL + "sector: Artisanat\n")
    result = run("build", "-o", "out")
    assert result.exit_code == 0, result.output
    assert outside.read_text(encoding="utf-8") == "intact\n"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(
            lambda out: (out / JOURNAL).write_bytes(b'["boulanger.pdf", {"source": "d\xc3'),
            id="journal-cut-in-a-character",
        ),
        pytest.param(
            lambda out: (out / MANIFEST).write_text(
                '{"format": 2, "sheets": {"boulanger.pdf": {"source": 1, "key": [], "pages": "x"}}}'
            ),
            id="entry-of-the-wrong-type",
        ),
        pytest.param(lambda out: (out / MANIFEST).write_text("[1, 2"), id="not-json"),
        pytest.param(
            lambda out: (out / "boulanger.pdf").write_bytes(
                (out / "boulanger.pdf").read_bytes()[:500]
            ),
            id="truncated-pdf",
        ),
    ],
)
def test_a_damaged_output_folder_costs_a_rebuild_never_a_crash(project, damage, request):
    damage(project / "out")
    result = run("build", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "boulanger" in pdf_text(project / "out" / "boulanger.pdf").lower()
    # A cut journal line loses only that line; a bad manifest costs every sheet.
    rebuilt = {"journal": 0, "wrong": 2, "json": 2, "truncated": 1}
    (count,) = [n for word, n in rebuilt.items() if word in request.node.name]
    assert f"{count} rendered" in result.stdout
    forced = run("build", "-o", "out", "--force")
    assert forced.exit_code == 0
    assert "2 rendered" in forced.stdout


def test_a_killed_runs_temporary_files_are_removed_by_the_next(project):
    leftover = project / "out" / ".boulanger.pdf.k2x9_a0b.tmp"
    leftover.write_bytes(b"%PDF half")
    mine = project / "out" / ".mes-notes.tmp"
    mine.write_text("à moi", encoding="utf-8")
    assert run("build", "-o", "out").exit_code == 0
    assert not leftover.exists()
    assert mine.exists()  # not a name brochure gives its temporary files


def test_another_source_for_the_same_pdf_is_refused_across_runs(project):
    (project / "autres").mkdir()
    (project / "autres" / "boulanger.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("build", "autres", "-o", "out")
    assert result.exit_code == 2
    assert "would overwrite the sheet of" in result.stderr
    assert "data/boulanger.yaml" in result.stderr


def test_the_booklet_is_never_written_among_its_sheets(project):
    for target in ("out/boulanger.pdf", "out/livret.pdf"):
        result = run("book", "--sheets", "out", "-o", target)
        assert result.exit_code == 2, result.output
        assert "the booklet would be written among the sheets it binds" in result.stderr
    assert "boulanger" in pdf_text(project / "out" / "boulanger.pdf").lower()


def test_the_booklet_is_written_onto_another_file_system(project, monkeypatch):
    # The scratch folder on the disk, the booklet on a RAM disk: a rename would fail.
    if not Path("/dev/shm").is_dir() or os.stat("/dev/shm").st_dev == os.stat(project).st_dev:
        pytest.skip("no second file system here")
    target = Path("/dev/shm") / f"brochure-test-{os.getpid()}" / "livret.pdf"
    try:
        result = run("book", "--sheets", "out", "-o", target)
        assert result.exit_code == 0, result.output
        assert "Fleuriste" in pdf_text(target)
        assert [p.name for p in target.parent.iterdir()] == ["livret.pdf"]
    finally:
        shutil.rmtree(target.parent, ignore_errors=True)


def test_files_follow_the_users_umask(project):
    old = os.umask(0o077)
    try:
        assert run("build", "-o", "prive").exit_code == 0
    finally:
        os.umask(old)
    assert (project / "prive" / "boulanger.pdf").stat().st_mode & 0o777 == 0o600


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(project):
    (project / "fichier").write_text("pas un dossier", encoding="utf-8")
    result = run("build", "-o", "fichier/out")
    assert result.exit_code == 2
    assert "cannot write in the output folder" in result.stderr
    assert "Traceback" not in result.output


def _ignore_file_size_signal_and_limit(limit: int):
    def prepare() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return prepare


def test_a_full_disk_is_reported_and_leaves_no_half_pdf(project):
    result = subprocess.run(
        [sys.executable, "-m", "brochure", "build", "-o", "plein", "-j", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_ignore_file_size_signal_and_limit(4096),
    )
    assert result.returncode == 1, result.stderr
    # Inside the brackets is the system's own wording of EFBIG ("File too large").
    failed = re.findall(r"^ *(\S+): could not be rendered \(.+\)$", result.stderr, re.MULTILINE)
    assert sorted(failed) == ["data/boulanger.yaml", "data/fleuriste.yaml"], result.stderr
    assert "Traceback" not in result.stderr
    assert not list((project / "plein").glob("*.pdf"))
    assert not list((project / "plein").glob(".*.tmp"))


@pytest.mark.parametrize("value", ["9999999999999999", "-1", "demain", "１２３"])
def test_a_bad_source_date_epoch_is_a_usage_error(project, monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = run("build", "-o", "out", "--force")
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH must be a number of seconds" in result.stderr


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_a_notepad_list_file_selects_its_careers(project, encoding):
    (project / "data" / "metiere.yaml").write_text(
        "title: Métière\nsummary: Un métier accentué.\n", encoding="utf-8"
    )
    (project / "liste.txt").write_bytes("# choisis\r\nMétière\r\nfleuriste\r\n".encode(encoding))
    result = run("book", "--sheets", "out", "--list", "liste.txt", "-o", "livret.pdf")
    assert result.exit_code == 0, result.output
    assert "2 sheets" in result.stdout


def test_a_career_file_name_that_is_not_utf8_is_built_and_recorded(project):
    name = os.fsdecode(b"p\xe2tissier.yaml")  # a Latin-1 name from an old share
    (project / "data" / name).write_text(MINIMAL, encoding="utf-8")
    # Printed with a strict UTF-8 output, as under a French locale.
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    command = [sys.executable, "-m", "brochure", "build", "-o", "out"]
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "p\\udce2tissier.pdf" in first.stdout
    assert "1 rendered, 2 unchanged" in first.stdout
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert "0 rendered, 3 unchanged" in again.stdout


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda out: (out / MANIFEST).write_text("[" * 100_000), id="deep-json"),
        pytest.param(
            lambda out: (out / JOURNAL).write_text("[" * 100_000 + "\n"), id="deep-journal"
        ),
        pytest.param(
            lambda out: ((out / MANIFEST).unlink(), (out / MANIFEST).mkdir()), id="manifest-folder"
        ),
    ],
)
def test_hostile_records_cost_a_rebuild_never_a_traceback(project, damage):
    damage(project / "out")
    result = run("build", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_a_sheet_nested_too_deeply_fails_alone_with_a_message(project):
    (project / "templates").mkdir()
    (project / "templates" / "sheet.html").write_text(
        "<html><body>{% for i in range(1000) %}<div>{% endfor %}{{ title }}</body></html>",
        encoding="utf-8",
    )
    result = run("build", "-o", "profond", "-j", "1")
    assert result.exit_code == 1
    assert "nested too deeply to be laid out" in result.stderr
    assert "Traceback" not in result.output


def test_a_damaged_sheet_with_its_size_and_date_kept_stops_the_booklet_with_a_message(project):
    pdf = project / "out" / "boulanger.pdf"
    status = pdf.stat()
    pdf.write_bytes(b"\0" * status.st_size)
    os.utime(pdf, ns=(status.st_atime_ns, status.st_mtime_ns))
    result = run("book", "--sheets", "out", "-o", "livret.pdf")
    assert result.exit_code == 1
    assert "a sheet could not be read" in result.stderr
    assert "brochure build --force" in result.stderr
    assert not (project / "livret.pdf").exists()


def test_styles_that_crash_the_layout_fail_the_sheet_with_a_message(project):
    (project / "styles").mkdir()
    (project / "styles" / "theme.css").write_text(
        "body { font-size: 1e30px; columns: 100000 } html { font-size: calc(1px/0) }",
        encoding="utf-8",
    )
    result = run("build", "-o", "fou", "-j", "1")
    assert result.exit_code == 1
    assert "WeasyPrint could not lay it out" in result.stderr
    assert "Traceback" not in result.output


def test_two_projects_cannot_share_an_output_folder(project, tmp_path, monkeypatch):
    shared = tmp_path / "partage"
    assert run("build", "-o", shared).exit_code == 0
    other = tmp_path / "autre"
    (other / "data").mkdir(parents=True)
    (other / "data" / "boulanger.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(other)
    result = run("build", "-o", shared, "--clean")
    assert result.exit_code == 2
    assert f"holds the sheets of another project, {project}" in result.stderr
    assert sorted(p.name for p in shared.glob("*.pdf")) == ["boulanger.pdf", "fleuriste.pdf"]


def test_a_fifo_where_the_records_go_never_hangs_the_build(project):
    (project / "out" / MANIFEST).unlink()
    os.mkfifo(project / "out" / MANIFEST)
    result = run("build", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "2 rendered" in result.stdout


def test_an_output_folder_inside_the_styles_is_refused(project):
    (project / "styles").mkdir()
    result = run("build", "-o", "styles/pdf")
    assert result.exit_code == 2
    assert "is inside the theme's folder" in result.stderr


def test_a_career_linked_from_outside_the_data_folder_is_refused(project):
    outside = project.parent / "ailleurs.yaml"
    outside.write_text("title: Secret d'ailleurs\nsummary: Ne pas imprimer.\n", encoding="utf-8")
    (project / "data" / "lien.yaml").symlink_to(outside)
    result = run("build", "-o", "out")
    assert result.exit_code == 2
    assert "lien.yaml: is a link to" in result.stderr
    assert not (project / "out" / "lien.pdf").exists()


def test_the_booklet_never_replaces_a_career_file(project):
    career = project / "data" / "boulanger.yaml"
    before = career.read_bytes()
    result = run("book", "--sheets", "out", "-o", career)
    assert result.exit_code == 2
    assert "would replace a career file with the booklet" in result.stderr
    assert career.read_bytes() == before


def test_a_logo_outside_the_project_is_refused(project):
    (project.parent / "secret.svg").write_text("<svg/>", encoding="utf-8")
    (project / "brochure.yaml").write_text("logo: ../secret.svg\n", encoding="utf-8")
    result = run("book", "--sheets", "out", "-o", "livret.pdf")
    assert result.exit_code == 2
    assert "logo: ../secret.svg is outside the project" in result.stderr
