"""Page numbers: each part prepared once (and kept), the booklet's numbers drawn in.

Preparing a part (a sheet, the front matter, the index) makes it ready to be
bound, whatever its place in the booklet: its tag tree kept for the writer to
join (``_keep_structure``: its Document becomes a Part of the booklet's, its
element IDs made unique to the part, the links the contents repeat for each
box of an entry dropped with their tags), its own folio ("Page 1 / 3", set
in the "Brochure Folio" face, see styles/look.css) taken off, its footer's
career title cut into a content stream of its own so that it can move to the
right on left-hand pages, and each theme font file replaced by a mark the
writer fills with the booklet's shared subset (fonts.py). A sheet's
preparation is kept in the sheets' folder, named by the digest of the
sheet's bytes, so binding again redoes only the sheets that changed.

When binding, ``number_page`` draws the booklet's page number straight into
a page's content, on the outer edge of the footer, as a pagination artifact.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf

from brochure.booklet.fonts import FONT_MARK, TREE_MARK, NumberFont, embedded_fonts, used_glyphs
from brochure.files import atomic_file, write_atomically

PREPARATION = "5"  # changed whenever ``prepare`` writes something different
FOLIO_FONT = "Brochure-Folio"  # the font of a sheet's page numbers, see styles/look.css
MOVABLE = "/BrochureMovable"  # on a prepared page: which content streams are the footer's title
NUMBER_FONT = "/BrochureNumber"  # the page numbers' font, in each numbered page's resources
# The files Preparations keeps: prepared sheets and their notes, font subsets, layouts.
LOCK = ".lock"  # held shared by each binding using the folder, see Preparations
KEPT = re.compile(r"[0-9a-f]{40}\.(pdf|json)|font-[0-9a-f]{32}\.ttf|page-[0-9a-f]{40}\.(pdf|json)")
PX = 0.75  # points per CSS pixel: WeasyPrint's unit inside page content
FOOTER_BOX = 0.27  # the share of the content width a footer side box takes (print.css)
FOOTER_GAP = 4 * 72 / 25.4  # the footer's padding-top, 4 mm (print.css)
FOOTER_SIZE = 8.0  # points, the footer's type size (print.css)
FOOTER_LEADING = 1.3
INK = (0.3137, 0.3529, 0.4039)  # #505a67, the footer's colour (print.css)


# An outline entry of a part: its title, page (0-based) and heading's height (None: unknown).
Bookmarked = tuple[str, int, float | None]


@dataclass
class Prepared:
    """A part ready to be bound: its file, pages, the glyphs its fonts use, its outline.

    Each bookmark is (title, page within the part, the heading's height on
    the page in points, None when not known); ``tagged``: the part kept a tag
    tree.
    """

    path: Path
    pages: int
    glyphs: dict[str, set[int]] = field(default_factory=dict)
    bookmarks: list[Bookmarked] = field(default_factory=list)
    tagged: bool = False


class Preparations:
    """Parts prepared for binding, kept in ``folder`` by their bytes' digest.

    ``folder`` None keeps nothing (the booklet's own pages, new each time).
    Used as a context manager: a binding that ends well removes what it did
    not use (``prune``), unless another binding is using the same folder at
    the same time (two ``brochure book`` runs on one sheets folder): each
    binding holds a shared lock on the folder from its start, and only one
    that can make it exclusive at its end prunes.
    """

    def __init__(self, folder: Path | None, scratch: Path, fonts: Iterable[str]):
        self.folder = folder
        self.scratch = scratch
        self.fonts = sorted(fonts)
        self.used: set[str] = set()
        self._count = 0
        self._lock: int | None = None
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                self._lock = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
                fcntl.flock(self._lock, fcntl.LOCK_SH)  # waits while another run prunes
            except OSError:
                self.release()  # kept preparations are a saving, not a need: none kept
                self.folder = None

    def __enter__(self) -> Preparations:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.prune()
        self.release()

    def prepare(self, source: Path, keep: bool = True) -> Prepared:
        """``source`` prepared: read from the kept ones, or done now (and kept)."""
        digest = hashlib.sha256(source.read_bytes())
        digest.update(f"{PREPARATION}:{'|'.join(self.fonts)}".encode())
        key = digest.hexdigest()[:40]
        if self.folder is None or not keep:
            self._count += 1
            target = self.scratch / f"part-{self._count}.pdf"
            return prepare(source, target, self.fonts, key[:8])
        self.used.add(key)
        target, notes = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        try:
            known = json.loads(notes.read_text(encoding="utf-8"))
            if target.is_file():
                return Prepared(
                    target,
                    int(known["pages"]),
                    {name: set(glyphs) for name, glyphs in known["glyphs"].items()},
                    [
                        (str(title), int(page), None if top is None else float(top))
                        for title, page, top in known["bookmarks"]
                    ],
                    bool(known["tagged"]),
                )
        except (OSError, ValueError, KeyError, TypeError):
            pass  # not kept yet, or damaged: done again
        self.folder.mkdir(parents=True, exist_ok=True)
        scratch = self.scratch / "prepared.pdf"
        prepared = prepare(source, scratch, self.fonts, key[:8])
        with atomic_file(target) as file:
            file.write(scratch.read_bytes())
        kept = {
            "pages": prepared.pages,
            "glyphs": {name: sorted(glyphs) for name, glyphs in prepared.glyphs.items()},
            "bookmarks": prepared.bookmarks,
            "tagged": prepared.tagged,
        }
        write_atomically(notes, json.dumps(kept).encode("utf-8"))
        prepared.path = target
        return prepared

    def laid_out(self, key: str) -> Path | None:
        """A page of the booklet's own kept from an earlier binding, by its layout's key."""
        if self.folder is None:
            return None
        path = self.folder / f"page-{key}.pdf"
        if path.is_file():
            self.used.add(path.stem)
            return path
        return None

    def laid_out_length(self, key: str) -> int | None:
        """The length of a layout of the booklet's own pages that was measured, not kept.

        A contents laid out with guessed page numbers is measured, then laid out
        again with the right ones: kept, the measure spares the first layout.
        """
        if self.folder is None:
            return None
        try:
            pages = int(json.loads((self.folder / f"page-{key}.json").read_text("utf-8"))["pages"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.used.add(f"page-{key}")
        return pages

    def keep_laid_out_length(self, key: str, pages: int) -> None:
        """Keep the length of a layout measured and not written (see laid_out_length)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self.folder / f"page-{key}.json", json.dumps({"pages": pages}).encode())
        self.used.add(f"page-{key}")

    def keep_laid_out(self, key: str, data: bytes) -> None:
        """Keep a layout of the booklet's own pages (cover and contents, index) by its key."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self.folder / f"page-{key}.pdf", data)
        self.used.add(f"page-{key}")

    def prune(self) -> None:
        """Remove the kept preparations (and font subsets) this binding did not use.

        Nothing is removed while another binding holds the folder: it prunes
        when it ends. The folder is released either way.
        """
        if self.folder is None or self._lock is None:
            return
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.release()  # another binding is using the kept preparations
            return
        try:
            for path in self.folder.iterdir():
                if KEPT.fullmatch(path.name) and path.stem not in self.used:
                    path.unlink(missing_ok=True)
        finally:
            self.release()

    def release(self) -> None:
        """Let other bindings prune the folder (done by ``prune``)."""
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def keep(self, stem: str) -> None:
        """Note another kept file this binding used (a font subset, see fonts.shared_fonts)."""
        self.used.add(stem)


def prepare(
    source: Path, target: Path, theme_fonts: Sequence[str], ident: str = "part"
) -> Prepared:
    """Write ``source`` ready for binding to ``target`` (see the module's description).

    ``ident`` makes the part's structure element IDs unique in the booklet.
    """
    prepared = Prepared(target, 0)
    with pikepdf.open(source) as pdf:
        prepared.bookmarks = sheet_bookmarks(pdf)
        prepared.tagged = _keep_structure(pdf, ident)
        if prepared.tagged:
            tree_template(pdf)
        if "/MarkInfo" in pdf.Root:
            del pdf.Root["/MarkInfo"]  # the booklet says it once
        resources: dict[Any, Any] = {}
        for page in pdf.pages:
            prepared.pages += 1
            if not prepared.tagged and "/StructParents" in page.obj:
                del page.obj["/StructParents"]
            if prepared.tagged:
                page.obj.Tabs = pikepdf.Name.S  # links in the order of the tag tree
            folio_fonts = _folio_fonts(page)
            if folio_fonts:
                if not _cut_footer_quickly(pdf, page, folio_fonts):
                    _cut_footer(pdf, page, folio_fonts)
                own = page.obj.Resources
                resources[own.objgen if own.is_indirect else id(own)] = (own, folio_fonts)
            else:
                _enclose(pdf, page)
        for own, folio_fonts in resources.values():
            for name in folio_fonts:
                del own.Font[name]
        for font, descriptor, name in embedded_fonts(pdf):
            if name in theme_fonts:
                prepared.glyphs.setdefault(name, set()).update(used_glyphs(font))
                mark = pdf.make_stream(b"")
                mark[FONT_MARK] = pikepdf.String(name)
                descriptor.FontFile2 = mark
                if "/CIDSet" in descriptor:
                    del descriptor["/CIDSet"]  # it listed the glyphs of the old subset
        pdf.save(target, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return prepared


def sheet_bookmarks(pdf: pikepdf.Pdf) -> list[Bookmarked]:
    """The sections a sheet's own outline lists: (title, page within the sheet, height).

    The height is that of the heading (WeasyPrint's ``/XYZ`` destinations),
    None for a destination of the whole page.
    """
    found: list[Bookmarked] = []
    pages: dict[Any, int] = {page.objgen: number for number, page in enumerate(pdf.pages)}
    with pdf.open_outline() as outline:

        def walk(items: Sequence[pikepdf.OutlineItem]) -> None:
            for item in items:
                target = item.destination
                if isinstance(target, pikepdf.Array) and len(target):
                    top = None
                    if len(target) > 3 and target[1] == pikepdf.Name.XYZ:
                        given = target[3]
                        top = float(given) if isinstance(given, int | Decimal) else None
                    found.append((item.title, pages.get(target[0].objgen, 0), top))
                walk(item.children)

        walk(outline.root)
    return found


def _folio_fonts(page: pikepdf.Page) -> set[pikepdf.Name]:
    resources: Any = page.obj.get("/Resources", {})
    fonts: Any = resources.get("/Font", {})
    return {
        pikepdf.Name(name)
        for name, font in fonts.items()
        if FOLIO_FONT in str(font.get("/BaseFont"))
    }


def _enclose(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Put the page's content between q and Q, so that what follows starts afresh."""
    contents = page.obj.get("/Contents")
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    page.obj.Contents = pikepdf.Array(
        [pdf.make_stream(b"q\n"), *(s for s in streams if s is not None), pdf.make_stream(b"\nQ\n")]
    )


# A text block as WeasyPrint writes it, an operator a line: its origin, its font.
_TEXT_BLOCK = re.compile(
    rb"^BT\n1 0 0 -1 (-?[0-9.]+) (-?[0-9.]+) Tm\n(/\S+) -?[0-9.]+ Tf\n.*?^ET\n", re.M | re.S
)


def _cut_footer_quickly(
    pdf: pikepdf.Pdf, page: pikepdf.Page, folio_fonts: set[pikepdf.Name]
) -> bool:
    """``_cut_footer`` on the bytes, for content as WeasyPrint writes it; False if not."""
    contents = page.obj.get("/Contents")
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    data = b"\n".join(stream.read_bytes() for stream in streams if stream is not None)
    names = {str(name).encode() for name in folio_fonts}
    blocks = [
        (match.start(), match.end(), float(match[1]), float(match[2]), match[3] in names)
        for match in _TEXT_BLOCK.finditer(data)
    ]
    folio_lines = [y for _, _, _, y, folio in blocks if folio]
    if not folio_lines:
        return False  # written some other way: the slow path reads every operator
    footer = [b for b in blocks if not b[4] and b[3] >= folio_lines[0] - 0.5]
    title_x = min((b[2] for b in footer), default=None)
    titles = {b[0] for b in footer if title_x is not None and abs(b[2] - title_x) < 0.5}
    chunks: list[bytes] = [b"q\n"]
    movable: list[int] = []
    at = 0
    for start, end, _, _, folio in blocks:
        is_title = start in titles
        if not folio and not is_title:
            continue
        chunks[-1] += data[at:start]
        if is_title:
            movable.append(len(chunks))
            chunks += [data[start:end], b""]
        at = end
    chunks[-1] += data[at:] + b"\nQ\n"
    page.obj.Contents = pikepdf.Array([pdf.make_stream(chunk) for chunk in chunks])
    if movable:
        page.obj[MOVABLE] = pikepdf.Array(movable)
    return True


def _cut_footer(pdf: pikepdf.Pdf, page: pikepdf.Page, folio_fonts: set[pikepdf.Name]) -> None:
    """Take the folio off, and cut the footer's title (left box) into streams of its own."""
    blocks: list[tuple[list[Any], tuple[float, float] | None, bool]] = []  # ops, origin, folio
    current: list[Any] = []
    in_text = is_folio = False
    origin: tuple[float, float] | None = None
    instruction: Any
    for instruction in pikepdf.parse_content_stream(page):
        operands, operator = instruction
        name = str(operator)
        if name == "BT":
            blocks.append((current, None, False))
            current, in_text, is_folio, origin = [], True, False, None
        current.append((operands, operator))
        if not in_text:
            continue
        if name == "Tm" and origin is None and len(operands) == 6:
            origin = (float(operands[4]), float(operands[5]))
        elif name == "Tf" and operands and operands[0] in folio_fonts:
            is_folio = True
        elif name == "ET":
            blocks.append((current, origin, is_folio))
            current, in_text = [], False
    blocks.append((current, None, False))
    folio_lines = [origin[1] for _, origin, folio in blocks if folio and origin]
    title_x = None
    if folio_lines:  # the footer's lines start at the folio's baseline, or below it
        footer = [o for _, o, folio in blocks if o and not folio and o[1] >= folio_lines[0] - 0.5]
        title_x = min((o[0] for o in footer), default=None)
    segments: list[list[Any]] = [[]]
    movable: list[int] = []
    for operations, origin, folio in blocks:
        if folio:
            continue
        is_title = (
            title_x is not None
            and origin is not None
            and abs(origin[0] - title_x) < 0.5
            and origin[1] >= folio_lines[0] - 0.5
        )
        if is_title:
            movable.append(len(segments))
            segments += [operations, []]
        else:
            segments[-1].extend(operations)
    streams = [pikepdf.unparse_content_stream(segment) for segment in segments]
    streams[0] = b"q\n" + streams[0]
    streams[-1] += b"\nQ\n"
    page.obj.Contents = pikepdf.Array([pdf.make_stream(stream) for stream in streams])
    if movable:
        page.obj[MOVABLE] = pikepdf.Array(movable)


@dataclass(frozen=True)
class Margins:
    """The page's margins in points (from the theme's page/<format>.css)."""

    top: float
    right: float
    bottom: float
    left: float


_UNITS = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, "px": PX}
DEFAULT_MARGINS = Margins(*(value * 72 / 25.4 for value in (12, 10, 16, 10)))


def page_margins(style_layers: Sequence[Path], page_size: str) -> Margins:
    """The margins the theme's page stylesheet gives (the first layer that has one)."""
    for folder in style_layers:
        path = folder / "page" / f"{page_size.lower()}.css"
        if not path.is_file():
            continue
        match = re.search(r"@page\s*{[^}]*?\bmargin:\s*([^;}]+)", path.read_text("utf-8"))
        if match is None:
            break
        values = []
        for part in match.group(1).split():
            length = re.fullmatch(r"([0-9.]+)(mm|cm|in|pt|px)", part)
            if length is None:
                return DEFAULT_MARGINS
            values.append(float(length.group(1)) * _UNITS[length.group(2)])
        while len(values) < 4:  # CSS shorthand: 1, 2 or 3 values
            values.append(values[len(values) - 2] if len(values) > 1 else values[0])
        return Margins(*values[:4])
    return DEFAULT_MARGINS


class Numbering:
    """Draws the booklet's page numbers: plain numbers on the footer's outer edge."""

    def __init__(self, font: NumberFont, margins: Margins, ascent: float = 0.805):
        self.font = font
        self.margins = margins
        # The footer's first baseline under its top (half-leading, then the ascent).
        self.drop = FOOTER_SIZE * (FOOTER_LEADING - 1) / 2 + FOOTER_SIZE * ascent

    def font_object(self, pdf: pikepdf.Pdf) -> pikepdf.Object:
        """The numbers' font in ``pdf``: the theme's face (its file filled by the writer)."""
        if not self.font.name:
            return pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Font,
                    Subtype=pikepdf.Name.Type1,
                    BaseFont=pikepdf.Name.Helvetica,
                    Encoding=pikepdf.Name.WinAnsiEncoding,
                )
            )
        mark = pdf.make_stream(b"")
        mark[FONT_MARK] = pikepdf.String(self.font.name)
        base = pikepdf.Name("/BRNUMB+" + self.font.name.replace(" ", "-"))
        descriptor = pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor, FontName=base, FontFile2=mark
        )
        for key, value in self.font.descriptor.items():
            descriptor[key] = pikepdf.Array(value) if isinstance(value, list) else value
        widths: list[Any] = []
        for digit in sorted(self.font.glyphs, key=self.font.glyphs.__getitem__):
            widths += [self.font.glyphs[digit], pikepdf.Array([self.font.widths[digit]])]
        to_unicode = "".join(
            f"<{glyph:04x}> <{ord(digit):04x}>\n" for digit, glyph in self.font.glyphs.items()
        )
        cmap = pdf.make_stream(
            (
                "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                "1 begincodespacerange <0000> <ffff> endcodespacerange\n"
                f"{len(self.font.glyphs)} beginbfchar\n{to_unicode}endbfchar\n"
                "endcmap CMapName currentdict /CMap defineresource pop end end\n"
            ).encode()
        )
        descendant = pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.CIDFontType2,
            BaseFont=base,
            CIDSystemInfo=pikepdf.Dictionary(
                Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0
            ),
            FontDescriptor=pdf.make_indirect(descriptor),
            CIDToGIDMap=pikepdf.Name.Identity,
            W=pikepdf.Array(widths),
        )
        return pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font,
                Subtype=pikepdf.Name.Type0,
                BaseFont=base,
                Encoding=pikepdf.Name("/Identity-H"),
                DescendantFonts=pikepdf.Array([pdf.make_indirect(descendant)]),
                ToUnicode=cmap,
            )
        )

    def number_page(
        self, pdf: pikepdf.Pdf, page: pikepdf.Page, number: int | None, font: Any
    ) -> None:
        """Draw ``number`` (None: none) on a prepared page, on its outer edge.

        Odd numbers are right-hand pages: the number at the right. On a
        left-hand page it goes to the left, and the footer's title moves
        into the right-hand box, where the sheet had its own folio.
        """
        movable = page.obj.get(MOVABLE)
        if movable is not None:
            del page.obj[MOVABLE]
        if number is None:
            return
        trim = [float(value) for value in page.trimbox]
        left_page = number % 2 == 0
        contents: list[Any] = list(page.obj.Contents)
        if left_page and movable is not None:
            width = trim[2] - trim[0] - self.margins.left - self.margins.right
            shift = _number(width * (1 - FOOTER_BOX) / PX)
            for index in sorted((int(i) for i in movable), reverse=True):
                contents[index : index + 1] = [
                    pdf.make_stream(b"q 1 0 0 1 %s 0 cm\n" % shift),
                    contents[index],
                    pdf.make_stream(b"\nQ\n"),
                ]
        text = str(number)
        if left_page:
            x = trim[0] + self.margins.left
        else:
            x = trim[2] - self.margins.right - self.font.width(text, FOOTER_SIZE)
        y = trim[1] + self.margins.bottom - FOOTER_GAP - self.drop
        if self.font.name:
            shown = b"<%s>" % "".join(f"{self.font.glyphs[c]:04x}" for c in text).encode()
        else:
            shown = b"(%s)" % text.encode()
        drawing = (
            b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q %s %s %s rg BT %s %s Tf"
            % (
                *(_number(value) for value in INK),
                NUMBER_FONT.encode(),
                _number(FOOTER_SIZE),
            )
        )
        drawing += b" %s %s Td %s Tj ET Q EMC\n" % (_number(x), _number(y), shown)
        contents.append(pdf.make_stream(drawing))
        page.obj.Contents = pikepdf.Array(contents)
        resources = page.obj.get("/Resources")
        if resources is None:
            resources = page.obj.Resources = pikepdf.Dictionary()
        if "/Font" not in resources:
            resources.Font = pikepdf.Dictionary()
        resources.Font[NUMBER_FONT] = font


