"""ONISEP's HTML fragments, turned into the Markdown a career file holds.

ONISEP's export keeps its text sections as HTML in CDATA: paragraphs, headings,
lists, bold, italics, links and line breaks. They become the Markdown that
:mod:`brochure.markup` renders: paragraphs, ``- `` items, ``###`` headings,
``**bold**``, ``*italics*`` and http(s) or mailto links. Any other tag is
dropped and its text kept; the content of ``script`` and ``style`` is dropped.

Every character of the source text that Markdown would read as markup is
escaped, so the text shows exactly as ONISEP wrote it. Malformed HTML (unclosed
or stray tags, inline tags nested hundreds deep) never raises: the text is
always kept, and a fragment takes time in proportion to its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LISTS = frozenset({"ul", "ol"})
_SKIPPED = frozenset({"script", "style"})
# Inline spans nested deeper than this are a mistake (or an attack): their
# tags are dropped and their text kept, so that nothing recurses without end.
MAX_SPAN_DEPTH = 24
# Inline tags, by the kind of span they make: <b> and <strong> are one kind.
_SPAN_KINDS = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "a": "a"}
_MARKERS = {"strong": "**", "em": "*"}
# Block tags that are not converted: their text joins the block around them,
# set apart by a space so that the words of two cells do not run together.
_SEPARATORS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hr",
        "main",
        "nav",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
    }
)

# HTML's white space; U+00A0 and U+202F are not in it and stay as they are.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_SPACE_RUN = re.compile(r" {2,}")
_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
# Markdown decodes "&eacute;" and "&#39;": a "&" that would start one is escaped.
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_ORDERED_MARKER = re.compile(r"\d+(?=[.)](?:\s|$))")
# A heading, a bullet, or a line that would make a setext heading or a rule.
_LINE_MARKER = re.compile(r"#|[-+](?:\s|$)|[-=][-= ]*$")
_CLOSING_HASHES = re.compile(r"(?<= )#+$")
# Python 3.11's HTMLParser raises on "<![" not followed by one of these words.
_BAD_MARKED_SECTION = re.compile(
    r"<!\[(?!(?:cdata|if|else|endif|temp|ignore|include|rcdata)(?![-_.a-z0-9]))", re.IGNORECASE
)
_LINK_SCHEME = re.compile(r"(?:https?://|mailto:)", re.IGNORECASE)
# Characters that would end or break a link destination in Markdown.
_URL_UNSAFE = re.compile(r"[\x00-\x20()<>\\\x7f]")


@dataclass
class _Span:
    """Inline content; ``kind`` is "" for a block's own text."""

    kind: str = ""
    opening: str = ""
    closing: str = ""
    href: str = ""
    parts: list[str | _Span] = field(default_factory=list)

    def render(self, before: str = "", after: str = "", nested: bool = False) -> str:
        """This span's Markdown.

        ``before`` and ``after`` are the characters Markdown sees around it;
        ``nested`` says whether an emphasis opened earlier is still open.
        """
        is_link = self.kind == "a" and bool(self.opening)
        # A link's text is read on its own, between its brackets.
        edges = ("[", "]", False) if is_link else (before, after, nested)
        # The first character after each part, markers left out: found in one
        # pass from the end, as the last character so far is kept from the
        # start, so that a span of many parts takes linear time.
        following = [""] * (len(self.parts) + 1)
        for position in range(len(self.parts) - 1, -1, -1):
            following[position] = _first_char(self.parts[position]) or following[position + 1]
        rendered: list[str] = []
        last = ""  # the last character rendered so far
        for position, part in enumerate(self.parts):
            if isinstance(part, str):
                piece = part
            else:
                context = (
                    last or edges[0],
                    following[position + 1] or edges[1],
                    edges[2] or (bool(self.opening) and not is_link and bool(last)),
                )
                piece = part.render(*context)
            rendered.append(piece)
            # An escaped "*" is always escaped within its own piece.
            last = _last_char(piece) or last
        content = "".join(rendered)
        stripped = content.strip()
        if not self.opening or not stripped:
            return content
        # Spaces stay outside: "** a **" would not be bold in Markdown.
        lead = content[: len(content) - len(content.lstrip())]
        trail = content[len(content.rstrip()) :]
        if not is_link and not _emphasis_works(
            lead[-1:] or before, stripped, trail[:1] or after, nested
        ):
            # Markdown would show the asterisks: keep the text, lose the emphasis.
            return content
        return f"{lead}{self.opening}{stripped}{self.closing}{trail}"


