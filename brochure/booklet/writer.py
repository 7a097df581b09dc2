"""Writing a PDF part after part, so that only one part is ever held in memory.

The booklet's parts (front matter, each sheet, blank versos) are appended
one by one; each part's objects get new numbers, and a stream already
written with the same bytes (a font shared by every sheet) is written once.
The page tree, the bookmarks and the catalogue come last. The identifier is
a digest of the bytes written, so the same parts give the same file.

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
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf

from brochure.booklet.fonts import FONT_MARK, TREE_MARK


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

    def __init__(self, path: Path, fonts: Mapping[str, bytes] | None = None):
        self.fonts = fonts or {}  # the shared font files, for streams marked FONT_MARK
        self.file = path.open("wb")
        self.digest = hashlib.md5(usedforsecurity=False)
        self.offsets: list[int] = [0]
        self.pages: list[int] = []
        self.streams: dict[bytes, int] = {}
        self.font_files: dict[str, int] = {}
        self._emit(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        self.page_tree = self._reserve()
        # The tag tree: the Document's number, its parts, the parent tree's
        # entries (key, value written), the next key, the role map.
        self.document = 0  # numbered with the first part that has a tree
        self.parts: list[int] = []
        self.parent_tree: list[bytes] = []
        self.next_key = 0
        self.role_map: dict[str, bytes] = {}

    def _emit(self, data: bytes) -> None:
        self.digest.update(data)
        self.file.write(data)

    def _reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def _object(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.file.tell()
        self._emit(b"%d 0 obj\n%s\nendobj\n" % (number, body))

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
        base = len(self.offsets)
        objects = template["objects"]
        self.offsets += [0] * len(objects)
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
            header, raw = self._stream_parts(obj, _no_reference)
        except _Referring:
            return None
        key = hashlib.sha256(header + raw).digest()
        if key not in self.streams:
            self.streams[key] = self._reserve()
            self._object(self.streams[key], header + b"\nstream\n" + raw + b"\nendstream")
        return self.streams[key]

    def _font_file(self, name: str) -> int:
        """The number of the shared font file ``name``, written the first time."""
        if name not in self.font_files:
            data = self.fonts[name]
            packed = zlib.compress(data, 6)
            self.font_files[name] = self._reserve()
            self._object(
                self.font_files[name],
                b"<</Filter/FlateDecode/Length %d/Length1 %d>>\nstream\n%s\nendstream"
                % (len(packed), len(data), packed),
            )
        return self.font_files[name]

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
        tagged = self._tree() if self.parts else b""
        catalog = self._reserve()
        self._object(
            catalog,
            b"<</Type/Catalog/Pages %d 0 R/Outlines %d 0 R/PageMode/UseOutlines/Lang%s%s>>"
            % (self.page_tree, outlines, pikepdf.String(lang).unparse(), tagged),
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
