"""What WeasyPrint's PDF lacks, added with pikepdf once it is written.

WeasyPrint builds the tag tree one page (and one column) at a time, so an
element that runs over a page break becomes two: a list continued on the next
page is two lists, a section two sections, the second without its heading.
``sheet/pdf.py`` labels each structure element with the HTML element it came
from (``/BrochureKey``); here the pieces of one HTML element are joined again,
so that a section, its lists and its tables are each one structure element.
Then:

- a bulleted list's bullets become artifacts (WeasyPrint paints them after
  the items, out of reading order), the list saying it is bulleted instead
  (``ListNumbering /Disc``);
- a definition list (specialisations, notable people) becomes one list item
  per entry, the name as its label (``Lbl``) and the description as its body;
- a table header repeated at the top of a page or column, and the running
  footer, which WeasyPrint tags but leaves out of the tree, are marked as
  artifacts (pagination), so that every piece of content is either in the tree
  or an artifact, and a screen reader reads the header once;
- the parent tree (marked content to element) is written anew from the tree;
- link annotations get the Print flag (printed as shown on screen);
- the XMP metadata stream is stored uncompressed, as PDF/A requires;
- print-shop pages (a BleedBox larger than the TrimBox) get a slug around the
  bleed, and crop marks in registration colour (``/Separation /All``) drawn in
  the slug, over the content.

Only pikepdf is used: a sheet's finishing costs a few tens of milliseconds.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

# The keys pdf.py adds to structure elements (without their slash), removed here.
LABEL_KEY = "BrochureKey"
LABEL_TAG = "BrochureTag"
KEY = "/" + LABEL_KEY
TAG = "/" + LABEL_TAG

MM = 72 / 25.4
# Crop marks: from 1 mm outside the bleed, 6 mm long; the slug (the paper
# beyond the bleed) is 8 mm wide, so the marks end 1 mm before its edge.
MARK_GAP = 1 * MM
MARK_LENGTH = 6 * MM
SLUG = 8 * MM
MARK_WIDTH = 0.25  # points: a hairline, as printers draw them
REGISTRATION = Name("/BrochureRegistration")

# Marked content as WeasyPrint writes it: "/Span <</MCID 12>> BDC".
_MARKED = re.compile(rb"/([A-Za-z0-9]+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_PAGINATION = b"/Artifact <</Type /Pagination>> BDC"
# Structure elements repeated on each page rather than continued.
_REPEATED = ("/THead", "/TFoot")


def finish_pdf(data: bytes) -> bytes:
    """The PDF ``data`` (as WeasyPrint wrote it) finished: see the module's docstring."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" in pdf.Root:
            _restructure(pdf)
        _printable_links(pdf)
        _plain_metadata(pdf)
        for page in pdf.pages:
            _crop_marks(pdf, page)
        return _saved(pdf)


def _saved(pdf: pikepdf.Pdf) -> bytes:
    """The PDF's bytes; the same input gives the same bytes (a content-derived identifier).

    Validators (page-validation) read a stream whose data ends with a carriage
    return, followed by the end-of-line before ``endstream``, as one byte
    shorter than its /Length. Our own streams are compressed so that they never
    end so (``_write_flate``); should a cross-reference or object stream that
    qpdf writes end so, the file is written again without them.
    """
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    if b"\r\nendstream" in out.getvalue():
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            fix_metadata_version=False,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
    return out.getvalue()


def _write_flate(stream: Any, data: bytes) -> None:
    """Store ``data`` compressed in ``stream``, never ending with a carriage return."""
    packed = zlib.compress(data, 6)
    while packed.endswith(b"\r"):
        data += b"\n"  # white space: the content means the same
        packed = zlib.compress(data, 6)
    stream.write(packed, filter=Name.FlateDecode)


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    if isinstance(kids, Array):
        return list(kids)
    return [kids]


def _is_element(kid: Any) -> bool:
    return isinstance(kid, Dictionary) and "/S" in kid


