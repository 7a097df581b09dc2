"""Binding per-sheet PDFs into one booklet, without laying anything out again.

The booklet is written part by part (the front matter, each sheet, blank
versos): only one part is ever held in memory, whatever the number of sheets.
On the way, each part is finished with pikepdf:

- page numbers: the sheet's own "Page 1 / 3", set in its own "Brochure Folio"
  face so that it can be found, is taken out, and a "stamp" page carrying the
  booklet's number is laid over the page;
- fonts: every sheet embeds its own subset of the theme's fonts. WeasyPrint
  keeps the original glyph numbers in its subsets, so they can all be replaced
  by one subset holding every glyph the booklet uses; identical streams are
  written once, so each font is stored once for the whole booklet.

Bookmarks run by sector, career, then the sections of each sheet's own outline.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont

# fontTools warns about Lato's creation date when saving a subset: noise.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)


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
        for _, descriptor, name in _embedded_fonts(pdf):
            if name in fonts:
                descriptor.FontFile2 = pdf.make_stream(fonts[name])
                if "/CIDSet" in descriptor:
                    del descriptor["/CIDSet"]  # it listed the glyphs of the old subset
        pdf.save(target, object_stream_mode=pikepdf.ObjectStreamMode.disable)


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


class BookWriter:
    """Writes a PDF part after part, so that only one part is in memory at a time.

    Each part's pages, and everything they use, are copied with new object
    numbers; a stream already written with the same bytes (a shared font) is
    not written again. The page tree, bookmarks and catalogue come last.
    """

    def __init__(self, path: Path):
        self.file = path.open("wb")
        self.digest = hashlib.md5(usedforsecurity=False)
        self.offsets: list[int] = [0]
        self.pages: list[int] = []
        self.streams: dict[bytes, int] = {}
        self._emit(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        self.page_tree = self._reserve()

    def _emit(self, data: bytes) -> None:
        self.digest.update(data)
        self.file.write(data)

    def _reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def _object(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.file.tell()
        self._emit(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def add(self, path: Path) -> None:
        """Append every page of the PDF at ``path``."""
        with pikepdf.open(path) as pdf:
            numbers: dict[Any, int] = {}
            waiting: list[Any] = []

            def number_of(obj: Any) -> int:
                if obj.objgen not in numbers:
                    shared = self._shared_stream(obj)
                    if shared is not None:
                        numbers[obj.objgen] = shared
                    else:
                        numbers[obj.objgen] = self._reserve()
                        waiting.append(obj)
                return numbers[obj.objgen]

            pages = [number_of(page.obj) for page in pdf.pages]
            while waiting:
                obj = waiting.pop()
                number = numbers[obj.objgen]
                if isinstance(obj, pikepdf.Stream):
                    self._stream(number, obj, number_of)
                else:
                    skip = {"/Parent"} if obj.get("/Type") == "/Page" else set()
                    body = _serialise(obj, number_of, skip, top=True)
                    if skip:
                        body = body[:-2] + b"/Parent %d 0 R>>" % self.page_tree
                    self._object(number, body)
            self.pages += pages

    def _shared_stream(self, obj: Any) -> int | None:
        """The number of a stream already written with the same bytes, writing it if new.

        Only streams that refer to nothing else (font files) are shared.
        """
        if not isinstance(obj, pikepdf.Stream):
            return None
        try:
            header, raw = self._stream_parts(obj, _no_reference)
        except _Referring:
            return None
        key = hashlib.sha256(header + raw).digest()
        if key not in self.streams:
            self.streams[key] = self._reserve()
            self._object(self.streams[key], header + b"\nstream\n" + raw + b"\nendstream")
        return self.streams[key]

    def _stream(self, number: int, stream: Any, number_of: Callable[[Any], int]) -> None:
        header, raw = self._stream_parts(stream, number_of)
        self._object(number, header + b"\nstream\n" + raw + b"\nendstream")

    @staticmethod
    def _stream_parts(stream: Any, number_of: Callable[[Any], int]) -> tuple[bytes, bytes]:
        raw = stream.read_raw_bytes()
        header = _serialise(stream.stream_dict, number_of, {"/Length"}, top=True)
        return header[:-2] + b"/Length %d>>" % len(raw), raw

    def close(self, outline: Sequence[Bookmark], title: str, lang: str) -> None:
        """Write the page tree, bookmarks, catalogue and cross-reference table."""
        kids = b" ".join(b"%d 0 R" % page for page in self.pages)
        self._object(self.page_tree, b"<</Type/Pages/Count %d/Kids[%s]>>" % (len(self.pages), kids))
        outlines = self._outline(outline)
        info = self._reserve()
        self._object(info, b"<</Title%s/Producer(brochure)>>" % pikepdf.String(title).unparse())
        catalog = self._reserve()
        self._object(
            catalog,
            b"<</Type/Catalog/Pages %d 0 R/Outlines %d 0 R/PageMode/UseOutlines/Lang%s>>"
            % (self.page_tree, outlines, pikepdf.String(lang).unparse()),
        )
        start = self.file.tell()
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets)]
        lines += [b"%010d 00000 n \n" % offset for offset in self.offsets[1:]]
        self._emit(b"".join(lines))
        identifier = self.digest.hexdigest().encode()
        self._emit(
            b"trailer\n<</Size %d/Root %d 0 R/Info %d 0 R/ID[<%s><%s>]>>\nstartxref\n%d\n%%%%EOF\n"
            % (len(self.offsets), catalog, info, identifier, identifier, start)
        )
        self.file.close()

    def _outline(self, bookmarks: Sequence[Bookmark]) -> int:
        root = self._reserve()
        first, last = self._outline_level(bookmarks, root, top=True)
        # Sectors are open: their careers are visible; careers are closed.
        visible = len(bookmarks) + sum(len(bookmark.children) for bookmark in bookmarks)
        self._object(
            root, b"<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>" % (first, last, visible)
        )
        return root

    def _outline_level(
        self, bookmarks: Sequence[Bookmark], parent: int, top: bool = False
    ) -> tuple[int, int]:
        numbers = [self._reserve() for _ in bookmarks]
        for index, (number, bookmark) in enumerate(zip(numbers, bookmarks, strict=True)):
            entry = b"<</Title%s/Parent %d 0 R/Dest[%d 0 R/Fit]" % (
                pikepdf.String(bookmark.title).unparse(),
                parent,
                self.pages[bookmark.page],
            )
            if index:
                entry += b"/Prev %d 0 R" % numbers[index - 1]
            if index + 1 < len(numbers):
                entry += b"/Next %d 0 R" % numbers[index + 1]
            if bookmark.children:
                first, last = self._outline_level(bookmark.children, number)
                count = len(bookmark.children) * (1 if top else -1)  # negative: closed
                entry += b"/First %d 0 R/Last %d 0 R/Count %d" % (first, last, count)
            self._object(number, entry + b">>")
        return numbers[0], numbers[-1]


class _Referring(Exception):
    """An object refers to another: it cannot be shared as it is."""


def _no_reference(obj: Any) -> int:
    raise _Referring


def _serialise(
    obj: Any, number_of: Callable[[Any], int], skip: set[str], top: bool = False
) -> bytes:
    """PDF syntax for an object, its indirect references renumbered."""
    if isinstance(obj, bool):
        return b"true" if obj else b"false"
    if isinstance(obj, int):
        return b"%d" % obj
    if isinstance(obj, Decimal | float):
        text = format(Decimal(obj), "f")
        return (text.rstrip("0").rstrip(".") if "." in text else text).encode() or b"0"
    if not top and obj.is_indirect:
        return b"%d 0 R" % number_of(obj)
    if isinstance(obj, pikepdf.Dictionary):
        items = b"".join(
            pikepdf.Name(key).unparse() + b" " + _serialise(value, number_of, set())
            for key, value in obj.items()
            if key not in skip
        )
        return b"<<" + items + b">>"
    if isinstance(obj, pikepdf.Array):
        return b"[" + b" ".join(_serialise(item, number_of, set()) for item in obj) + b"]"
    return bytes(obj.unparse())


def shared_fonts(paths: Iterable[Path], fonts_folder: Path) -> dict[str, bytes]:
    """For each theme font the parts use, one subset holding all the glyphs they use."""
    originals = _theme_fonts(fonts_folder)
    glyphs: dict[str, set[int]] = defaultdict(set)
    for path in paths:
        with pikepdf.open(path) as pdf:
            for font, _, name in _embedded_fonts(pdf):
                if name in originals:  # a font of the machine is left as it is
                    glyphs[name].update(_used_glyphs(font))
    return {name: _union_subset(originals[name], used) for name, used in glyphs.items()}


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


def _embedded_fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[Any, Any, str]]:
    """Each embedded TrueType CID font: (font, its descriptor, the font file's full name)."""
    for font in _cid_fonts(pdf):
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None and "/FontFile2" in descriptor:
            yield font, descriptor, _full_name(descriptor.FontFile2.read_bytes())


def _cid_fonts(pdf: pikepdf.Pdf) -> list[Any]:
    """The CID fonts of every page, and of the forms (stamps) drawn on them."""
    fonts: dict[tuple[int, int], Any] = {}
    seen: set[tuple[int, int]] = set()

    def visit(resources: Any) -> None:
        for font in resources.get("/Font", {}).values():
            for descendant in font.get("/DescendantFonts", []):
                fonts[descendant.objgen] = descendant
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                visit(xobject.get("/Resources", {}))

    for page in pdf.pages:
        visit(page.obj.get("/Resources", {}))
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