def _emphasis_works(before: str, content: str, after: str, nested: bool) -> bool:
    """Whether ``*`` markers around ``content`` make emphasis in CommonMark.

    A marker between a letter outside and punctuation inside (``x**(y)**``)
    cannot open or close; one right after another span's marker would join
    its run (``*a***b**``). Inside another emphasis, an opening marker that
    could also close (``*a!**(b)**c*``) would close the outer one instead.
    """
    if before == "*":
        return False  # markers touching another span's would run together
    # Unescaped asterisks at the ends are inner spans' markers, not text.
    first, last = content.lstrip("*")[:1], content.rstrip("*")[-1:]
    if _is_punctuation(first) and before.isalnum():
        return False
    if _is_punctuation(last) and after.isalnum():
        return False
    if not nested or before == "" or before.isspace():
        return True
    # The opening marker must not be able to close: punctuation outside, a letter inside.
    return _is_punctuation(before) and first.isalnum()


def _is_punctuation(char: str) -> bool:
    return char != "" and not char.isalnum() and not char.isspace()


def _first_char(part: str | _Span) -> str:
    """The first character of a part, leaving out emphasis markers."""
    if isinstance(part, str):
        return part[:1]
    if part.kind == "a" and part.opening and _text(part).strip():
        return "["
    for child in part.parts:
        char = _first_char(child)
        if char:
            return char
    return ""


def _last_char(markdown: str) -> str:
    """The last character of some Markdown: "*" only if it is an emphasis marker."""
    if markdown.endswith("*"):
        backslashes = len(markdown) - 1 - len(markdown[:-1].rstrip("\\"))
        if backslashes % 2:
            return "."  # an escaped asterisk, plain punctuation to Markdown
    return markdown[-1:]


def _text(span: _Span) -> str:
    return "".join(part if isinstance(part, str) else _text(part) for part in span.parts)


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", _HTML_SPACE.sub(" ", text))


def _escape_line_start(line: str) -> str:
    ordered = _ORDERED_MARKER.match(line)
    if ordered:
        return f"{line[: ordered.end()]}\\{line[ordered.end() :]}"
    if _LINE_MARKER.match(line):
        return f"\\{line}"
    return line


def _lines(markdown: str) -> list[str]:
    """The non-empty lines of a block's Markdown, spaces collapsed and trimmed."""
    stripped = (line.strip() for line in _SPACE_RUN.sub(" ", markdown).split("\n"))
    return [line for line in stripped if line]


def _link_target(href: str) -> str | None:
    """The Markdown destination of an allowed link, or None for any other link."""
    # Browsers ignore tabs and newlines in a URL and trim it.
    href = re.sub(r"[\t\n\r]", "", href).strip()
    if not _LINK_SCHEME.match(href):
        return None
    return _URL_UNSAFE.sub(lambda match: f"%{ord(match.group()):02X}", href)


