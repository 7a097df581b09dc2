"""The package installed from a wheel finds its theme and renders a sheet."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REFERENCE, ROOT, pdf_text


@pytest.mark.slow  # builds and installs a wheel: run by `make test-slow` and CI
def test_wheel_ships_the_theme_and_renders(tmp_path: Path):
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"),
            *("--no-build-isolation", "--wheel-dir", str(tmp_path / "dist"), str(ROOT)),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("brochure-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in (
        "brochure/_theme/templates/sheet.html",
        "brochure/_theme/templates/partials/recap.html",
        "brochure/_theme/templates/site/career.html",
        "brochure/_theme/templates/site/search.js",
        "brochure/_theme/styles/look.css",
        "brochure/_theme/styles/fonts/Lato-Regular.ttf",
        "brochure/_theme/styles/fonts/OFL.txt",
    ):
        assert shipped in names

    site = tmp_path / "site"
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"),
            *("--target", str(site), str(wheel)),
        ],
        check=True,
        capture_output=True,
    )
    # Run from an empty folder with only the installed copy on the path, so
    # that nothing of the checkout can be found.
    work = tmp_path / "work"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "brochure", "build", str(REFERENCE), "-o", "pdfs"],
        cwd=work,
        env={**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    probe = subprocess.run(
        [sys.executable, "-c", "import brochure.builtin as b; print(b.theme_root() / 'templates')"],
        cwd=work,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(probe.stdout.strip()) == site / "brochure" / "_theme" / "templates"
    assert "Tableau récapitulatif" in pdf_text(work / "pdfs" / "prompt-engineer.pdf")
