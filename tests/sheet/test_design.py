"""The sheet as a designer measures it: page count, type sizes, line lengths,
breaks and the essentials of page 1, on shipped careers in A4 and A5: three of
them in the default suite, every one in the slow one (`make test-slow`, CI).

Positions and sizes are read back from the PDFs with MuPDF (tests/layout.py).
"""

from __future__ import annotations

import itertools
import re
import statistics
from pathlib import Path

import pytest

from brochure.sheet.builder import SheetBuilder
from brochure.source.config import SheetOptions
from tests.helpers import DATA, SHARED_REFERENCE, pdf_text, run, squeeze
from tests.layout import Block, Page, read_layout, reading_text

CAREERS = sorted((DATA / "careers").glob("*.yaml"))
BODY_SIZE = {"A4": 9.5, "A5": 9.0}  # the least size of body text the design allows
LIST_MARKER = "•"


# Long and short ones, with lists, named lists and a salary scale.
SAMPLE = ("boulanger", "infirmier", "prompt-engineer")
Layouts = dict[str, dict[str, list[Page]]]


def _build(folder: Path, names: list[str]) -> Layouts:
    """Those shipped careers built in A4 and in A5, read back as layouts."""
    layouts: Layouts = {}
    for size in ("A4", "A5"):
        out = folder / size
        sources = [str(DATA / "careers" / f"{name}.yaml") for name in names]
        result = run("build", *sources, "-o", str(out), "--page-size", size)
        assert result.exit_code == 0, result.output
        layouts[size] = {pdf.stem: read_layout(pdf) for pdf in sorted(out.glob("*.pdf"))}
    return layouts


@pytest.fixture(scope="module")
def every_career(tmp_path_factory: pytest.TempPathFactory) -> Layouts:
    return _build(tmp_path_factory.mktemp("every"), [path.stem for path in CAREERS])


