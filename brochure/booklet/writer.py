"""Writing a PDF part after part, so that only one part is ever held in memory.

The booklet's parts (front matter, each sheet, blank versos) are appended
one by one; each part's objects get new numbers, and a stream already
written with the same bytes (a font shared by every sheet) is written once.
The page tree, the bookmarks and the catalogue come last. The identifier is
a digest of the bytes written, so the same parts give the same file.

The writer makes the finished file itself, never holding the whole booklet:
objects other than streams are packed a few hundred at a time in compressed
object streams (a tag tree is hundreds of small objects a sheet), found
through a cross-reference stream; the metadata (XMP), the document
information and, for PDF/A, the output intent are written with the
catalogue. Links to a booklet page (``PAGE_MARK``) become destinations: the
page objects are numbered before any part is written.

A part with a tag tree brings it along: its top element (a Part, see
stamps.py) goes under the booklet's one Document, its pages' and
annotations' keys into the parent tree are shifted past the parts before
it, and its parent tree's entries join the booklet's, renumbered with it
(marked-content ids are the page's own: they stay as they are). The
booklet is tagged when a part brought a tree.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf

from brochure.booklet.fonts import FONT_MARK, PAGE_MARK, TREE_MARK

PACKED = 200  # objects in each object stream
_ENTRY = struct.Struct(">BIH")  # a cross-reference stream's entry: /W [1 4 2]


@dataclass
class Bookmark:
    """An outline entry: a title, its page (0-based) and its children."""

    title: str
    page: int
    children: list[Bookmark] = field(default_factory=list)
    top: float | None = None  # the heading's height on the page; None: the whole page


class BookWriter:
    """Writes a PDF part after part, so that only one part is in memory at a time.

    Each part's pages, and everything they use, are copied with new object
    numbers; a stream already written with the same bytes (a shared font) is
    not written again. The page tree, bookmarks and catalogue come last.
    """

    def __init__(
        self,
        path: Path,
        fonts: Mapping[str, bytes] | None = None,
        pages: int = 0,
        plain_images: bool = False,
    ):
        """``pages``: how many pages the booklet will have (their objects numbered at
        once, so that a link can lead to a page not written yet); ``plain_images``:
        no image asks to be smoothed (/Interpolate, which PDF/A forbids)."""
        self.fonts = fonts or {}  # the shared font files, for streams marked FONT_MARK
        self.plain_images = plain_images
        self.file = path.open("wb")
        self.digest = hashlib.md5(usedforsecurity=False)
        # Where each object is, as the cross-reference stream says it, 7 bytes an
        # object (hundreds of thousands in a tagged booklet: a list would weigh):
        # 1, offset, 0 for an object written as it is; 2, stream, index for one packed.
        self.table = bytearray(_ENTRY.pack(0, 0, 65535))
        self.packing: list[tuple[int, bytes]] = []  # objects waiting for their object stream
        self.pages: list[int] = []
        self.streams: dict[bytes, int] = {}
        self.font_files: dict[str, int] = {}
        self._emit(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        self.page_tree = self._reserve()
        self.page_numbers = [self._reserve() for _ in range(pages)]
        # The tag tree: the Document's number, its parts, the parent tree's
        # entries (key, value written), the next key, the role map.
        self.document = 0  # numbered with the first part that has a tree
        self.parts: list[int] = []
        self.parent_tree: list[bytes] = []
        self.next_key = 0
        self.role_map: dict[str, bytes] = {}

    @property
    def tagged(self) -> bool:
        """Whether a part brought a tag tree (the booklet will have one)."""
        return bool(self.parts)

    def _emit(self, data: bytes) -> None:
        self.digest.update(data)
        self.file.write(data)

    @property
    def size(self) -> int:
        """How many object numbers there are (the free object 0 included)."""
        return len(self.table) // _ENTRY.size

    def _reserve(self) -> int:
        self.table += bytes(_ENTRY.size)
        return self.size - 1

    def _locate(self, number: int, kind: int, where: int, index: int = 0) -> None:
        _ENTRY.pack_into(self.table, number * _ENTRY.size, kind, where, index)

    def _object(self, number: int, body: bytes) -> None:
        """An object other than a stream: packed in the next object stream."""
        self.packing.append((number, _linked(body, self.page_numbers)))
        if len(self.packing) >= PACKED:
            self._pack()

    def _stream_object(self, number: int, header: bytes, data: bytes) -> None:
        """A stream, written at once (streams cannot be packed)."""
        self._locate(number, 1, self.file.tell())
        self._emit(b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, header, data))

    def _pack(self) -> None:
        """Write the objects waiting as one compressed object stream."""
        if not self.packing:
            return
        number = self._reserve()
        heads, bodies, position = [], [], 0
        for index, (packed, body) in enumerate(self.packing):
            heads.append(b"%d %d" % (packed, position))
            bodies.append(body)
            position += len(body) + 1
            self._locate(packed, 2, number, index)
        head = b" ".join(heads) + b"\n"
        data = _deflated(head + b"\n".join(bodies))
        self._stream_object(
            number,
            b"<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>"
            % (len(self.packing), len(head), len(data)),
            data,
        )
        self.packing = []

    def add(self, path: Path, before: Callable[[pikepdf.Pdf], None] | None = None) -> None:
        """Append every page of the PDF at ``path``, after ``before(pdf)`` has changed it."""
        with pikepdf.open(path) as pdf:
            if before is not None:
                before(pdf)
            numbers: dict[Any, int] = {}
            waiting: list[Any] = []
            tree = pdf.Root.get("/StructTreeRoot")
            written = pdf.Root.get(TREE_MARK)
            template = None if written is None else json.loads(written.read_bytes())
            if tree is not None or template is not None:
                self.document = self.document or self._reserve()
            if template is not None:
                offset = self._shift_keys(pdf, int(template["next_key"]))
            elif tree is not None:
                # Its elements' parent, the part's own root, is the booklet's Document.
                numbers[tree.objgen] = self.document
                given = tree.get("/ParentTreeNextKey")
                offset = self._shift_keys(pdf, 0 if given is None else int(given))

            def number_of(obj: Any) -> int:
                if obj.objgen not in numbers:
                    shared = self._shared_stream(obj)
                    if shared is not None:
                        numbers[obj.objgen] = shared
                    else:
                        numbers[obj.objgen] = self._reserve()
                        waiting.append(obj)
                return numbers[obj.objgen]

            def reference(match: re.Match[bytes]) -> bytes:
                if match.group(1) is None:
                    return match.group(0)  # a string: as it is
                objgen = (int(match.group(1)), int(match.group(2)))
                known = numbers.get(objgen)
                return b"%d 0 R" % (number_of(pdf.get_object(objgen)) if known is None else known)

            def renumbered(syntax: bytes) -> bytes:
                return _TOKEN.sub(reference, syntax)

            if self.page_numbers:  # numbered beforehand (see __init__)
                first = len(self.pages)
                for index, page in enumerate(pdf.pages):
                    numbers[page.obj.objgen] = self.page_numbers[first + index]
                    waiting.append(page.obj)
            pages = [number_of(page.obj) for page in pdf.pages]
            if template is not None:
                self._fill_tree(pdf, template, offset, pages, number_of)
            elif tree is not None:
                self._join_tree(tree, offset, number_of, renumbered)
            while waiting:
                obj = waiting.pop()
                number = numbers[obj.objgen]
                if isinstance(obj, pikepdf.Stream):
                    self._stream(number, obj, number_of)
                elif isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Page":
                    body = _serialise(obj, number_of, {"/Parent"}, top=True)
                    self._object(number, body[:-2] + b"/Parent %d 0 R>>" % self.page_tree)
                else:  # the many small objects (a tag tree's elements): as qpdf writes them
                    self._object(number, renumbered(obj.unparse(resolved=True)))
            self.pages += pages

    def _shift_keys(self, pdf: pikepdf.Pdf, next_key: int) -> int:
        """Move the part's parent tree keys past those of the parts before; the shift."""
        offset = self.next_key
        highest = -1
        for page in pdf.pages:
            key = page.obj.get("/StructParents")
            if key is not None:
                page.obj.StructParents = int(key) + offset
                highest = max(highest, int(key))
            for annotation in page.obj.get("/Annots", []):
                key = annotation.get("/StructParent")
                if key is not None:
                    annotation.StructParent = int(key) + offset
                    highest = max(highest, int(key))
        self.next_key = offset + max(highest + 1, next_key)
        return offset

    def _fill_tree(
        self,
        pdf: pikepdf.Pdf,
        template: dict[str, Any],
        offset: int,
        pages: list[int],
        number_of: Callable[[Any], int],
    ) -> None:
        """Write the part's tag tree from its template (stamps.tree_template): numbers only."""
        outside = []
        for where in template["outside"]:
            if where[0] == "page":
                outside.append(pages[where[1]])
            elif where[0] == "annotation":
                outside.append(number_of(pdf.pages[where[1]].obj.Annots[where[2]]))
            else:  # the part's root: the booklet's Document
                outside.append(self.document)
        base = self.size
        objects = template["objects"]
        self.table += bytes(_ENTRY.size * len(objects))
        local = [*range(base, base + len(objects)), *outside]
        for number, (body, refs) in enumerate(objects, start=base):
            self._object(number, body.encode("latin-1") % tuple([local[ref] for ref in refs]))
        self.parts += [local[top] for top in template["tops"]]
        for key, body, refs in template["parents"]:
            filled = body.encode("latin-1") % tuple([local[ref] for ref in refs])
            self.parent_tree.append(b"%d %s" % (key + offset, filled))
        for name, role in template["roles"].items():
            self.role_map.setdefault(name, role.encode("latin-1"))

    def _join_tree(
        self,
        tree: Any,
        offset: int,
        number_of: Callable[[Any], int],
        renumbered: Callable[[bytes], bytes],
    ) -> None:
        """Put the part's top elements under the Document, its parent tree in the booklet's."""
        kids = tree.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary):
                self.parts.append(number_of(kid))
        for key, value in _number_tree(tree.get("/ParentTree")):
            self.parent_tree.append(b"%d %s" % (key + offset, renumbered(value.unparse())))
        role_map = tree.get("/RoleMap")
        if isinstance(role_map, pikepdf.Dictionary):
            for name, role in role_map.items():
                self.role_map.setdefault(name, bytes(role.unparse()))

    def _shared_stream(self, obj: Any) -> int | None:
        """The number of a stream already written with the same bytes, writing it if new.

        Only streams that refer to nothing else (font files) are shared.
        """
        if not isinstance(obj, pikepdf.Stream):
            return None
        mark = obj.stream_dict.get(FONT_MARK)
        if mark is not None and str(mark) in self.fonts:
            return self._font_file(str(mark))
        try:
            header, raw = self._stream_parts(obj, _no_reference, self.plain_images)
        except _Referring:
            return None
        key = hashlib.sha256(header + raw).digest()
        if key not in self.streams:
            self.streams[key] = self._reserve()
            self._stream_object(self.streams[key], header, raw)
        return self.streams[key]

    def _font_file(self, name: str) -> int:
        """The number of the shared font file ``name``, written the first time."""
        if name not in self.font_files:
            data = self.fonts[name]
            packed = zlib.compress(data, 6)
            self.font_files[name] = self._reserve()
            self._stream_object(
                self.font_files[name],
                b"<</Filter/FlateDecode/Length %d/Length1 %d>>" % (len(packed), len(data)),
                packed,
            )
        return self.font_files[name]

    def _stream(self, number: int, stream: Any, number_of: Callable[[Any], int]) -> None:
        header, raw = self._stream_parts(stream, number_of, self.plain_images)
        self._stream_object(number, header, raw)

    @staticmethod
    def _stream_parts(
        stream: Any, number_of: Callable[[Any], int], plain_images: bool = False
    ) -> tuple[bytes, bytes]:
        raw = stream.read_raw_bytes()
        skip = {"/Length"}
        if plain_images and stream.stream_dict.get("/Subtype") == "/Image":
            skip.add("/Interpolate")
        header = _serialise(stream.stream_dict, number_of, skip, top=True)
        return header[:-2] + b"/Length %d>>" % len(raw), raw

    def close(
        self,
        outline: Sequence[Bookmark],
        title: str,
        lang: str,
        metadata: bytes | None = None,
        info: Mapping[str, str] | None = None,
        output_profile: bytes | None = None,
    ) -> None:
        """Write the page tree, bookmarks, catalogue and cross-reference stream.

        ``metadata``: the XMP packet; ``info``: the document information
        (``Title`` is always ``title``); ``output_profile``: an sRGB ICC
        profile, the PDF/A output intent.
        """
        kids = b" ".join(b"%d 0 R" % page for page in self.pages)
        self._object(self.page_tree, b"<</Type/Pages/Count %d/Kids[%s]>>" % (len(self.pages), kids))
        outlines = self._outline(outline)
        fields = {"Title": title, "Producer": "brochure", **(info or {})}
        entries = b"".join(
            pikepdf.Name("/" + name).unparse() + pikepdf.String(value).unparse()
            for name, value in fields.items()
        )
        info_number = self._reserve()
        self._object(info_number, b"<<%s>>" % entries)
        catalogue = self._tree() if self.parts else b""
        if metadata is not None:
            number = self._reserve()
            self._stream_object(
                number,
                b"<</Type/Metadata/Subtype/XML/Length %d>>" % len(metadata),
                metadata,
            )
            catalogue += b"/Metadata %d 0 R" % number
        if output_profile is not None:
            number = self._reserve()
            data = _deflated(output_profile)
            self._stream_object(number, b"<</N 3/Filter/FlateDecode/Length %d>>" % len(data), data)
            catalogue += (
                b"/OutputIntents[<</Type/OutputIntent/S/GTS_PDFA1"
                b"/OutputConditionIdentifier(sRGB)/Info(sRGB IEC61966-2.1)"
                b"/DestOutputProfile %d 0 R>>]" % number
            )
        catalog = self._reserve()
        self._object(
            catalog,
            b"<</Type/Catalog/Pages %d 0 R/Outlines %d 0 R/PageMode/UseOutlines/Lang%s"
            b"/ViewerPreferences<</DisplayDocTitle true>>%s>>"
            % (self.page_tree, outlines, pikepdf.String(lang).unparse(), catalogue),
        )
        self._pack()
        self._cross_references(catalog, info_number)
        self.file.close()

    def _cross_references(self, catalog: int, info: int) -> None:
        """The cross-reference stream, the trailer's entries in its dictionary."""
        number = self._reserve()
        start = self.file.tell()
        self._locate(number, 1, start)
        data = _deflated(bytes(self.table))
        identifier = self.digest.hexdigest().encode()
        self._emit(
            b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root %d 0 R/Info %d 0 R/ID[<%s><%s>]"
            b"/Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream\nendobj\n"
            % (number, self.size, catalog, info, identifier, identifier, len(data), data)
        )
        self._emit(b"startxref\n%d\n%%%%EOF\n" % start)

    def _tree(self) -> bytes:
        """Write the tag tree's root, Document and parent tree; the catalogue's entries."""
        root, parents = self._reserve(), self._reserve()
        kids = b" ".join(b"%d 0 R" % part for part in self.parts)
        self._object(
            self.document, b"<</Type/StructElem/S/Document/P %d 0 R/K[%s]>>" % (root, kids)
        )
        self._object(parents, b"<</Nums[%s]>>" % b" ".join(self.parent_tree))
        roles = b"".join(
            pikepdf.Name(name).unparse() + role for name, role in sorted(self.role_map.items())
        )
        self._object(
            root,
            b"<</Type/StructTreeRoot/K[%d 0 R]/ParentTree %d 0 R/ParentTreeNextKey %d%s>>"
            % (
                self.document,
                parents,
                self.next_key,
                b"/RoleMap<<%s>>" % roles if roles else b"",
            ),
        )
        return b"/StructTreeRoot %d 0 R/MarkInfo<</Marked true>>" % root

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
            # On the heading when its height is known, else the whole page.
            view = b"/Fit" if bookmark.top is None else b"/XYZ null %s null" % _number(bookmark.top)
            entry = b"<</Title%s/Parent %d 0 R/Dest[%d 0 R%s]" % (
                pikepdf.String(bookmark.title).unparse(),
                parent,
                self.pages[bookmark.page],
                view,
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


_REFERENCE = re.compile(rb"\d\s+\d+\s+R\b")  # may be in a string too: then the slow way
# In qpdf's syntax (pikepdf's ``unparse``): a string, skipped (qpdf escapes the
# parentheses inside one, and writes hexadecimal ones without spaces), or an
# indirect reference ("12 0 R"), renumbered.
_TOKEN = re.compile(rb"\((?:[^\\)]|\\.)*\)|(?<![\w.#])(\d+) (\d+) R(?![\w])", re.S)


class _Referring(Exception):
    """An object refers to another: it cannot be shared as it is."""


def _no_reference(obj: Any) -> int:
    raise _Referring


def _number_tree(tree: Any) -> list[tuple[int, Any]]:
    """A number tree's entries (key, value), in the order of its keys."""
    found: list[tuple[int, Any]] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        nums = node.get("/Nums")
        if isinstance(nums, pikepdf.Array):
            items = list(nums)
            found += [(int(key), value) for key, value in zip(items[::2], items[1::2], strict=True)]
        pending += list(node.get("/Kids", []))
    return sorted(found, key=lambda entry: entry[0])


def _number(value: float) -> bytes:
    return _serialise(Decimal(value).quantize(Decimal("0.0001")), _no_reference, set())


def _serialise(
    obj: Any, number_of: Callable[[Any], int], skip: set[str], top: bool = False
) -> bytes:
    """PDF syntax for an object, its indirect references renumbered."""
    if obj is None:
        return b"null"
    if isinstance(obj, bool):
        return b"true" if obj else b"false"
    if isinstance(obj, int):
        return b"%d" % obj
    if isinstance(obj, Decimal | float):
        text = format(Decimal(obj), "f")
        return (text.rstrip("0").rstrip(".") if "." in text else text).encode() or b"0"
    if not top and obj.is_indirect:
        return b"%d 0 R" % number_of(obj)
    if not top and isinstance(obj, pikepdf.Array | pikepdf.Dictionary):
        # A container that refers to nothing (a widths array) is written as it is, at once.
        raw = bytes(obj.unparse())
        if not _REFERENCE.search(raw):
            return raw
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


# A link to a booklet page as matter.mark_links leaves it: [/BrochurePage N top].
_PAGE_LINK = re.compile(rb"\[\s*" + re.escape(PAGE_MARK.encode()) + rb"\s+(\d+)\s+(\S+?)\s*\]")


def _linked(body: bytes, page_numbers: Sequence[int]) -> bytes:
    """``body`` with its links to booklet pages made destinations on those pages."""
    if PAGE_MARK.encode() not in body:
        return body

    def destination(match: re.Match[bytes]) -> bytes:
        page = page_numbers[int(match.group(1)) - 1]
        top = match.group(2)
        return (
            b"[%d 0 R/Fit]" % page
            if top == b"null"
            else b"[%d 0 R/XYZ null %s null]"
            % (
                page,
                top,
            )
        )

    return _PAGE_LINK.sub(destination, body)


def _deflated(data: bytes) -> bytes:
    """``data`` compressed, never ending with a carriage return.

    A stream's data followed by "\\r" then the "\\n" before ``endstream``
    is misread by PDF/A validators (page-validation) as one byte shorter than
    its length; another compression level gives other bytes.
    """
    for level in (6, 9, 5, 7, 8, 4, 3, 2, 1):
        packed = zlib.compress(data, level)
        if not packed.endswith(b"\r"):
            return packed
    return zlib.compress(data, 6) + b"\n"  # never seen; a trailing byte zlib ignores
