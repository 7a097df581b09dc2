"""Shared fixtures: the reference career, temporary career files, PDF readers."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from brochure.build import SheetBuilder

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
REFERENCE = DATA / "careers" / "prompt-engineer.yaml"
SHARED_REFERENCE = ROOT.parent / "shared" / "examples" / "prompt-engineer.yaml"

MINIMAL = "title: Boulanger\nsummary: Il fabrique le pain.\n"


def _require(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:  # the README's set-up installs poppler-utils and qpdf
        pytest.fail(f"{tool} is not installed: run the README's set-up first")
    return found


def pdf_text(path: Path) -> str:
    """The text of a PDF as pdftotext reads it."""
    return subprocess.run(
        [_require("pdftotext"), "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def squeeze(text: str) -> str:
    """Text without white space (of any kind) nor hyphens, for comparing flowed text.

    Line breaks, hyphenation and no-break spaces depend on the layout; the
    letters and their order do not.
    """
    return re.sub(r"[\s\-\u2010\u00ad]+", "", text)


def visible(markdown: str) -> str:
    """What a reader sees of inline Markdown: no asterisks, link text only."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"\*{1,2}([^*]+)\*{1,2}", r"\1", text)


def run_tool(*args: str) -> str:
    """Run a PDF tool (pdffonts, pdfinfo, qpdf) and return what it printed."""
    result = subprocess.run([_require(args[0]), *args[1:]], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def career_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a career file in a temporary folder: ``career_file(text, name=...)``."""

    def write(text: str | bytes = MINIMAL, name: str = "career.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def builder() -> SheetBuilder:
    """One builder for the session: fonts and theme are loaded once."""
    return SheetBuilder(strict=True)


@pytest.fixture(scope="session")
def reference_pdf(builder: SheetBuilder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference career rendered once for the whole session."""
    target = tmp_path_factory.mktemp("reference") / "prompt-engineer.pdf"
    outcome = builder.build(REFERENCE, target)
    assert outcome.ok, outcome.problems
    assert outcome.warnings == []
    return target


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="Rewrite the golden files in tests/golden/ from the current output (review the diff).",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites golden files instead of comparing with them."""
    return bool(request.config.getoption("--regen-golden"))
