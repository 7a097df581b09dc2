"""Print-shop and accessible output: page formats, bleed, PDF/A and PDF/UA, read back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import page as page_validation
import pikepdf
import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops

from brochure.cli.main import cli
from brochure.sheet.builder import SheetBuilder
from brochure.source.config import SheetOptions
from tests.helpers import (
    GOLDEN,
    REFERENCE,
    SHEET_CASES,
    pdf_text,
    pdffonts_rows,
    pdfinfo_fields,
    run_tool,
    squeeze,
)

GOLDEN_PAGES = GOLDEN / "pages"
MM = 72 / 25.4
# Trimmed page sizes in points.
SIZES = {"A4": (595.28, 841.89), "A5": (419.53, 595.28), "Letter": (612.0, 792.0)}
ACCENT = (31, 95, 139)  # --accent in styles/look.css
BLEED, SLUG = 3, 8  # mm: print-shop bleed, and the slug around it for the crop marks


def render(tmp: Path, name: str = "sheet", source: Path = REFERENCE, **options: object) -> Path:
    target = tmp / f"{name}.pdf"
    outcome = SheetBuilder(strict=True, options=SheetOptions(**options)).build(source, target)  # type: ignore[arg-type]
    assert outcome.ok, outcome.problems
    return target


def _box(page: pikepdf.Page, name: str) -> list[float]:
    return [round(float(value), 2) for value in page.obj.get(name, page.mediabox)]


@pytest.mark.parametrize("size", ["A4", "A5", "Letter"])
def test_page_formats(sheets, size):
    width, height = SIZES[size]
    with pikepdf.open(sheets[size]) as pdf:
        for page in pdf.pages:
            assert _box(page, "/MediaBox") == [0, 0, width, height]
            assert _box(page, "/TrimBox") == [0, 0, width, height]


@pytest.mark.parametrize("size", ["A4", "A5", "Letter"])
def test_no_text_leaves_the_page_margins(sheets, size):
    """Every word lies inside the page, clear of the edges: nothing clipped or overflowing."""
    width, height = SIZES[size]
    html = run_tool("pdftotext", "-bbox", str(sheets[size]), "-")
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    )
    assert len(words) > 500
    for x_min, y_min, x_max, y_max, word in words:
        assert 8 * MM <= float(x_min) < float(x_max) <= width - 8 * MM, word
        assert 8 * MM <= float(y_min) < float(y_max) <= height - 8 * MM, word
    # And every recap row made it to the page.
    text = squeeze(pdf_text(sheets[size]))
    assert squeeze("Évolutions de carrière Chef de projet IA, consultant") in text


@pytest.mark.parametrize("size", ["A4", "A5"])
def test_print_shop_has_bleed_trim_box_and_marks(sheets, size):
    width, height = SIZES[size]
    bleed = 3 * MM
    with pikepdf.open(sheets[f"{size}-print-shop"]) as pdf:
        for page in pdf.pages:
            assert _box(page, "/TrimBox") == [0, 0, width, height]
            assert _box(page, "/BleedBox") == [
                round(-bleed, 2),
                round(-bleed, 2),
                round(width + bleed, 2),
                round(height + bleed, 2),
            ]
            # A slug beyond the bleed, for the crop marks.
            edge = (BLEED + SLUG) * MM
            assert _box(page, "/MediaBox") == [
                round(-edge, 2),
                round(-edge, 2),
                round(width + edge, 2),
                round(height + edge, 2),
            ]


def test_print_shop_crop_marks_are_outside_the_bleed_over_the_content(sheets, tmp_path):
    """Each corner has its two marks in the slug, in registration colour, drawn last."""
    dpi = 150
    image = _page_image(sheets["A4-print-shop"], tmp_path, dpi=dpi).convert("L")
    width, height = (round(side * dpi / 72) for side in SIZES["A4"])
    edge = round((BLEED + SLUG) * dpi / 25.4)  # the trimmed page's top left, in pixels

    def dark(x0: int, y0: int, x1: int, y1: int) -> bool:
        return image.crop((x0, y0, x1, y1)).getextrema()[0] < 160

    def mm(value: float) -> int:
        return round(value * dpi / 25.4)

    for x, y, sx, sy in (
        (0, 0, -1, -1),
        (width, 0, 1, -1),
        (0, height, -1, 1),
        (width, height, 1, 1),
    ):
        cx, cy = edge + x, edge + y
        # Horizontal mark on the trim line, 4 to 10 mm out; vertical likewise.
        horizontal = sorted((cx + sx * mm(BLEED + 1.5), cx + sx * mm(BLEED + 6)))
        vertical = sorted((cy + sy * mm(BLEED + 1.5), cy + sy * mm(BLEED + 6)))
        assert dark(horizontal[0], cy - 1, horizontal[1], cy + 2), (x, y)
        assert dark(cx - 1, vertical[0], cx + 2, vertical[1]), (x, y)
        # Nothing inside the bleed on that line: the marks stop short of it.
        inside = sorted((cx + sx * mm(0.5), cx + sx * mm(BLEED - 0.5)))
        if y == height:  # the bottom corners: white page, white bleed
            assert not dark(inside[0], cy - 1, inside[1], cy + 2), (x, y)
    with pikepdf.open(sheets["A4-print-shop"]) as pdf:
        for page in pdf.pages:
            last = page.obj.Contents[-1].read_bytes()
            (name,) = re.findall(rb"(/\w+) CS 1 SCN", last)
            space = page.obj.Resources.ColorSpace[name.decode()]
            assert [str(space[0]), str(space[1])] == ["/Separation", "/All"]


def _page_image(pdf: Path, tmp: Path, dpi: int = 36) -> Image.Image:
    prefix = tmp / f"{pdf.stem}-{dpi}"
    subprocess.run(
        ["pdftoppm", "-png", "-singlefile", "-r", str(dpi), str(pdf), str(prefix)], check=True
    )
    return Image.open(f"{prefix}.png").convert("RGB")


def test_title_band_runs_into_the_bleed_only_in_print_shop_mode(sheets, tmp_path):
    shop = _page_image(sheets["A4-print-shop"], tmp_path)
    office = _page_image(sheets["A4"], tmp_path)
    # 1 mm outside the top edge of the trimmed sheet (in the bleed, below the
    # 8 mm slug), in the middle of its width.
    shop_pixel = shop.getpixel((shop.width // 2, round(36 / 25.4 * (SLUG + 2))))
    assert shop.getpixel((shop.width // 2, round(36 / 25.4 * 1))) == (255, 255, 255)
    office_pixel = office.getpixel((office.width // 2, round(36 / 25.4 * 1)))
    # The accent in CMYK, as poppler shows it on screen: near the RGB accent.
    assert all(abs(a - b) < 16 for a, b in zip(shop_pixel, ACCENT, strict=True)), shop_pixel
    assert office_pixel == (255, 255, 255)


def test_default_output_is_tagged_pdf_ua(reference_pdf):
    assert pdfinfo_fields(reference_pdf)["Tagged"] == "yes"
    with pikepdf.open(reference_pdf) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.Root.Lang) == "fr"
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["dc:title"] == "Prompt Engineer"
        roles = _roles(pdf.Root.StructTreeRoot.K[0])
    headings = [role for role in roles if re.fullmatch(r"/H\d", role)]
    assert (
        headings[0] == "/H1" and set(headings[1:]) == {"/H2"} and len(headings) == 13
    )  # with "L'essentiel"
    for role in ("/Table", "/THead", "/TH", "/TD", "/L", "/LI", "/LBody", "/P"):
        assert role in roles


def _roles(element: pikepdf.Dictionary) -> list[str]:
    """The structure roles of a tag tree, in reading order."""
    roles = [str(element.S)]
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            roles.extend(_roles(kid))
    return roles


def test_recap_table_is_tagged_with_column_headers(reference_pdf):
    with pikepdf.open(reference_pdf) as pdf:
        cells = []

        def collect(element: pikepdf.Dictionary) -> None:
            if str(element.get("/S")) in ("/TH", "/TD"):
                cells.append(element)
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    collect(kid)

        collect(pdf.Root.StructTreeRoot.K[0])
        headers = {str(cell.ID) for cell in cells if str(cell.S) == "/TH" and "/ID" in cell}
        recap_cells = [cell for cell in cells if str(cell.S) == "/TD" and "/A" in cell]
        assert len(recap_cells) >= 22  # 11 rows of two cells
        for cell in recap_cells[-22:]:
            assert {str(h) for h in cell.A.Headers} & headers


def test_pdf_ua_checker_finds_no_error(reference_pdf, career_file, builder, tmp_path):
    """outloud checks a subset of PDF/UA-1 (Matterhorn) rules; no error is allowed."""
    links = builder.build(
        career_file("title: Liens\nsummary: Voir [le site](https://www.onisep.fr).\n"),
        tmp_path / "links.pdf",
    )
    assert links.ok
    outloud = Path(sys.executable).parent / "outloud"  # installed with the test extras
    checked = [reference_pdf, tmp_path / "links.pdf"]
    report = tmp_path / "outloud.json"
    result = subprocess.run(
        [str(outloud), "--fail-on", "error", "-q", "--json", str(report), *map(str, checked)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Read the JSON report, not the summary line printed for people.
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    assert [Path(found["path"]).name for found in results] == [path.name for path in checked]
    for found in results:
        assert found["error"] is None and found["counts"]["error"] == 0, found
        # Links print as they show (LNK-004 before brochure/sheet/finish.py): no warning left.
        assert found["counts"]["warning"] == 0, found


# The profile page-validation checks each case of SHEET_CASES against.
PROFILES = {
    "pdf/ua-1": "ua1",
    "pdf/a-3b": "3b",
    "pdf/a-3a": "3a",
    "pdf/a-2b": "2b",
    "pdf/a-1b": "1b",
}


def _profile(case: dict[str, object]) -> str | None:
    return PROFILES.get(str(case.get("pdf_variant", "pdf/ua-1")))


def _page_validation_failures(pdf: Path, profile: str) -> list[tuple[str, str]]:
    report = page_validation.validate_pdf(pdf, profile=profile)
    return [(failure.rule_id, failure.message) for failure in report.failures]


def _outloud_findings(pdfs: list[Path], variant: str) -> dict[str, list[tuple[str, str, str]]]:
    """outloud's findings on each PDF (by file name): (rule, severity, message).

    Run as a command, in its own process: it loads PyMuPDF (half a gigabyte of
    address space), which the catalogue's tests must not inherit in their
    memory-limited workers.
    """
    report = pdfs[0].parent / "outloud.json"
    # PDF/A-3a is tagged but does not claim PDF/UA: outloud's DOC-012 (no
    # pdfuaid:part in the XMP) is the only rule it cannot pass (see README).
    skip = ["--skip", "DOC-012"] if variant != "pdf/ua-1" else []
    outloud = Path(sys.executable).parent / "outloud"
    subprocess.run(
        [str(outloud), "--fail-on", "never", "-q", "--json", str(report), *skip, *map(str, pdfs)],
        check=True,
        capture_output=True,
    )
    found = {}
    for result in json.loads(report.read_text(encoding="utf-8"))["results"]:
        assert result["error"] is None, result
        found[Path(result["path"]).name] = [
            (finding["rule"], finding["severity"], finding["message"])
            for finding in result["findings"]
        ]
    return found


@pytest.mark.parametrize("name", [name for name, case in SHEET_CASES.items() if _profile(case)])
def test_page_validation_finds_nothing(sheets, name):
    """page-validation, a checker brochure did not write, on every variant and mode."""
    profile = _profile(SHEET_CASES[name])
    assert profile is not None
    assert _page_validation_failures(sheets[name], profile) == []


TAGGED = [
    name
    for name, case in SHEET_CASES.items()
    if case.get("pdf_variant", "pdf/ua-1") in ("pdf/ua-1", "pdf/a-3a")
]


@pytest.mark.parametrize("variant", ["pdf/ua-1", "pdf/a-3a"])
def test_outloud_finds_nothing_in_tagged_output(sheets, variant):
    """outloud's PDF/UA-1 and semantic checks: no error, no warning, on every tagged output."""
    names = [name for name in TAGGED if SHEET_CASES[name].get("pdf_variant", "pdf/ua-1") == variant]
    findings = _outloud_findings([sheets[name] for name in names], variant)
    assert findings == {f"{name}.pdf": [] for name in names}


