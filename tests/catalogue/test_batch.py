"""Catalogue builds: parallel, incremental, isolated from faulty sheets, resumable."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brochure.catalogue.manifest import build_key
from brochure.sheet.theme import load_theme
from brochure.source.config import SheetOptions
from tests.helpers import DATA, MINIMAL, ROOT, pdf_text, run

CAREERS = DATA / "careers"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A copy of the shipped catalogue that a test may change."""
    folder = tmp_path / "data"
    shutil.copytree(CAREERS, folder)
    return folder


SMALL_CAREERS = {
    "architecte": "title: Architecte\nsummary: Elle dessine les maisons.\n",
    "boulanger": "title: Boulanger·ère\nsummary: Il fabrique le pain.\n",
    "fleuriste": "title: Fleuriste\nsummary: Elle compose les bouquets.\n",
}


@pytest.fixture
def careers(tmp_path: Path) -> Path:
    """Three one-page careers: for what does not depend on a sheet's content."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name, text in SMALL_CAREERS.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow  # renders the shipped catalogue twice: run by `make test-slow` and CI
def test_parallel_build_gives_the_same_bytes_as_a_serial_one(catalogue, tmp_path):
    serial = run("build", catalogue, "-o", tmp_path / "serial", "-j", "1")
    parallel = run("build", catalogue, "-o", tmp_path / "parallel", "-j", "2")
    assert serial.exit_code == parallel.exit_code == 0, serial.output + parallel.output
    names = sorted(p.name for p in (tmp_path / "serial").glob("*.pdf"))
    assert len(names) == len(list(catalogue.glob("*.yaml")))
    for name in names:
        assert (tmp_path / "serial" / name).read_bytes() == (
            tmp_path / "parallel" / name
        ).read_bytes(), name


def test_only_what_changed_is_rendered_again(careers, tmp_path):
    out = tmp_path / "out"
    count = len(list(careers.glob("*.yaml")))
    first = run("build", careers, "-o", out)
    assert f"{count} rendered, 0 unchanged, 0 failed" in first.stdout
    pdf = out / "boulanger.pdf"
    before = pdf.stat().st_mtime_ns

    again = run("build", careers, "-o", out)
    assert f"0 rendered, {count} unchanged, 0 failed; 0 pages" in again.stdout
    assert pdf.stat().st_mtime_ns == before

    # Touching a file changes nothing; changing its content does.
    os.utime(careers / "boulanger.yaml")
    assert f"0 rendered, {count} unchanged" in run("build", careers, "-o", out).stdout
    source = careers / "boulanger.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("Boulanger·ère", "Boulanger"))
    changed = run("build", careers, "-o", out)
    assert f"1 rendered, {count - 1} unchanged" in changed.stdout
    assert f"built {pdf}" in changed.stdout

    # A deleted PDF is made again; options and --force render everything.
    (out / "architecte.pdf").unlink()
    assert f"1 rendered, {count - 1} unchanged" in run("build", careers, "-o", out).stdout
    assert (
        f"{count} rendered, 0 unchanged"
        in run("build", careers, "-o", out, "--page-size", "A5").stdout
    )
    assert f"{count} rendered, 0 unchanged" in run("build", careers, "-o", out, "--force").stdout


def test_the_theme_and_source_date_epoch_are_part_of_the_key(careers, tmp_path, monkeypatch):
    # The project (here) has a stylesheet of its own, read after the theme's.
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "theme.css").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    count = len(list(careers.glob("*.yaml")))
    run("build", careers, "-o", out)
    assert f"0 rendered, {count} unchanged" in run("build", careers, "-o", out).stdout
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert f"{count} rendered" in run("build", careers, "-o", out).stdout
    with (tmp_path / "styles" / "theme.css").open("a") as css:
        css.write("h1 { letter-spacing: 0.01em }\n")
    assert f"{count} rendered" in run("build", careers, "-o", out).stdout


def test_stale_pdfs_are_reported_and_cleaned(careers, tmp_path):
    out = tmp_path / "out"
    run("build", careers, "-o", out)
    (careers / "architecte.yaml").unlink()
    result = run("build", careers, "-o", out)
    assert f"stale: {out / 'architecte.pdf'}" in result.stdout
    assert "--clean removes it" in result.stdout
    assert (out / "architecte.pdf").exists()
    cleaned = run("build", careers, "-o", out, "--clean")
    assert f"removed {out / 'architecte.pdf'}" in cleaned.stdout
    assert not (out / "architecte.pdf").exists()
    assert "stale" not in run("build", careers, "-o", out).stdout


@pytest.fixture
def trap_theme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A project whose sheet hangs for the career "Hang" and eats memory for "Boom"."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "sheet.html").write_text(
        '{% if title == "Hang" %}{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}{% endif %}'
        '{% if title == "Boom" %}{{ "x" * 10**11 }}{% endif %}'
        + (ROOT / "templates" / "sheet.html").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)  # the project, with its own sheet.html


def test_a_sheet_that_hangs_or_blows_up_is_stopped_and_the_rest_completes(
    careers, tmp_path, trap_theme
):
    (careers / "hang.yaml").write_text("title: Hang\nsummary: Ne finit jamais.\n")
    (careers / "boom.yaml").write_text("title: Boom\nsummary: Trop gourmand.\n")
    count = len(list(careers.glob("*.yaml")))
    started = time.monotonic()
    result = run(
        "build",
        careers,
        "-o",
        tmp_path / "out",
        "-j",
        "2",
        "--timeout",
        "3",
        "--memory-limit",
        "700",
    )
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    assert f"{count - 2} rendered, 0 unchanged, 2 failed" in result.stdout
    assert (
        f"{careers / 'hang.yaml'}: took more than 3 s of processing and was stopped"
        in result.stderr
    )
    assert f"{careers / 'boom.yaml'}: needed more than the memory limit (700 MB)" in result.stderr
    assert not (tmp_path / "out" / "hang.pdf").exists()
    assert "Il fabrique le pain." in pdf_text(tmp_path / "out" / "boulanger.pdf")


def test_a_career_too_long_for_a_sheet_is_refused_before_rendering(tmp_path):
    source = tmp_path / "long.yaml"
    source.write_text("title: Long\nsummary: " + "mot " * 20_000 + "\n", encoding="utf-8")
    result = run("check", source)
    assert result.exit_code == 1
    assert "the career's texts hold 80 003 characters, more than a sheet can take" in result.stderr


def test_a_killed_build_leaves_whole_pdfs_and_the_next_one_resumes(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    total = 24
    for number in range(total):
        (folder / f"career-{number:02}.yaml").write_text(
            f"title: Métier {number}\nsummary: Texte du métier {number}.\n", encoding="utf-8"
        )
    out = tmp_path / "out"
    build = subprocess.Popen(
        [sys.executable, "-m", "brochure", "build", str(folder), "-o", str(out), "-j", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while len(list(out.glob("*.pdf"))) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        build.send_signal(signal.SIGKILL)
        build.wait()
        time.sleep(0.5)  # the worker, told of its parent's death, finishes its write and stops
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
    done = sorted(out.glob("*.pdf"))
    assert 3 <= len(done) < total
    for pdf in done:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), pdf.name
    assert not list(out.glob(".*.tmp"))  # no temporary file left behind as a PDF

    resumed = run("build", folder, "-o", out)
    assert resumed.exit_code == 0, resumed.output
    rendered, unchanged = (
        int(n)
        for n in re.search(r"(\d+) rendered, (\d+) unchanged, 0 failed", resumed.stdout).groups()
    )
    # Every PDF journalled before the kill is kept; the one the build was
    # noting when it died (written, not yet journalled) is rendered again.
    assert rendered + unchanged == total
    assert len(done) - 1 <= unchanged <= len(done)


def test_quiet_build_prints_only_the_summary(tmp_path):
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("build", tmp_path / "a.yaml", "-o", tmp_path / "out", "-q")
    assert result.exit_code == 0
    assert result.stdout.startswith("1 rendered, 0 unchanged, 0 failed; 1 page in")
    assert result.stderr == ""


def test_the_print_shops_profile_is_part_of_the_key(tmp_path):
    """A new profile from the print shop makes its PDF/X sheets again, at the same path."""
    profile = tmp_path / "presse.icc"
    profile.write_bytes(b"first profile")
    theme = load_theme("default")
    options = SheetOptions(print_shop=True, pdf_variant="pdf/x-4", print_profile=str(profile))
    first = build_key(theme, options, None)
    assert build_key(theme, options, None) == first
    profile.write_bytes(b"second profile")
    assert build_key(theme, options, None) != first


def test_the_print_shops_profile_is_no_part_of_other_variants_keys(tmp_path):
    """A profile named in brochure.yaml does not remake pdf/ua-1 sheets when it changes."""
    profile = tmp_path / "presse.icc"
    profile.write_bytes(b"first profile")
    theme = load_theme("default")
    options = SheetOptions(print_shop=True, print_profile=str(profile))
    first = build_key(theme, options, None)
    profile.write_bytes(b"second profile")
    assert build_key(theme, options, None) == first
    assert build_key(theme, SheetOptions(print_shop=True), None) == first
