"""What many tests use: where the data is, and reading PDFs back as a reader would."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
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