def _same(one: Any, other: Dictionary) -> bool:
    """Whether two structure elements are pieces of one HTML element's box."""
    return (
        KEY in one
        and KEY in other
        and int(one[KEY]) == int(other[KEY])
        and one.S == other.S
        and one.get(TAG) == other.get(TAG)
    )


def _moved(kid: Any, page: Any) -> Any:
    """A kid moved to an element on another page: a bare MCID needs its page."""
    if isinstance(kid, int) and page is not None:
        return Dictionary(Type=Name.MCR, Pg=page, MCID=kid)
    return kid


def _absorb(into: Any, piece: Dictionary) -> None:
    """Append the kids of ``piece`` to ``into`` (``piece`` is then dropped)."""
    page = piece.get("/Pg")
    other_page = page is not None and ("/Pg" not in into or page.objgen != into.Pg.objgen)
    kids = [_moved(kid, page if other_page else None) for kid in _kids(piece)]
    into.K = Array([*_kids(into), *kids])


def _join(element: Any) -> None:
    """Join the pieces of split elements under ``element``, then below it."""
    kids: list[Any] = []
    pending = _kids(element)
    while pending:
        kid = pending.pop(0)
        if _is_element(kid) and _same(kid, element):
            # A column or an anonymous box of the same element: its kids are ours.
            pending[0:0] = _kids(kid)
            continue
        kids.append(kid)
    joined: list[Any] = []
    first: dict[tuple[int, str], Dictionary] = {}
    for kid in kids:
        if _is_element(kid) and KEY in kid:
            ident = (int(kid[KEY]), str(kid.S))
            if ident in first:
                if str(kid.S) not in _REPEATED:
                    _absorb(first[ident], kid)
                continue  # dropped: a repeated header becomes an artifact
            first[ident] = kid
        joined.append(kid)
    element.K = Array(joined)
    for kid in joined:
        if _is_element(kid):
            _join(kid)


def _named_items(element: Any) -> None:
    """Turn a definition list's dt and dd items into one item per entry."""
    if str(element.get("/S")) == "/L" and str(element.get(TAG)) == "/dl":
        items: list[Any] = []
        current: Dictionary | None = None
        for kid in _kids(element):
            tag = str(kid.get(TAG)) if _is_element(kid) else ""
            bodies = [body for body in _kids(kid) if _is_element(body)] if tag else []
            if tag == "/dt":
                current = kid
                for body in bodies:
                    if str(body.S) == "/LBody":
                        body.S = Name.Lbl
                items.append(kid)
            elif tag == "/dd" and current is not None:
                # The description joins the entry's item; a second dd joins its body.
                for body in bodies:
                    existing = [
                        k for k in _kids(current) if _is_element(k) and str(k.S) == "/LBody"
                    ]
                    if existing and str(body.S) == "/LBody":
                        _absorb(existing[0], body)
                    else:
                        current.K = Array([*_kids(current), body])
            else:
                items.append(kid)
        element.K = Array(items)
    for kid in _kids(element):
        if _is_element(kid):
            _named_items(kid)


def _bullets(element: Any) -> None:
    """Drop the bullets of unordered lists from the tree (they become artifacts)."""
    if str(element.get("/S")) == "/L" and str(element.get(TAG)) == "/ul":
        element.A = Dictionary(O=Name.List, ListNumbering=Name.Disc)
        for item in _kids(element):
            if _is_element(item) and str(item.S) == "/LI":
                item.K = Array(
                    [
                        kid
                        for kid in _kids(item)
                        if not (
                            _is_element(kid) and str(kid.S) == "/Lbl" and str(kid.get(TAG)) == "/li"
                        )
                    ]
                )
    for kid in _kids(element):
        if _is_element(kid):
            _bullets(kid)


def _walk(element: Any) -> Iterator[Dictionary]:
    yield element
    for kid in _kids(element):
        if _is_element(kid):
            yield from _walk(kid)


