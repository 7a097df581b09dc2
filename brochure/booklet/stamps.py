"""Page numbers: a sheet's own folio taken off, the booklet's laid over the page.

Each sheet prints "Page 1 / 3" in its own "Brochure Folio" face (see
styles/look.css) so that it can be found and removed; a "stamp" page carrying
the booklet's number is then drawn over it. Each part also gets the
booklet's shared fonts (see fonts.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pikepdf

from brochure.booklet.fonts import embedded_fonts


class Stamps:
    """The stamp pages, one per booklet page, read from their files in order.

    Only the file holding the current page is open, so memory stays flat.
    """

    def __init__(self, files: Sequence[Path], per_file: int):
        self.files = files
        self.per_file = per_file
        self._open: tuple[int, pikepdf.Pdf] | None = None

    def page(self, number: int) -> pikepdf.Page:
        """The stamp of booklet page ``number`` (0-based)."""
        index = number // self.per_file
        if self._open is None or self._open[0] != index:
            self.close()
            self._open = (index, pikepdf.open(self.files[index]))
        return self._open[1].pages[number % self.per_file]

    def close(self) -> None:
        """Close the open stamp file."""
        if self._open is not None:
            self._open[1].close()
            self._open = None


def number_pages(
    source: Path,
    target: Path,
    first: int,
    stamped: Sequence[bool],
    stamps: Stamps,
    fonts: Mapping[str, bytes],
) -> None:
    """Copy one part to ``target``: numbered from booklet page ``first``, fonts shared."""
    with pikepdf.open(source) as pdf:
        for key in ("/StructTreeRoot", "/MarkInfo"):  # joined pages lose their tag tree
            if key in pdf.Root:
                del pdf.Root[key]
        for offset, page in enumerate(pdf.pages):
            if "/StructParents" in page.obj:
                del page.obj["/StructParents"]
            if stamped[offset]:
                remove_folios(pdf, page)
                form = pdf.copy_foreign(stamps.page(first + offset).as_form_xobject())
                page.add_overlay(form, pikepdf.Rectangle(page.trimbox))
        for _, descriptor, name in embedded_fonts(pdf):
            if name in fonts:
                descriptor.FontFile2 = pdf.make_stream(fonts[name])
                if "/CIDSet" in descriptor:
                    del descriptor["/CIDSet"]  # it listed the glyphs of the old subset
        pdf.save(target, object_stream_mode=pikepdf.ObjectStreamMode.disable)


FOLIO_FONT = "Brochure-Folio"  # the font of page numbers, see styles/look.css


def remove_folios(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Take a sheet's own page number ("Page 1 / 3") off a page, if it has one."""
    resources: Any = page.obj.get("/Resources", {})
    fonts: Any = resources.get("/Font", {})
    folio_fonts = {
        pikepdf.Name(name)
        for name, font in fonts.items()
        if FOLIO_FONT in str(font.get("/BaseFont"))
    }
    if not folio_fonts:
        return
    kept: list[Any] = []
    block: list[Any] = []
    in_text = is_folio = False
    instruction: Any
    for instruction in pikepdf.parse_content_stream(page):
        operands, operator = instruction
        name = str(operator)
        if name == "BT":
            in_text, is_folio, block = True, False, []
        if in_text:
            block.append((operands, operator))
            if name == "Tf" and operands and operands[0] in folio_fonts:
                is_folio = True
            if name == "ET":
                in_text = False
                if not is_folio:
                    kept.extend(block)
        else:
            kept.append((operands, operator))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
