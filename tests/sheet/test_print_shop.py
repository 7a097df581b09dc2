"""Print-shop output in ink: CMYK colours, black text, PDF/X; read back with pikepdf and Ghostscript.

page-validation and outloud have no PDF/X profile: the PDF/X requirements
are checked here with pikepdf (the keys, the output intent, the page boxes,
no transparency, no annotation, no RGB colour), and the ink each page lays
down is measured by Ghostscript's ``inkcov`` device.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from brochure.sheet.builder import SheetBuilder
from brochure.source.config import SheetOptions
from tests.helpers import CMYK_PROFILE, MINIMAL, REFERENCE, run, run_tool

# Colour spaces that are ink: four-colour, black, and spot colours (the
# registration colour of the crop marks is /Separation /All).
INK = {"DeviceCMYK", "DeviceGray", "Separation", "DeviceN"}
BLACK_INK = ("DeviceCMYK", (0.0, 0.0, 0.0, 1.0))
# The accent of the pdf-x-1a case, #8b1f3a, in ink: no cyan, and no profile.
ACCENT_INK = (0.0, 0.777, 0.583, 0.455)
SHOP_CASES = ["A4-print-shop", "A5-print-shop", "pdf-x-1a"]


@pytest.fixture(autouse=True)
def _cmyk_profile() -> None:
    if not CMYK_PROFILE.is_file():  # Ghostscript's, installed by the README's set-up
        pytest.fail(f"no CMYK profile at {CMYK_PROFILE}: run the README's set-up first")


@dataclass
class Painting:
    """What a PDF paints with: colour spaces, text colours, images, transparency."""

    spaces: Counter[str] = field(default_factory=Counter)
    text: Counter[tuple[str, tuple[float, ...]]] = field(default_factory=Counter)
    transparency: list[str] = field(default_factory=list)
    images: int = 0


def _family(space: Any, resources: Any) -> str:
    """A colour space's family name (DeviceRGB, ICCBased, Separation...), names resolved."""
    if isinstance(space, pikepdf.Name):
        named = resources.get("/ColorSpace", {}).get(str(space)) if resources else None
        if named is not None:
            return _family(named, None)
        return str(space).lstrip("/")
    if isinstance(space, pikepdf.Array):
        return str(space[0]).lstrip("/")
    return "none"


def _numbers(operands: Any) -> tuple[float, ...]:
    return tuple(round(float(value), 3) for value in operands if isinstance(value, int | Decimal))


def _graphics_state(state: Any, where: str, found: Painting) -> None:
    for key in ("/CA", "/ca"):
        if key in state and float(state[key]) < 1:
            found.transparency.append(f"{where}: {key} {state[key]}")
    if str(state.get("/SMask", "/None")) != "/None":
        found.transparency.append(f"{where}: soft mask")
    if str(state.get("/BM", "/Normal")) not in ("/Normal", "/Compatible"):
        found.transparency.append(f"{where}: blend mode {state.BM}")


def _walk(content: Any, resources: Any, found: Painting, seen: set[tuple[int, int]]) -> None:
    colour: tuple[str, tuple[float, ...]] = ("DeviceGray", (0.0,))
    space = "DeviceGray"
    stack = []
    for operands, operator in pikepdf.parse_content_stream(content):
        name = str(operator)
        if name == "q":
            stack.append((colour, space))
        elif name == "Q" and stack:
            colour, space = stack.pop()
        elif name in ("cs", "CS"):
            family = _family(operands[0], resources)
            if family != "Pattern":  # a pattern's own colours are counted where it is used
                found.spaces[family] += 1
            if name == "cs":
                space = family
        elif name in ("sc", "scn", "SC", "SCN"):
            if operands and isinstance(operands[-1], pikepdf.Name):  # a pattern: what it paints
                _pattern(resources.Pattern[operands[-1]], resources, found, seen)
            elif name.islower():
                colour = (space, _numbers(operands))
        elif name == "sh":
            found.spaces[_family(resources.Shading[operands[0]].ColorSpace, None)] += 1
        elif name in ("rg", "RG", "k", "K", "g", "G"):
            family = {"rg": "DeviceRGB", "k": "DeviceCMYK", "g": "DeviceGray"}[name.lower()]
            found.spaces[family] += 1
            if name.islower():
                space, colour = family, (family, _numbers(operands))
        elif name in ("Tj", "TJ", "'", '"'):
            found.text[colour] += 1
        elif name == "gs":
            _graphics_state(resources.ExtGState[operands[0]], "graphics state", found)
        elif name == "INLINE IMAGE":
            found.spaces["inline image"] += 1
        elif name == "Do":
            xobject = resources.XObject[operands[0]]
            if xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
            if "/SMask" in xobject:
                found.transparency.append("image with a soft mask")
            group = xobject.get("/Group")
            if group is not None and group.get("/S") == pikepdf.Name("/Transparency"):
                found.transparency.append("transparency group")
            if xobject.Subtype == pikepdf.Name.Form:
                _walk(xobject, xobject.get("/Resources", resources), found, seen)
            elif not xobject.get("/ImageMask", False):
                found.spaces[_family(xobject.ColorSpace, resources)] += 1
                found.images += 1


