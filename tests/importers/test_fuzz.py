"""Property-based tests: no input makes an importer raise anything but our own errors.

The default run tries a few dozen inputs per property; set
HYPOTHESIS_PROFILE=fuzz to try thousands (a few minutes).
"""

from __future__ import annotations

import csv
import html
import io
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brochure.errors import BrochureError
from brochure.importers.htmltext import html_to_markdown
from brochure.importers.importer import import_records
from brochure.importers.onisep import read_records
from brochure.importers.record import Record
from brochure.importers.spreadsheet import COLUMNS, read_rows
from brochure.sheet.markup import render_block
from brochure.source.loader import load_career

# The same profiles in every fuzz module (tests/source/test_yamlfile_fuzz.py too):
# registering one again with the same settings changes nothing. No example
# database: the fuzzers leave no folder behind in the work tree.

# Files are written in a temporary folder per example, not in pytest's tmp_path.
files = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

LETTERS = "abcxyzABCÉéèàçœ’«»0123456789"
MARKDOWN = "*_[]()\\`<>#&!-+=.:;|~\"'/"
SPACES = " \t\n\u00a0\u202f"

# HTML as ONISEP writes it: paragraphs, lists, headings, bold, italics and links.
words = st.text(alphabet=LETTERS + MARKDOWN + SPACES, min_size=1, max_size=12)
hrefs = st.sampled_from(
    [
        "https://www.onisep.fr/metier?id=1&amp;x=2",
        "mailto:cio@example.org",
        "javascript:alert(1)",
        "https://exemple.fr/a (b)",
        "",
        "/relatif",
    ]
)
inline = st.recursive(
    words.map(lambda text: ("text", text)),
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["b", "strong", "i", "em"]), st.lists(inner, max_size=3)),
        st.tuples(st.just("a"), st.lists(inner, max_size=3), hrefs),
    ),
    max_leaves=12,
)
blocks = st.one_of(
    st.tuples(st.sampled_from(["p", "h3", "h5"]), st.lists(inline, min_size=1, max_size=4)),
    st.tuples(
        st.sampled_from(["ul", "ol"]),
        st.lists(st.lists(inline, min_size=1, max_size=3), min_size=1, max_size=4),
    ),
)
fragments = st.lists(blocks, min_size=1, max_size=5)


def html_of(node: tuple) -> str:
    kind = node[0]
    if kind == "text":
        return html.escape(node[1])
    if kind == "a":
        return f'<a href="{node[2]}">{"".join(html_of(child) for child in node[1])}</a>'
    return f"<{kind}>{''.join(html_of(child) for child in node[1])}</{kind}>"


def block_html(block: tuple) -> str:
    kind, content = block
    if kind in ("ul", "ol"):
        items = "".join(f"<li>{''.join(html_of(part) for part in item)}</li>" for item in content)
        return f"<{kind}>{items}</{kind}>"
    return f"<{kind}>{''.join(html_of(part) for part in content)}</{kind}>"


def texts(node: tuple) -> list[str]:
    """Each text node below ``node``, as ONISEP wrote it."""
    if node[0] == "text":
        return [node[1]]
    return [text for child in node[1] for text in texts(child)]


def block_texts(block: tuple) -> list[str]:
    kind, content = block
    parts = [part for item in content for part in item] if kind in ("ul", "ol") else content
    return [text for part in parts for text in texts(part)]


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark's backslash escapes


@given(fragments)
def test_html_to_markdown_keeps_every_word(fragment):
    source = "".join(block_html(block) for block in fragment)
    markdown = html_to_markdown(source)
    shown = _ESCAPED.sub(r"\1", markdown)
    for block in fragment:
        for text in block_texts(block):
            for word in text.split():
                assert word in shown, (word, source, markdown)


class _TextOf(HTMLParser):
    """The text of some HTML, a space where a block starts or ends."""

    BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "br"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        self.handle_starttag(tag, [])

    def handle_data(self, data):
        self.parts.append(data)


def reader_text(markup: str) -> list[str]:
    parser = _TextOf()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts).split()


@given(fragments)
def test_the_sheet_shows_the_text_onisep_wrote(fragment):
    # Stronger than every word being there: once the Markdown is rendered,
    # the reader sees the same text, no asterisk or bracket more or less.
    source = "".join(block_html(block) for block in fragment)
    rendered = render_block(html_to_markdown(source), french=False)
    assert reader_text(str(rendered)) == reader_text(source), (source, rendered)