@pytest.mark.slow
@pytest.mark.parametrize("variant", list(PROFILES))
@pytest.mark.parametrize("print_shop", [False, True])
def test_every_variant_of_every_career_passes_both_validators(tmp_path, variant, print_shop):
    """Every sample career, in A5 with a QR code and a footer, in each variant."""
    options = SheetOptions(
        page_size="A5",
        pdf_variant=variant,  # type: ignore[arg-type]
        print_shop=print_shop,
        qr_url="https://www.example.org/{slug}",
        footer="CIO – www.example.org",
    )
    builder = SheetBuilder(strict=True, options=options)
    targets = []
    for source in sorted((REFERENCE.parent).glob("*.yaml")):
        target = tmp_path / f"{source.stem}.pdf"
        outcome = builder.build(source, target)
        assert outcome.ok, outcome.problems
        assert _page_validation_failures(target, PROFILES[variant]) == [], source.name
        targets.append(target)
    if variant in ("pdf/ua-1", "pdf/a-3a"):
        # A table that runs over a page break is one /Table, as it should be;
        # outloud's TBL-014 looks for a /Table element on each page that shows
        # a ruled grid, and warns on the second page (see README).
        # DOC-040 warns when the title is the file name: "Architecte" in
        # architecte.pdf is both, rightly.
        for name, findings in _outloud_findings(targets, variant).items():
            assert [found for found in findings if found[0] not in ("TBL-014", "DOC-040")] == [], (
                name
            )
            assert all(severity == "warning" for _, severity, _ in findings), name