def _pattern(pattern: Any, resources: Any, found: Painting, seen: set[tuple[int, int]]) -> None:
    if pattern.objgen in seen:
        return
    seen.add(pattern.objgen)
    if int(pattern.PatternType) == 1:  # tiling: a content stream of its own
        _walk(pattern, pattern.get("/Resources", resources), found, seen)
    else:  # shading
        found.spaces[_family(pattern.Shading.ColorSpace, None)] += 1


def painting(path: Path) -> Painting:
    """Every colour space, text colour and transparency a PDF's pages use, forms included."""
    found = Painting()
    seen: set[tuple[int, int]] = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            if "/Group" in page.obj:
                found.transparency.append("page group")
            _walk(page, page.obj.Resources, found, seen)
    return found


@pytest.mark.parametrize("name", SHOP_CASES)
def test_print_shop_output_is_ink_only(sheets, name):
    """No RGB (nor ICC-based, Lab) colour left: every colour is ink, the QR code's included."""
    found = painting(sheets[name])
    assert set(found.spaces) <= INK, found.spaces
    assert {space for space, _ in found.text} == {"DeviceCMYK"}, found.text
    # Body text is black ink alone; no text is laid in all four inks (the
    # rich black of #1d232b converted by a RIP): its greys are black ink
    # alone, and the accents (headings, the title band's) leave one ink out.
    assert found.text.most_common(1)[0][0] == BLACK_INK
    assert [values for _, values in found.text if min(values[:3]) > 0] == [], found.text


def test_office_output_is_rgb(sheets):
    """The same reader sees the office sheet's RGB: the check above can fail."""
    assert "DeviceRGB" in painting(sheets["A4"]).spaces


def test_accent_from_brochure_yaml_is_ink(sheets):
    found = painting(sheets["pdf-x-1a"])
    accents = [
        values
        for space, values in found.text
        if space == "DeviceCMYK"
        and all(abs(a - b) < 0.002 for a, b in zip(values, ACCENT_INK, strict=True))
    ]
    assert accents, found.text


def test_qr_code_in_black_ink_still_reads(sheets, tmp_path):
    image = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-singlefile", "-r", "150", str(sheets["pdf-x-1a"]), str(image)],
        check=True,
    )
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", f"{image}.png"], capture_output=True, text=True, check=True
    )
    assert decoded.stdout.strip() == "https://www.example.org/fiches/prompt-engineer"


