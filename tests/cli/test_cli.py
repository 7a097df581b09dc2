"""The command line end to end: files in, PDFs and messages out, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from brochure import __version__
from brochure.cli.main import cli, main
from brochure.source.yamlfile import read_yaml
from tests.helpers import DATA, MINIMAL, REFERENCE, pdf_text, run, squeeze, visible
from tests.layout import reading_text


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder with one good career and two bad ones."""
    folder = tmp_path / "careers"
    folder.mkdir()
    (folder / "good.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "typo.yaml").write_text("title: A\nsumary: B\n", encoding="utf-8")
    (folder / "broken.yaml").write_text("title: [A\nsummary: B\n", encoding="utf-8")
    return folder


def test_one_bad_file_never_stops_the_others(mixed, tmp_path):
    out = tmp_path / "out"
    result = run("build", mixed, "-o", out)
    assert result.exit_code == 1
    assert sorted(p.name for p in out.glob("*.pdf")) == ["good.pdf"]
    assert "Il fabrique le pain." in pdf_text(out / "good.pdf")
    assert f"built {out / 'good.pdf'} (1 page)" in result.stdout
    assert "2 of 3 files failed:" in result.stderr
    assert f"{mixed / 'typo.yaml'}:1:1: summary: is required but missing" in result.stderr
    assert f"{mixed / 'typo.yaml'}:2:1: sumary: unknown field (did you mean 'summary'?)" in (
        result.stderr
    )
    assert f"{mixed / 'broken.yaml'}:1:8: this is not valid YAML" in result.stderr
    assert "Traceback" not in result.output


def test_check_reports_the_same_and_renders_nothing(mixed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check", mixed)
    assert result.exit_code == 1
    assert "2 of 3 files failed:" in result.stderr
    assert f"{mixed / 'typo.yaml'}:2:1: sumary: unknown field" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["careers"]


def test_check_of_the_shipped_catalogue_passes():
    result = run("check", DATA)
    assert result.exit_code == 0, result.output
    assert f"{len(list(DATA.rglob('*.yaml')))} files valid." in result.stdout


def test_build_one_file_into_a_chosen_folder(tmp_path):
    result = run("build", REFERENCE, "-o", tmp_path / "pdfs")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pdfs" / "prompt-engineer.pdf").read_bytes().startswith(b"%PDF-")
    assert "1 rendered, 0 unchanged, 0 failed; 2 pages in" in result.stdout


def test_defaults_are_data_in_and_out_out(tmp_path, monkeypatch):
    (tmp_path / "data" / "sub").mkdir(parents=True)
    (tmp_path / "data" / "sub" / "boulanger.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 0, result.output
    assert Path("out/boulanger.pdf").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "no-such.yaml"], "error: no-such.yaml: no such file or folder"),
        (["check", "no-such-folder"], "error: no-such-folder: no such file or folder"),
        (["build"], "error: data: no such file or folder"),  # no data/ here
        # Click's own usage errors: only the exit code and the user's word are ours to check.
        (["build", "--colour"], "--colour"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_usage_errors_exit_2(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_output_that_is_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "taken").write_text("")
    result = run("build", REFERENCE, "-o", tmp_path / "taken")
    assert result.exit_code == 2
    assert "taken" in result.stderr
    assert not list(tmp_path.glob("*.pdf"))


def test_two_careers_with_one_name_are_refused(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("build", tmp_path / "a", tmp_path / "b", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "would overwrite the sheet of" in result.stderr
    assert not (tmp_path / "out").exists()


def test_strict_mode_fails_sheets_weasyprint_warns_about(tmp_path, monkeypatch):
    # A project whose own stylesheet has a mistake: WeasyPrint warns, strict fails.
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "theme.css").write_text("h1 { colour: red }\n", encoding="utf-8")
    career = tmp_path / "boulanger.yaml"
    career.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # WeasyPrint's sentence is its own: check our framing and the property the user wrote.
    relaxed = run("build", career, "-o", tmp_path / "relaxed")
    assert relaxed.exit_code == 0
    warned = [line for line in relaxed.stderr.splitlines() if "colour" in line]
    assert warned and all(line.startswith(f"warning: {career}: ") for line in warned), warned
    strict = run("build", "--strict", career, "-o", tmp_path / "strict")
    assert strict.exit_code == 1
    failed = [line.strip() for line in strict.stderr.splitlines() if "colour" in line]
    assert failed, strict.stderr
    for line in failed:
        assert line.startswith(f"{career}: ") and line.endswith(
            " (a warning, failed by --strict)"
        ), line
    assert "warning:" not in strict.stderr  # reported once, as a failure
    assert not (tmp_path / "strict" / "boulanger.pdf").exists()


@pytest.mark.parametrize("command", [[], ["build"], ["check"]])
def test_help_on_every_command(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    # Click lays the help out; the command's name and our own summary are what we wrote.
    shown = " ".join(result.stdout.split())
    assert " ".join(["brochure", *command]) in shown
    described = cli.commands[command[0]] if command else cli
    assert described.help
    summary = described.help.split("\n\n")[0]
    assert " ".join(summary.split()) in shown, summary


def test_version_from_the_installed_command():
    result = subprocess.run(
        [sys.executable, "-m", "brochure", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    # The line's wording is Click's; the program's name and its version are ours.
    assert "brochure" in result.stdout
    assert __version__ in result.stdout.replace(",", " ").split()


@pytest.mark.slow  # renders the whole shipped catalogue: run by `make test-slow` and CI
def test_the_shipped_catalogue_renders(tmp_path):
    result = run("build", DATA, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    sources = sorted(DATA.rglob("*.yaml"))
    assert len(sources) >= 8
    for source in sources:
        data = read_yaml(source).data
        # In reading order: the recap table runs in a column, its cells over
        # several lines, which pdftotext (sorting by position) interleaves.
        text = squeeze(reading_text(tmp_path / f"{source.stem}.pdf"))
        assert squeeze(data["title"]) in text
        for label, value in data["recap"]:
            assert squeeze(visible(label + value)) in text, (source.name, label)


def test_missing_harfbuzz_subsetter_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr("brochure.sheet.pdf.fast_font_subsetting", lambda: False)
    career = tmp_path / "boulanger.yaml"
    career.write_text(MINIMAL, encoding="utf-8")
    result = run("build", career, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert "libharfbuzz-subset" in result.stderr
    assert "apt-get install libharfbuzz-subset0" in result.stderr
    monkeypatch.undo()
    assert "libharfbuzz-subset" not in run("build", career, "-o", tmp_path / "out").stderr


def test_interrupted_build_exits_130_without_traceback(tmp_path, monkeypatch, capsys):
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("brochure.catalogue.batch.build_catalogue", interrupt)
    with pytest.raises(SystemExit) as exited:
        main(["build", str(REFERENCE), "-o", str(tmp_path)])
    assert exited.value.code == 130
    assert capsys.readouterr().err.strip() == "interrupted"


def test_main_reports_usage_errors_with_exit_2(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["build", "--colour"])
    assert exited.value.code == 2
    assert "--colour" in capsys.readouterr().err
