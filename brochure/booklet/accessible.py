"""The finished booklet's metadata: its title and language for readers, PDF/A when asked.

The writer (writer.py) writes what this module says the booklet is, with
its catalogue: an XMP packet with the title and language (``xmp_packet``),
dates agreeing with it in the document information (``document_info``), and,
for a PDF/A variant, real PDF/A: the ``pdfaid`` part and level and an sRGB
output intent with its ICC profile (``output_profile``); the window shows
the title (``DisplayDocTitle``). PDF/A-1 (PDF 1.4) and level A (which needs
a tag tree) cannot be given to a bound booklet: they are refused with a
message, never written mislabelled. Nothing depends on the day it is made:
same inputs and ``SOURCE_DATE_EPOCH``, same bytes.

A booklet bound from tagged parts has one tag tree (writer.py joins the
parts'); in the pdf/ua-1 variant it then says it is PDF/UA-1 (``pdfuaid``).
An untagged booklet never claims PDF/UA.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from brochure.errors import Problem, UsageError
from brochure.i18n import _

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


def xmp_packet(title: str, language: str, variant: str, epoch: int | None, tagged: bool) -> bytes:
    """The booklet's XMP metadata: title, language, dates, and what it conforms to.

    ``pdfaid`` for a PDF/A variant; ``pdfuaid`` for pdf/ua-1 when the booklet
    is ``tagged`` (an untagged booklet never claims PDF/UA). No editor's name
    nor date of now: the same inputs give the same bytes.
    """
    refused = refusal(variant)
    if refused is not None:
        raise refused
    created = _date(epoch)
    fields = [
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li>'
        "</rdf:Alt></dc:title>",
        f"<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>",
        "<pdf:Producer>brochure</pdf:Producer>",
    ]
    if created is not None:
        fields += [
            f"<xmp:{name}>{created}</xmp:{name}>"
            for name in ("CreateDate", "ModifyDate", "MetadataDate")
        ]
    if variant in BOOKLET_PDF_A:
        part, level = BOOKLET_PDF_A[variant]
        fields += [
            f"<pdfaid:part>{part}</pdfaid:part>",
            f"<pdfaid:conformance>{level}</pdfaid:conformance>",
        ]
    if variant == "pdf/ua-1" and tagged:
        fields.append("<pdfuaid:part>1</pdfuaid:part>")
    namespaces = " ".join(f'xmlns:{name}="{uri}"' for name, uri in _NAMESPACES.items())
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        f'<rdf:Description rdf:about="" {namespaces}>\n'
        + "\n".join(fields)
        + "\n</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


_NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


def document_info(epoch: int | None) -> dict[str, str]:
    """The document information's dates, as the XMP's (none without SOURCE_DATE_EPOCH)."""
    if epoch is None:
        return {}
    stamp = datetime.fromtimestamp(epoch, tz=UTC).strftime("D:%Y%m%d%H%M%SZ")
    return {"CreationDate": stamp, "ModDate": stamp}


def output_profile(variant: str) -> bytes | None:
    """The output intent's ICC profile a PDF/A booklet needs (sRGB), else None."""
    return _srgb_profile() if variant in BOOKLET_PDF_A else None