@pytest.fixture(scope="module", params=["sample", pytest.param("every", marks=pytest.mark.slow)])
def catalogue(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Layouts:
    """A few shipped careers (the default suite) or every one of them (slow)."""
    if request.param == "every":
        return request.getfixturevalue("every_career")  # type: ignore[no-any-return]
    return _build(tmp_path_factory.mktemp("sample"), list(SAMPLE))


def _sheets(catalogue: dict[str, dict[str, list[Page]]]) -> list[tuple[str, str, list[Page]]]:
    return [
        (size, name, pages)
        for size, by_name in catalogue.items()
        for name, pages in by_name.items()
    ]


def _content(page: Page) -> list[Block]:
    """The blocks of the page's text area: the running footer left out."""
    bottom = page.height - 16 * 72 / 25.4 + 4  # the footer sits in the bottom margin
    return [b for b in page.in_reading_order() if b.y0 < bottom]


def _body(pages: list[Page]) -> list[Block]:
    """The sections' blocks: from the first ("Le métier") to the recap table, footers left out."""
    blocks = [block for page in pages for block in _content(page)]
    start = next(i for i, block in enumerate(blocks) if block.text == "Le métier")
    end = next(i for i, block in enumerate(blocks) if block.text == "Tableau récapitulatif")
    return blocks[start:end]


def _column(block: Block, page: Page) -> int:
    return 0 if block.x0 < page.width / 2 - 5 else 1


def test_the_reference_career_fits_on_two_a4_pages(tmp_path):
    target = tmp_path / "reference.pdf"
    outcome = SheetBuilder(options=SheetOptions(page_size="A4")).build(SHARED_REFERENCE, target)
    assert outcome.ok and outcome.pages == 2


@pytest.mark.slow
def test_most_shipped_careers_fit_on_two_a4_pages(every_career):
    counts = [len(pages) for pages in every_career["A4"].values()]
    assert len(counts) == len(CAREERS)
    assert sum(count <= 2 for count in counts) >= len(counts) * 0.75, counts


def test_body_text_is_large_enough(catalogue):
    for size, name, pages in _sheets(catalogue):
        sizes = [(line.size, len(line.text.strip())) for page in pages for line in page.lines]
        characters = sum(count for _, count in sizes)
        body = sum(count for point, count in sizes if point >= BODY_SIZE[size] - 0.05)
        assert body / characters > 0.85, (size, name, body / characters)
        # Labels, captions and the footer are smaller, never tiny.
        assert min(point for point, _ in sizes) >= 7.9, (size, name)


def test_body_lines_hold_55_to_80_characters(catalogue):
    """Full lines (every line of a paragraph but its last) of body text."""
    for size, name, pages in _sheets(catalogue):
        full = [
            len(line.text.strip())
            for block in _body(pages)
            if len(block.lines) > 1 and not _is_table_row(block)
            for line in block.lines[:-1]
            if BODY_SIZE[size] - 0.05 <= line.size <= 10.5
        ]
        assert len(full) >= 10, (size, name)
        assert 55 <= statistics.median(full) <= 80, (size, name, statistics.median(full))
        assert max(full) <= 85, (size, name, max(full))


def _is_table_row(block: Block) -> bool:
    """Cells side by side: MuPDF puts a table row's cells in one block."""
    starts = [line.x0 for line in block.lines]
    return max(starts) - min(starts) > 15


def test_words_are_never_split_by_automatic_hyphenation(catalogue):
    """A line ends on a hyphen only where the career file has one (e.g. start-up)."""
    for size, name, pages in _sheets(catalogue):
        typed = (DATA / "careers" / f"{name}.yaml").read_text(encoding="utf-8")
        lines = [line.text.rstrip() for page in pages for line in page.lines]
        for line, following in itertools.pairwise(lines):
            assert "\u00ad" not in line and "\u2010" not in line, (size, name, line)
            if line.endswith("-"):
                word = line.split()[-1] + (following.split() or [""])[0]
                assert word.strip(".,;:()«»") in typed, (size, name, word)


def test_no_heading_ends_a_column_or_a_page(catalogue):
    for size, name, pages in _sheets(catalogue):
        for number, page in enumerate(pages, 1):
            blocks = _content(page)
            for index, block in enumerate(blocks):
                if not _is_heading(block):
                    continue
                after = [b for b in blocks[index + 1 :] if _column(b, page) == _column(block, page)]
                below = [b for b in after if b.y0 > block.y0]
                assert below, (size, name, number, block.text)


def _is_heading(block: Block) -> bool:
    heading = 1.2 * 9.5  # h2: 1.2rem, the root size being 9.5 pt in A4 and A5
    return all(abs(line.size - heading) < 0.3 for line in block.lines)


def test_no_list_item_is_left_alone_at_a_column_top_or_bottom(catalogue):
    """A bulleted list broken across columns or pages leaves two items or more on each side."""
    for size, name, pages in _sheets(catalogue):
        for items in _bulleted_lists(pages):
            places = [place for place, _ in items]
            pieces = {place: places.count(place) for place in places}
            if len(pieces) > 1:
                assert min(pieces.values()) >= 2, (size, name, items[0][1], pieces)


def _bulleted_lists(pages: list[Page]) -> list[list[tuple[tuple[int, int], str]]]:
    """Each list as its items' (page, column) and text, in reading order."""
    lists: list[list[tuple[tuple[int, int], str]]] = []
    current: list[tuple[tuple[int, int], str]] = []
    for number, page in enumerate(pages):
        markers = [b for b in page.blocks if b.text == LIST_MARKER]
        for block in _content(page):
            bulleted = any(abs(m.y0 - block.y0) < 2 and m.x1 <= block.x0 + 1 for m in markers)
            if bulleted:  # an item, however many lines: MuPDF makes it one block
                current.append(((number, _column(block, page)), block.text))
            elif current:  # anything else ends the list
                lists.append(current)
                current = []
    if current:
        lists.append(current)
    return lists


def test_the_salary_note_stays_with_its_table(career_file, tmp_path):
    """Whatever comes before it, the scale and its note share a page and a column."""
    note = "Les primes de nuit et de week-end s'ajoutent à ces montants, selon l'employeur."
    levels = "".join(
        f"    - {{label: Niveau {n}, min: {2000 + 100 * n}, max: {2100 + 100 * n}}}\n"
        for n in range(1, 5)
    )
    for filler in range(12, 28, 2):
        items = "".join(
            f"    - Une mission décrite en une ligne, numéro {n}\n" for n in range(filler)
        )
        source = career_file(
            f"title: Test\nsummary: Un métier.\nmissions:\n  items:\n{items}"
            f"salary:\n  levels:\n{levels}  note: {note}\n",
            name=f"salary-{filler}.yaml",
        )
        target = tmp_path / f"{filler}.pdf"
        assert SheetBuilder(options=SheetOptions(page_size="A5")).build(source, target).ok
        places = {}
        for number, page in enumerate(read_layout(target)):
            for block in page.blocks:
                if block.text.startswith(("Niveau 4", "Les primes de nuit")):
                    places[block.text[:6]] = (number, _column(block, page))
        assert len(places) == 2 and len(set(places.values())) == 1, (filler, places)


def page_text(page: Page) -> str:
    return " ".join(block.text for block in page.in_reading_order())


def test_the_recap_table_starts_and_ends_with_three_rows_or_more(catalogue):
    for size, name, pages in _sheets(catalogue):
        rows_per_page = []
        seen = False
        for page in pages:
            blocks = _content(page)
            start = next(
                (i for i, b in enumerate(blocks) if b.text == "Tableau récapitulatif"), None
            )
            if start is not None:
                seen = True
                blocks = blocks[start + 1 :]
            elif not seen:
                continue
            rows = [b for b in blocks if not b.text.startswith("Donnée clé")]
            rows_per_page.append(len(rows))
        assert seen, (size, name)
        if len(rows_per_page) > 1:
            assert rows_per_page[0] >= 3 and rows_per_page[-1] >= 3, (size, name, rows_per_page)


def test_no_page_but_the_last_is_more_than_half_empty(catalogue):
    for size, name, pages in _sheets(catalogue):
        for number, page in enumerate(pages[:-1], 1):
            blocks = _content(page)
            top = min(b.y0 for b in blocks)
            bottom = page.height - 16 * 72 / 25.4
            lowest = max(b.y1 for b in blocks)
            assert (lowest - top) / (bottom - top) > 0.5, (size, name, number)


def test_page_one_tells_the_essentials(catalogue):
    pages = catalogue["A4"]["infirmier"]
    first = squeeze(page_text(pages[0]))
    recap_free = first.split(squeeze("Le métier"), 1)[0]  # above the first section
    for fact in ("L'essentiel", "Niveau d'études", "Bac+3", "Salaire brut par mois",
                 "2 200 à 3 500 € et plus", "Secteur", "Santé"):  # fmt: skip
        assert squeeze(fact) in recap_free, fact


def test_the_essentials_leave_out_what_the_file_does_not_give(career_file, tmp_path):
    source = career_file("title: Boulanger\nsummary: Il fabrique le pain.\nsector: Artisanat\n")
    target = tmp_path / "b.pdf"
    assert SheetBuilder(options=SheetOptions()).build(source, target).ok
    text = squeeze(pdf_text(target))
    assert squeeze("L'essentiel Secteur Artisanat") in text
    for absent in ("Niveau d'études", "Salaire", "Statuts"):
        assert squeeze(absent) not in text, absent


def test_a_very_long_address_or_code_wraps_inside_the_page(career_file, tmp_path):
    token = "https://www.example.org/" + "CheminTresLong/" * 9 + "fin"
    code = "X" * 140
    source = career_file(
        f"title: Long\nsummary: Voir {token} ou le code {code}.\n"
        f"sources:\n  - label: Une source\n    url: {token}\n"
    )
    for size in ("A4", "A5"):
        target = tmp_path / f"{size}.pdf"
        assert SheetBuilder(options=SheetOptions(page_size=size)).build(source, target).ok
        for page in read_layout(target):
            for line in page.lines:
                assert line.x1 <= page.width - 9 * 72 / 25.4, (size, line.text)
        text = squeeze(reading_text(target))
        assert token in text and code in text  # whole, only wrapped


def test_a_long_title_and_a_long_footer_do_not_collide(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("brochure.yaml").write_text(
        "footer: Centre d'information et d'orientation de Villeurbanne, journée portes"
        " ouvertes du samedi 14 mars 2026, lycée Ampère\n",
        encoding="utf-8",
    )
    Path("long.yaml").write_text(
        "title: Technicien·ne supérieur·e de maintenance des systèmes énergétiques et"
        " climatiques\nsummary: Il entretient les installations.\n",
        encoding="utf-8",
    )
    assert run("build", "long.yaml", "-o", "out").exit_code == 0
    page = read_layout(tmp_path / "out" / "long.pdf")[0]
    footer = [line for line in page.lines if line.y0 > page.height - 16 * 72 / 25.4]
    first_lines: dict[int, object] = {}
    for line in footer:
        first_lines.setdefault(_column_third(line, page), line)
    assert len(first_lines) == 3  # title, footer line, page number
    tops = {round(line.y0, 1) for line in first_lines.values()}  # type: ignore[attr-defined]
    assert max(tops) - min(tops) < 1  # aligned on their first line
    for one in footer:
        for other in footer:
            if one is not other and abs(one.y0 - other.y0) < 2:
                assert one.x1 <= other.x0 or other.x1 <= one.x0, (one.text, other.text)


def _column_third(line, page: Page) -> int:
    return min(2, int(3 * (line.x0 + line.x1) / 2 / page.width))


def test_page_numbers_say_the_labels_word(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("brochure.yaml").write_text("language: en\n", encoding="utf-8")
    Path("templates/labels").mkdir(parents=True)
    english = (DATA.parent / "templates" / "labels" / "en.yaml").read_text(encoding="utf-8")
    Path("templates/labels/en.yaml").write_text(
        re.sub(r"(?m)^page: .*$", "page: Sheet page", english), encoding="utf-8"
    )
    Path("b.yaml").write_text("title: Baker\nsummary: Bakes bread.\n", encoding="utf-8")
    assert run("build", "b.yaml", "-o", "out").exit_code == 0
    assert "Sheet page 1 / 1" in pdf_text(tmp_path / "out" / "b.pdf")
