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
- link annotations get the Print flag (printed as shown on screen); a PDF/X
  file, made for the press alone, has none (PDF/X allows no annotation on
  the printed page), and its XMP document identifier (random, from
  WeasyPrint) is derived from its content instead, so that the same input
  gives the same bytes;
- the XMP metadata stream is stored uncompressed, as PDF/A requires;
- print-shop pages (a BleedBox larger than the TrimBox) get a slug around the
  bleed, and crop marks in registration colour (``/Separation /All``) drawn in
  the slug, over the content.

Only pikepdf is used: a sheet's finishing costs a few tens of milliseconds.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from brochure.errors import DataError, Problem
from brochure.i18n import _

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
        if _press_file(pdf):
            _refuse_what_pdf_x_forbids(pdf)
            _no_links(pdf)
            _pdf_x_version(pdf)
            _unused_colour_spaces(pdf)
            _document_id(pdf)
        else:
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


@dataclass(eq=False)
class _Node:
    """A structure element read once from the PDF: the tree is reshaped in Python,
    then written back in one pass (pikepdf's object access is the slow part)."""

    obj: Any
    role: str
    key: int | None
    tag: str
    page: Any  # the element's /Pg, or None
    kids: list[Any] = field(default_factory=list)  # _Node, or an MCID, MCR or OBJR as read

    def same(self, other: _Node) -> bool:
        """Whether two elements are pieces of one HTML element's box."""
        return (
            self.key is not None
            and self.key == other.key
            and self.role == other.role
            and self.tag == other.tag
        )


def _read(element: Any) -> _Node:
    key = element.get(KEY)
    tag = element.get(TAG)
    node = _Node(
        element,
        str(element.S),
        None if key is None else int(key),
        "" if tag is None else str(tag),
        element.get("/Pg"),
    )
    kids = element.get("/K")
    for kid in kids if isinstance(kids, Array) else ([] if kids is None else [kids]):
        node.kids.append(_read(kid) if isinstance(kid, Dictionary) and "/S" in kid else kid)
    return node


def _elements(kids: list[Any]) -> Iterator[_Node]:
    return (kid for kid in kids if isinstance(kid, _Node))


def _walk(node: _Node) -> Iterator[_Node]:
    yield node
    for kid in _elements(node.kids):
        yield from _walk(kid)


def _absorb(into: _Node, piece: _Node) -> None:
    """Append the kids of ``piece`` to ``into`` (``piece`` is then dropped).

    A bare MCID moved to an element of another page needs its page (an MCR).
    """
    page = piece.page
    other_page = page is not None and (into.page is None or page.objgen != into.page.objgen)
    for kid in piece.kids:
        if other_page and isinstance(kid, int):
            kid = Dictionary(Type=Name.MCR, Pg=page, MCID=kid)
        into.kids.append(kid)


def _join(node: _Node) -> None:
    """Join the pieces of split elements under ``node``, then below it."""
    kids: list[Any] = []
    pending = list(node.kids)
    while pending:
        kid = pending.pop(0)
        if isinstance(kid, _Node) and kid.same(node):
            # A column or an anonymous box of the same element: its kids are ours.
            pending[0:0] = kid.kids
            continue
        kids.append(kid)
    joined: list[Any] = []
    first: dict[tuple[int, str], _Node] = {}
    for kid in kids:
        if isinstance(kid, _Node) and kid.key is not None:
            ident = (kid.key, kid.role)
            if ident in first:
                if kid.role not in _REPEATED:
                    _absorb(first[ident], kid)
                continue  # dropped: a repeated header becomes an artifact
            first[ident] = kid
        joined.append(kid)
    node.kids = joined
    for kid in _elements(joined):
        _join(kid)


def _named_items(node: _Node) -> None:
    """Turn a definition list's dt and dd items into one item per entry."""
    items: list[Any] = []
    current: _Node | None = None
    for kid in node.kids:
        if not isinstance(kid, _Node) or kid.tag not in ("/dt", "/dd"):
            items.append(kid)
        elif kid.tag == "/dt":
            current = kid
            for body in _elements(kid.kids):
                if body.role == "/LBody":
                    body.role = "/Lbl"
            items.append(kid)
        elif current is not None:
            # The description joins the entry's item; a second dd joins its body.
            for body in _elements(kid.kids):
                existing = [k for k in _elements(current.kids) if k.role == "/LBody"]
                if existing and body.role == "/LBody":
                    _absorb(existing[0], body)
                else:
                    current.kids.append(body)
    node.kids = items