def _header_ids(root: Any) -> dict[str, str]:
    """Each table header cell's ID mapped to the ID of its first piece (same HTML cell)."""
    first: dict[int, str] = {}
    mapping: dict[str, str] = {}
    for element in _walk(root):
        if str(element.get("/S")) == "/TH" and "/ID" in element and KEY in element:
            ident = str(element.ID)
            mapping[ident] = first.setdefault(int(element[KEY]), ident)
    return mapping


def _point_headers(root: Any, mapping: dict[str, str]) -> None:
    """Cells refer to the kept header cells, not to a repeated header's."""
    for element in _walk(root):
        attributes = element.get("/A")
        if isinstance(attributes, Dictionary) and "/Headers" in attributes:
            attributes.Headers = Array(
                [pikepdf.String(mapping.get(str(h), str(h))) for h in attributes.Headers]
            )


def _restructure(pdf: pikepdf.Pdf) -> None:
    root = pdf.Root.StructTreeRoot
    documents = [kid for kid in _kids(root) if _is_element(kid)]
    if not any(KEY in element for document in documents for element in _walk(document)):
        return  # not labelled by pdf.py: leave the tree as it is
    old_parents = _parent_tree(root)
    headers = _header_ids(root)
    for document in documents:
        _join(document)
        _named_items(document)
        _bullets(document)
        _point_headers(document, headers)
    # The tree as it now is: parents, and the parent tree written from it.
    pages: dict[Any, int] = {page.objgen: index for index, page in enumerate(pdf.pages)}
    marked: dict[int, dict[int, Dictionary]] = {}
    objects: dict[int, Dictionary] = {}

    def place(element: Dictionary, parent: Any) -> None:
        element.P = parent
        for name in (KEY, TAG):
            if name in element:
                del element[name]
        page = element.get("/Pg")
        for kid in _kids(element):
            if _is_element(kid):
                place(kid, element)
            elif isinstance(kid, int) and page is not None:
                marked.setdefault(pages[page.objgen], {})[int(kid)] = element
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                owner: Any = kid.get("/Pg", page)
                marked.setdefault(pages[owner.objgen], {})[int(kid.MCID)] = element
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                annotation = kid.Obj
                if "/StructParent" in annotation:
                    objects[int(annotation.StructParent)] = element

    for document in documents:
        place(document, root)
    nums: list[Any] = []
    next_key = 0
    for index, page in enumerate(pdf.pages):
        if "/StructParents" not in page.obj:
            continue
        number = int(page.obj.StructParents)
        kept = marked.get(index, {})
        orphans = sorted(set(old_parents.get(number, {})) - set(kept))
        if orphans:
            _make_artifacts(page, set(orphans))
        size = max(kept, default=-1) + 1
        nums.extend([number, Array([kept.get(mcid, None) for mcid in range(size)])])
        next_key = max(next_key, number + 1)
    for number in sorted(objects):
        nums.extend([number, objects[number]])
        next_key = max(next_key, number + 1)
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = next_key


def _parent_tree(root: Any) -> dict[int, dict[int, Any]]:
    """WeasyPrint's parent tree (a flat number tree): page number to its MCIDs."""
    found: dict[int, dict[int, Any]] = {}
    tree = root.get("/ParentTree")
    nums = list(tree.get("/Nums", [])) if isinstance(tree, Dictionary) else []
    for number, value in zip(nums[::2], nums[1::2], strict=True):
        if isinstance(value, Array):
            found[int(number)] = {mcid: kid for mcid, kid in enumerate(value)}
    return found


def _make_artifacts(page: pikepdf.Page, mcids: set[int]) -> None:
    """Mark the content of ``mcids`` as pagination artifacts in the page's stream."""

    def replace(match: re.Match[bytes]) -> bytes:
        return _PAGINATION if int(match.group(2)) in mcids else match.group(0)

    contents = page.obj.Contents
    streams = list(contents) if isinstance(contents, Array) else [contents]
    for stream in streams:
        data = stream.read_bytes()
        changed = _MARKED.sub(replace, data)
        if changed != data:
            _write_flate(stream, changed)


