"""The finished booklet's metadata: its title and language for readers, PDF/A when asked.

``finish_booklet`` takes the booklet once bound (a ``pikepdf.Pdf``) and gives
it what the sheets have and the bound file lost: an XMP packet with the title
and language, the title shown in the window (``DisplayDocTitle``), and, for a
PDF/A variant, real PDF/A: the ``pdfaid`` part and level, an sRGB output
intent with its ICC profile, metadata and document information agreeing.
PDF/A-1 (PDF 1.4) and level A (which needs a tag tree) cannot be given to a
bound booklet: they are refused with a message, never written mislabelled.
``save_booklet`` writes it reproducibly: same inputs and ``SOURCE_DATE_EPOCH``,
same bytes.

A booklet bound from tagged parts has one tag tree (writer.py joins the
parts'); in the pdf/ua-1 variant it then says it is PDF/UA-1 (``pdfuaid``).
An untagged booklet never claims PDF/UA.
"""

from __future__ import annotations

import io
import struct
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
from pikepdf import Dictionary, Name

from brochure.errors import Problem, UsageError
from brochure.i18n import _
from brochure.source.config import source_date_epoch

# The PDF/A variants a bound booklet can be, and their XMP part and level.
BOOKLET_PDF_A = {"pdf/a-3b": ("3", "B"), "pdf/a-2b": ("2", "B")}


def refusal(variant: str) -> UsageError | None:
    """Why a booklet cannot be made in ``variant``, or None when it can."""
    if variant.startswith("pdf/x"):
        return UsageError(
            Problem(
                _(
                    "a booklet cannot be made as {variant} (binding keeps neither the output"
                    " intent nor the PDF/X metadata): build the sheets for the print shop with"
                    " `brochure build --print-shop --pdf-variant {variant}`, and make the booklet"
                    " with --pdf-variant pdf/a-3b"
                ).format(variant=variant)
            )
        )
    if variant.startswith("pdf/a") and variant not in BOOKLET_PDF_A:
        return UsageError(
            Problem(
                _(
                    "a booklet cannot be made as {variant} (PDF/A-1 is PDF 1.4, and level A needs"
                    " a tag tree the bound booklet has not): use --pdf-variant {variants},"
                    " pdf/ua-1 or none"
                ).format(variant=variant, variants=_(" or ").join(BOOKLET_PDF_A))
            )
        )
    return None


def _srgb_profile() -> bytes:
    """An sRGB ICC profile (LittleCMS's, through Pillow, which WeasyPrint needs anyway)."""
    from PIL import ImageCms

    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    # The header's creation date (bytes 24 to 35) is when it was made: a fixed
    # one instead, so that the same inputs give the same bytes. The profile
    # carries no identifier (bytes 84 to 99 are zero) that the date would change.
    profile[24:36] = struct.pack(">6H", 2024, 1, 1, 0, 0, 0)
    return bytes(profile)


def _date(epoch: int | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def finish_booklet(
    pdf: pikepdf.Pdf, title: str, language: str, variant: str, epoch: int | None
) -> None:
    """Give the bound booklet its title, language and, when asked, PDF/A (see the module).

    Raises UsageError for a variant a booklet cannot be (check ``refusal``
    before binding, to say so before the work).
    """
    refused = refusal(variant)
    if refused is not None:
        raise refused
    pdf.Root.Lang = pikepdf.String(language)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    created = _date(epoch)
    pdf.docinfo.Title = pikepdf.String(title)
    pdf.docinfo.Producer = pikepdf.String("brochure")
    if epoch is not None:
        stamp = datetime.fromtimestamp(epoch, tz=UTC).strftime("D:%Y%m%d%H%M%SZ")
        pdf.docinfo.CreationDate = pikepdf.String(stamp)
        pdf.docinfo.ModDate = pikepdf.String(stamp)
    # No editor's name nor date of now: the same inputs give the same bytes.
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["dc:title"] = title
        xmp["dc:language"] = {language}
        xmp["pdf:Producer"] = "brochure"
        if created is not None:
            xmp["xmp:CreateDate"] = created
            xmp["xmp:ModifyDate"] = created
            xmp["xmp:MetadataDate"] = created
        if variant in BOOKLET_PDF_A:
            part, level = BOOKLET_PDF_A[variant]
            xmp["pdfaid:part"] = part
            xmp["pdfaid:conformance"] = level
        if variant == "pdf/ua-1" and "/StructTreeRoot" in pdf.Root:
            xmp["pdfuaid:part"] = "1"
    if variant in BOOKLET_PDF_A:
        # The cover and index are rendered as plain PDF: PDF/A forbids images
        # asking readers to smooth them (a logo scaled up).
        for stream in pdf.objects:
            if (
                isinstance(stream, pikepdf.Stream)
                and stream.get("/Subtype") == Name.Image
                and stream.get("/Interpolate") is not None
            ):
                stream.Interpolate = False
        profile = pikepdf.Stream(pdf, _srgb_profile())
        profile.N = 3
        pdf.Root.OutputIntents = pikepdf.Array(
            [
                Dictionary(
                    Type=Name.OutputIntent,
                    S=Name.GTS_PDFA1,
                    OutputConditionIdentifier=pikepdf.String("sRGB"),
                    Info=pikepdf.String("sRGB IEC61966-2.1"),
                    DestOutputProfile=profile,
                )
            ]
        )
    # PDF/A-2 and later want the XMP stream without a filter.
    metadata = pdf.Root.Metadata
    if "/Filter" in metadata:
        metadata.write(metadata.read_bytes())


def save_booklet(pdf: pikepdf.Pdf, target: Path, variant: str = "none") -> None:
    """Write the booklet: a content-derived identifier, nothing dated now."""
    target.write_bytes(_saved(pdf, variant))


def _saved(pdf: pikepdf.Pdf, variant: str) -> bytes:
    """The booklet's bytes, its objects other than streams packed in compressed object streams.

    A tag tree is thousands of small objects (a few hundred a sheet): packed,
    the booklet stays smaller than its sheets. PDF/A validators
    (page-validation) misread a stream ending with a carriage return before
    ``endstream`` as one byte shorter than its length (as sheet/finish.py
    says): should an object stream of a PDF/A booklet end so, it is written
    without them (an untagged booklet has few objects). Other readers go by
    the length, as the PDF format says.
    """
    out = io.BytesIO()
    pdf.save(
        out,
        deterministic_id=True,
        fix_metadata_version=False,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    if variant.startswith("pdf/a") and b"\r\nendstream" in out.getvalue():
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            fix_metadata_version=False,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
    return out.getvalue()


def finish_booklet_file(path: Path, title: str, language: str, variant: str) -> None:
    """``finish_booklet`` on the booklet file at ``path``, rewritten in place.

    The date is ``SOURCE_DATE_EPOCH``'s when it is set, else none. brochure's
    booklet/book.py calls it once the booklet is bound and linked, before
    putting it in place.
    """
    with pikepdf.open(path) as pdf:
        finish_booklet(pdf, title, language, variant, source_date_epoch())
        data = _saved(pdf, variant)
    path.write_bytes(data)
