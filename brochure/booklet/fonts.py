"""One font subset for the whole booklet instead of one per sheet.

Every sheet embeds its own subset of the theme's fonts. WeasyPrint keeps the
original glyph numbers in its subsets, so they can all be replaced by one
subset holding every glyph the booklet uses; the writer then stores it once.
"""

from __future__ import annotations

import io
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont

# fontTools warns about Lato's creation date when saving a subset: noise.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)


def shared_fonts(paths: Iterable[Path], fonts_folder: Path) -> dict[str, bytes]:
    """For each theme font the parts use, one subset holding all the glyphs they use."""
    originals = _theme_fonts(fonts_folder)
    glyphs: dict[str, set[int]] = defaultdict(set)
    for path in paths:
        with pikepdf.open(path) as pdf:
            for font, _, name in embedded_fonts(pdf):
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


def embedded_fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[Any, Any, str]]:
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
