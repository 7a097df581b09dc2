"""The open-day booklet: cover, contents, right-hand starts, numbers, bookmarks, fonts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pytest

from brochure.booklet.book import collation_key
from brochure.source.yamlfile import read_yaml
from tests.helpers import DATA, pdf_text, pdffonts_rows, run, run_tool

CAREERS = DATA / "careers"


@pytest.fixture(scope="session")
def booklet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The shipped catalogue's booklet, and the folder of its sheets."""
    folder = tmp_path_factory.mktemp("booklet")
    result = run(
        "book", DATA, "-o", folder / "livret.pdf", "--sheets", folder / "sheets",
        "--title", "Forum des métiers", "--organisation", "Lycée Jean Moulin",
        "--date", "2026-01-31",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"booklet {folder / 'livret.pdf'}: 9 sheets, " in result.stdout
    return folder / "livret.pdf", folder / "sheets"


def _pages(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page) for page in pdf_text(pdf).split("\f")][:-1]


TITLES = [str(read_yaml(path).data["title"]) for path in sorted(CAREERS.glob("*.yaml"))]


def _contents(pages: list[str]) -> dict[str, int]:
    """The table of contents: career title -> page number, for the careers it lists."""
    text = " ".join(page for page in pages if page.startswith("Sommaire"))
    found = {}
    for title in TITLES:
        match = re.search(rf"(?:^| ){re.escape(title)} (\d+)(?= |$)", text)
        if match:
            found[title] = int(match.group(1))
    return found


def test_cover_contents_and_every_sheet_on_a_right_hand_page(booklet):
    pdf, sheets = booklet
    pages = _pages(pdf)
    cover = pages[0]
    for text in ("Forum des métiers", "Lycée Jean Moulin", "31 janvier 2026", "9 fiches métier"):
        assert text in cover
    assert pages[1].strip() == ""  # the cover's verso
    contents = _contents(pages)
    assert len(contents) == 9
    for title, page in contents.items():
        assert page % 2 == 1, title
        assert title in pages[page - 1].split(" Autres appellations")[0], (title, page)
    # Between sheets, only blank versos.
    sheet_pages = sum(len(pdf_text(path).split("\f")) - 1 for path in sheets.glob("*.pdf"))
    assert len(pages) == 4 + sheet_pages + sum(1 for page in pages[4:] if not page.strip())


def test_contents_group_by_sector_in_french_order(booklet):
    pages = _pages(booklet[0])
    text = next(page for page in pages if page.startswith("Sommaire"))
    sectors = [
        "Artisanat et alimentation",
        "Bâtiment et architecture",
        "Bâtiment et travaux publics (BTP)",
        "Éducation et enseignement",  # É sorts with E, before I
        "Industrie",
        "Numérique",
    ]
    positions = [text.index(sector) for sector in sectors]
    assert positions == sorted(positions)


def test_page_numbers_run_through_the_booklet(booklet):
    pages = _pages(booklet[0])
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        folios = re.findall(r"Page \d+ / \d+", page)
        if number <= 2 or not page.strip():
            assert folios == [], number  # cover and blank versos carry no number
        else:
            assert folios == [f"Page {number} / {total}"], (number, page[-80:])