def _printable_links(pdf: pikepdf.Pdf) -> None:
    """Link annotations print as they show (PDF/A requires it; screen and paper agree)."""
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") == Name.Link:
                flags = int(annotation.get("/F", 0))
                annotation.F = (flags | 4) & ~(1 | 2 | 32)  # Print; not Invisible, Hidden, NoView


def _plain_metadata(pdf: pikepdf.Pdf) -> None:
    """PDF/A-2 and later want the XMP stream without a filter (readable as text)."""
    metadata = pdf.Root.get("/Metadata")
    if isinstance(metadata, pikepdf.Stream) and "/Filter" in metadata:
        metadata.write(metadata.read_bytes())


def _box(page: pikepdf.Page, name: str) -> list[float] | None:
    box = page.obj.get(name)
    return [float(value) for value in box] if isinstance(box, Array) else None


def _registration(pdf: pikepdf.Pdf) -> Array:
    """The registration colour space: ink on every plate (/Separation /All).

    Its alternate (for screens) is black in the output intent's colour model:
    RGB when the file declares an RGB output intent (PDF/A), CMYK otherwise.
    """
    rgb = "/OutputIntents" in pdf.Root
    alternate = Name.DeviceRGB if rgb else Name.DeviceCMYK
    # Tint 0 is paper, tint 1 full black.
    paper, black = ([1, 1, 1], [0, 0, 0]) if rgb else ([0, 0, 0, 0], [1, 1, 1, 1])
    tint = pdf.make_indirect(
        Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array(paper), C1=Array(black), N=1)
    )
    return Array([Name.Separation, Name.All, alternate, tint])


def _crop_marks(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Widen a print-shop page by a slug and draw crop marks there, over the content."""
    trim, bleed = _box(page, "/TrimBox"), _box(page, "/BleedBox")
    media = _box(page, "/MediaBox")
    if trim is None or bleed is None or bleed == trim or media is None:
        return
    if media[0] < bleed[0] or media[1] < bleed[1]:
        return  # finished already: the slug is there
    left, bottom, right, top = trim
    outset = max(left - bleed[0], bottom - bleed[1], bleed[2] - right, bleed[3] - top)
    edge = outset + SLUG
    page.obj.MediaBox = Array([left - edge, bottom - edge, right + edge, top + edge])
    if "/CropBox" in page.obj:
        page.obj.CropBox = page.obj.MediaBox
    start, end = outset + MARK_GAP, outset + MARK_GAP + MARK_LENGTH
    lines = []
    for x, y, sx, sy in (
        (left, bottom, -1, -1),
        (right, bottom, 1, -1),
        (left, top, -1, 1),
        (right, top, 1, 1),
    ):
        lines.append(f"{x + sx * start:.3f} {y:.3f} m {x + sx * end:.3f} {y:.3f} l S")
        lines.append(f"{x:.3f} {y + sy * start:.3f} m {x:.3f} {y + sy * end:.3f} l S")
    resources = page.obj.Resources
    if "/ColorSpace" not in resources:
        resources.ColorSpace = Dictionary()
    resources.ColorSpace[REGISTRATION] = _registration(pdf)
    marks = "\n".join(
        [
            "Q",
            "/Artifact BMC",
            "q",
            f"{REGISTRATION} CS 1 SCN",
            f"{MARK_WIDTH} w 0 J [] 0 d",
            *lines,
            "Q",
            "EMC",
            "",
        ]
    ).encode()
    # The page's own content in q ... Q, so that the marks start from a clean state.
    opening, closing = pikepdf.Stream(pdf, b""), pikepdf.Stream(pdf, b"")
    _write_flate(opening, b"q\n")
    _write_flate(closing, marks)
    page.contents_add(opening, prepend=True)
    page.contents_add(closing, prepend=False)