@given(st.text(alphabet="<>/=\"' abpiemstrongh3ulol!-[]CDATA&#;x\n", max_size=200))
def test_html_to_markdown_never_raises_on_any_tag_soup(soup):
    assert isinstance(html_to_markdown(soup), str)


@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["b", "i", "a", "strong", "em"]))
def test_deeply_nested_inline_tags_keep_their_text(depth, tag):
    source = f"<p>{f'<{tag}>' * depth}mot{f'</{tag}>' * depth} fin</p>"
    assert "mot" in html_to_markdown(source)


# CSV files: a header of known (and a few unknown) columns, cells full of
# separators, quotes, line breaks of every kind; sometimes not UTF-8.
CELL = LETTERS + ";,|:-–à \"'\n\r\t\x0c\x85\u2028\u2029\ufeff\x00\x1bhttps://"
cells = st.one_of(
    st.text(alphabet=LETTERS + " ", min_size=1, max_size=20),  # mostly good data
    st.text(alphabet=CELL, max_size=30),
)
good_headers = st.lists(st.sampled_from(COLUMNS), unique=True, max_size=8).map(
    lambda columns: ["title", "summary", *(c for c in columns if c not in ("title", "summary"))]
)
any_headers = st.lists(
    st.one_of(st.sampled_from(COLUMNS), st.sampled_from(["colour", "", " title ", "id"])),
    min_size=1,
    max_size=8,
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(st.permutations(draw(good_headers)) if draw(st.integers(0, 4)) else any_headers)
    delimiter = draw(st.sampled_from([";", ","]))
    width = len(header) if draw(st.integers(0, 4)) else draw(st.integers(0, len(header) + 1))
    rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width), max_size=6))
    if draw(st.booleans()):  # as a spreadsheet writes it
        out = io.StringIO()
        writer = csv.writer(
            out, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))
        )
        writer.writerow(header)
        writer.writerows(rows)
        text = out.getvalue()
    else:  # as someone types it
        text = "\n".join(delimiter.join(row) for row in [header, *rows])
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 9)) == 0:
        data += draw(st.binary(max_size=4))
    return data


def check_import(records, folder: Path, source: str) -> None:
    """Importing never raises; every file it writes is a valid career file."""
    report = import_records(records, folder, source)
    assert report.error is None or isinstance(report.error, BrochureError)
    for result in report.results:
        assert result.action in ("created", "updated", "unchanged", "failed")
        if result.action == "created":
            assert result.path is not None and len(result.path.name.encode()) < 255
            load_career(result.path)


@files
@given(csv_files())
def test_csv_reader_yields_records_or_our_errors(data):
    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder) / "table.csv"
        table.write_bytes(data)
        try:
            records = list(read_rows(table))
        except BrochureError:
            return
        assert all(isinstance(record, Record) for record in records)
        check_import(iter(records), Path(folder) / "data", "spreadsheet")


# ONISEP exports: well-formed ones with odd content and structure, then broken ones.
XML_TEXT = LETTERS + "<>&;'\" \n\t/\x85\x7f\u2028]]>"
xml_texts = st.text(alphabet=XML_TEXT, max_size=20)
FIELDS = [
    "nom_metier",
    "libelle_feminin",
    "accroche_metier",
    "nature_travail",
    "competences",
    "vie_professionnelle",
    "acces_metier",
]


@st.composite
def metiers(draw: st.DrawFn) -> str:
    identifier = draw(st.one_of(st.sampled_from(["MET.1", "MET.2", "MET.3", ""]), xml_texts))
    parts = [f"<identifiant>{html.escape(identifier)}</identifiant>"]
    if draw(st.integers(0, 4)):
        parts.append(f"<nom_metier>{html.escape(draw(xml_texts))}</nom_metier>")
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=5)):
        if draw(st.booleans()):
            content = "".join(block_html(block) for block in draw(fragments))
            parts.append(f"<{name}><![CDATA[{content}]]></{name}>")
        else:
            parts.append(f"<{name}>{html.escape(draw(xml_texts))}</{name}>")
    if draw(st.booleans()):
        label = html.escape(draw(xml_texts), quote=True)
        parts.append(
            f'<statuts><statut libelle="{label}"/><statut><libelle>{label}</libelle></statut></statuts>'
        )
    if draw(st.booleans()):
        url = html.escape(
            draw(st.sampled_from(["https://a.fr", "javascript:x", ""])) + draw(xml_texts)
        )
        parts.append(
            f"<sources_numeriques><source><valeur>{url}</valeur></source></sources_numeriques>"
        )
    record = f"<metier>{''.join(draw(st.permutations(parts)))}</metier>"
    wrapper = draw(st.sampled_from(["", "groupe", "metier"]))  # nested below the root
    return f"<{wrapper}>{record}</{wrapper}>" if wrapper else record