def test_bookmarks_by_sector_career_and_section(booklet):
    pdf_path = booklet[0]
    contents = _contents(_pages(pdf_path))
    with pikepdf.open(pdf_path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        with pdf.open_outline() as outline:
            sectors = list(outline.root)
            careers = {c.title: c for sector in sectors for c in sector.children}
            assert set(careers) == set(contents) and len(careers) == 9
            for title, career in careers.items():
                assert pages[career.destination[0].objgen] == contents[title]
                sections = [section.title for section in career.children]
                assert sections[0] == "Le métier" and "Tableau récapitulatif" in sections
                assert all(
                    pages[s.destination[0].objgen] >= contents[title] for s in career.children
                )
            assert sectors[0].title == "Artisanat et alimentation"


def test_fonts_are_embedded_once_for_the_whole_booklet(booklet):
    pdf_path, sheets = booklet
    fonts = pdffonts_rows(pdf_path)
    assert fonts
    for font in fonts:
        assert (font["emb"], font["sub"], font["uni"]) == ("yes", "yes", "yes"), font
    with pikepdf.open(pdf_path) as pdf:
        files = {
            obj.FontFile2.objgen
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor"
        }
    assert len(files) <= 5  # regular, bold, italic, bold italic: shared by all pages
    sheets_size = sum(path.stat().st_size for path in sheets.glob("*.pdf"))
    assert pdf_path.stat().st_size < sheets_size * 0.85  # each font stored once, not per sheet
    run_tool("qpdf", "--check", str(pdf_path))  # exits 0 only without errors or warnings


def test_the_booklet_reuses_the_built_sheets(booklet, tmp_path):
    _, sheets = booklet
    result = run(
        "book", DATA, "-o", tmp_path / "again.pdf", "--sheets", sheets, "--date", "2026-01-31"
    )
    assert result.exit_code == 0, result.output
    assert "0 rendered, 9 unchanged, 0 failed" in result.stdout


def test_selection_by_sector_and_by_list(tmp_path):
    sheets = tmp_path / "sheets"
    by_sector = run(
        "book", DATA, "-o", tmp_path / "sante.pdf", "--sheets", sheets,
        "--sector", "santé", "--sector", "Santé et social",
    )  # fmt: skip
    assert by_sector.exit_code == 0, by_sector.output
    assert set(_contents(_pages(tmp_path / "sante.pdf"))) == {"Infirmier·ère", "Aide-soignant·e"}

    chosen = tmp_path / "choix.txt"
    chosen.write_text("# pour le forum\narchitecte\nPrompt Engineer\n\n", encoding="utf-8")
    by_list = run("book", DATA, "-o", tmp_path / "choix.pdf", "--sheets", sheets, "--list", chosen)
    assert by_list.exit_code == 0, by_list.output
    assert set(_contents(_pages(tmp_path / "choix.pdf"))) == {"Architecte", "Prompt Engineer"}

    chosen.write_text("architecte\nastronaute\n", encoding="utf-8")
    bad = run("book", DATA, "-o", tmp_path / "x.pdf", "--sheets", sheets, "--list", chosen)
    assert bad.exit_code == 2
    assert f"{chosen}:2: no career named 'astronaute'" in bad.stderr
    unknown = run("book", DATA, "-o", tmp_path / "x.pdf", "--sheets", sheets, "--sector", "Marine")
    assert unknown.exit_code == 2
    assert "no career of the sector 'marine'" in unknown.stderr


def test_bad_careers_are_left_out_and_reported(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("architecte.yaml", "boulanger.yaml"):  # two good ones do, here
        shutil.copy(CAREERS / name, folder / name)
    (folder / "casse.yaml").write_text("title: [Cassé\n", encoding="utf-8")
    result = run("book", folder, "-o", tmp_path / "livret.pdf", "--sheets", tmp_path / "sheets")
    assert result.exit_code == 1
    assert (tmp_path / "livret.pdf").is_file()
    assert f"{folder / 'casse.yaml'}:" in result.stderr
    assert set(_contents(_pages(tmp_path / "livret.pdf"))) == {"Architecte", "Boulanger·ère"}


@pytest.mark.parametrize(
    ("titles", "order"),
    [
        (["Électricien", "Ecrivain public", "Ébéniste", "zoologiste"],
         ["Ébéniste", "Ecrivain public", "Électricien", "zoologiste"]),
        (["Œnologue", "Opticien", "Ouvrier"], ["Œnologue", "Opticien", "Ouvrier"]),
    ],
)  # fmt: skip
def test_french_collation(titles, order):
    assert sorted(titles, key=collation_key) == order


def test_a_booklet_with_other_options_leaves_the_folders_own_sheets_alone(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "infirmier.yaml").write_text(
        "title: Infirmier·ère\nsummary: Il ou elle soigne.\nsector: Santé\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert run("build", data, "-o", out, "-j", "1").exit_code == 0
    own = (out / "infirmier.pdf").read_bytes()
    for options, folder, width in (
        (["--page-size", "a5", "--print-shop"], "a5-print-shop", 419.53),  # A5, trimmed
        (["--theme", "sober"], "sober", 595.28),
        (["--language", "en"], "en", 595.28),
    ):
        result = run("book", data, "-o", tmp_path / f"{folder}.pdf", "--sheets", out, *options)
        assert result.exit_code == 0, result.output
        variant = out / folder / "infirmier.pdf"
        assert f"built {variant} " in result.stdout
        with pikepdf.open(variant) as pdf:
            assert float(pdf.pages[0].trimbox[2]) == pytest.approx(width, abs=0.1)
        assert (out / "infirmier.pdf").read_bytes() == own, options
    assert "Page 1 / " in pdf_text(out / "infirmier.pdf")  # still French
    assert "The job" in pdf_text(out / "en" / "infirmier.pdf")
    # Each variant is incremental on its own: nothing is rendered again.
    again = run("book", data, "-o", tmp_path / "again.pdf", "--sheets", out, "--theme", "sober")
    assert "0 rendered, 1 unchanged, 0 failed" in again.stdout
    assert "0 rendered, 1 unchanged" in run("build", data, "-o", out, "-j", "1").stdout