@pytest.mark.parametrize(
    ("name", "part", "level"), [("pdf-a-3b", "3", "B"), ("pdf-a-3a", "3", "A")]
)
def test_pdf_a_markers(sheets, name, part, level):
    with pikepdf.open(sheets[name]) as pdf:
        with pdf.open_metadata() as xmp:
            assert xmp["pdfaid:part"] == part
            assert xmp["pdfaid:conformance"] == level
            # XMP and the document information say the same.
            assert xmp["dc:title"] == str(pdf.docinfo["/Title"]) == "Prompt Engineer"
            assert xmp["xmp:CreateDate"].startswith("2025-06-01")
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.S) == "/GTS_PDFA1"
        assert "sRGB" in str(intent.OutputConditionIdentifier)
        assert len(intent.DestOutputProfile.read_bytes()) > 1000  # an ICC profile
        assert len(pdf.trailer.ID) == 2
        assert pdf.pdf_version == "1.7"
        assert ("/StructTreeRoot" in pdf.Root) is (level == "A")


def test_untagged_variant_has_no_tags(sheets):
    assert pdfinfo_fields(sheets["untagged"])["Tagged"] == "no"


def test_every_variant_is_valid_with_embedded_fonts(sheets):
    for pdf in map(sheets.__getitem__, SHEET_CASES):
        run_tool("qpdf", "--check", str(pdf))  # exits 0 only without errors or warnings
        fonts = pdffonts_rows(pdf)
        assert fonts, pdf.name
        for font in fonts:
            assert {font["emb"], font["sub"], font["uni"]} == {"yes"}, (pdf.name, font)