def _bullets(node: _Node) -> None:
    """Drop an unordered list's bullets from the tree (they become artifacts)."""
    node.obj.A = Dictionary(O=Name.List, ListNumbering=Name.Disc)
    for item in _elements(node.kids):
        if item.role == "/LI":
            item.kids = [
                kid
                for kid in item.kids
                if not (isinstance(kid, _Node) and kid.role == "/Lbl" and kid.tag == "/li")
            ]


def _header_ids(nodes: list[_Node]) -> dict[str, str]:
    """Each header cell's ID mapped to the ID of its first piece (the same HTML cell)."""
    first: dict[int, str] = {}
    mapping: dict[str, str] = {}
    for cell in nodes:
        if cell.role == "/TH" and cell.key is not None and "/ID" in cell.obj:
            ident = str(cell.obj.ID)
            mapping[ident] = first.setdefault(cell.key, ident)
    return mapping


def _point_headers(nodes: list[_Node], mapping: dict[str, str]) -> None:
    """Cells refer to the kept header cells, not to a repeated header's."""
    for cell in nodes:
        if cell.role not in ("/TH", "/TD"):
            continue
        attributes = cell.obj.get("/A")
        if isinstance(attributes, Dictionary) and "/Headers" in attributes:
            headers = [str(header) for header in attributes.Headers]
            if any(mapping.get(header, header) != header for header in headers):
                attributes.Headers = Array(
                    [pikepdf.String(mapping.get(header, header)) for header in headers]
                )


def _restructure(pdf: pikepdf.Pdf) -> None:
    root = pdf.Root.StructTreeRoot
    kids = root.get("/K")
    tops = list(kids) if isinstance(kids, Array) else [kids]
    documents = [_read(kid) for kid in tops if isinstance(kid, Dictionary) and "/S" in kid]
    if not any(node.key is not None for document in documents for node in _walk(document)):
        return  # not labelled by pdf.py: leave the tree as it is
    old_parents = _parent_tree(root)
    headers = _header_ids([node for document in documents for node in _walk(document)])
    for document in documents:
        _join(document)
        nodes = list(_walk(document))
        for node in nodes:
            if node.role == "/L" and node.tag == "/dl":
                _named_items(node)
            elif node.role == "/L" and node.tag == "/ul":
                _bullets(node)
        _point_headers(nodes, headers)
    # The tree written back, and the parent tree written from it.
    pages: dict[Any, int] = {page.objgen: index for index, page in enumerate(pdf.pages)}
    marked: dict[int, dict[int, Any]] = {}
    objects: dict[int, Any] = {}

    def place(node: _Node, parent: Any) -> None:
        element = node.obj
        element.P = parent
        if str(element.S) != node.role:
            element.S = Name(node.role)
        for name in (KEY, TAG):
            if name in element:
                del element[name]
        written = []
        for kid in node.kids:
            if isinstance(kid, _Node):
                place(kid, element)
                written.append(kid.obj)
                continue
            written.append(kid)
            if isinstance(kid, int) and node.page is not None:
                marked.setdefault(pages[node.page.objgen], {})[int(kid)] = element
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                owner: Any = kid.get("/Pg", node.page)
                marked.setdefault(pages[owner.objgen], {})[int(kid.MCID)] = element
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                annotation = kid.Obj
                if "/StructParent" in annotation:
                    objects[int(annotation.StructParent)] = element
        element.K = Array(written)

    for document in documents:
        place(document, root)
    nums: list[Any] = []
    next_key = 0
    for index, page in enumerate(pdf.pages):
        if "/StructParents" not in page.obj:
            continue
        number = int(page.obj.StructParents)
        kept = marked.get(index, {})
        orphans = set(old_parents.get(number, {})) - set(kept)
        if orphans:
            _make_artifacts(page, orphans)
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


