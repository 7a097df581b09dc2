"""Markdown in career text, turned into safe HTML.

Authors may use bold, italics, links and, in paragraphs, bullet lists and
sub-headings. Raw
HTML is never passed through: it is escaped and shows as the text typed.
Links are live only for http(s) and mailto; any other link (``javascript:``,
``file:``, a relative path) stays on the page as the plain text written.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markupsafe import Markup

from brochure.sheet.typography import french_spacing
from brochure.source.model import ALLOWED_URL_SCHEMES

# Headings in a text sit under the section's own title (h2).
SUB_HEADING = "h3"

# Block constructs a career text has no use for: code blocks, quotes and
# rules would break the sheet's look. Disabled, they stay text. Setext
# headings (a line of "---" under text) are too easy to write by accident.
_DISABLED_RULES = [
    "lheading",
    "code",
    "fence",
    "blockquote",
    "hr",
    "reference",
    "html_block",
    "html_inline",
    "image",
]


def _is_allowed_link(url: str) -> bool:
    try:
        return urlsplit(url.strip()).scheme.lower() in ALLOWED_URL_SCHEMES
    except ValueError:
        return False


def _french_text(state: StateCore) -> None:
    """Apply French spacing to the text only, never to markup or link targets."""
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "text":
                child.content = french_spacing(child.content)


def _sub_headings(state: StateCore) -> None:
    """Make every heading in a text a sub-heading (h3) of its section (h2)."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = SUB_HEADING


def _make_parser(french: bool) -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable(_DISABLED_RULES)
    parser.validateLink = _is_allowed_link  # type: ignore[method-assign]
    if french:
        parser.core.ruler.push("french_text", _french_text)
    parser.core.ruler.push("sub_headings", _sub_headings)
    return parser


_PARSERS = {True: _make_parser(french=True), False: _make_parser(french=False)}


def render_block(text: str, french: bool = True) -> Markup:
    """Render paragraphs, bullet lists and sub-headings (``### ...``) to HTML."""
    return Markup(_PARSERS[french].render(text).strip())


def render_inline(text: str, french: bool = True) -> Markup:
    """Render one line of inline Markdown (bold, italics, links) to HTML."""
    return Markup(_PARSERS[french].renderInline(text).strip())
