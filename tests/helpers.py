"""What many tests use: where the data is, and reading PDFs back as a reader would."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from brochure.cli.main import cli

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


def pdfinfo_fields(path: Path) -> dict[str, str]:
    """What pdfinfo says of a PDF, as ``{"Tagged": "yes", "Pages": "3", ...}``.

    Each line is ``key: value``; the padding between them is pdfinfo's and may change.
    """
    fields = {}
    for line in run_tool("pdfinfo", str(path)).splitlines():
        key, colon, value = line.partition(":")
        if colon:
            fields[key.strip()] = value.strip()
    return fields


def pdffonts_rows(path: Path) -> list[dict[str, str]]:
    """The fonts of a PDF as pdffonts lists them: ``{"name", "emb", "sub", "uni"}`` each.

    A font's type ("CID TrueType") may hold spaces, so the yes/no columns are
    found by their place counted from the end of the header row, whatever
    the padding.
    """
    lines = run_tool("pdffonts", str(path)).splitlines()
    rule = next(n for n, line in enumerate(lines) if line.startswith("---"))
    header = lines[rule - 1].split()
    columns = {name: header.index(name) - len(header) for name in ("emb", "sub", "uni")}
    rows = []
    for line in lines[rule + 1 :]:
        cells = line.split()
        if cells:
            rows.append({"name": cells[0], **{name: cells[at] for name, at in columns.items()}})
    return rows


def run(*args: str | Path) -> Result:
    """Run a brochure command in-process, as the command line would: ``run("build", path)``."""
    return CliRunner().invoke(cli, [str(arg) for arg in args])


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.addresses: list[tuple[str, str, str]] = []
        self._hidden = 0  # inside <head>, <script> or <style>: not read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "srcset", "poster", "data") and value is not None:
                self.addresses.append((tag, name, value))
        if tag in ("head", "script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def html_text(html: str) -> str:
    """The text a reader sees of an HTML page (its body), tags dropped."""
    page = _Page()
    page.feed(html)
    return " ".join(page.text)


def html_addresses(html: str) -> list[tuple[str, str, str]]:
    """Every address an HTML page holds: ``(tag, attribute, value)``, e.g. ``("a", "href", "x")``."""
    page = _Page()
    page.feed(html)
    return page.addresses