def test_pdf_a_is_reproducible(tmp_path):
    first = render(tmp_path, "one", pdf_variant="pdf/a-3b", print_shop=True)
    second = render(tmp_path, "two", pdf_variant="pdf/a-3b", print_shop=True)
    assert first.read_bytes() == second.read_bytes()


def test_long_recap_keeps_rows_whole_and_repeats_its_header(career_file, tmp_path):
    rows = "".join(
        f"  - [Repère numéro {n}, 'Une valeur assez longue pour occuper deux lignes du tableau"
        f" récapitulatif, numéro {n}']\n"
        for n in range(1, 61)
    )
    source = career_file(f"title: Long\nsummary: Un tableau long.\nrecap:\n{rows}")
    pdf = render(tmp_path, "long", source=source, page_size="A5")
    pages = [re.sub(r"\s+", " ", page) for page in pdf_text(pdf).split("\f") if page.strip()]
    with_rows = [page for page in pages if "Repère numéro" in page]
    assert len(with_rows) >= 3
    for page in with_rows:
        assert "Donnée clé Information" in page
    for n in range(1, 61):
        holding = [p for p in with_rows if re.search(rf"Repère numéro {n}\b", p)]
        assert len(holding) == 1, n
        assert re.search(rf"récapitulatif, numéro {n}\b", holding[0]), n


