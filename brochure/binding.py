"""Binding per-sheet PDFs into one booklet, without laying anything out again.

qpdf (the command) joins the pages: it streams them and keeps its memory low
whatever the number of sheets. pikepdf then finishes the book in place:

- page numbers: each page gets an overlay from a "stamp" PDF, a white patch
  over the sheet's own "Page 1 / 3" with the booklet's number on it;
- fonts: every sheet embeds its own subset of the theme's fonts. WeasyPrint
  keeps the original glyph numbers in its subsets, so all the subsets of one
  font can be replaced by a single one holding every glyph the booklet uses:
  the pages do not change, and the font is stored once;
- bookmarks: sector, then career, then the sections each sheet's own
  bookmarks list.
"""

from __future__ import annotations

import io
import logging
import re
import subprocess
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont

from .errors import BrochureError, Problem

# fontTools warns about Lato's creation date when saving a subset: noise.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)


@dataclass
class Part:
    """A run of pages of the booklet: a file, or blank pages."""

    path: Path | None  # None: blank pages
    pages: int


@dataclass
class Bookmark:
    """An outline entry: a title, its page (0-based) and its children."""

    title: str
    page: int
    children: list[Bookmark] = field(default_factory=list)


def sheet_bookmarks(path: Path) -> list[tuple[str, int]]:
    """The sections a sheet's own outline lists: (title, page within the sheet)."""
    found: list[tuple[str, int]] = []
    with pikepdf.open(path) as pdf:
        pages: dict[Any, int] = {page.objgen: number for number, page in enumerate(pdf.pages)}
        with pdf.open_outline() as outline:

            def walk(items: Sequence[pikepdf.OutlineItem]) -> None:
                for item in items:
                    target = item.destination
                    if isinstance(target, pikepdf.Array) and len(target):
                        found.append((item.title, pages.get(target[0].objgen, 0)))
                    walk(item.children)

            walk(outline.root)
    return found


def join(parts: Sequence[Part], blank: Path, target: Path) -> None:
    """Join the parts into ``target`` with the qpdf command."""
    arguments = ["qpdf", "--empty", "--no-warn", "--pages"]
    for part in parts:
        if part.path is None:
            arguments += [str(blank), ",".join(["1"] * part.pages)]
        else:
            arguments += [str(part.path), f"1-{part.pages}"]
    arguments += ["--", str(target)]
    try:
        result = subprocess.run(arguments, capture_output=True, text=True)
    except FileNotFoundError:
        raise BrochureError(
            Problem("the qpdf command is missing (Debian: apt-get install qpdf)")
        ) from None
    if result.returncode not in (0, 3):  # 3: warnings only
        raise BrochureError(Problem(f"qpdf could not join the sheets: {result.stderr.strip()}"))


def finish(
    path: Path,
    stamps: Sequence[Path],
    stamped: Sequence[bool],
    outline: Sequence[Bookmark],
    fonts_folder: Path,
    title: str,
    lang: str,
) -> None:
    """Number the pages, share the fonts, add bookmarks and metadata; save in place."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        forms = []
        for stamp in stamps:
            with pikepdf.open(stamp) as stamp_pdf:
                forms += [pdf.copy_foreign(page.as_form_xobject()) for page in stamp_pdf.pages]
        for number, page in enumerate(pdf.pages):
            if stamped[number]:
                remove_folios(pdf, page)
                page.add_overlay(forms[number], pikepdf.Rectangle(page.trimbox))
        share_fonts(pdf, fonts_folder)
        with pdf.open_outline() as pdf_outline:
            pdf_outline.root.extend(_outline_items(pdf, outline))
        pdf.Root.Lang = pikepdf.String(lang)
        pdf.Root.PageMode = pikepdf.Name.UseOutlines
        pdf.docinfo["/Title"] = title
        pdf.save(path, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)


FOLIO_FONT = "Brochure-Folio"  # the font of page numbers, see styles/look.css


def remove_folios(pdf: pikepdf.Pdf, page: pikepdf.Page) -> bool:
    """Take a sheet's own page number ("Page 1 / 3") off a page; say if there was one."""
    resources: Any = page.obj.get("/Resources", {})
    fonts: Any = resources.get("/Font", {})
    folio_fonts = {
        pikepdf.Name(name)
        for name, font in fonts.items()
        if FOLIO_FONT in str(font.get("/BaseFont"))
    }
    if not folio_fonts:
        return False
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
    return True


