"""The bound booklet's title, language and PDF/A, checked by page-validation."""

from __future__ import annotations

from pathlib import Path

import page as page_validation
import pikepdf
import pytest
from PIL import Image

from brochure.booklet.accessible import (
    BOOKLET_PDF_A,
    document_info,
    output_profile,
    refusal,
    xmp_packet,
)
from brochure.booklet.writer import Bookmark, BookWriter
from brochure.errors import UsageError
from tests.helpers import DATA, run

EPOCH = 1_767_225_600  # 2026-01-01


def _bound(sheet: Path, target: Path) -> Path:
    """A booklet as the binding leaves it: a sheet's pages in a new file, nothing else."""
    with pikepdf.open(sheet) as source, pikepdf.new() as book:
        book.pages.extend(source.pages)
        book.save(target)
    return target


def _finished(sheet: Path, target: Path, variant: str) -> Path:
    """A sheet's pages written as the booklet is, with its metadata for ``variant``."""
    title = "Forum des métiers"
    with pikepdf.open(sheet) as pdf:
        pages = len(pdf.pages)
    writer = BookWriter(target, pages=pages, plain_images=variant in BOOKLET_PDF_A)
    writer.add(sheet)
    writer.close(
        [Bookmark(title, 0)],
        title,
        "fr",
        metadata=xmp_packet(title, "fr", variant, EPOCH, writer.tagged),
        info=document_info(EPOCH),
        output_profile=output_profile(variant),
    )
    return target


@pytest.mark.parametrize(("variant", "profile"), [("pdf/a-3b", "3b"), ("pdf/a-2b", "2b")])
def test_booklet_in_a_pdf_a_variant_is_pdf_a(sheets, tmp_path, variant, profile):
    bound = _bound(sheets["pdf-a-3b"], tmp_path / "bound.pdf")
    # Bound, it has lost its PDF/A markers: page-validation says so.
    assert page_validation.validate_pdf(bound, profile=profile).failures
    finished = _finished(sheets["pdf-a-3b"], tmp_path / "booklet.pdf", variant)
    report = page_validation.validate_pdf(finished, profile=profile)
    assert [(failure.rule_id, failure.message) for failure in report.failures] == []
    with pikepdf.open(finished) as pdf:
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == "Forum des métiers"
            assert xmp["pdfaid:part"] == profile[0]
            assert xmp["xmp:CreateDate"].startswith("2026-01-01")
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.Root.Lang) == "fr"
        assert str(pdf.docinfo.Title) == "Forum des métiers"


def test_booklet_bytes_are_reproducible(sheets, tmp_path):
    one = _finished(sheets["untagged"], tmp_path / "one.pdf", "pdf/ua-1").read_bytes()
    two = _finished(sheets["untagged"], tmp_path / "two.pdf", "pdf/ua-1").read_bytes()
    assert one == two
    with pikepdf.open(tmp_path / "one.pdf") as pdf, pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == "Forum des métiers"
        assert "pdfuaid:part" not in xmp  # untagged: never claims PDF/UA
        assert "pdfaid:part" not in xmp
    tagged = _finished(sheets["A4"], tmp_path / "tagged.pdf", "pdf/ua-1")
    with pikepdf.open(tagged) as pdf, pdf.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1"
        assert pdf.Root.MarkInfo.Marked is True


@pytest.mark.parametrize("variant", ["pdf/a-1b", "pdf/a-3a"])
def test_booklet_variants_it_cannot_be_are_refused(sheets, tmp_path, variant):
    error = refusal(variant)
    assert error is not None
    assert f"a booklet cannot be made as {variant}" in error.problems[0].message
    with pytest.raises(UsageError):
        xmp_packet("Livret", "fr", variant, None, tagged=False)
    assert refusal("pdf/a-3b") is None and refusal("none") is None


def _small_project(folder: Path) -> Path:
    data = folder / "data"
    data.mkdir()
    for name, title in (("boulanger", "Boulanger·ère"), ("fleuriste", "Fleuriste")):
        (data / f"{name}.yaml").write_text(f"title: {title}\nsummary: Un métier.\n", "utf-8")
    return data


def test_book_in_pdf_a_3b_is_pdf_a_and_the_same_bytes_twice(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    data = _small_project(tmp_path)
    books = []
    for name in ("un", "deux"):  # the second from sheets built anew
        target = tmp_path / f"{name}.pdf"
        result = run(
            "book", data, "-o", target, "--sheets", tmp_path / f"sheets-{name}",
            "--pdf-variant", "pdf/a-3b", "--title", "Forum des métiers",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        books.append(target.read_bytes())
    assert books[0] == books[1]
    report = page_validation.validate_pdf(tmp_path / "un.pdf", profile="3b")
    assert [(failure.rule_id, failure.message) for failure in report.failures] == []
    with pikepdf.open(tmp_path / "un.pdf") as pdf, pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == "Forum des métiers"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


@pytest.mark.slow
def test_book_in_pdf_ua_1_is_tagged_and_the_same_bytes_twice(tmp_path, monkeypatch):
    """The tagged booklet from sheets built anew, prepared anew: the same bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    data = _small_project(tmp_path)
    books = []
    for name in ("un", "deux"):
        target = tmp_path / f"{name}.pdf"
        result = run(
            "book", data, "-o", target, "--sheets", tmp_path / f"sheets-{name}",
            "--pdf-variant", "pdf/ua-1", "--title", "Forum des métiers",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        books.append(target.read_bytes())
    assert books[0] == books[1]
    report = page_validation.validate_pdf(tmp_path / "un.pdf", profile="ua1")
    assert [(failure.rule_id, failure.message) for failure in report.failures] == []
    with pikepdf.open(tmp_path / "un.pdf") as pdf, pdf.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1"
        assert "/StructTreeRoot" in pdf.Root


def test_book_refuses_a_pdf_a_it_cannot_be_before_building(tmp_path):
    data = _small_project(tmp_path)
    result = run(
        "book", data, "-o", tmp_path / "x.pdf", "--sheets", tmp_path / "sheets",
        "--pdf-variant", "pdf/a-1b",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "a booklet cannot be made as pdf/a-1b" in result.stderr
    assert not (tmp_path / "sheets").exists() and not (tmp_path / "x.pdf").exists()


@pytest.mark.slow
def test_whole_booklet_in_pdf_a_3b_is_pdf_a(tmp_path, monkeypatch):
    """The shipped catalogue bound by `brochure book`, with a logo."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), (31, 95, 139)).save(logo)
    target = tmp_path / "livret.pdf"
    result = run(
        "book", DATA, "-o", target, "--sheets", tmp_path / "sheets",
        "--pdf-variant", "pdf/a-3b", "--logo", logo,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = page_validation.validate_pdf(target, profile="3b")
    assert [(failure.rule_id, failure.message) for failure in report.failures] == []