@pytest.mark.parametrize("case", ["A4", "A5", "Letter", "A4-print-shop", "sober", "English"])
def test_first_page_looks_as_reviewed(sheets, tmp_path, regen_golden, case):
    """Low-resolution images of each format, compared with the reviewed ones."""
    image = _page_image(sheets[case], tmp_path, dpi=20)
    golden = GOLDEN_PAGES / f"{case}.png"
    if regen_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        image.save(golden, optimize=True)
    expected = Image.open(golden).convert("RGB")
    assert image.size == expected.size
    difference = ImageChops.difference(image, expected).convert("L")
    changed = sum(difference.histogram()[49:])
    # Anti-aliasing may differ a little between library versions, not layout.
    assert changed / (image.width * image.height) < 0.01, f"{changed} pixels differ"


def test_config_file_sets_the_options_and_the_command_line_overrides_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("brochure.yaml").write_text(
        "page_size: A5\nprint_shop: true\npdf_variant: pdf/a-3b\n", encoding="utf-8"
    )
    shutil.copy(REFERENCE, tmp_path / "pe.yaml")
    result = CliRunner().invoke(cli, ["build", "pe.yaml", "-o", "a"])
    assert result.exit_code == 0, result.output
    with pikepdf.open("a/pe.pdf") as pdf:
        assert _box(pdf.pages[0], "/TrimBox") == [0, 0, *SIZES["A5"]]
        with pdf.open_metadata() as xmp:
            assert xmp["pdfaid:part"] == "3"
    result = CliRunner().invoke(
        cli, ["build", "pe.yaml", "-o", "b", "--page-size", "letter", "--no-print-shop"]
    )
    assert result.exit_code == 0, result.output
    with pikepdf.open("b/pe.pdf") as pdf:
        assert _box(pdf.pages[0], "/MediaBox") == [0, 0, *SIZES["Letter"]]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("page_size: A3\n", "1:12: page_size: should be one of 'A4', 'A5' or 'Letter', not 'A3'"),
        ("print_shop: yes\n", "1:13: print_shop: should be true or false, not 'yes'"),
        ("pagesize: A5\n", "1:1: pagesize: unknown field (did you mean 'page_size'?)"),
        ("pdf_variant: pdf/x\n", "1:14: pdf_variant: should be one of 'pdf/ua-1', 'pdf/a-3b'"),
    ],
)
def test_bad_config_is_a_configuration_error(tmp_path, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    Path("brochure.yaml").write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(REFERENCE), "-o", "out"])
    assert result.exit_code == 2
    assert f"error: brochure.yaml:{message}" in result.stderr
    assert not Path("out").exists()


def _text_fill_colours(pdf_path: Path) -> dict[tuple[str, tuple[float, ...]], int]:
    """How many text-showing operators each fill colour (space, components) paints."""
    counts: dict[tuple[str, tuple[float, ...]], int] = {}
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            colour: tuple[str, tuple[float, ...]] = ("DeviceGray", (0.0,))
            space = "DeviceGray"
            stack = []
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                values = tuple(
                    float(value) for value in operands if isinstance(value, int | float | Decimal)
                )
                if name == "q":
                    stack.append((colour, space))
                elif name == "Q" and stack:
                    colour, space = stack.pop()
                elif name == "cs":
                    space = str(operands[0]).lstrip("/")
                elif name in ("sc", "scn"):
                    colour = (space, values)
                elif name == "rg":
                    colour = ("DeviceRGB", values)
                elif name == "k":
                    colour = ("DeviceCMYK", values)
                elif name == "g":
                    colour = ("DeviceGray", values)
                elif name in ("Tj", "TJ", "'", '"'):
                    counts[colour] = counts.get(colour, 0) + 1
    return counts


def test_print_shop_text_is_black_ink_in_cmyk(sheets):
    """Body text is black ink only (not four-colour black); every text colour is CMYK."""
    colours = _text_fill_colours(sheets["A4-print-shop"])
    assert {space for space, _ in colours} == {"DeviceCMYK"}, colours
    body = max(colours, key=colours.__getitem__)
    assert body == ("DeviceCMYK", (0.0, 0.0, 0.0, 1.0))
    # Office output (and PDF/A, whose output intent is sRGB) stays RGB.
    assert {space for space, _ in _text_fill_colours(sheets["A4"])} == {"DeviceRGB"}
    assert "DeviceCMYK" not in {
        space for space, _ in _text_fill_colours(sheets["A5-pdf-a-1b-print-shop"])
    }
