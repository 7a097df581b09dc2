"""Templates are untrusted: sandboxed, and confined to the theme's and project's folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from brochure.sheet.pdf import FolderFetcher
from tests.helpers import MINIMAL, pdf_text, run

SECRET = "secret-de-la-machine-7f3a"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with one career, and a secret file outside it."""
    folder = tmp_path / "projet"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "boulanger.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "templates" / "partials").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def _override(project: Path, text: str) -> Path:
    recap = project / "templates" / "partials" / "recap.html"
    recap.write_text(text, encoding="utf-8")
    return recap


@pytest.mark.parametrize(
    "template",
    [
        pytest.param('{{ lipsum.__globals__.os.popen("echo pwned").read() }}', id="globals"),
        pytest.param("{{ ''.__class__.__mro__[1].__subclasses__() }}", id="subclasses"),
        pytest.param("{% set x = [] %}{{ x.append(1) }}", id="mutation"),
    ],
)
def test_a_template_cannot_reach_python(project, template):
    recap = _override(project, template)
    result = run("build", "-o", "out")
    assert result.exit_code == 1
    assert f"{recap}:1: template error: not allowed in a template" in result.stderr
    assert "Traceback" not in result.output
    assert not (project / "out" / "boulanger.pdf").exists()


def test_an_include_cannot_follow_a_link_out_of_the_templates(project):
    (project / "templates" / "partials" / "leak.html").symlink_to(project.parent / "secret.txt")
    recap = _override(project, '{% include "partials/leak.html" %}')
    result = run("build", "-o", "out")
    assert result.exit_code == 1
    assert f"{recap}:1: template error: not allowed in a template" in result.stderr
    assert "partials/leak.html leads outside" in result.stderr
    assert SECRET not in result.output


@pytest.mark.parametrize("folder", ["templates", "styles"])
def test_a_project_folder_linked_outside_the_project_is_refused(project, folder):
    outside = project.parent / "elsewhere"
    outside.mkdir()
    target = project / folder
    if target.exists():
        os.rename(target, project.parent / "moved")
    target.symlink_to(outside)
    result = run("build", "-o", "out")
    assert result.exit_code == 2
    assert f"the project's {folder}/ folder leads outside the project" in result.stderr
    assert not (project / "out").exists()


def test_a_template_runtime_error_names_its_file_and_line(project):
    recap = _override(project, "<p>\n{{ 1 / 0 }}\n</p>")
    result = run("build", "-o", "out")
    assert result.exit_code == 1
    assert f"{recap}:2: template error:" in result.stderr
    assert "Traceback" not in result.output


def test_a_good_override_still_renders(project):
    _override(project, "<p>Notre tableau maison</p>")
    result = run("build", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "Notre tableau maison" in pdf_text(project / "out" / "boulanger.pdf")


def test_a_single_allowed_file_does_not_open_its_folder(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG logo")
    (tmp_path / "beside.txt").write_text(SECRET, encoding="utf-8")
    theme = tmp_path / "theme"
    theme.mkdir()
    fetcher = FolderFetcher([theme], files=[tmp_path / "logo.png"])
    assert fetcher.fetch((tmp_path / "logo.png").as_uri()).read() == b"\x89PNG logo"
    with pytest.raises(ValueError, match="outside the theme and project folders"):
        fetcher.fetch((tmp_path / "beside.txt").as_uri())