def _ink(pdf: Path, *pages: int) -> list[tuple[float, float, float, float]]:
    """Ghostscript's measure of each page's cyan, magenta, yellow and black (0-1 of its area)."""
    gs = shutil.which("gs")
    if gs is None:  # the README's set-up installs it
        pytest.fail("Ghostscript (gs) is not installed: run the README's set-up first")
    chosen = [f"-dFirstPage={pages[0]}", f"-dLastPage={pages[-1]}"] if pages else []
    result = subprocess.run(
        [gs, "-q", "-dSAFER", "-o", "-", "-sDEVICE=inkcov", *chosen, str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = re.findall(r"^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+CMYK", result.stdout, re.M)
    assert rows, result.stdout
    return [(float(c), float(m), float(y), float(k)) for c, m, y, k in rows]


def test_ghostscript_measures_black_text_in_black_ink(sheets):
    """Page 2 is text: four inks in the office PDF, black ink (and the accent's) in print."""
    ((c, m, y, k),) = _ink(sheets["A4"], 2)
    assert min(c, m, y) > 0.05  # dark grey RGB text: laid down in all four inks
    ((c, m, y, k),) = _ink(sheets["A4-print-shop"], 2)
    # The accent (#1f5f8b) has no yellow: only the registration marks are yellow.
    assert y < 0.001 and k > 0.05
    # The pdf-x-1a case's accent (#8b1f3a) has no cyan: only the marks are cyan.
    for c, m, y, k in _ink(sheets["pdf-x-1a"], 1, 2):  # the title band's page, and text
        assert c < 0.001 and k > 0.02
        assert c + m + y + k < 1.0  # under 100 % of the page's area in all: reasonable


def test_sober_theme_prints_in_black_ink_alone(career_file, tmp_path):
    """The sober theme's black and greys (its own print-shop-cmyk.css): no C, M or Y anywhere."""
    options = SheetOptions(
        print_shop=True, theme="sober", qr_url="https://www.example.org/{slug}", footer="CIO"
    )
    target = tmp_path / "sober.pdf"
    assert SheetBuilder(strict=True, options=options).build(career_file(), target).ok
    found = painting(target)
    assert set(found.spaces) <= INK, found.spaces
    assert [values for _, values in found.text if max(values[:3]) > 0] == [], found.text
    for c, m, y, _k in _ink(target):
        assert max(c, m, y) < 0.001  # the registration marks alone


def _xmp(pdf: pikepdf.Pdf) -> str:
    return pdf.Root.Metadata.read_bytes().decode()


# What each PDF/X variant is called (ISO 15930): in the XMP, in the document
# information (X-1a and X-3 only), its conformance key (X-1a only), its PDF version.
PDF_X = {
    "pdf/x-4": ("PDF/X-4", None, None, "1.6"),
    "pdf/x-3": ("PDF/X-3:2003", "PDF/X-3:2003", None, "1.4"),
    "pdf/x-1a": ("PDF/X-1:2003", "PDF/X-1:2003", "PDF/X-1a:2003", "1.4"),
}


def _check_pdf_x(path: Path, variant: str) -> None:
    """The PDF/X requirements brochure's output must meet (ISO 15930), read with pikepdf."""
    version, info_version, conformance, pdf_version = PDF_X[variant]
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version == pdf_version
        xmp = _xmp(pdf)
        assert f"<pdfx:GTS_PDFXVersion>{version}</pdfx:GTS_PDFXVersion>" in xmp
        assert str(pdf.docinfo.get("/GTS_PDFXVersion", "")) == (info_version or "")
        assert str(pdf.docinfo.get("/GTS_PDFXConformance", "")) == (conformance or "")
        assert ("GTS_PDFXConformance" in xmp) == (conformance is not None)
        assert pdf.docinfo.Trapped == pikepdf.Name("/False")
        assert str(pdf.docinfo.Title) and "/CreationDate" in pdf.docinfo
        assert "/ModDate" in pdf.docinfo and "/ID" in pdf.trailer
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.S) == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier)
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4
        header = profile.read_bytes()[:40]
        assert (header[12:16], header[16:20], header[36:40]) == (b"prtr", b"CMYK", b"acsp")
        for page in pdf.pages:
            media, bleed, trim = (
                [float(value) for value in page.obj[box]]
                for box in ("/MediaBox", "/BleedBox", "/TrimBox")
            )
            assert media[0] < bleed[0] < trim[0] and trim[2] < bleed[2] < media[2]
            assert media[1] < bleed[1] < trim[1] and trim[3] < bleed[3] < media[3]
            assert "/Annots" not in page.obj  # PDF/X: nothing but print on the page
            # Not even listed: only ink colour spaces in the page's resources.
            listed = page.obj.Resources.get("/ColorSpace", {})
            assert {_family(space, None) for space in listed.values()} <= INK
            # The registration colour's alternate (for screens) is ink too.
            separations = [
                space for space in listed.values() if _family(space, None) == "Separation"
            ]
            assert [str(space[2]) for space in separations] == ["/DeviceCMYK"]
    found = painting(path)
    assert set(found.spaces) <= INK, found.spaces
    assert found.transparency == []


def test_pdf_x_1a_meets_pdf_x(sheets):
    _check_pdf_x(sheets["pdf-x-1a"], "pdf/x-1a")