def _output_intent(pdf: pikepdf.Pdf) -> Any:
    intents = pdf.Root.get("/OutputIntents")
    return intents[0] if isinstance(intents, Array) and len(intents) else None


def _press_file(pdf: pikepdf.Pdf) -> bool:
    """Whether the file is PDF/X (its output intent a printing condition)."""
    intent = _output_intent(pdf)
    return intent is not None and intent.get("/S") == Name("/GTS_PDFX")


# Colour spaces that are ink: four-colour, black, spot colours (a pattern's
# own colours are looked into, where it is used).
_INK = ("/DeviceCMYK", "/DeviceGray", "/Separation", "/DeviceN", "/Pattern", "/Indexed")


def _family(space: Any, resources: Any) -> str:
    """A colour space's family (/DeviceRGB, /ICCBased...), a resource name resolved."""
    if isinstance(space, Name):
        named = resources.get("/ColorSpace", {}).get(str(space)) if resources is not None else None
        return _family(named, None) if named is not None else str(space)
    if isinstance(space, Array) and len(space):
        if str(space[0]) == "/ICCBased":
            return "/DeviceCMYK" if int(space[1].get("/N", 0)) == 4 else "/ICCBased"
        return str(space[0])
    return ""


@dataclass
class _Painting:
    """What a PDF/X page paints that PDF/X may not allow."""

    colours: dict[str, None] = field(default_factory=dict)  # not ink: #rrggbb, Lab...
    images: dict[str, None] = field(default_factory=dict)  # images' colour spaces, not ink
    transparency: dict[str, None] = field(default_factory=dict)  # what is transparent
    groups: list[Any] = field(default_factory=list)  # transparency groups (forms, pages)
    seen: set[Any] = field(default_factory=set)


def _image(image: Any, resources: Any, found: _Painting) -> None:
    if image.get("/ImageMask", False):
        return
    family = _family(image.get("/ColorSpace"), resources)
    if family not in _INK:
        found.images[family.lstrip("/") or "?"] = None
    if image.get("/SMask") is not None:
        found.transparency[_("an image with transparent parts")] = None


def _state(state: Any, found: _Painting) -> None:
    """A graphics state's transparency: opacity, a soft mask, a blend mode."""
    if any(key in state and float(state[key]) < 1 for key in ("/CA", "/ca")):
        found.transparency[_("opacity")] = None
    if str(state.get("/SMask", "/None")) != "/None":
        found.transparency[_("a soft mask")] = None
    if str(state.get("/BM", "/Normal")) not in ("/Normal", "/Compatible"):
        found.transparency[_("a blend mode")] = None


def _group(obj: Any, found: _Painting) -> None:
    group = obj.get("/Group")
    if isinstance(group, Dictionary) and group.get("/S") == Name.Transparency:
        found.groups.append(obj)


def _pattern(pattern: Any, resources: Any, found: _Painting) -> None:
    """A pattern's colours: a tiling pattern's content, a shading's colour space."""
    if pattern is None or pattern.objgen in found.seen:
        return
    found.seen.add(pattern.objgen)
    if int(pattern.get("/PatternType", 0)) == 1:
        _painted(pattern, pattern.get("/Resources", resources), found)
    else:
        _shading(pattern.get("/Shading"), found)
        state = pattern.get("/ExtGState")
        if isinstance(state, Dictionary):
            _state(state, found)


def _shading(shading: Any, found: _Painting) -> None:
    if isinstance(shading, Dictionary):
        family = _family(shading.get("/ColorSpace"), None)
        if family not in _INK:
            found.colours[family.lstrip("/")] = None


