"""One font subset for the whole booklet instead of one per sheet.

Every sheet embeds its own subset of the theme's fonts. WeasyPrint keeps the
original glyph numbers in its subsets, so they can all be replaced by one
subset holding every glyph the booklet uses; the writer then stores it once.
Preparing a part (stamps.py) notes the glyphs its fonts use and leaves in
place of each font file a mark naming the font (``FONT_MARK``); the writer
puts the shared subset there.

The booklet's page numbers are drawn with the theme's regular face (its
digits added to the shared subset), or with Helvetica when the theme has no
font files of its own.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont

from brochure.files import write_atomically

# fontTools warns about Lato's creation date when saving a subset: noise.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)

FONT_MARK = "/BrochureFont"  # on a font file stream: the theme font it stands for
# In a prepared part's catalogue: its tag tree written out for the writer
# (stamps.tree_template), so that binding only fills in object numbers.
TREE_MARK = "/BrochureTree"
# A link's destination to a booklet page, [PAGE_MARK N top] (see matter.mark_links),
# made a destination on the page's object when it is written (writer.py).
PAGE_MARK = "/BrochurePage"
DIGITS = "0123456789"


def theme_fonts(folder: Path) -> dict[str, Path]:
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


def embedded_fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[Any, Any, str]]:
    """Each embedded TrueType CID font: (font, its descriptor, the font file's full name)."""
    for font in _cid_fonts(pdf):
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None and "/FontFile2" in descriptor:
            yield font, descriptor, _full_name(descriptor.FontFile2.read_bytes())


def _cid_fonts(pdf: pikepdf.Pdf) -> list[Any]:
    """The CID fonts of every page, and of the forms drawn on them."""
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


def used_glyphs(font: Any) -> set[int]:
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


def shared_fonts(
    glyphs: Mapping[str, set[int]],
    originals: Mapping[str, Path],
    cache: Path | None = None,
    keep: Callable[[str], None] = lambda name: None,
) -> dict[str, bytes]:
    """For each theme font, one subset holding ``glyphs[name]``, kept in ``cache``.

    The same glyphs of the same font file give the same subset: a booklet
    bound again after one sheet changed most often reuses every one.
    ``keep`` is told the name of each file of ``cache`` used.
    """
    shared = {}
    for name, used in sorted(glyphs.items()):
        if name not in originals:
            continue
        data = originals[name].read_bytes()
        key = hashlib.sha256(data + repr(sorted(used)).encode()).hexdigest()[:32]
        cached = cache / f"font-{key}.ttf" if cache is not None else None
        keep(f"font-{key}")
        if cached is not None and cached.is_file():
            shared[name] = cached.read_bytes()
            continue
        shared[name] = _union_subset(data, used)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(cached, shared[name])
    return shared


def _union_subset(font_file: bytes, glyphs: set[int]) -> bytes:
    """The theme's font cut down to ``glyphs``, each keeping its number."""
    options = subset.Options(
        retain_gids=True, notdef_outline=True, desubroutinize=True, hinting=False
    )
    options.drop_tables += ["GSUB", "GPOS", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(glyphs | {0}))
    # The theme font's own date kept, not the time of subsetting: the same
    # glyphs give the same bytes, SOURCE_DATE_EPOCH or not.
    font = TTFont(io.BytesIO(font_file), recalcTimestamp=False)
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


@dataclass(frozen=True)
class NumberFont:
    """The face page numbers are drawn in: glyphs and widths (per 1000) of its digits.

    ``name`` is the theme font's full name, or "" for Helvetica (not embedded).
    """

    name: str
    glyphs: Mapping[str, int]
    widths: Mapping[str, int]
    descriptor: Mapping[str, Any]

    def width(self, text: str, size: float) -> float:
        """The advance of ``text`` set at ``size`` points."""
        return sum(self.widths[character] for character in text) * size / 1000


HELVETICA = NumberFont("", {digit: ord(digit) for digit in DIGITS}, dict.fromkeys(DIGITS, 556), {})


def number_font(originals: Mapping[str, Path]) -> NumberFont:
    """The theme's regular face for page numbers, else Helvetica."""
    regular = [name for name in originals if name.endswith("Regular")]
    names = regular or sorted(originals)
    for name in names:
        try:
            font = TTFont(io.BytesIO(originals[name].read_bytes()), lazy=True)
            cmap = font.getBestCmap()
            scale = 1000 / font["head"].unitsPerEm
            glyphs = {digit: font.getGlyphID(cmap[ord(digit)]) for digit in DIGITS}
            widths = {digit: round(font["hmtx"][cmap[ord(digit)]][0] * scale) for digit in DIGITS}
            head, hhea = font["head"], font["hhea"]
            descriptor = {
                "/Flags": 32,
                "/FontBBox": [
                    round(value * scale) for value in (head.xMin, head.yMin, head.xMax, head.yMax)
                ],
                "/ItalicAngle": 0,
                "/Ascent": round(hhea.ascent * scale),
                "/Descent": round(hhea.descent * scale),
                "/CapHeight": round(getattr(font["OS/2"], "sCapHeight", hhea.ascent) * scale),
                "/StemV": 80,
            }
        except Exception:  # no digits, or a table missing: try the next face
            continue
        return NumberFont(name, glyphs, widths, descriptor)
    return HELVETICA