def test_pdf_x_4_meets_pdf_x_and_is_reproducible(career_file, tmp_path, monkeypatch):
    """A short sheet, twice: PDF/X-4's XMP identifier comes from the content, not chance.

    PDF/X requires dates: a career without ``updated`` is dated by SOURCE_DATE_EPOCH.
    """
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    source = career_file(MINIMAL)
    options = SheetOptions(print_shop=True, pdf_variant="pdf/x-4", print_profile=str(CMYK_PROFILE))
    builder = SheetBuilder(strict=True, options=options)
    first, second = tmp_path / "one.pdf", tmp_path / "two.pdf"
    for target in (first, second):
        assert builder.build(source, target).ok
    _check_pdf_x(first, "pdf/x-4")
    assert first.read_bytes() == second.read_bytes()
    with pikepdf.open(first) as pdf:
        assert re.search(r"<xmpMM:DocumentID>uuid:[0-9a-f-]{36}</xmpMM:DocumentID>", _xmp(pdf))


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["pdf/x-4", "pdf/x-3", "pdf/x-1a"])
@pytest.mark.parametrize("theme", ["default", "sober"])
def test_every_career_in_every_pdf_x_variant(tmp_path, variant, theme):
    """Every sample career, with a QR code, an accent and a footer: PDF/X and ink only."""
    options = SheetOptions(
        page_size="A5",
        print_shop=True,
        pdf_variant=variant,  # type: ignore[arg-type]
        print_profile=str(CMYK_PROFILE),
        theme=theme,
        accent="#2e7d32" if theme == "default" else None,
        qr_url="https://www.example.org/{slug}",
        footer="CIO – www.example.org",
    )
    builder = SheetBuilder(strict=True, options=options)
    for source in sorted(REFERENCE.parent.glob("*.yaml")):
        target = tmp_path / f"{source.stem}.pdf"
        outcome = builder.build(source, target)
        assert outcome.ok, outcome.problems
        _check_pdf_x(target, variant)
        run_tool("qpdf", "--check", str(target))
        found = painting(target)
        assert found.text.most_common(1)[0][0] == BLACK_INK, source.name
        if theme == "sober":  # black and greys: black ink alone, the marks aside
            for c, m, y, _k in _ink(target):
                assert max(c, m, y) < 0.001, source.name


def _icc(colour_space: bytes = b"CMYK", device: bytes = b"prtr", version: int = 2) -> bytes:
    """The 128-byte header of an ICC profile (all brochure reads of it)."""
    header = bytearray(128)
    header[0:4] = (128).to_bytes(4, "big")
    header[8] = version
    header[12:16], header[16:20], header[36:40] = device, colour_space, b"acsp"
    return bytes(header)


@pytest.mark.parametrize(
    ("config", "files", "options", "message"),
    [
        (
            "",
            {},
            ["--pdf-variant", "pdf/x-4"],
            "pdf/x-4 is for a print shop: add --print-shop",
        ),
        (
            "",
            {},
            ["--pdf-variant", "pdf/x-1a", "--print-shop"],
            "pdf/x-1a needs the print shop's CMYK colour profile",
        ),
        (
            "print_profile: presse.icc\n",
            {},
            ["--pdf-variant", "pdf/x-4", "--print-shop"],
            "brochure.yaml:1:16: print_profile: no colour profile at",
        ),
        (
            "print_profile: presse.icc\n",
            {"presse.icc": b"not a profile"},
            ["--pdf-variant", "pdf/x-4", "--print-shop"],
            "print_profile: presse.icc is not an ICC colour profile",
        ),
        (
            "print_profile: ecran.icc\n",
            {"ecran.icc": _icc(b"RGB ", b"mntr")},
            ["--pdf-variant", "pdf/x-4", "--print-shop"],
            "print_profile: ecran.icc is not a CMYK printing profile",
        ),
        (
            "print_profile: ../presse.icc\n",
            {"../presse.icc": _icc()},
            ["--pdf-variant", "pdf/x-4", "--print-shop"],
            "print_profile: ../presse.icc is outside the project",
        ),
        (
            "print_profile: presse.icc\n",
            {"presse.icc": _icc(version=4)},
            ["--pdf-variant", "pdf/x-1a", "--print-shop"],
            "pdf/x-1a is PDF 1.4, which takes version 2 ICC profiles, and presse.icc is version 4",
        ),
    ],
)
def test_pdf_x_that_cannot_be_valid_is_refused_before_rendering(
    tmp_path, monkeypatch, config, files, options, message
):
    project = tmp_path / "projet"
    project.mkdir()
    (project / "brochure.yaml").write_text(config or "language: fr\n", encoding="utf-8")
    for name, content in files.items():
        (project / name).write_bytes(content)
    monkeypatch.chdir(project)
    result = run("build", REFERENCE, *options)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not (project / "out").exists()


