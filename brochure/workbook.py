"""Writing a small spreadsheet of text cells: Office Open XML (.xlsx) or OpenDocument (.ods).

Just enough of each format for a table of text, written with the standard
library (a zip of a few XML files): ``brochure init``'s starter spreadsheet,
and the tests' spreadsheets as office software saves them. Reading is
python-calamine's job (see ``importers/spreadsheet.py``).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

Cell = str | date  # a date is saved as office software does: a day number, shown as a date
Rows = Sequence[Sequence[Cell]]
_EPOCH = date(1899, 12, 30)  # day 0 of spreadsheets' dates

# A fixed date for every member: the same table makes the same bytes.
_STAMP = (2025, 1, 1, 0, 0, 0)


def _zip(members: list[tuple[str, str]], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, text) in enumerate(members):
            info = zipfile.ZipInfo(name, _STAMP)
            # OpenDocument wants its "mimetype" first and not compressed.
            stored = stored_first and index == 0
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def _column_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(65 + remainder) + name
    return name


def _text(value: str) -> str:
    return escape(value).replace("\r\n", "\n").replace("\r", "\n")


def xlsx_bytes(rows: Rows, sheet: str = "Métiers") -> bytes:
    """A workbook of one sheet holding ``rows`` as text (inline strings), the first in bold."""
    lines = []
    for number, row in enumerate(rows, start=1):
        style = ' s="1"' if number == 1 else ""
        cells = "".join(
            f'<c r="{_column_name(index)}{number}" s="2"><v>{(value - _EPOCH).days}</v></c>'
            if isinstance(value, date)
            else f'<c r="{_column_name(index)}{number}" t="inlineStr"{style}>'
            f'<is><t xml:space="preserve">{_text(value)}</t></is></c>'
            for index, value in enumerate(row)
            if value != ""
        )
        lines.append(f'<row r="{number}">{cells}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    return _zip(
        [
            (
                "[Content_Types].xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<Types xmlns="{package}/content-types">'
                '<Default Extension="rels"'
                ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                '<Override PartName="/xl/styles.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                "</Types>",
            ),
            (
                "_rels/.rels",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<Relationships xmlns="{package}/relationships">'
                f'<Relationship Id="rId1" Type="{relations}/officeDocument"'
                ' Target="xl/workbook.xml"/></Relationships>',
            ),
            (
                "xl/workbook.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<workbook xmlns="{main}" xmlns:r="{relations}"><sheets>'
                f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
            ),
            (
                "xl/_rels/workbook.xml.rels",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<Relationships xmlns="{package}/relationships">'
                f'<Relationship Id="rId1" Type="{relations}/worksheet"'
                ' Target="worksheets/sheet1.xml"/>'
                f'<Relationship Id="rId2" Type="{relations}/styles" Target="styles.xml"/>'
                "</Relationships>",
            ),
            (
                "xl/styles.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<styleSheet xmlns="{main}">'
                '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
                '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
                '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
                '<borders count="1"><border/></borders>'
                '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
                '<cellXfs count="3"><xf/><xf fontId="1" applyFont="1"/>'
                '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
                "</styleSheet>",
            ),
            (
                "xl/worksheets/sheet1.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<worksheet xmlns="{main}"><sheetData>{"".join(lines)}</sheetData></worksheet>',
            ),
        ]
    )


def ods_bytes(rows: Rows, sheet: str = "Métiers") -> bytes:
    """An OpenDocument spreadsheet of one sheet holding ``rows`` as text."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    body = []
    for row in rows:
        cells = []
        for value in row:
            if value == "":
                cells.append("<table:table-cell/>")
                continue
            if isinstance(value, date):
                cells.append(
                    f'<table:table-cell office:value-type="date"'
                    f' office:date-value="{value.isoformat()}"><text:p>'
                    f"{value:%d/%m/%Y}</text:p></table:table-cell>"
                )
                continue
            lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in lines)
            cells.append(
                f'<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>'
            )
        body.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    mimetype = "application/vnd.oasis.opendocument.spreadsheet"
    return _zip(
        [
            ("mimetype", mimetype),
            (
                "META-INF/manifest.xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                'manifest:1.0" manifest:version="1.2">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                '<manifest:file-entry manifest:full-path="content.xml"'
                ' manifest:media-type="text/xml"/></manifest:manifest>',
            ),
            (
                "content.xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                f'<office:document-content xmlns:office="{office}" xmlns:table="{table}"'
                f' xmlns:text="{text}" office:version="1.2"><office:body><office:spreadsheet>'
                f'<table:table table:name="{escape(sheet)}">{"".join(body)}</table:table>'
                "</office:spreadsheet></office:body></office:document-content>",
            ),
        ],
        stored_first=True,
    )