def _number(value: float) -> bytes:
    text = format(Decimal(value).quantize(Decimal("0.0001")), "f").rstrip("0").rstrip(".")
    return (text or "0").encode()


def glyph_union(parts: Iterable[Prepared], font: NumberFont) -> Mapping[str, set[int]]:
    """Every glyph the parts use, font by font, and the page numbers' digits."""
    union: dict[str, set[int]] = {}
    for part in parts:
        for name, glyphs in part.glyphs.items():
            union.setdefault(name, set()).update(glyphs)
    if font.name:
        union.setdefault(font.name, set()).update(font.glyphs.values())
    return union


def _keep_structure(pdf: pikepdf.Pdf, ident: str) -> bool:
    """Make the part's tag tree ready to join the booklet's; False if it has none.

    Its Document element becomes a Part (the booklet has one Document); each
    element ID, and each table cell's reference to one (``/Headers``), is
    prefixed with ``ident``, as IDs must be unique in a file. A link inside
    another link to the same address (WeasyPrint writes one for each box of
    a contents entry) is dropped, with its reference in the tree. A tree with
    no content (a blank page's) is removed: the page has only artifacts.
    """
    root = pdf.Root.get("/StructTreeRoot")
    dropped = _single_links(pdf)
    if root is None:
        return False
    parents: Any = root.get("/ParentTree")
    nums: Any = parents.get("/Nums") if isinstance(parents, pikepdf.Dictionary) else None
    if nums is None or not any(
        isinstance(value, pikepdf.Dictionary) or (isinstance(value, pikepdf.Array) and len(value))
        for value in list(nums)[1::2]
    ):
        del pdf.Root["/StructTreeRoot"]
        return False
    if dropped:
        keys = {key for key, _ in dropped.values()}
        kept = list(nums)
        nums = parents.Nums = pikepdf.Array(
            [
                item
                for pair in zip(kept[::2], kept[1::2], strict=True)
                if int(pair[0]) not in keys
                for item in pair
            ]
        )
    tops = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
    pending = [top for top in tops if isinstance(top, pikepdf.Dictionary)]
    for top in pending:
        if top.get("/S") == pikepdf.Name.Document:
            top.S = pikepdf.Name.Part
    prefix = ident + "-"
    while pending:
        element = pending.pop()
        if "/ID" in element:
            element.ID = pikepdf.String(prefix + str(element.ID))
        attributes = element.get("/A")
        for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
                attribute.Headers = pikepdf.Array(
                    [pikepdf.String(prefix + str(header)) for header in attribute.Headers]
                )
        kids = element.get("/K")
        if not isinstance(kids, pikepdf.Array):
            if isinstance(kids, pikepdf.Dictionary) and "/S" in kids:
                pending.append(kids)
            continue
        if dropped and any(_dropped_link(kid, dropped) for kid in kids):
            kids = element.K = pikepdf.Array(
                [kid for kid in kids if not _dropped_link(kid, dropped)]
            )
        pending += [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]
    return True


