"""What many tests use: where the data is, and reading PDFs back as a reader would."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
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

# A CMYK printing profile for the PDF/X tests: Ghostscript's (the README's
# set-up installs it), used here only; brochure ships none (see the README).
CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")

# The reference rendered in each format, variant and mode the tests read back.
SHEET_CASES: dict[str, dict[str, object]] = {
    "A4": {"page_size": "A4"},
    "A5": {"page_size": "A5"},
    "Letter": {"page_size": "Letter"},
    "A4-print-shop": {"page_size": "A4", "print_shop": True},
    "A5-print-shop": {"page_size": "A5", "print_shop": True},
    "pdf-a-3b": {"pdf_variant": "pdf/a-3b"},
    "pdf-a-3a": {"pdf_variant": "pdf/a-3a"},
    "pdf-a-2b": {"pdf_variant": "pdf/a-2b"},
    # PDF/A-1 forbids transparency: the print shop's crop marks must not bring any.
    "A5-pdf-a-1b-print-shop": {"page_size": "A5", "pdf_variant": "pdf/a-1b", "print_shop": True},
    "untagged": {"pdf_variant": "none"},
    "sober": {"theme": "sober"},
    "English": {"language": "en", "qr_url": "https://www.example.org/{slug}"},
    # For the press: PDF/X with the print shop's CMYK profile, a QR code and an accent.
    "pdf-x-1a": {
        "page_size": "A5",
        "print_shop": True,
        "pdf_variant": "pdf/x-1a",
        "print_profile": str(CMYK_PROFILE),
        "accent": "#8b1f3a",
        "qr_url": "https://www.example.org/fiches/{slug}",
        "footer": "CIO de Lyon – www.example.org",
    },
    # A QR code (a figure and a link) and the project's footer line on every page.
    "qr-footer": {
        "page_size": "A5",
        "qr_url": "https://www.example.org/fiches/{slug}",
        "footer": "CIO de Lyon – www.example.org – 04 00 00 00 00",
    },
}


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


@dataclass
class Tag:
    """A structure element of a tagged PDF, as pikepdf reads it."""

    role: str
    kids: list[Tag] = field(default_factory=list)
    marked: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    alt: str | None = None

    def all(self, role: str) -> list[Tag]:
        """This element and those below it with ``role`` (e.g. "/L"), in reading order."""
        found = [self] if self.role == role else []
        for kid in self.kids:
            found.extend(kid.all(role))
        return found

    def roles(self) -> list[str]:
        """The roles of the element's own kids."""
        return [kid.role for kid in self.kids]


def tag_tree(path: Path) -> Tag:
    """The structure tree of a PDF, from its Document element down."""
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}

        def read(element: pikepdf.Dictionary, page: object) -> Tag:
            page = element.get("/Pg", page)
            tag = Tag(str(element.S), alt=str(element.Alt) if "/Alt" in element else None)
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    tag.kids.append(read(kid, page))
                elif isinstance(kid, int):
                    tag.marked.append((pages[page.objgen], int(kid)))  # type: ignore[attr-defined]
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    owner = kid.get("/Pg", page)
                    tag.marked.append((pages[owner.objgen], int(kid.MCID)))
            return tag

        (document,) = pdf.Root.StructTreeRoot.K
        return read(document, None)


def marked_content(path: Path) -> dict[int, list[int]]:
    """The MCIDs each page's content stream marks, by page index."""
    found: dict[int, list[int]] = {}
    with pikepdf.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            contents = page.obj.Contents
            streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
            data = b"".join(stream.read_bytes() for stream in streams)
            found[index] = [int(n) for n in re.findall(rb"/MCID\s+(\d+)", data)]
    return found


_TAGGED_TEXTS = """
import json, sys
import pymupdf
from lxml import etree
texts = []
with pymupdf.open(sys.argv[1]) as document:
    for page in document:
        xml = page.get_text("xml", flags=pymupdf.TEXT_COLLECT_STRUCTURE)
        for element in etree.fromstring(xml.encode()).iter("struct"):
            if element.get("raw") == sys.argv[2]:
                texts.append("".join(char.get("c", "") for char in element.iter("char")))
print(json.dumps(texts))
"""


def tagged_texts(path: Path, role: str) -> list[str]:
    """The text of every element of ``role`` (e.g. "Lbl"), as MuPDF reads the tags, page by page.

    MuPDF runs in its own process: PyMuPDF takes half a gigabyte of address
    space, which the catalogue's tests must not inherit in their memory-limited
    workers.
    """
    result = subprocess.run(
        [sys.executable, "-c", _TAGGED_TEXTS, str(path), role],
        check=True,
        capture_output=True,
        text=True,
    )
    texts: list[str] = json.loads(result.stdout)
    return texts


def made_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """A folder the run's test processes share, made by ``make`` in the first that asks.

    Under pytest-xdist each worker has its own session, so a session fixture
    is made once per worker; what is made here is made once per run (the
    others wait for it) in the run's own temporary folder. Tests must not
    change it.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # this run's folder, above each worker's
    folder = base / f"shared-{name}"
    with (base / f"shared-{name}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".made").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder
