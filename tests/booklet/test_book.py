"""The open-day booklet: cover, contents, index, right-hand starts, numbers, links, fonts."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
import zlib
from pathlib import Path

import page as page_validation
import pikepdf
import pytest

from brochure.source.search import collation_key
from brochure.source.yamlfile import read_yaml
from tests.helpers import (
    DATA,
    MINIMAL,
    Tag,
    marked_content,
    pdf_text,
    pdffonts_rows,
    run,
    run_tool,
    tag_tree,
    tagged_texts,
)

CAREERS = DATA / "careers"


# The shipped catalogue's booklet takes a while to make: the tests on it are
# marked slow (`make test-slow`, and CI); the default suite checks a booklet of
# a few one-page careers (several_sectors, below).
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
    assert f"booklet {folder / 'livret.pdf'}: 13 sheets, " in result.stdout
    return folder / "livret.pdf", folder / "sheets"


def _pages(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page) for page in pdf_text(pdf).split("\f")][:-1]


CAREER_FILES = sorted(CAREERS.glob("*.yaml"))
TITLES = [str(read_yaml(path).data["title"]) for path in CAREER_FILES]
ALIASES = {
    str(read_yaml(path).data["title"]): [
        str(name) for name in read_yaml(path).data["also_known_as"]
    ]
    for path in CAREER_FILES
}


def _contents(pages: list[str]) -> dict[str, int]:
    """The table of contents: career title -> page number, for the careers it lists.

    Between a title and its number, a leader of dots.
    """
    text = " ".join(page for page in pages if page.startswith("Sommaire"))
    found = {}
    for title in TITLES:
        match = re.search(rf"(?:^| ){re.escape(title)}[ .]*? (\d+)(?= |$)", text)
        if match:
            found[title] = int(match.group(1))
    return found


def _words(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """The words of one page (1-based) as pdftotext -bbox-layout places them.

    Each is (text, x min, y min, x max, y max), in points from the top left;
    a word's height is its type size.
    """
    xhtml = run_tool("pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), "-")
    words = []
    for element in ElementTree.fromstring(xhtml).iter("{http://www.w3.org/1999/xhtml}word"):
        box = [float(element.attrib[key]) for key in ("xMin", "yMin", "xMax", "yMax")]
        words.append((element.text or "", *box))
    return words  # type: ignore[return-value]


def _pixels(pdf: Path, page: int, dpi: int = 20) -> list[tuple[int, int, int]]:
    """The colours of one page, as pdftoppm draws it."""
    ppm = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    header = re.match(rb"P6\s+\d+\s+\d+\s+255\s", ppm)  # then the pixels, 3 bytes each
    assert header is not None
    data = ppm[header.end() :]
    return [tuple(data[at : at + 3]) for at in range(0, len(data) - 2, 3)]  # type: ignore[misc]


@pytest.mark.slow
def test_cover_contents_and_every_sheet_on_a_right_hand_page(booklet):
    pdf, sheets = booklet
    pages = _pages(pdf)
    cover = pages[0]
    for text in ("Forum des métiers", "Lycée Jean Moulin", "31 janvier 2026", "13 fiches métier"):
        assert text in cover
    assert pages[1].strip() == ""  # the cover's verso
    contents = _contents(pages)
    assert len(contents) == 13
    for title, page in contents.items():
        assert page % 2 == 1, title
        assert title in pages[page - 1].split(" Autres appellations")[0], (title, page)
    # Between sheets, only blank versos; the index at the end.
    sheet_pages = sum(len(pdf_text(path).split("\f")) - 1 for path in sheets.glob("*.pdf"))
    index = next(number for number, page in enumerate(pages) if page.startswith("Index"))
    index_pages = len(pages) - index  # the index runs to the end
    assert not any(page.startswith("Index") for page in pages[index + 1 :])
    blanks = sum(1 for page in pages[4:] if not page.strip())
    assert len(pages) == 4 + sheet_pages + blanks + index_pages


@pytest.mark.slow
def test_contents_group_by_sector_in_french_order(booklet):
    pages = _pages(booklet[0])
    text = next(page for page in pages if page.startswith("Sommaire"))
    # ONISEP's sector names, two careers each, and the reference career's own
    # sector (its file is the shared one, unchanged); set in capitals.
    sectors = [
        "ARTISANAT",
        "BTP",
        "ENSEIGNEMENT",
        "INDUSTRIE",
        "INFORMATIQUE",
        "NUMÉRIQUE ET INTELLIGENCE ARTIFICIELLE",
        "SANTÉ",
    ]
    positions = [text.index(f" {sector} ") for sector in sectors]
    assert positions == sorted(positions)
    for sector, careers in zip(
        sectors,
        [
            ("Boulanger·ère", "Coiffeur·euse"),
            ("Architecte", "Électricien·ne du bâtiment"),  # É sorts with E
            ("Conseiller·ère principal·e d'éducation", "Professeur·e des écoles"),
            ("Soudeur·euse", "Technicien·ne de maintenance industrielle"),
            ("Administrateur·rice systèmes et réseaux", "Développeur·euse web"),
            ("Prompt Engineer",),
            ("Aide-soignant·e", "Infirmier·ère"),
        ],
        strict=True,
    ):
        after = text[text.index(f" {sector} ") :]
        at = [after.index(career) for career in careers]
        assert at == sorted(at), sector
        between = after[len(sector) + 2 : at[-1]]  # no other sector before its last career
        assert not any(f" {other} " in between for other in sectors if other != sector), sector


def _footer_number(pdf: Path, page: int) -> tuple[str, float, float] | None:
    """The booklet's number on a page: its text, left and right edges; None if none."""
    height = 841.89
    words = [w for w in _words(pdf, page) if w[4] > height - 40 and w[0].isdigit()]
    return (words[-1][0], words[-1][1], words[-1][3]) if words else None


@pytest.mark.slow
def test_page_numbers_are_plain_numbers_on_the_outer_edge(booklet):
    pdf = booklet[0]
    pages = _pages(pdf)
    assert not any("Page " in page for page in pages)  # the sheets' "Page 1 / 3" taken off
    for number, page in enumerate(pages, start=1):
        found = _footer_number(pdf, number)
        if number <= 2 or not page.strip():
            assert found is None, number  # cover, its verso and blank versos carry no number
            continue
        assert found is not None and found[0] == str(number), (number, found)
        if number % 2:  # a right-hand page: at the right margin (10 mm on A4)
            assert found[2] == pytest.approx(595.28 - 28.35, abs=0.5), number
        else:
            assert found[1] == pytest.approx(28.35, abs=0.5), number
        # Nothing else in the footer where the number is: on a left-hand page the
        # sheet's title has moved to the right.
        footer = [w for w in _words(pdf, number) if w[4] > 841.89 - 40]
        assert [w for w in footer if w[1] < found[2] + 4 and w[3] > found[1] - 4] == [
            w for w in footer if w[0] == found[0] and w[1] == found[1]
        ], number
        if number % 2 == 0 and len(footer) > 1:
            assert min(w[1] for w in footer if w[1] != found[1]) > 595.28 / 2, number


@pytest.mark.slow
def test_bookmarks_by_sector_career_and_section(booklet):
    pdf_path = booklet[0]
    contents = _contents(_pages(pdf_path))
    with pikepdf.open(pdf_path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        with pdf.open_outline() as outline:
            sectors = list(outline.root)
            careers = {c.title: c for sector in sectors for c in sector.children}
            assert set(careers) == set(contents) and len(careers) == 13
            for title, career in careers.items():
                assert pages[career.destination[0].objgen] == contents[title]
                sections = [section.title for section in career.children]
                assert (
                    sections[:2] == ["L'essentiel", "Le métier"]
                    and "Tableau récapitulatif" in sections
                )
                assert all(
                    pages[s.destination[0].objgen] >= contents[title] for s in career.children
                )
            assert sectors[0].title == "Artisanat"


@pytest.mark.slow
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


@pytest.mark.slow
def test_the_booklet_reuses_the_built_sheets(booklet, tmp_path):
    _, sheets = booklet
    result = run(
        "book", DATA, "-o", tmp_path / "again.pdf", "--sheets", sheets, "--date", "2026-01-31"
    )
    assert result.exit_code == 0, result.output
    assert "0 rendered, 13 unchanged, 0 failed" in result.stdout


@pytest.mark.slow
def test_selection_by_sector_and_by_list(tmp_path):
    sheets = tmp_path / "sheets"
    by_sector = run(
        "book", DATA, "-o", tmp_path / "sante.pdf", "--sheets", sheets,
        "--sector", "santé",
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
    assert "no sector 'Marine'" in unknown.stderr


def test_bad_careers_are_left_out_and_reported(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for name, title in (("architecte", "Architecte"), ("boulanger", "Boulanger·ère")):
        (folder / f"{name}.yaml").write_text(f"title: {title}\nsummary: Un métier.\n", "utf-8")
    (folder / "casse.yaml").write_text("title: [Cassé\n", encoding="utf-8")
    result = run("book", folder, "-o", tmp_path / "livret.pdf", "--sheets", tmp_path / "sheets")
    assert result.exit_code == 1
    assert (tmp_path / "livret.pdf").is_file()
    assert f"{folder / 'casse.yaml'}:" in result.stderr
    assert set(_contents(_pages(tmp_path / "livret.pdf"))) == {"Architecte", "Boulanger·ère"}


@pytest.mark.slow
def test_a_booklet_with_other_options_leaves_the_folders_own_sheets_alone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a project without brochure.yaml: its sheets go to out/
    data = tmp_path / "data"
    data.mkdir()
    (data / "infirmier.yaml").write_text(
        "title: Infirmier·ère\nsummary: Il ou elle soigne.\nsector: Santé\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert run("build", "-j", "1").exit_code == 0
    own = (out / "infirmier.pdf").read_bytes()
    for options, folder, width in (
        (["--page-size", "a5", "--print-shop"], "a5-print-shop", 419.53),  # A5, trimmed
        (["--theme", "sober", "--sheets", "out"], "sober", 595.28),  # out/ named: the same
        (["--language", "en"], "en", 595.28),
    ):
        result = run("book", "-o", tmp_path / f"{folder}.pdf", *options)
        assert result.exit_code == 0, result.output
        variant = Path("out") / folder / "infirmier.pdf"
        assert f"built {variant} " in result.stdout
        with pikepdf.open(variant) as pdf:
            assert float(pdf.pages[0].trimbox[2]) == pytest.approx(width, abs=0.1)
        assert (out / "infirmier.pdf").read_bytes() == own, options
    assert "Page 1 / " in pdf_text(out / "infirmier.pdf")  # still French
    assert "The job" in pdf_text(out / "en" / "infirmier.pdf")
    # Each variant is incremental on its own: nothing is rendered again.
    again = run("book", "-o", tmp_path / "again.pdf", "--theme", "sober")
    assert "0 rendered, 1 unchanged, 0 failed" in again.stdout
    assert "0 rendered, 1 unchanged" in run("build", "-j", "1").stdout
    assert (out / "infirmier.pdf").read_bytes() == own
    # A folder of one's own, named with -o, holds what was asked for, as it is.
    assert run("build", "-o", "a5", "--page-size", "a5", "-j", "1").exit_code == 0
    assert (tmp_path / "a5" / "infirmier.pdf").is_file()


ACCENT = (0x1F, 0x5F, 0x8B)  # the default theme's accent (styles/look.css)


def _near(colour: tuple[int, int, int], wanted: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(colour, wanted, strict=True))


@pytest.mark.slow
def test_the_cover_is_the_accent_colour_with_a_large_title(booklet):
    pdf, _ = booklet
    words = _words(pdf, 1)
    sizes = {text: round(y_max - y_min, 1) for text, _, y_min, _, y_max in words}
    assert sizes["Forum"] >= 32 and sizes["métiers"] >= 32  # the title
    assert sizes["Lycée"] >= 14  # the organisation, under its logo's place
    pixels = _pixels(pdf, 1)
    share = sum(_near(pixel, ACCENT) for pixel in pixels) / len(pixels)
    assert share > 0.5, share  # the accent colour over most of the page
    # Its title on the accent, in white.
    assert next(y for text, _, y, _, _ in words if text == "Forum") > 0.4 * 842


@pytest.mark.slow
def test_contents_have_dot_leaders_to_page_numbers_in_one_column(booklet):
    pdf, _ = booklet
    pages = _pages(pdf)
    contents = [number for number, page in enumerate(pages, 1) if page.startswith("Sommaire")]
    numbers = {str(page) for page in _contents(pages).values()}
    right_edges = set()
    for number in contents:
        words = _words(pdf, number)
        for at, (text, _, y_min, x_max, _) in enumerate(words):
            if text in numbers and at and set(words[at - 1][0]) <= {"."}:
                right_edges.add(round(x_max))
                # A line of dots runs from the title to the number.
                dots = [w for w in words if w[2] == y_min and set(w[0]) <= {"."}]
                assert len(dots) > 10, text
    assert len(right_edges) == 1  # numbers aligned right, in one column


def _index_lines(pdf: Path, first: int, last: int) -> list[str]:
    """The index's lines in reading order: page by page, left column then right.

    The columns fill in order: a last page's right column may be short or empty,
    so the page's middle, not its words', tells them apart.
    """
    lines: dict[tuple[int, int, float], list[str]] = {}
    with pikepdf.open(pdf) as document:
        widths = [float(page.mediabox[2] - page.mediabox[0]) for page in document.pages]
    for page in range(first, last + 1):
        words = _words(pdf, page)
        middle = widths[page - 1] / 2
        for text, x_min, y_min, _, _ in words:
            lines.setdefault((page, int(x_min > middle), round(y_min)), []).append(text)
    return [" ".join(lines[key]) for key in sorted(lines)]


@pytest.mark.slow
def test_the_index_lists_careers_and_their_other_names_with_their_page(booklet):
    pdf, _ = booklet
    pages = _pages(pdf)
    contents = _contents(pages)
    start = next(number for number, page in enumerate(pages, 1) if page.startswith("Index"))
    entries: list[tuple[str, int]] = []
    waiting = ""
    for line in _index_lines(pdf, start, len(pages)):
        match = re.fullmatch(r"(.*?)[ .]* (\d+)", f"{waiting} {line}".strip())
        if match and " . ." in line:  # an entry's leader, then its page
            entries.append((match.group(1), int(match.group(2))))
            waiting = ""
        elif len(line) > 1 and not line.isdigit() and not line.startswith(("Index", "En italique")):
            waiting = line  # a long name, its leader on the next line
    expected = {title: contents[title] for title in TITLES}
    for title, aliases in ALIASES.items():
        for alias in aliases:
            for name in alias.split(" / "):
                expected.setdefault(name, contents[title])
    assert expected["Infirmière"] == contents["Infirmier·ère"]  # "Infirmier / Infirmière"
    assert expected["CPE"] == contents["Conseiller·ère principal·e d'éducation"]
    assert dict(entries) == expected
    # In alphabetical order, the French way.
    names = [name for name, _ in entries]
    assert names == sorted(names, key=collation_key)


@pytest.mark.slow
def test_contents_and_index_link_to_the_sheets(booklet):
    pdf_path, _ = booklet
    pages = _pages(pdf_path)
    contents = _contents(pages)
    with pikepdf.open(pdf_path) as pdf:
        number_of = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}

        def targets(number: int) -> list[int]:
            annotations = pdf.pages[number - 1].obj.get("/Annots", [])
            return [number_of[link.Dest[0].objgen] for link in annotations]

        in_contents = [
            target
            for number, page in enumerate(pages, 1)
            if page.startswith("Sommaire")
            for target in targets(number)
        ]
        assert in_contents == sorted(contents.values())  # one link an entry, to its sheet
        index = next(number for number, page in enumerate(pages, 1) if page.startswith("Index"))
        in_index = [t for number in range(index, len(pages) + 1) for t in targets(number)]
        assert set(in_index) == set(contents.values())


@pytest.mark.slow
def test_the_front_matter_is_laid_out_once(booklet, tmp_path, monkeypatch):
    from brochure.sheet.pdf import PdfRenderer

    layouts = []
    render = PdfRenderer.render

    def counted(self, html, *args, **kwargs):
        if "book-contents" in html:
            layouts.append(html)
        return render(self, html, *args, **kwargs)

    monkeypatch.setattr(PdfRenderer, "render", counted)
    _, sheets = booklet
    health = ["--sheets", sheets, "--sector", "Santé"]  # two sheets are enough
    result = run("book", DATA, "-o", tmp_path / "livret.pdf", *health)
    assert result.exit_code == 0, result.output
    assert len(layouts) == 1
    # Bound again, the same contents are not laid out again.
    layouts.clear()
    assert run("book", DATA, "-o", tmp_path / "encore.pdf", *health).exit_code == 0
    assert layouts == []
    # A wrong guess of the contents' length costs one more layout (the right
    # one is kept from the first binding), and the numbers are still right.
    monkeypatch.setattr("brochure.booklet.book.contents_pages_guess", lambda *args: 6)
    again = run("book", DATA, "-o", tmp_path / "encore.pdf", *health)
    assert again.exit_code == 0, again.output
    assert len(layouts) == 1
    pages = _pages(tmp_path / "encore.pdf")
    assert set(_contents(pages)) == {"Aide-soignant·e", "Infirmier·ère"}
    for title, page in _contents(pages).items():
        assert title in pages[page - 1].split(" Autres appellations")[0], (title, page)
    # Bound again with the same wrong guess: its length was measured and kept.
    layouts.clear()
    assert run("book", DATA, "-o", tmp_path / "encore.pdf", *health).exit_code == 0
    assert layouts == []
    assert _pages(tmp_path / "encore.pdf") == pages


def _png(row: list[tuple[int, int, int]]) -> bytes:
    """A PNG image one pixel high."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", len(row), 1, 8, 2, 0, 0, 0)  # 8-bit RGB
    pixels = zlib.compress(b"\x00" + bytes(value for pixel in row for value in pixel))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_cover_image_from_the_project_and_never_from_outside(tmp_path, monkeypatch):
    project = tmp_path / "projet"
    (project / "data").mkdir(parents=True)
    (project / "data" / "boulanger.yaml").write_text(MINIMAL, encoding="utf-8")
    picture = project / "couverture.png"
    picture.write_bytes(_png([(255, 0, 0), (255, 0, 0)]))  # a red picture
    (project / "brochure.yaml").write_text('cover_image: couverture.png\naccent: "#a33b20"\n')
    monkeypatch.chdir(project)
    result = run("book", "-o", tmp_path / "livret.pdf", "--date", "2026-01-31")
    assert result.exit_code == 0, result.output
    pixels = _pixels(tmp_path / "livret.pdf", 1)
    assert sum(_near(p, (255, 0, 0)) for p in pixels) > 0.05 * len(pixels)  # the picture
    assert sum(_near(p, (0xA3, 0x3B, 0x20)) for p in pixels) > 0.4 * len(pixels)  # the accent

    # A picture that cannot be read: the booklet is made, and the user told.
    picture.write_bytes(b"not a picture")
    broken = run("book", "-o", tmp_path / "sans-image.pdf", "--date", "2026-01-31")
    assert broken.exit_code == 0, broken.output
    assert f"warning: {tmp_path / 'sans-image.pdf'}: the cover or contents: " in broken.stderr

    (tmp_path / "ailleurs.png").write_bytes(_png([(255, 0, 0)]))
    (project / "brochure.yaml").write_text("cover_image: ../ailleurs.png\n")
    outside = run("book", "-o", tmp_path / "x.pdf")
    assert outside.exit_code == 2
    assert "brochure.yaml:1:14: cover_image: ../ailleurs.png is outside the project" in (
        outside.stderr
    )


@pytest.mark.slow
def test_list_and_sector_match_names_as_find_does(booklet, tmp_path):
    sheets = booklet[1]  # built once for the session: only the binding is done here
    chosen = tmp_path / "choix.txt"
    chosen.write_text(
        "infirmiere\naide soignant\n# commentaire\ndeveloppeur web\nBOULANGÈRE\n", "utf-8"
    )
    result = run("book", DATA, "-o", tmp_path / "choix.pdf", "--sheets", sheets, "--list", chosen)
    assert result.exit_code == 0, result.output
    assert set(_contents(_pages(tmp_path / "choix.pdf"))) == {
        "Infirmier·ère", "Aide-soignant·e", "Développeur·euse web", "Boulanger·ère",
    }  # fmt: skip

    chosen.write_text("architecte\n\ninfirmer\nsante\n", encoding="utf-8")
    bad = run("book", DATA, "-o", tmp_path / "x.pdf", "--sheets", sheets, "--list", chosen)
    assert bad.exit_code == 2
    assert f"{chosen}:3: no career named 'infirmer'" in bad.stderr  # the line in the file
    assert "did you mean 'Infirmier·ère' (infirmier.yaml)?" in bad.stderr
    assert "brochure find WORD" in bad.stderr
    assert (
        f"{chosen}:4: 'sante' names several careers: 'Aide-soignant·e' (aide-soignant.yaml),"
        " 'Infirmier·ère' (infirmier.yaml); write the title or the file name"
    ) in bad.stderr


def test_sector_not_found_or_ambiguous_says_what_exists(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name, sector in [
        ("architecte", "Bâtiment et architecture"),
        ("macon", "Bâtiment et travaux publics (BTP)"),
        ("infirmier", "Santé"),
        ("sage-femme", "Santé"),
    ]:
        (data / f"{name}.yaml").write_text(
            f"title: {name}\nsummary: Un métier.\nsector: {sector}\n", encoding="utf-8"
        )
    sheets = tmp_path / "sheets"
    unknown = run("book", data, "-o", tmp_path / "x.pdf", "--sheets", sheets, "--sector", "Santee")
    assert unknown.exit_code == 2
    assert "no sector 'Santee' (did you mean 'Santé'" in unknown.stderr
    assert (
        "the sectors are: Bâtiment et architecture (1); Bâtiment et travaux publics (BTP) (1);"
        " Santé (2)"
    ) in unknown.stderr
    several = run(
        "book", data, "-o", tmp_path / "x.pdf", "--sheets", sheets, "--sector", "batiment"
    )
    assert several.exit_code == 2
    assert (
        "'batiment' names several sectors: 'Bâtiment et architecture',"
        " 'Bâtiment et travaux publics (BTP)'; give --sector once for each one you want"
    ) in several.stderr
    assert not (tmp_path / "x.pdf").exists()


@pytest.fixture(scope="module")
def several_sectors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four careers; one in two sectors, as the ONISEP import writes them."""
    folder = tmp_path_factory.mktemp("sectors")
    data = folder / "data"
    data.mkdir()
    for name, title, sectors in [
        ("garde", "Garde forestier", "[Agriculture, Environnement]"),
        ("vigneron", "Vigneron", "[agriculture]"),
        ("ecologue", "Écologue", "[Environnement]"),
        ("sans", "Sans secteur", "[]"),
    ]:
        (data / f"{name}.yaml").write_text(
            f"title: {title}\nsummary: Un métier.\nsectors: {sectors}\n", encoding="utf-8"
        )
    result = run("book", data, "-o", folder / "livret.pdf", "--sheets", folder / "sheets")
    assert result.exit_code == 0, result.output
    return folder


def test_a_career_of_two_sectors_is_in_both_contents_and_printed_once(several_sectors):
    pages = _pages(several_sectors / "livret.pdf")
    # Dot leaders dropped; sector names are set in capitals.
    contents = re.sub(r"(\. ?)+", " ", next(page for page in pages if page.startswith("Sommaire")))
    agriculture = contents.index("AGRICULTURE")
    environment = contents.index("ENVIRONNEMENT")
    other = contents.index("AUTRES MÉTIERS")
    assert agriculture < environment < other
    under_agriculture = contents[agriculture:environment]
    under_environment = contents[environment:other]
    assert "Garde forestier" in under_agriculture and "Vigneron" in under_agriculture
    assert "Garde forestier" in under_environment and "Écologue" in under_environment
    page = int(re.search(r"Garde forestier +(\d+)", under_agriculture).group(1))
    assert re.search(rf"Garde forestier +{page}\b", under_environment)  # the same sheet
    assert (
        sum(
            1
            for text in pages
            if text.lstrip().startswith("Fiche métier · Agriculture · Environnement")
        )
        == 1
    )
    with pikepdf.open(several_sectors / "livret.pdf") as pdf, pdf.open_outline() as outline:
        tree = {
            sector.title: [career.title for career in sector.children] for sector in outline.root
        }
    assert tree == {
        "Agriculture": ["Garde forestier", "Vigneron"],
        "Environnement": ["Écologue", "Garde forestier"],
        "Autres métiers": ["Sans secteur"],
    }


def test_a_sector_chosen_lists_its_careers_under_it_only(several_sectors, tmp_path):
    data = several_sectors / "data"
    result = run(
        "book", data, "-o", tmp_path / "agri.pdf", "--sheets", several_sectors / "sheets",
        "--sector", "AGRICULTURE",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "0 rendered, 2 unchanged" in result.stdout
    contents = next(p for p in _pages(tmp_path / "agri.pdf") if p.startswith("Sommaire"))
    assert "Environnement" not in contents
    assert "Garde forestier" in contents and "Vigneron" in contents


def test_a_small_booklet_has_its_cover_contents_links_and_index(several_sectors):
    """The shipped catalogue's booklet, in small: what the slow tests check on it."""
    pdf_path = several_sectors / "livret.pdf"
    pages = _pages(pdf_path)
    assert "4 fiches métier" in pages[0]
    assert pages[1].strip() == ""  # the cover's verso
    contents_at = next(n for n, page in enumerate(pages, 1) if page.startswith("Sommaire"))
    contents = re.sub(r"(\. ?)+", " ", pages[contents_at - 1])
    starts = {
        title: int(page)
        for title, page in re.findall(
            r"(Garde forestier|Vigneron|Écologue|Sans secteur) +(\d+)", contents
        )
    }
    assert set(starts) == {"Garde forestier", "Vigneron", "Écologue", "Sans secteur"}
    for title, page in starts.items():
        assert page % 2 == 1, title  # on a right-hand page
        assert title in pages[page - 1], (title, page)
    index_at = next(n for n, page in enumerate(pages, 1) if page.startswith("Index"))
    assert index_at > max(starts.values())
    with pikepdf.open(pdf_path) as pdf:
        number_of = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
        links = [
            number_of[link.Dest[0].objgen]
            for link in pdf.pages[contents_at - 1].obj.get("/Annots", [])
        ]
    # One link per entry, Garde forestier listed under both its sectors.
    assert sorted(links) == sorted([*starts.values(), starts["Garde forestier"]])


# The small booklet's sheets, in the booklet's order (by first sector, then title).
SMALL = ["Garde forestier", "Vigneron", "Écologue", "Sans secteur"]


def _parent_tree(pdf: pikepdf.Pdf) -> dict[int, object]:
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    tree = dict(zip((int(key) for key in nums[::2]), nums[1::2], strict=True))
    assert len(tree) == len(nums) // 2  # each key once
    return tree


def _reached(tag: Tag, found: dict[int, list[int]]) -> dict[int, list[int]]:
    """The marked content (page index to MCIDs) a tag tree reaches."""
    for page, mcid in tag.marked:
        found.setdefault(page, []).append(mcid)
    for kid in tag.kids:
        _reached(kid, found)
    return found


def test_a_small_booklet_is_tagged_as_one_tree_of_a_part_per_sheet(several_sectors):
    """pdf/ua-1, the default: the sheets' tag trees and the booklet's own pages' joined."""
    pdf_path = several_sectors / "livret.pdf"
    report = page_validation.validate_pdf(pdf_path, profile="ua1")
    assert [(failure.rule_id, failure.message) for failure in report.failures] == []
    tree = tag_tree(pdf_path)
    assert tree.role == "/Document"
    # Cover and contents, each sheet, the index: a Part each.
    assert tree.roles() == ["/Part"] * (len(SMALL) + 2)
    headings = {
        page: text
        for (page, _), text in zip(
            sorted(_first_mark(h1) for h1 in tree.all("/H1")),
            tagged_texts(pdf_path, "H1"),
            strict=True,
        )
    }
    pages = _pages(pdf_path)
    for part, title in zip(tree.kids[1:-1], SMALL, strict=True):
        first = next(tag for tag in _walk(part) if re.fullmatch(r"/H\d?", tag.role))
        assert first.role == "/H1"
        page = _first_mark(first)[0]
        assert headings[page] == title
        assert title in pages[page] and page % 2 == 0  # a right-hand page (0-based index)
    assert headings[0] == "Fiches métiers"  # the cover's title, in the first Part
    # Every marked content in the pages is reached from the tree, once; nothing else is.
    marked = marked_content(pdf_path)
    reached = _reached(tree, {})
    for page, mcids in marked.items():
        assert sorted(mcids) == sorted(reached.get(page, [])), page
    with pikepdf.open(pdf_path) as pdf:
        parents = _parent_tree(pdf)
        keys = []
        for index, page in enumerate(pdf.pages):
            if marked[index]:
                keys.append(int(page.obj.StructParents))
                entries = parents[keys[-1]]
                assert all(entries[mcid] is not None for mcid in marked[index]), index
            for annotation in page.obj.get("/Annots", []):
                keys.append(int(annotation.StructParent))
                element = parents[keys[-1]]
                assert any(
                    kid.get("/Type") == "/OBJR" and kid.Obj.objgen == annotation.objgen
                    for kid in element.K
                )
                assert page.obj.Tabs == "/S"
            content = page.obj.Contents
            streams = list(content) if isinstance(content, pikepdf.Array) else [content]
            drawn = b"".join(stream.read_bytes() for stream in streams)
            if index >= 2 and marked[index]:  # page numbers, artifacts (not on cover nor blanks)
                assert b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC" in drawn
        assert len(keys) == len(set(keys))  # unique across the booklet
        assert pdf.Root.MarkInfo.Marked is True
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"


def _first_mark(tag: Tag) -> tuple[int, int]:
    """The first marked content (page index, MCID) of an element and those below it."""
    return min((page, mcid) for page, mcids in _reached(tag, {}).items() for mcid in mcids)


def _walk(tag: Tag) -> list[Tag]:
    return [tag, *(found for kid in tag.kids for found in _walk(kid))]


def test_bookmarks_and_contents_links_land_on_the_sheets_title(several_sectors):
    pdf_path = several_sectors / "livret.pdf"
    with pikepdf.open(pdf_path) as pdf, pdf.open_outline() as outline:
        number_of = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
        landing: dict[int, float] = {}
        for career in (career for sector in outline.root for career in sector.children):
            page, view, _, top, _ = career.destination
            number = number_of[page.objgen]
            height = float(pdf.pages[number - 1].mediabox[3])
            assert view == "/XYZ" and 0 < float(top) < height
            # At the title's top, as pdftotext places it (from the page's top).
            (word,) = [w for w in _words(pdf_path, number) if w[0] == career.title.split()[0]][:1]
            assert abs((height - float(top)) - word[2]) < word[4] - word[2], career.title
            landing[number] = float(top)
        contents = next(n for n, text in enumerate(_pages(pdf_path)) if text.startswith("Sommaire"))
        links = pdf.pages[contents].obj.Annots
        assert len(links) == len(SMALL) + 1  # Garde forestier in two sectors
        for link in links:
            page, view, _, top, _ = link.Dest
            assert view == "/XYZ" and abs(float(top) - landing[number_of[page.objgen]]) < 0.01


@pytest.mark.slow
def test_the_shipped_catalogues_booklet_passes_both_validators(booklet):
    """page-validation's PDF/UA-1 profile and outloud: no error.

    outloud's PAG-001 warns of lines tagged as content at the same place on
    three pages or more, taking them for a running header: here the first
    lines of the sheets' second pages, the same headings in every sheet
    ("Où travailler ?"), which are content (see README).
    """
    pdf_path = booklet[0]
    report = page_validation.validate_pdf(pdf_path, profile="ua1")
    assert [(failure.rule_id, failure.message) for failure in report.failures] == []
    found = _outloud(pdf_path)
    assert [finding for finding in found if finding["rule"] != "PAG-001"] == []
    assert all(finding["severity"] == "warning" for finding in found)


def _outloud(pdf_path: Path) -> list[dict[str, object]]:
    """outloud's findings on a PDF, run in its own process (see tests/sheet/test_print.py)."""
    outloud = Path(sys.executable).parent / "outloud"  # installed with the test extras
    report = pdf_path.with_suffix(".outloud.json")
    subprocess.run(
        [str(outloud), "--fail-on", "never", "-q", "--json", str(report), str(pdf_path)],
        check=True,
        capture_output=True,
    )
    (found,) = json.loads(report.read_text(encoding="utf-8"))["results"]
    assert found["error"] is None, found
    findings: list[dict[str, object]] = found["findings"]
    return findings


def test_a_tagged_booklet_bound_afresh_is_the_same_bytes(several_sectors, tmp_path):
    """Its sheets prepared again, its own pages laid out again, its font subset made again:
    the same tree, the same file (without SOURCE_DATE_EPOCH: the booklet has no date then)."""
    sheets = tmp_path / "sheets"
    shutil.copytree(
        several_sectors / "sheets", sheets, ignore=shutil.ignore_patterns(".brochure-booklet")
    )
    target = tmp_path / "livret.pdf"
    result = run("book", several_sectors / "data", "-o", target, "--sheets", sheets)
    assert result.exit_code == 0, result.output
    assert "0 rendered, 4 unchanged" in result.stdout
    assert target.read_bytes() == (several_sectors / "livret.pdf").read_bytes()


@pytest.mark.slow
def test_a_small_booklet_passes_outloud(several_sectors):
    """outloud's PDF/UA-1 checks, as on the sheets: no error, no warning."""
    assert _outloud(several_sectors / "livret.pdf") == []


@pytest.mark.slow
def test_without_blank_pages_sheets_follow_each_other(booklet, tmp_path):
    _, sheets = booklet
    target = tmp_path / "ecran.pdf"
    result = run(
        "book", DATA, "-o", target, "--sheets", sheets, "--no-blank-pages", "--sector", "santé"
    )
    assert result.exit_code == 0, result.output
    pages = _pages(target)
    assert [number for number, page in enumerate(pages, 1) if not page.strip()] == [2]  # verso
    contents = _contents(pages)
    first = min(contents.values())
    assert first == 4  # cover, verso, contents, then the first sheet at once
    second = max(contents.values())
    assert second == first + len(pdf_text(sheets / "aide-soignant.pdf").split("\f")) - 1
    for title, page in contents.items():
        assert title in pages[page - 1], (title, page)
        assert _footer_number(target, page) is not None


def test_a_print_shop_booklet_has_a_multiple_of_4_pages(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "architecte.yaml").write_text("title: Architecte\nsummary: Un métier.\n", "utf-8")
    target = tmp_path / "livret.pdf"
    result = run("book", data, "-o", target, "--sheets", tmp_path / "sheets", "--print-shop")
    assert result.exit_code == 0, result.output
    with pikepdf.open(target) as pdf:
        assert len(pdf.pages) % 4 == 0
        assert float(pdf.pages[-1].trimbox[2]) < float(pdf.pages[-1].mediabox[2])  # bleed
    assert f"{len(_pages(target))} pages." in result.stdout


def test_binding_again_reuses_each_unchanged_sheets_preparation(tmp_path, monkeypatch):
    from brochure.booklet import book, stamps

    data = tmp_path / "data"
    data.mkdir()
    for name, title in (("architecte", "Architecte"), ("boulanger", "Boulanger·ère")):
        (data / f"{name}.yaml").write_text(f"title: {title}\nsummary: Un métier.\n", "utf-8")
    sheets = tmp_path / "sheets"
    assert run("book", data, "-o", tmp_path / "un.pdf", "--sheets", sheets).exit_code == 0
    prepared: list[Path] = []
    prepare = stamps.prepare

    def counted(source, *args):
        prepared.append(source)
        return prepare(source, *args)

    monkeypatch.setattr(stamps, "prepare", counted)
    read: list[str] = []
    load_career = book.load_career
    monkeypatch.setattr(
        book, "load_career", lambda path: read.append(path.name) or load_career(path)
    )
    (data / "boulanger.yaml").write_text("title: Boulangère\nsummary: Un métier.\n", "utf-8")
    result = run("book", data, "-o", tmp_path / "deux.pdf", "--sheets", sheets)
    assert result.exit_code == 0, result.output
    assert "boulanger.yaml" in read and "architecte.yaml" not in read  # (the build reads it)
    # The changed sheet only, and the booklet's own pages (front, blank, index).
    assert [path.name for path in prepared if path.parent == sheets] == ["boulanger.pdf"]
    assert "Boulangère" in pdf_text(tmp_path / "deux.pdf")
    kept = {path.suffix for path in (sheets / ".brochure-booklet").iterdir()}
    assert kept == {".pdf", ".json", ".ttf", ""}  # "": the lock, .lock
    # Two sheets and the booklet's own three parts (front, blank, index): the old
    # preparation of the changed sheet is removed.
    notes = [p for p in (sheets / ".brochure-booklet").glob("*.json") if len(p.stem) == 40]
    assert len(notes) == 5


def test_a_binding_removes_no_kept_preparation_while_another_uses_the_folder(tmp_path):
    from brochure.booklet.stamps import Preparations

    folder = tmp_path / ".brochure-booklet"
    folder.mkdir()
    old, used, mine = ("a" * 40 + ".pdf", "b" * 40 + ".pdf", "c" * 40 + ".pdf")
    for name in (old, used, mine):
        (folder / name).write_bytes(b"%PDF")
    with Preparations(folder, tmp_path, []) as first:
        first.used.add(used[:-4])
        with Preparations(folder, tmp_path, []) as second:
            second.used.add(mine[:-4])
        # The second ended while the first still binds: it removed nothing.
        assert sorted(path.name for path in folder.glob("*.pdf")) == [old, used, mine]
    # The first ends alone: what it did not use goes.
    assert sorted(path.name for path in folder.glob("*.pdf")) == [used]
    with pytest.raises(RuntimeError), Preparations(folder, tmp_path, []):
        raise RuntimeError  # a binding that fails removes nothing
    assert sorted(path.name for path in folder.glob("*.pdf")) == [used]
