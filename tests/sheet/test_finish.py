"""The finished PDF's tag tree, links, metadata and text, read back as readers read them."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from brochure.sheet.finish import finish_pdf
from brochure.source.loader import load_career
from tests.helpers import (
    REFERENCE,
    Tag,
    marked_content,
    pdf_text,
    tag_tree,
    tagged_texts,
    visible,
)

CAREER = load_career(REFERENCE)


def _sections(tree: Tag) -> list[Tag]:
    (article,) = tree.all("/Art")
    return article.all("/Sect")


def _lists(tree: Tag) -> list[list[int]]:
    """Each section's lists, as their item counts."""
    return [[len(items.all("/LI")) for items in section.all("/L")] for section in _sections(tree)]


def test_one_article_and_whole_sections_whatever_the_page_breaks(sheets):
    """A section, its lists and tables are one element each, on A4 as on A5 (more breaks)."""
    expected = None
    for name in ("A4", "A5", "Letter", "qr-footer"):
        tree = tag_tree(sheets[name])
        assert tree.roles() == ["/Art"], name
        sections = _sections(tree)
        for section in sections:
            roles = section.roles()
            assert roles[0] == "/H2" and "/H2" not in roles[1:], (name, roles)
            assert roles.count("/L") <= 1 and roles.count("/Table") <= 1, (name, roles)
        # The sheet's sections, each with its lists, are the same whatever the page size.
        shape = [
            (section.roles(), lists) for section, lists in zip(sections, _lists(tree), strict=True)
        ]
        expected = expected or shape
        assert shape == expected, name


def test_lists_crossing_a_page_break_are_one_list(sheets):
    """In A5 the career paths run over a page break; they stay one list of every item."""
    counts = [count for lists in _lists(tag_tree(sheets["A5"])) for count in lists]
    assert len(CAREER.career_paths) in counts
    for section in (CAREER.missions, CAREER.skills, CAREER.training, CAREER.workplaces):
        assert section is not None and len(section.items) in counts
    # One list item per entry of a named list, its name as label, its description as body.
    assert len(CAREER.specializations) in counts and len(CAREER.notable_people) in counts


def test_named_lists_are_one_item_each_with_label_and_body(sheets):
    tree = tag_tree(sheets["A5"])
    named = [
        items
        for items in tree.all("/L")
        if len(items.all("/LI")) in (len(CAREER.specializations), len(CAREER.notable_people))
        and all(item.roles() == ["/Lbl", "/LBody"] for item in items.all("/LI"))
    ]
    assert len(named) >= 2
    labels = " ".join(tagged_texts(sheets["A5"], "Lbl"))
    for entry in [*CAREER.specializations, *CAREER.notable_people]:
        assert entry.name in labels
    bodies = " ".join(tagged_texts(sheets["A5"], "LBody"))
    for entry in [*CAREER.specializations, *CAREER.notable_people]:
        assert entry.description is not None
        assert re.sub(r"\s+", "", visible(entry.description)) in re.sub(r"\s+", "", bodies)


def _reachable(tree: Tag) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}

    def walk(tag: Tag) -> None:
        for page, mcid in tag.marked:
            found.setdefault(page, set()).add(mcid)
        for kid in tag.kids:
            walk(kid)

    walk(tree)
    return found


@pytest.mark.parametrize("name", ["A5", "qr-footer", "pdf-a-3a"])
def test_all_content_is_in_the_tree_or_an_artifact(sheets, name):
    """Every marked-content id in the pages belongs to an element of the tree, once;
    the running footer is drawn, as an artifact (no MCID)."""
    marked = marked_content(sheets[name])
    reachable = _reachable(tag_tree(sheets[name]))
    for page, mcids in marked.items():
        assert len(mcids) == len(set(mcids))
        assert set(mcids) == reachable.get(page, set()), page
    text = pdf_text(sheets[name])
    pages = len(marked)
    for number in range(1, pages + 1):
        assert f"Page {number} / {pages}" in text
    with pikepdf.open(sheets[name]) as pdf:
        for page in pdf.pages:
            content = page.obj.Contents
            streams = list(content) if isinstance(content, pikepdf.Array) else [content]
            assert b"/Artifact <</Type /Pagination>> BDC" in b"".join(
                stream.read_bytes() for stream in streams
            )


def test_repeated_table_header_is_read_once(sheets):
    """The recap table runs over two columns in A5; its repeated header is an artifact."""
    tree = tag_tree(sheets["A5"])
    tables = tree.all("/Table")
    recap = max(tables, key=lambda table: len(table.all("/TR")))
    assert len(recap.all("/THead")) == 1
    assert CAREER.recap
    assert len(recap.all("/TR")) == len(CAREER.recap) + 1  # and the header row


def test_every_figure_has_alternative_text_and_links_print(sheets):
    tree = tag_tree(sheets["qr-footer"])
    (figure,) = tree.all("/Figure")  # the QR code
    assert figure.alt is not None and "https://www.example.org/fiches/prompt-engineer" in figure.alt
    with pikepdf.open(sheets["qr-footer"]) as pdf:
        links = [
            annotation
            for page in pdf.pages
            for annotation in page.obj.get("/Annots", [])
            if annotation.Subtype == "/Link"
        ]
        assert links
        for link in links:
            assert int(link.F) & 4  # Print
            assert "/StructParent" in link


@pytest.mark.parametrize("name", ["A4", "pdf-a-3b", "pdf-a-2b", "A5-pdf-a-1b-print-shop"])
def test_metadata_stream_is_uncompressed(sheets, name):
    with pikepdf.open(sheets[name]) as pdf:
        assert "/Filter" not in pdf.Root.Metadata
        assert b"<x:xmpmeta" in pdf.Root.Metadata.read_raw_bytes()


def _shape(path: Path) -> tuple[list[float], int]:
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        return [float(value) for value in page.MediaBox], len(page.obj.Contents)


def test_finishing_twice_draws_the_marks_once(sheets, tmp_path):
    again = tmp_path / "again.pdf"
    again.write_bytes(finish_pdf(sheets["A5-print-shop"].read_bytes()))
    assert _shape(again) == _shape(sheets["A5-print-shop"])
    assert tag_tree(again).roles() == ["/Art"]


def test_extracted_text_is_the_authors_text(reference_pdf):
    """What pdftotext copies is what the career file says: typed hyphens are '-',
    no word is split by a hyphen the author did not type."""
    text = pdf_text(reference_pdf)
    assert "\u2010" not in text and "\u00ad" not in text
    flat = re.sub(r"\s+", "", text)
    fields = [CAREER.title, CAREER.summary, *CAREER.career_paths]
    for section in (CAREER.missions, CAREER.skills, CAREER.training, CAREER.workplaces):
        assert section is not None
        fields.extend([section.intro or "", *section.items])
    for entry in [*CAREER.specializations, *CAREER.notable_people]:
        fields.extend([entry.name, entry.description or ""])
    for value in fields:
        assert re.sub(r"\s+", "", visible(value)) in flat, value
    # Words with a typed hyphen, as the author typed them.
    hyphenated = {word for value in fields for word in re.findall(r"\w+(?:-\w+)+", visible(value))}
    assert "start-up" in hyphenated
    words = set(re.findall(r"\w+(?:-\w+)*", text))
    assert hyphenated <= words


def test_web_addresses_are_never_hyphenated(sheets):
    """The QR code's address, printed under it, copies whole: a line break, no hyphen."""
    text = re.sub(r"\s+", "", pdf_text(sheets["qr-footer"]))
    assert "https://www.example.org/fiches/prompt-engineer" in text
    assert "\u2010" not in text and "\u00ad" not in text
