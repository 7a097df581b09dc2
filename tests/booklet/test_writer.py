"""The booklet's PDF writer on its own: pages, shared streams, bookmarks, same bytes."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from brochure.booklet.stamps import sheet_bookmarks
from brochure.booklet.writer import Bookmark, BookWriter
from tests.helpers import run_tool

SHARED = b"the same font file in every part " * 50


def _part(path: Path, pages: int, label: str) -> Path:
    """A small PDF of ``pages`` pages, each drawing its text with a shared stream."""
    pdf = pikepdf.new()
    for number in range(pages):
        pdf.add_blank_page(page_size=(200, 300))
        page = pdf.pages[-1]
        font_file = pdf.make_stream(SHARED)  # a new object in each page, same bytes
        page.obj.Resources = pikepdf.Dictionary(
            Font=pikepdf.Dictionary(
                F1=pikepdf.Dictionary(
                    Type=pikepdf.Name.Font,
                    Subtype=pikepdf.Name.Type1,
                    BaseFont=pikepdf.Name.Helvetica,
                    FontDescriptor=pikepdf.Dictionary(FontFile=font_file),
                )
            )
        )
        text = f"BT /F1 12 Tf 20 250 Td ({label} {number + 1}) Tj ET".encode()
        page.obj.Contents = pdf.make_stream(text)
    pdf.save(path)
    return path


def _write(tmp_path: Path, target: Path) -> Path:
    writer = BookWriter(target)
    writer.add(_part(tmp_path / "one.pdf", 2, "Un"))
    writer.add(_part(tmp_path / "two.pdf", 3, "Deux"))
    outline = [
        Bookmark("Santé", 0, [Bookmark("Infirmier", 0), Bookmark("Aide-soignant", 2, top=250.5)]),
        Bookmark("Numérique", 4),
    ]
    writer.close(outline, "Forum des métiers", "fr")
    return target


def test_parts_are_joined_in_order_into_a_valid_pdf(tmp_path):
    book = _write(tmp_path, tmp_path / "book.pdf")
    run_tool("qpdf", "--check", str(book))
    text = run_tool("pdftotext", str(book), "-")
    pages = [page.strip() for page in text.split("\f") if page.strip()]
    assert pages == ["Un 1", "Un 2", "Deux 1", "Deux 2", "Deux 3"]
    with pikepdf.open(book) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Forum des métiers"
        assert str(pdf.Root.Lang) == "fr"


def test_a_stream_repeated_in_every_part_is_stored_once(tmp_path):
    book = _write(tmp_path, tmp_path / "book.pdf")
    with pikepdf.open(book) as pdf:
        font_files = {page.Resources.Font.F1.FontDescriptor.FontFile.objgen for page in pdf.pages}
        assert len(font_files) == 1  # five pages, two parts, one stored stream
        assert pdf.pages[0].Resources.Font.F1.FontDescriptor.FontFile.read_bytes() == SHARED
    assert book.stat().st_size < 2 * len(SHARED)


def test_bookmarks_nest_and_point_at_their_pages(tmp_path):
    book = _write(tmp_path, tmp_path / "book.pdf")
    with pikepdf.open(book) as pdf:
        found = sheet_bookmarks(pdf)
    # The whole page, or the heading's height when it is given.
    assert found == [
        ("Santé", 0, None),
        ("Infirmier", 0, None),
        ("Aide-soignant", 2, 250.5),
        ("Numérique", 4, None),
    ]
    with pikepdf.open(book) as pdf, pdf.open_outline() as outline:
        assert [item.title for item in outline.root] == ["Santé", "Numérique"]
        assert [item.title for item in outline.root[0].children] == ["Infirmier", "Aide-soignant"]


def test_the_same_parts_give_the_same_bytes(tmp_path):
    first = _write(tmp_path, tmp_path / "first.pdf").read_bytes()
    second = _write(tmp_path, tmp_path / "second.pdf").read_bytes()
    assert first == second
    with pikepdf.open(tmp_path / "first.pdf") as pdf:
        identifier = bytes(pdf.trailer.ID[0])
    other = BookWriter(tmp_path / "other.pdf")
    other.add(_part(tmp_path / "three.pdf", 1, "Trois"))
    other.close([Bookmark("Seul", 0)], "Autre", "fr")
    with pikepdf.open(tmp_path / "other.pdf") as pdf:
        assert bytes(pdf.trailer.ID[0]) != identifier  # the ID follows the content