def _painted(content: Any, resources: Any, found: _Painting) -> None:
    """Look into what ``content`` paints, its forms, patterns and images too."""

    def named(kind: str, name: Any) -> Any:
        return resources.get(kind, {}).get(str(name)) if resources is not None else None

    for instruction in pikepdf.parse_content_stream(content):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            image = instruction.iimage
            if not image.image_mask and str(image.colorspace) not in _INK:
                found.images[str(image.colorspace).lstrip("/")] = None
            continue
        operands, name = instruction.operands, str(instruction.operator)
        if name in ("rg", "RG"):
            found.colours["#" + "".join(f"{round(float(v) * 255):02x}" for v in operands)] = None
        elif name in ("cs", "CS") and _family(operands[0], resources) not in _INK:
            found.colours[_family(operands[0], resources).lstrip("/")] = None
        elif name in ("scn", "SCN") and operands and isinstance(operands[-1], Name):
            _pattern(named("/Pattern", operands[-1]), resources, found)
        elif name == "sh":
            _shading(named("/Shading", operands[0]), found)
        elif name == "gs":
            state = named("/ExtGState", operands[0])
            if isinstance(state, Dictionary):
                _state(state, found)
        elif name == "Do":
            xobject = named("/XObject", operands[0])
            if xobject is None or xobject.objgen in found.seen:
                continue
            found.seen.add(xobject.objgen)
            if xobject.get("/Subtype") == Name.Form:
                _group(xobject, found)
                _painted(xobject, xobject.get("/Resources", resources), found)
            else:
                _image(xobject, resources, found)


def _refuse_what_pdf_x_forbids(pdf: pikepdf.Pdf) -> None:
    """Refuse a PDF/X file painting in other colours than ink, or with transparency in X-1a, X-3.

    brochure's themes paint in ink, without transparency, in print-shop mode;
    a project's own stylesheet, template or image may not. PDF/X-1a and X-3
    (ISO 15930-4 and -6) allow no transparency at all: WeasyPrint's
    transparency groups around opaque content (a background image) paint the
    same without the group, and are removed; real transparency is refused.
    """
    found = _Painting()
    for page in pdf.pages:
        _group(page.obj, found)
        _painted(page, page.obj.get("/Resources"), found)
    problems = []
    if found.colours:
        problems.append(
            Problem(
                _(
                    "has colours that are not ink ({colours}), which PDF/X does not allow:"
                    " a stylesheet, template or image of the project sets them; give those"
                    " colours as device-cmyk() in a copy of the theme's styles/print-shop-cmyk.css"
                    " in the project's styles/ folder, or build without a PDF/X variant"
                ).format(colours=", ".join(list(found.colours)[:5]))
            )
        )
    if found.images:
        problems.append(
            Problem(
                _(
                    "has an image that is not in CMYK ({spaces}), which PDF/X does not allow:"
                    " a picture or background of the project's stylesheet, template or career;"
                    " convert the image to CMYK (an image editor saves it as a CMYK JPEG),"
                    " or build without a PDF/X variant"
                ).format(spaces=", ".join(list(found.images)[:5]))
            )
        )
    old_pdf_x = str(pdf.docinfo.get("/GTS_PDFXVersion", "")) in _PDF_X_NAMES
    if old_pdf_x and found.transparency:
        problems.append(
            Problem(
                _(
                    "has transparency ({what}), which {variant} does not allow: a stylesheet"
                    " or image of the project sets it (opacity, a colour with / alpha, a"
                    " transparent image); make it opaque, or use pdf/x-4, which allows it"
                ).format(
                    what=", ".join(list(found.transparency)[:5]),
                    variant=_PDF_X_VARIANTS[str(pdf.docinfo.GTS_PDFXVersion)],
                )
            )
        )
    if problems:
        raise DataError(problems)
    if old_pdf_x:
        for obj in found.groups:
            del obj["/Group"]


def _no_links(pdf: pikepdf.Pdf) -> None:
    """Remove the link annotations: PDF/X allows none on the printed page."""
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if annotations is None:
            continue
        kept = [a for a in annotations if a.get("/Subtype") != Name.Link]
        if kept:
            page.obj.Annots = Array(kept)
        else:
            del page.obj["/Annots"]


# The keys of PDF/X-1a:2003 and X-3:2003 (ISO 15930-4 and -6) as WeasyPrint
# writes them (left), and as the standards name them: X-1a is version
# "PDF/X-1:2003", conformance "PDF/X-1a:2003"; X-3 has no conformance key.
_PDF_X_NAMES = {
    "PDF/X-1a:2003": ("PDF/X-1:2003", "PDF/X-1a:2003"),
    "PDF/X-3:2003": ("PDF/X-3:2003", None),
}
_PDF_X_VARIANTS = {"PDF/X-1a:2003": "pdf/x-1a", "PDF/X-3:2003": "pdf/x-3"}