def test_a_booklet_is_not_made_as_pdf_x(tmp_path, monkeypatch):
    shutil.copy(CMYK_PROFILE, tmp_path / "presse.icc")
    (tmp_path / "brochure.yaml").write_text("print_profile: presse.icc\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("book", REFERENCE, "-o", "livret.pdf", "--print-shop", "--pdf-variant", "pdf/x-4")
    assert result.exit_code == 2, result.output
    assert "a booklet cannot be made as pdf/x-4" in result.stderr
    assert "`brochure build --print-shop --pdf-variant pdf/x-4`" in result.stderr
    assert "--pdf-variant pdf/a-3b" in result.stderr
    assert not (tmp_path / "livret.pdf").exists()
    # The command suggested is not refused itself.
    (tmp_path / "metier.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("build", "metier.yaml", "--print-shop", "--pdf-variant", "pdf/x-4")
    assert result.exit_code == 0, result.output


def test_a_project_colour_in_rgb_is_refused_in_pdf_x(tmp_path, monkeypatch):
    """A project's own stylesheet in RGB: the sheet fails, saying which colour and what to do."""
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "theme.css").write_text("p { color: #c00000 }\n", encoding="utf-8")
    shutil.copy(CMYK_PROFILE, tmp_path / "presse.icc")
    (tmp_path / "brochure.yaml").write_text("print_profile: presse.icc\n", encoding="utf-8")
    (tmp_path / "metier.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("build", "metier.yaml", "--print-shop", "--pdf-variant", "pdf/x-1a")
    assert result.exit_code == 1, result.output
    assert "has colours that are not ink (#c00000)" in result.output
    assert "styles/print-shop-cmyk.css" in result.output
    assert list(tmp_path.rglob("*.pdf")) == []
    # Without PDF/X the print shop's RIP converts it: the sheet is built, and
    # the print shop's profile is no output intent there (PDF/A keeps its sRGB).
    assert run("build", "metier.yaml", "--print-shop", "-o", "ua").exit_code == 0
    with pikepdf.open(tmp_path / "ua" / "metier.pdf") as pdf:
        assert "/OutputIntents" not in pdf.Root
    assert run("build", "metier.yaml", "--pdf-variant", "pdf/a-3b", "-o", "a").exit_code == 0
    with pikepdf.open(tmp_path / "a" / "metier.pdf") as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.S) == "/GTS_PDFA1" and int(intent.DestOutputProfile.N) == 3


V4_PROFILE = CMYK_PROFILE.parent / "ps_cmyk.icc"  # Ghostscript's, an ICC version 4 profile


def _project(folder: Path, config: str, profiles: dict[str, Path]) -> None:
    (folder / "brochure.yaml").write_text(config, encoding="utf-8")
    for name, profile in profiles.items():
        shutil.copy(profile, folder / name)
    (folder / "metier.yaml").write_text(MINIMAL, encoding="utf-8")


def test_brochure_yaml_options_overridden_on_the_command_line_are_not_refused(
    tmp_path, monkeypatch
):
    """Only the options used are checked; brochure.yaml's alone name brochure.yaml's line."""
    _project(
        tmp_path,
        "print_shop: true\npdf_variant: pdf/x-1a\nprint_profile: v4.icc\n",
        {"v4.icc": V4_PROFILE},
    )
    monkeypatch.chdir(tmp_path)
    result = run("build", "metier.yaml", "--pdf-variant", "pdf/x-4")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "pdf-pdf-x-4" / "metier.pdf").is_file()
    for command in ("build", "check"):  # what build would refuse, check refuses
        result = run(command, "metier.yaml")
        assert result.exit_code == 2, result.output
        assert "brochure.yaml:2:14: pdf_variant: pdf/x-1a is PDF 1.4" in result.stderr
        assert "write pdf_variant: pdf/x-4 in brochure.yaml" in result.stderr


def test_print_shop_given_on_the_command_line_is_not_refused(tmp_path, monkeypatch):
    _project(
        tmp_path,
        "pdf_variant: pdf/x-4\nprint_shop: false\nprint_profile: presse.icc\n",
        {"presse.icc": CMYK_PROFILE},
    )
    monkeypatch.chdir(tmp_path)
    result = run("build", "metier.yaml", "--print-shop")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "print-shop" / "metier.pdf").is_file()
    for command in ("build", "check"):
        result = run(command, "metier.yaml")
        assert result.exit_code == 2, result.output
        assert "brochure.yaml:1:14: pdf_variant: pdf/x-4 is for a print shop" in result.stderr
        assert "add print_shop: true to brochure.yaml" in result.stderr