def _dropped_link(kid: Any, dropped: Mapping[Any, Any]) -> bool:
    return (
        isinstance(kid, pikepdf.Dictionary)
        and kid.get("/Type") == pikepdf.Name.OBJR
        and kid.Obj.objgen in dropped
    )


def _single_links(pdf: pikepdf.Pdf) -> dict[Any, tuple[int | None, Any]]:
    """Drop each link lying inside another link to the same address on its page.

    Returns the dropped annotations: their object's id, their parent tree key
    (None when untagged) and themselves.
    """
    dropped: dict[Any, tuple[int | None, Any]] = {}
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        kept = pikepdf.Array()
        covered: dict[str, list[list[float]]] = {}
        for annotation in annotations:
            action = annotation.get("/A")
            uri = action.get("/URI") if isinstance(action, pikepdf.Dictionary) else None
            if annotation.get("/Subtype") != pikepdf.Name.Link or uri is None:
                kept.append(annotation)
                continue
            box = [float(value) for value in annotation.Rect]
            if any(_inside(box, other) for other in covered.get(str(uri), [])):
                key = annotation.get("/StructParent")
                dropped[annotation.objgen] = (None if key is None else int(key), annotation)
                continue
            covered.setdefault(str(uri), []).append(box)
            kept.append(annotation)
        if len(kept) != len(annotations):
            page.obj.Annots = kept
    return dropped