def _pdf_x_version(pdf: pikepdf.Pdf) -> None:
    """Name the PDF/X version and conformance as the standards do, in the Info and the XMP.

    Only PDF/X-1a has a conformance key; PDF/X-4 names itself in the XMP alone.
    """
    written = str(pdf.docinfo.get("/GTS_PDFXVersion", ""))
    version, conformance = _PDF_X_NAMES.get(written, (None, None))
    if version is not None:
        pdf.docinfo.GTS_PDFXVersion = pikepdf.String(version)
    if conformance is not None:
        pdf.docinfo.GTS_PDFXConformance = pikepdf.String(conformance)
    elif "/GTS_PDFXConformance" in pdf.docinfo:
        del pdf.docinfo["/GTS_PDFXConformance"]
    metadata = pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        return
    xmp = metadata.read_bytes().decode()
    if version is not None:
        xmp = re.sub(r"(<(pdfxid|pdfx):GTS_PDFXVersion>)[^<]*(</)", rf"\g<1>{version}\g<3>", xmp)
    if conformance is None:
        xmp = re.sub(r"<pdfx:GTS_PDFXConformance>[^<]*</pdfx:GTS_PDFXConformance>", "", xmp)
    metadata.write(xmp.encode())


_COLOUR_SPACE_USE = re.compile(rb"/([^\s/\[\]<>()]+)\s+(?:cs|CS)\b")


def _unused_colour_spaces(pdf: pikepdf.Pdf) -> None:
    """Remove the colour spaces no content uses (WeasyPrint lists Lab and ICC ones on every page).

    PDF/X-1a allows CMYK and spot colours alone; a checker may look at the
    resources rather than at what is painted.
    """
    used: set[bytes] = set()
    dictionaries = []
    for page in pdf.pages:
        streams = (
            [page.obj.Contents]
            if isinstance(page.obj.Contents, pikepdf.Stream)
            else list(page.obj.Contents)
        )
        for stream in streams:
            used.update(_COLOUR_SPACE_USE.findall(stream.read_bytes()))
        dictionaries.append(page.obj.Resources.get("/ColorSpace"))
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == Name.Form:
            used.update(_COLOUR_SPACE_USE.findall(obj.read_bytes()))
            resources = obj.get("/Resources")
            if resources is not None:
                dictionaries.append(resources.get("/ColorSpace"))
    for spaces in dictionaries:
        if isinstance(spaces, Dictionary):
            for key in list(spaces.keys()):
                if key[1:].encode() not in used:
                    del spaces[key]


# WeasyPrint's PDF/X-4 XMP document identifier: a random UUID.
_RANDOM_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")


def _document_id(pdf: pikepdf.Pdf) -> None:
    """Replace a random XMP document identifier by one derived from the file's content.

    The content: the metadata (title, dates...) and what each page draws.
    """
    metadata = pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        return
    xmp = metadata.read_bytes()
    if _RANDOM_ID.search(xmp) is None:
        return
    content = hashlib.sha256(_RANDOM_ID.sub(b"", xmp))
    for page in pdf.pages:
        for stream in (
            page.obj.Contents if isinstance(page.obj.Contents, Array) else [page.obj.Contents]
        ):
            content.update(stream.read_bytes())
    digest = content.digest()
    identifier = f"uuid:{uuid.UUID(bytes=digest[:16], version=4)}".encode()
    metadata.write(_RANDOM_ID.sub(identifier, xmp))
    # WeasyPrint's file identifier was derived from the random one: qpdf
    # derives one from the content when the file is saved.
    if "/ID" in pdf.trailer:
        del pdf.trailer["/ID"]


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
    RGB when the file declares an RGB output intent (PDF/A's sRGB), CMYK
    otherwise (PDF/X's, or none).
    """
    intent = _output_intent(pdf)
    profile = intent.get("/DestOutputProfile") if intent is not None else None
    rgb = profile is not None and int(profile.get("/N", 0)) == 3
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