def test_the_print_profile_matters_to_pdf_x_alone(tmp_path, monkeypatch):
    """A missing profile: a warning for check, nothing for build, until PDF/X is asked for."""
    _project(tmp_path, "print_profile: absent.icc\n", {})
    monkeypatch.chdir(tmp_path)
    result = run("check", "metier.yaml")
    assert result.exit_code == 0, result.output
    assert "brochure.yaml:1:16: print_profile: no colour profile at" in result.stderr
    result = run("build", "metier.yaml")
    assert result.exit_code == 0, result.output
    result = run("build", "metier.yaml", "--print-shop", "--pdf-variant", "pdf/x-4")
    assert result.exit_code == 2, result.output
    assert "brochure.yaml:1:16: print_profile: no colour profile at" in result.stderr


def _background(folder: Path, image: str, mode: str, css: str = "") -> None:
    """A project whose headings have a background image (a tiling pattern in the PDF)."""
    from PIL import Image

    (folder / "styles").mkdir()
    Image.new(mode, (4, 4), "red").save(folder / "styles" / image)
    rule = f"h1 {{ background: url({image}) }}\n{css}"
    (folder / "styles" / "theme.css").write_text(rule, encoding="utf-8")
    _project(folder, "print_profile: presse.icc\n", {"presse.icc": CMYK_PROFILE})


def test_an_rgb_background_image_is_refused_in_pdf_x(tmp_path, monkeypatch):
    """An image in a pattern is looked into: refused, saying to convert it to CMYK."""
    _background(tmp_path, "rouge.png", "RGB")
    monkeypatch.chdir(tmp_path)
    result = run("build", "metier.yaml", "--print-shop", "--pdf-variant", "pdf/x-1a")
    assert result.exit_code == 1, result.output
    assert "has an image that is not in CMYK (DeviceRGB)" in result.output
    assert "convert the image to CMYK" in result.output
    assert "device-cmyk()" not in result.output
    assert list(tmp_path.rglob("*.pdf")) == []


def test_the_painting_reader_looks_into_patterns(tmp_path, monkeypatch):
    """The tests' reader sees the background's RGB image too (a print-shop sheet, not PDF/X)."""
    _background(tmp_path, "rouge.png", "RGB")
    monkeypatch.chdir(tmp_path)
    assert run("build", "metier.yaml", "--print-shop").exit_code == 0
    found = painting(tmp_path / "out" / "print-shop" / "metier.pdf")
    assert found.images == 1 and found.spaces["DeviceRGB"] == 1, found.spaces


def test_a_cmyk_background_image_makes_a_valid_pdf_x_1a(tmp_path, monkeypatch):
    """An opaque CMYK image: accepted, without the transparency group WeasyPrint puts around it."""
    _background(tmp_path, "rouge.jpg", "CMYK")
    monkeypatch.chdir(tmp_path)
    result = run("build", "metier.yaml", "--print-shop", "--pdf-variant", "pdf/x-1a")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out" / "print-shop-pdf-pdf-x-1a" / "metier.pdf"
    _check_pdf_x(pdf, "pdf/x-1a")  # ink alone, no transparency
    assert painting(pdf).images == 1


TRANSPARENT = "h1 { opacity: .5 } p { color: device-cmyk(0 0 0 1 / .5) }\n"


@pytest.mark.parametrize("variant", ["pdf/x-1a", "pdf/x-3"])
def test_transparency_is_refused_in_pdf_x_1a_and_x_3(tmp_path, monkeypatch, variant):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "theme.css").write_text(TRANSPARENT, encoding="utf-8")
    _project(tmp_path, "print_profile: presse.icc\n", {"presse.icc": CMYK_PROFILE})
    monkeypatch.chdir(tmp_path)
    result = run("build", "metier.yaml", "--print-shop", "--pdf-variant", variant)
    assert result.exit_code == 1, result.output
    assert f"has transparency (opacity), which {variant} does not allow" in result.output
    assert "use pdf/x-4" in result.output
    assert list(tmp_path.rglob("*.pdf")) == []


def test_pdf_x_4_keeps_transparency(tmp_path, monkeypatch):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "theme.css").write_text(TRANSPARENT, encoding="utf-8")
    _project(tmp_path, "print_profile: presse.icc\n", {"presse.icc": CMYK_PROFILE})
    monkeypatch.chdir(tmp_path)
    result = run("build", "metier.yaml", "--print-shop", "--pdf-variant", "pdf/x-4")
    assert result.exit_code == 0, result.output
    found = painting(tmp_path / "out" / "print-shop-pdf-pdf-x-4" / "metier.pdf")
    assert found.transparency, "the reader sees the transparency PDF/X-4 keeps"