class _Converter(HTMLParser):
    """Collects the blocks of a fragment as HTMLParser reports its tags and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._blocks: list[tuple[str, str]] = []
        self._kind: str | None = None  # the open block: "p", "h" or "list"
        self._spans: list[_Span] = [_Span()]
        self._dropped: dict[str, int] = {}  # open tags, by kind, nested too deep to count
        self._items: list[str] = []
        self._depth = 0  # how many <ul>/<ol> are open
        self._in_item = False
        self._skipping = False

    def markdown(self) -> str:
        self._close_block()
        text = ""
        previous = ""
        for kind, block in self._blocks:
            # Two lists in a row make one: a blank line between them would make
            # markdown-it join them into one "loose" list anyway, item by paragraph.
            separator = "\n" if kind == previous == "list" else "\n\n"
            text = f"{text}{separator}{block}" if text else block
            previous = kind
        return _ENTITY_START.sub(r"\\&", text)

    # Blocks

    def _open(self, kind: str) -> None:
        self._close_block()
        self._kind = kind

    def _take_text(self) -> str:
        text = self._spans[0].render()
        self._spans = [_Span()]
        self._dropped = {}
        return text

    def _end_item(self) -> None:
        item = " ".join(_lines(self._take_text()))
        if item:
            self._items.append(f"- {_escape_line_start(item)}")

    def _close_block(self) -> None:
        if self._kind == "list":
            self._end_item()
            if self._items:
                self._blocks.append(("list", "\n".join(self._items)))
        elif self._kind == "h":
            heading = " ".join(_lines(self._take_text()))
            if heading:
                heading = _CLOSING_HASHES.sub(r"\\\g<0>", _escape_line_start(heading))
                self._blocks.append(("h", f"### {heading}"))
        elif self._kind == "p":
            lines = _lines(self._take_text())
            if lines:
                # A backslash at the end of a line is Markdown's hard line break (<br>).
                self._blocks.append(("p", "\\\n".join(_escape_line_start(line) for line in lines)))
        self._kind = None
        self._spans = [_Span()]
        self._dropped = {}
        self._items = []
        self._depth = 0
        self._in_item = False

    def _in_list_item(self) -> bool:
        return self._kind == "list" and (self._depth > 0 or self._in_item)

    def _append(self, part: str | _Span) -> None:
        if self._kind is None:
            self._open("p")  # text outside any block is a paragraph of its own
        self._spans[-1].parts.append(part)

    # Inline spans

    def _open_span(self, kind: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self._spans) > MAX_SPAN_DEPTH:
            self._dropped[kind] = self._dropped.get(kind, 0) + 1
            return
        parent = self._spans[-1]
        href = ""
        if kind == "a":
            href = next((value or "" for name, value in attrs if name == "href"), "")
        last = parent.parts[-1] if parent.parts else None
        if isinstance(last, _Span) and last.kind == kind and last.href == href:
            # "<em>a</em><em>b</em>" as "*a**b*" would not be italics: reopen the span.
            self._spans.append(last)
            return
        span = _Span(kind, href=href)
        # Nested spans of one kind would close each other in Markdown: the
        # inner one only keeps its text, like a link whose target is refused.
        if all(open_span.kind != kind for open_span in self._spans):
            if kind == "a":
                target = _link_target(href)
                if target is not None:
                    span.opening, span.closing = "[", f"]({target})"
            else:
                span.opening = span.closing = _MARKERS[kind]
        self._append(span)
        self._spans.append(span)

    def _close_span(self, kind: str) -> None:
        if self._dropped.get(kind):
            self._dropped[kind] -= 1  # the innermost tag of that kind was dropped
            return
        for position in range(len(self._spans) - 1, 0, -1):
            if self._spans[position].kind == kind:
                del self._spans[position:]  # closes the spans left open inside it too
                return

    # HTMLParser's events

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping = True
        elif tag in _LISTS:
            if self._kind == "list":
                self._end_item()  # a nested list's items follow its parent's
            else:
                self._open("list")
            self._depth += 1
        elif tag == "li":
            if self._kind == "list":
                self._end_item()
            else:
                self._open("list")
            self._in_item = True
        elif tag == "p" or tag in _HEADINGS:
            if self._in_list_item():
                self._append(" ")
            else:
                self._open("p" if tag == "p" else "h")
        elif tag == "br":
            self._append("\n" if self._kind in (None, "p") else " ")
        elif tag in _SPAN_KINDS:
            self._open_span(_SPAN_KINDS[tag], attrs)
        elif tag in _SEPARATORS and self._kind is not None:
            self._append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = False
        elif tag in _LISTS:
            if self._kind == "list":
                self._end_item()
                self._depth -= 1
                if self._depth <= 0:
                    self._close_block()
        elif tag == "li":
            if self._kind == "list":
                self._end_item()
                self._in_item = False
        elif tag == "p" or tag in _HEADINGS:
            if self._in_list_item():
                self._append(" ")
            elif self._kind == ("p" if tag == "p" else "h"):
                self._close_block()
        elif tag in _SPAN_KINDS:
            self._close_span(_SPAN_KINDS[tag])
        elif tag in _SEPARATORS and self._kind is not None:
            self._append(" ")

    def handle_data(self, data: str) -> None:
        if self._skipping or (self._kind is None and not _HTML_SPACE.sub("", data)):
            return
        self._append(_escape(data))

    def unknown_decl(self, data: str) -> None:
        if data[:6].upper() == "CDATA[":
            self.handle_data(data[6:])  # keep the text of a CDATA section


def html_to_markdown(html: str) -> str:
    """Turn a fragment of ONISEP's HTML into the Markdown a career file holds."""
    converter = _Converter()
    converter.feed(_BAD_MARKED_SECTION.sub("&lt;![", html))
    converter.close()
    return converter.markdown()