def _outline_items(pdf: pikepdf.Pdf, bookmarks: Sequence[Bookmark]) -> list[pikepdf.OutlineItem]:
    items = []
    for bookmark in bookmarks:
        item = pikepdf.OutlineItem(bookmark.title, bookmark.page)
        item.children.extend(_outline_items(pdf, bookmark.children))
        items.append(item)
    return items


_SUBSET_TAG = re.compile(r"^/?[A-Z]{6}\+")


def share_fonts(pdf: pikepdf.Pdf, fonts_folder: Path) -> int:
    """Store each theme font once for the whole booklet; return how many were shared."""
    originals = _theme_fonts(fonts_folder)
    groups: dict[str, list[Any]] = defaultdict(list)
    glyphs: dict[str, set[int]] = defaultdict(set)
    for font in _cid_fonts(pdf):
        descriptor = font.get("/FontDescriptor")
        if descriptor is None or "/FontFile2" not in descriptor:
            continue
        name = _full_name(descriptor.FontFile2.read_bytes())
        if name not in originals:
            continue  # a font of the machine, not the theme's: left as it is
        groups[name].append(descriptor)
        glyphs[name].update(_used_glyphs(font))
    for name, descriptors in groups.items():
        shared = pdf.make_stream(_union_subset(originals[name], glyphs[name]))
        for descriptor in descriptors:
            descriptor.FontFile2 = shared
            if "/CIDSet" in descriptor:
                del descriptor["/CIDSet"]  # it listed the glyphs of the old subset
    return len(groups)


def _theme_fonts(folder: Path) -> dict[str, Path]:
    """The theme's font files, by full name ("Lato Bold")."""
    fonts = {}
    for path in sorted(folder.glob("*.[ot]tf")):
        fonts[_full_name(path.read_bytes())] = path
    return fonts


def _full_name(data: bytes) -> str:
    try:
        return str(TTFont(io.BytesIO(data), lazy=True)["name"].getDebugName(4))
    except Exception:  # a font fontTools cannot read is simply not shared
        return ""


def _cid_fonts(pdf: pikepdf.Pdf) -> list[Any]:
    fonts: dict[tuple[int, int], Any] = {}
    for page in pdf.pages:
        resources: Any = page.obj.get("/Resources", {})
        for font in resources.get("/Font", {}).values():
            for descendant in font.get("/DescendantFonts", []):
                fonts[descendant.objgen] = descendant
    return list(fonts.values())


def _used_glyphs(font: Any) -> set[int]:
    """The glyph numbers a CID font uses, read from its widths array (/W)."""
    used: set[int] = set()
    widths = list(font.get("/W", []))
    position = 0
    while position < len(widths):
        first = int(widths[position])
        following = widths[position + 1]
        if isinstance(following, pikepdf.Array):
            used.update(range(first, first + len(following)))
            position += 2
        else:
            used.update(range(first, int(following) + 1))
            position += 3
    return used


def _union_subset(font_file: Path, glyphs: set[int]) -> bytes:
    """The theme's font cut down to ``glyphs``, each keeping its number."""
    options = subset.Options(
        retain_gids=True, notdef_outline=True, desubroutinize=True, hinting=False
    )
    options.drop_tables += ["GSUB", "GPOS", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(glyphs | {0}))
    font = TTFont(font_file)
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()
