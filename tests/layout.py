"""A PDF's layout read back as a designer measures it: pages, text blocks,
lines, their boxes (points, from the top left) and type sizes.

`mutool draw -F stext` (MuPDF, installed by scripts/install-system-deps) gives
every line with its box and font size; pdftotext gives neither sizes nor a
column-aware order.
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import _require


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    sizes: frozenset[float]  # font sizes on the line, in points, to 0.1

    @property
    def size(self) -> float:
        return max(self.sizes)


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, table cell or heading, as MuPDF groups lines."""

    lines: tuple[Line, ...]
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def text(self) -> str:
        return " ".join(line.text.strip() for line in self.lines)


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    blocks: tuple[Block, ...]

    @property
    def lines(self) -> list[Line]:
        return [line for block in self.blocks for line in block.lines]

    def in_reading_order(self) -> list[Block]:
        """Blocks as a reader takes them, list bullets left out.

        WeasyPrint draws text in the document's order, so the order MuPDF
        reads the page in is the reading order, column after column; sorting
        by position (what pdftotext does) mixes two columns up.
        """
        return [block for block in self.blocks if block.text not in _MARKERS]


_MARKERS = {"•", "–", "-"}


def read_layout(pdf: Path) -> list[Page]:
    """Every page of ``pdf`` with its blocks and lines."""
    xml = subprocess.run(
        [_require("mutool"), "draw", "-q", "-F", "stext", "-o", "-", str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    pages = []
    for page in ET.fromstring(xml).iter("page"):
        blocks = []
        for block in page.iter("block"):
            lines = []
            for line in block.iter("line"):
                chars, sizes = [], set()
                for font in line.iter("font"):
                    for char in font.iter("char"):
                        chars.append(char.get("c", ""))
                        sizes.add(round(float(font.get("size", "0")), 1))
                if chars:
                    lines.append(Line("".join(chars), *_box(line), frozenset(sizes)))
            if lines:
                blocks.append(Block(tuple(lines), *_box(block)))
        pages.append(Page(float(page.get("width", 0)), float(page.get("height", 0)), tuple(blocks)))
    return pages


def reading_text(pdf: Path) -> str:
    """The text of every page in reading order, columns one after the other."""
    return "\n".join(block.text for page in read_layout(pdf) for block in page.in_reading_order())


def _box(element: ET.Element) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in element.get("bbox", "0 0 0 0").split())
    return x0, y0, x1, y1