def _inside(box: list[float], other: list[float]) -> bool:
    """Whether rectangle ``box`` (x1, y1, x2, y2, in any corner order) lies within ``other``."""
    left, right = sorted((box[0], box[2]))
    bottom, top = sorted((box[1], box[3]))
    other_left, other_right = sorted((other[0], other[2]))
    other_bottom, other_top = sorted((other[1], other[3]))
    return (
        other_left <= left and right <= other_right and other_bottom <= bottom and top <= other_top
    )


# In qpdf's syntax (pikepdf's ``unparse``): a string, skipped (qpdf escapes the
# parentheses inside one, and writes hexadecimal ones without spaces), or an
# indirect reference ("12 0 R").
_TOKEN = re.compile(rb"\((?:[^\\)]|\\.)*\)|(?<![\w.#])(\d+) (\d+) R(?![\w])", re.S)


def tree_template(pdf: pikepdf.Pdf) -> bool:
    """Write the part's tag tree out for the writer (``TREE_MARK``); False if it cannot be.

    Each object of the tree as qpdf writes it, its references to other
    objects replaced by ``%d`` and listed: an index into the tree's objects,
    or past them, into ``outside``: the part's pages and annotations, which
    the writer numbers as it copies the pages, and the part's tag tree root
    (the booklet's Document). The writer then only fills the numbers in,
    instead of reading every element of every sheet at each binding. The
    parent tree's entries and the role map are written out the same way; the
    tree itself is removed from the part.
    """
    root = pdf.Root.StructTreeRoot
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    annotations = {
        annotation.objgen: [index, place]
        for index, page in enumerate(pdf.pages)
        for place, annotation in enumerate(page.obj.get("/Annots", []))
    }
    local: dict[Any, int] = {}
    order: list[Any] = []
    outside: list[list[Any]] = []
    beyond: dict[Any, int] = {}

    def index_of(objgen: Any) -> int:
        if objgen in local:
            return local[objgen]
        if objgen not in beyond:
            if objgen == root.objgen:
                where: list[Any] = ["root"]
            elif objgen in pages:
                where = ["page", pages[objgen]]
            elif objgen in annotations:
                where = ["annotation", *annotations[objgen]]
            else:
                local[objgen] = len(order)
                order.append(pdf.get_object(objgen))
                return local[objgen]
            beyond[objgen] = -1 - len(outside)
            outside.append(where)
        return beyond[objgen]

    def written(syntax: bytes) -> tuple[str, list[int]]:
        refs: list[int] = []

        def reference(match: re.Match[bytes]) -> bytes:
            if match.group(1) is None:
                return match.group(0)
            refs.append(index_of((int(match.group(1)), int(match.group(2)))))
            return b"%d 0 R"

        return _TOKEN.sub(reference, syntax.replace(b"%", b"%%")).decode("latin-1"), refs

    kids = root.get("/K")
    tops = [
        index_of(kid.objgen)
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids])
        if isinstance(kid, pikepdf.Dictionary) and kid.is_indirect
    ]
    objects = []
    at = 0
    while at < len(order):  # the list grows as references are found
        obj = order[at]
        if isinstance(obj, pikepdf.Stream):
            return False  # not in a tag tree as brochure writes it: copied as it is
        objects.append(written(bytes(obj.unparse(resolved=True))))
        at += 1
    nums = list(root.ParentTree.Nums)
    parents = [
        (int(key), *written(bytes(value.unparse())))
        for key, value in zip(nums[::2], nums[1::2], strict=True)
    ]
    count = len(order)

    def fixed(refs: list[int]) -> list[int]:
        return [ref if ref >= 0 else count - 1 - ref for ref in refs]

    roles = root.get("/RoleMap")
    template = {
        "objects": [[body, fixed(refs)] for body, refs in objects],
        "tops": tops,
        "outside": outside,
        "parents": [[key, body, fixed(refs)] for key, body, refs in parents],
        "next_key": int(root.get("/ParentTreeNextKey", 0)),
        "roles": {
            str(name): bytes(role.unparse()).decode("latin-1")
            for name, role in (roles.items() if isinstance(roles, pikepdf.Dictionary) else [])
        },
    }
    pdf.Root[TREE_MARK] = pdf.make_stream(json.dumps(template).encode("utf-8"))
    del pdf.Root["/StructTreeRoot"]
    return True