@st.composite
def exports(draw: st.DrawFn) -> bytes:
    encoding = draw(
        st.one_of(
            st.sampled_from(["UTF-8", None]),
            st.sampled_from(["ISO-8859-1", "x-bogus", "utf-16", "utf-7", "hex", "idna"]),
        )
    )
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else ""
    root = draw(st.sampled_from(["metiers"] * 5 + ["rss"]))
    body = "".join(draw(st.lists(metiers(), max_size=4)))
    data = f"{declaration}\n<{root}>{body}</{root}>".encode()
    damage = draw(st.integers(-3, 3))  # none half of the time
    if damage == 1:  # cut short
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == 2:  # a few bytes replaced
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=3)) + data[at + 1 :]
    elif damage == 3:
        data = data.replace(b"<metiers>", b"<!DOCTYPE x [<!ENTITY a 'b'>]><metiers>", 1)
    return data


@files
@given(exports())
def test_onisep_reader_yields_records_or_our_errors(data):
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.xml"
        export.write_bytes(data)
        records = []
        try:
            for record in read_records(export):
                assert isinstance(record, Record)
                records.append(record)
        except BrochureError:
            pass
        check_import(iter(records), Path(folder) / "data", "ONISEP")


# Career files an import wrote, then edited by hand in every way: a new import
# over them never raises, and a file it refuses is left exactly as it was.
SOURCE_EXPORT = (
    "<metiers>"
    "<metier><identifiant>MET.1</identifiant><nom_metier>cordiste</nom_metier>"
    "<nature_travail><![CDATA[<p>Grimper.</p><ul><li>Poser</li></ul>]]></nature_travail>"
    "<statuts><statut libelle='salarié'/></statuts></metier>"
    "<metier><identifiant>MET.2</identifiant><nom_metier>boulanger</nom_metier></metier>"
    "</metiers>"
)
edited_lines = st.one_of(
    st.sampled_from(
        [
            "origin: ONISEP",
            "  fingerprints: oui",
            "  fingerprints: [a, b]",
            "  id: MET.2",
            "  id: [MET.1]",
            "  source: spreadsheet",
            "missions: Grimper.",
            "missions:\n- Grimper",
            "  intro: [a]",
            'title: "\\ud800"',
            'summary: "\\x00"',
            "title:",
            "statuts: salarié",
            "- [Niveau]",
            "recap: x",
            '"notes[1]": à revoir',
            "",
        ]
    ),
    st.text(alphabet=":-[]{}#&*!|>'\"%@\t\n abc", max_size=20),
)


@files
@given(st.lists(st.tuples(st.integers(0, 60), edited_lines), min_size=1, max_size=4))
def test_reimport_over_hand_edited_files_never_raises(edits):
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.xml"
        export.write_text(SOURCE_EXPORT, encoding="utf-8")
        data = Path(folder) / "data"
        assert import_records(read_records(export), data, "ONISEP").error is None
        path = data / "cordiste.yaml"
        lines = path.read_text(encoding="utf-8").split("\n")
        for number, line in edits:
            lines[number % len(lines)] = line
        path.write_text("\n".join(lines), encoding="utf-8")
        before = {p.name: p.read_bytes() for p in data.iterdir()}

        report = import_records(read_records(export), data, "ONISEP")
        assert report.error is None
        for result in report.results:
            if result.action == "failed":
                for problem in result.problems:
                    if problem.path is not None and problem.path.name in before:
                        assert problem.path.read_bytes() == before[problem.path.name]
            else:
                assert result.path is not None
                load_career(result.path)
        assert path.exists()
