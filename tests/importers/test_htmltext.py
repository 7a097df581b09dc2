"""ONISEP's HTML fragments turned into the Markdown a career file holds."""

from __future__ import annotations

import pytest

from brochure.importers.htmltext import html_to_markdown
from brochure.sheet.markup import render_block

NBSP = "\u00a0"
NNBSP = "\u202f"

EXAMPLE = """<h5>Au rucher</h5>
<p>Visiter les ruches, surveiller la santé des colonies, prévenir l'essaimage.</p>
<h5>À la miellerie</h5>
<ul><li>extraire le miel</li><li>le mettre en pots</li><li>vendre sur les marchés</li></ul>
<p>Patience, calme et <strong>sens de l'observation</strong> ; ne pas craindre les piqûres.</p>
"""

EXAMPLE_MARKDOWN = """### Au rucher

Visiter les ruches, surveiller la santé des colonies, prévenir l'essaimage.

### À la miellerie

- extraire le miel
- le mettre en pots
- vendre sur les marchés

Patience, calme et **sens de l'observation** ; ne pas craindre les piqûres."""


def test_onisep_example_fragment():
    assert html_to_markdown(EXAMPLE) == EXAMPLE_MARKDOWN


BLOCKS = [
    pytest.param("", "", id="empty"),
    pytest.param(" \n\t ", "", id="white-space-only"),
    pytest.param("<p></p><h5> </h5><ul><li>\n</li></ul>", "", id="tags-without-text"),
    pytest.param("<p>&nbsp;</p>", "", id="nbsp-only-paragraph"),
    pytest.param("<p>Un.</p><p>Deux.</p>", "Un.\n\nDeux.", id="paragraphs"),
    pytest.param("\n<p>\n  Un.\n</p>\n\n<p>Deux.</p>\n", "Un.\n\nDeux.", id="paragraphs-indented"),
    pytest.param(
        "<p>Un.</p><p></p><p> </p><p>Deux.</p>", "Un.\n\nDeux.", id="empty-paragraphs-dropped"
    ),
    pytest.param("Texte libre.", "Texte libre.", id="bare-text"),
    pytest.param(
        "avant<p>dans</p>après", "avant\n\ndans\n\naprès", id="bare-text-around-paragraph"
    ),
    pytest.param("Un <strong>mot</strong>.", "Un **mot**.", id="bare-text-with-inline-tag"),
    pytest.param("<h1>Titre</h1>", "### Titre", id="h1"),
    pytest.param("<h2>Titre</h2>", "### Titre", id="h2"),
    pytest.param("<h3>Titre</h3>", "### Titre", id="h3"),
    pytest.param("<h4>Titre</h4>", "### Titre", id="h4"),
    pytest.param("<h5>Titre</h5>", "### Titre", id="h5"),
    pytest.param("<h6>Titre</h6>", "### Titre", id="h6"),
    pytest.param("<H5 class='x'>Titre</H5>", "### Titre", id="heading-upper-case-with-attribute"),
    pytest.param("<h3>Titre</h3><p>Texte.</p>", "### Titre\n\nTexte.", id="heading-then-paragraph"),
    pytest.param("<h4><strong>Titre</strong></h4>", "### **Titre**", id="heading-with-bold"),
    pytest.param("<ul><li>un</li><li>deux</li></ul>", "- un\n- deux", id="bullet-list"),
    pytest.param("<ol><li>un</li><li>deux</li></ol>", "- un\n- deux", id="ordered-list-as-bullets"),
    pytest.param(
        "<ul>\n  <li>\n    un\n  </li>\n  <li>deux</li>\n</ul>", "- un\n- deux", id="list-indented"
    ),
    pytest.param(
        "<p>Avant :</p><ul><li>un</li></ul><p>Après.</p>",
        "Avant :\n\n- un\n\nAprès.",
        id="list-between-paragraphs",
    ),
    pytest.param(
        "<ul><li>un<ul><li>un.a</li><li>un.b</li></ul></li><li>deux</li></ul>",
        "- un\n- un.a\n- un.b\n- deux",
        id="nested-list-flattened",
    ),
    pytest.param(
        "<ul><li>un<ol><li>deux<ul><li>trois</li></ul></li></ol></li></ul>",
        "- un\n- deux\n- trois",
        id="deeply-nested-list-flattened",
    ),
    pytest.param(
        "<ul><li>un<ul><li>un.a</li></ul>suite</li></ul>",
        "- un\n- un.a\n- suite",
        id="text-after-nested-list",
    ),
    pytest.param(
        "<ul><li><p>un</p></li><li><p>deux</p><p>trois</p></li></ul>",
        "- un\n- deux trois",
        id="paragraphs-in-item",
    ),
    pytest.param("<ul><li><h5>un</h5> deux</li></ul>", "- un deux", id="heading-in-item"),
    pytest.param(
        "<ul><li>un</li><li></li><li> </li><li>&nbsp;</li><li>deux</li></ul>",
        "- un\n- deux",
        id="empty-items-dropped",
    ),
    pytest.param("<ul><li></li></ul>", "", id="list-of-empty-items"),
    pytest.param(
        "<ul><li>un</li></ul><ol><li>deux</li></ol>", "- un\n- deux", id="lists-in-a-row-joined"
    ),
    pytest.param("<ul>texte<li>un</li></ul>", "- texte\n- un", id="text-in-list-outside-item"),
    pytest.param("<li>un</li><li>deux</li>", "- un\n- deux", id="items-without-list"),
    pytest.param(
        "<li>un</li><p>après</p>", "- un\n\naprès", id="items-without-list-then-paragraph"
    ),
]


@pytest.mark.parametrize(("html", "markdown"), BLOCKS)
def test_blocks(html, markdown):
    assert html_to_markdown(html) == markdown


INLINE = [
    pytest.param("<p><strong>gras</strong></p>", "**gras**", id="strong"),
    pytest.param("<p><b>gras</b></p>", "**gras**", id="b"),
    pytest.param("<p><em>italique</em></p>", "*italique*", id="em"),
    pytest.param("<p><i>italique</i></p>", "*italique*", id="i"),
    pytest.param("<p>un<strong> a </strong>b</p>", "un **a** b", id="spaces-kept-outside-markers"),
    pytest.param(
        "<p><strong> a </strong></p>", "**a**", id="spaces-outside-markers-trimmed-at-line-ends"
    ),
    pytest.param("<p>x <em>\n a\n </em> y</p>", "x *a* y", id="newlines-inside-emphasis"),
    pytest.param(f"<p>x<b>{NBSP}a</b></p>", f"x{NBSP}**a**", id="nbsp-kept-outside-markers"),
    pytest.param("<p>a<strong></strong>b</p>", "ab", id="empty-strong-dropped"),
    pytest.param("<p>a<strong> </strong>b</p>", "a b", id="blank-strong-keeps-space"),
    pytest.param("<p>a<em>\n</em>b</p>", "a b", id="blank-em-keeps-space"),
    pytest.param("<p><b><i>les deux</i></b></p>", "***les deux***", id="bold-italics"),
    pytest.param(
        "<p><b>tout <i>en</i> gras</b></p>", "**tout *en* gras**", id="italics-inside-bold"
    ),
    pytest.param("<p><b>a <b>b</b> c</b></p>", "**a b c**", id="bold-inside-bold"),
    pytest.param("<p><strong>a <b>b</b> c</strong></p>", "**a b c**", id="b-inside-strong"),
    pytest.param("<p><em>a</em><em>b</em></p>", "*ab*", id="adjacent-italics-joined"),
    pytest.param("<p><b>a</b> <b>b</b></p>", "**a** **b**", id="bold-words"),
    pytest.param("<p>in<b>croy</b>able</p>", "in**croy**able", id="bold-inside-a-word"),
    pytest.param("<p>(<em>voir</em>)</p>", "(*voir*)", id="italics-in-brackets"),
    pytest.param("<p>l'<em>abeille</em></p>", "l'*abeille*", id="italics-after-apostrophe"),
    # Markdown cannot make these bold: the text stays, plain.
    pytest.param(
        "<p><strong>l'</strong>abeille</p>",
        "l'abeille",
        id="bold-ending-in-punctuation-before-letter",
    ),
    pytest.param("<p>x<b>(y)</b></p>", "x(y)", id="bold-starting-with-punctuation-after-letter"),
    pytest.param("<p>x<b>*</b>y</p>", "x\\*y", id="bold-asterisk-inside-word"),
    pytest.param("<p><em>a</em><strong>b</strong></p>", "*a*b", id="markers-would-touch"),
    pytest.param("<p><em>a!<b>(b)</b></em></p>", "*a!(b)*", id="bold-that-would-close-italics"),
]


@pytest.mark.parametrize(("html", "markdown"), INLINE)
def test_bold_and_italics(html, markdown):
    assert html_to_markdown(html) == markdown


LINKS = [
    pytest.param('<a href="http://example.org">site</a>', "[site](http://example.org)", id="http"),
    pytest.param(
        '<a href="https://www.onisep.fr/x">Onisep</a>',
        "[Onisep](https://www.onisep.fr/x)",
        id="https",
    ),
    pytest.param(
        '<a href="mailto:cio@example.org">écrire</a>',
        "[écrire](mailto:cio@example.org)",
        id="mailto",
    ),
    pytest.param(
        '<a href="HTTPS://EXAMPLE.ORG">site</a>',
        "[site](HTTPS://EXAMPLE.ORG)",
        id="scheme-upper-case",
    ),
    pytest.param('<a href="MailTo:a@b.fr">a</a>', "[a](MailTo:a@b.fr)", id="mailto-mixed-case"),
    pytest.param(
        '<a href="  https://example.org\n">site</a>',
        "[site](https://example.org)",
        id="href-trimmed",
    ),
    pytest.param('<a href="javascript:alert(1)">clic</a>', "clic", id="javascript-is-text"),
    pytest.param(
        '<a href="JavaScript:alert(1)">clic</a>', "clic", id="javascript-upper-case-is-text"
    ),
    pytest.param('<a href="file:///etc/passwd">clic</a>', "clic", id="file-is-text"),
    pytest.param('<a href="ftp://example.org">clic</a>', "clic", id="ftp-is-text"),
    pytest.param('<a href="/metier/apiculteur">clic</a>', "clic", id="relative-is-text"),
    pytest.param('<a href="http:example.org">clic</a>', "clic", id="http-without-slashes-is-text"),
    pytest.param("<a>clic</a>", "clic", id="no-href"),
    pytest.param('<a href="">clic</a>', "clic", id="empty-href"),
    pytest.param('<a name="ancre">clic</a>', "clic", id="anchor"),
    pytest.param(
        '<p>voir <a href="https://example.org"></a>ici</p>', "voir ici", id="empty-text-dropped"
    ),
    pytest.param(
        '<p>voir<a href="https://example.org"> </a>ici</p>', "voir ici", id="blank-text-keeps-space"
    ),
    pytest.param(
        '<p>voir<a href="https://example.org"> ici </a>!</p>',
        "voir [ici](https://example.org) !",
        id="spaces-outside-link",
    ),
    pytest.param(
        '<a href="https://example.org/a b">x</a>',
        "[x](https://example.org/a%20b)",
        id="space-in-href",
    ),
    pytest.param(
        '<a href="https://fr.wikipedia.org/wiki/Miel_(aliment)">x</a>',
        "[x](https://fr.wikipedia.org/wiki/Miel_%28aliment%29)",
        id="brackets-in-href",
    ),
    pytest.param(
        '<a href="https://example.org/a)b">x</a>',
        "[x](https://example.org/a%29b)",
        id="closing-bracket-in-href",
    ),
    pytest.param(
        '<a href="https://example.org/<b>\\">x</a>',
        "[x](https://example.org/%3Cb%3E%5C)",
        id="angle-brackets-and-backslash-in-href",
    ),
    pytest.param(
        '<a href="https://example.org/?a=1&amp;b=2">x</a>',
        "[x](https://example.org/?a=1&b=2)",
        id="entity-in-href-decoded",
    ),
    pytest.param(
        '<a href="https://example.org">[1] ]x[</a>',
        "[\\[1\\] \\]x\\[](https://example.org)",
        id="brackets-in-text-escaped",
    ),
    pytest.param(
        '<a href="https://example.org"><strong>gras</strong></a>',
        "[**gras**](https://example.org)",
        id="bold-link-text",
    ),
    pytest.param(
        '<strong><a href="https://example.org">lien</a></strong>',
        "**[lien](https://example.org)**",
        id="link-in-bold",
    ),
    pytest.param(
        '<a href="https://a.org">un <a href="https://b.org">deux</a> trois</a>',
        "[un deux trois](https://a.org)",
        id="link-in-link",
    ),
    pytest.param(
        '<a href="https://a.org">un</a><a href="https://a.org">deux</a>',
        "[undeux](https://a.org)",
        id="same-link-twice-joined",
    ),
    pytest.param(
        '<a href="https://a.org">un</a> <a href="https://b.org">deux</a>',
        "[un](https://a.org) [deux](https://b.org)",
        id="two-links",
    ),
    pytest.param(
        '<ul><li><a href="https://a.org">un</a></li></ul>',
        "- [un](https://a.org)",
        id="link-in-item",
    ),
]


@pytest.mark.parametrize(("html", "markdown"), LINKS)
def test_links(html, markdown):
    assert html_to_markdown(html) == markdown


BREAKS = [
    pytest.param("<p>un<br>deux</p>", "un\\\ndeux", id="br"),
    pytest.param("<p>un<br/>deux<br />trois</p>", "un\\\ndeux\\\ntrois", id="self-closing-br"),
    pytest.param("<p>un <br> deux</p>", "un\\\ndeux", id="no-space-around-line-break"),
    pytest.param("<p>un<br><br><br>deux</p>", "un\\\ndeux", id="no-empty-line-in-paragraph"),
    pytest.param("<p><br>un<br></p>", "un", id="br-at-paragraph-ends"),
    pytest.param("un<br>deux", "un\\\ndeux", id="br-in-bare-text"),
    pytest.param("<p><br></p>", "", id="br-only"),
    pytest.param("<p><strong>un<br>deux</strong></p>", "**un\\\ndeux**", id="br-in-bold"),
    pytest.param("<ul><li>un<br>deux</li></ul>", "- un deux", id="br-in-item-is-space"),
    pytest.param("<ul><li>un<br><br></li></ul>", "- un", id="br-at-item-end"),
    pytest.param("<h5>un<br>deux</h5>", "### un deux", id="br-in-heading-is-space"),
    pytest.param("<p>un</br>deux</p>", "undeux", id="closing-br-ignored"),
]


@pytest.mark.parametrize(("html", "markdown"), BREAKS)
def test_line_breaks(html, markdown):
    assert html_to_markdown(html) == markdown


WHITE_SPACE = [
    pytest.param(
        "<p>un\n   deux\t\ttrois\r\n quatre</p>", "un deux trois quatre", id="runs-collapsed"
    ),
    pytest.param("<p>   un   </p>", "un", id="ends-trimmed"),
    pytest.param(
        "<p>un <b>deux</b> <i>trois</i> quatre</p>",
        "un **deux** *trois* quatre",
        id="spaces-between-tags",
    ),
    pytest.param("<p>un<span> </span>deux</p>", "un deux", id="space-in-unknown-tag"),
    pytest.param("<p>Patience&nbsp;: oui</p>", f"Patience{NBSP}: oui", id="nbsp-entity-kept"),
    pytest.param(f"<p>Patience{NBSP}: oui</p>", f"Patience{NBSP}: oui", id="nbsp-character-kept"),
    pytest.param(f"<p>Oui{NNBSP}!</p>", f"Oui{NNBSP}!", id="narrow-nbsp-kept"),
    pytest.param(
        "<p>3&#8239;500&nbsp;€</p>", f"3{NNBSP}500{NBSP}€", id="nbsp-as-numeric-references"
    ),
    pytest.param("<p>a&nbsp;&nbsp;b</p>", f"a{NBSP}{NBSP}b", id="nbsp-run-not-collapsed"),
    pytest.param("<p>a &nbsp; b</p>", f"a {NBSP} b", id="nbsp-between-spaces"),
    pytest.param("<p>&nbsp;un&nbsp;</p>", "un", id="nbsp-at-line-ends-trimmed"),
]


@pytest.mark.parametrize(("html", "markdown"), WHITE_SPACE)
def test_white_space(html, markdown):
    assert html_to_markdown(html) == markdown


ENTITIES = [
    pytest.param("<p>&eacute;t&eacute;</p>", "été", id="named"),
    pytest.param("<p>Sant&#233; &#x2019;</p>", "Santé ’", id="numeric"),
    pytest.param("<p>l&#39;abeille</p>", "l'abeille", id="apostrophe"),
    pytest.param(
        "<p>Recherche &amp; d&eacute;veloppement</p>", "Recherche & développement", id="ampersand"
    ),
    pytest.param("<p>&quot;cit&eacute;&quot;</p>", '"cité"', id="quotes"),
    pytest.param("<p>&laquo;&nbsp;oui&nbsp;&raquo;</p>", f"«{NBSP}oui{NBSP}»", id="guillemets"),
    pytest.param("<p>&lt;b&gt;</p>", "\\<b\\>", id="angle-brackets-escaped"),
    pytest.param(
        "<p>&amp;eacute; &amp;#39;</p>", "\\&eacute; \\&#39;", id="entity-text-stays-text"
    ),
    pytest.param(
        "<p>R&amp;D, A &amp; B, &amp;x</p>", "R&D, A & B, &x", id="plain-ampersands-not-escaped"
    ),
    pytest.param("<p>&unknown; &amp</p>", "\\&unknown; &", id="unknown-entity-kept"),
]


@pytest.mark.parametrize(("html", "markdown"), ENTITIES)
def test_entities(html, markdown):
    assert html_to_markdown(html) == markdown


ESCAPES = [
    pytest.param("<p>a\\b</p>", "a\\\\b", id="backslash"),
    pytest.param("<p>2 * 3</p>", "2 \\* 3", id="asterisk"),
    pytest.param("<p>nom_de_fichier</p>", "nom\\_de\\_fichier", id="underscore"),
    pytest.param("<p>[note]</p>", "\\[note\\]", id="square-brackets"),
    pytest.param("<p>`code`</p>", "\\`code\\`", id="backtick"),
    pytest.param("<p>a &lt; b &gt; c</p>", "a \\< b \\> c", id="angle-brackets"),
    pytest.param(
        "<p>[x](javascript:alert(1))</p>",
        "\\[x\\](javascript:alert(1))",
        id="markdown-link-typed-as-text",
    ),
    pytest.param(
        "<p>&lt;https://example.org&gt;</p>",
        "\\<https://example.org\\>",
        id="autolink-typed-as-text",
    ),
    pytest.param("<p># Titre</p>", "\\# Titre", id="hash-at-line-start"),
    pytest.param("<p>#hashtag</p>", "\\#hashtag", id="hash-without-space-at-line-start"),
    pytest.param("<p>C# ou F#</p>", "C# ou F#", id="hash-inside-line"),
    pytest.param("<p>- tiret</p>", "\\- tiret", id="dash-at-line-start"),
    pytest.param("<p>+ plus</p>", "\\+ plus", id="plus-at-line-start"),
    pytest.param("<p>-</p>", "\\-", id="dash-alone"),
    pytest.param("<p>-5 °C, +3 %</p>", "-5 °C, +3 %", id="signs-before-numbers"),
    pytest.param("<p>a - b + c</p>", "a - b + c", id="dash-and-plus-inside-line"),
    pytest.param("<p>1. premier</p>", "1\\. premier", id="number-dot"),
    pytest.param("<p>2) second</p>", "2\\) second", id="number-bracket"),
    pytest.param("<p>2025.</p>", "2025\\.", id="number-dot-at-line-end"),
    pytest.param("<p>1.5 litre</p>", "1.5 litre", id="decimal-number"),
    pytest.param("<p>Bac+2. Puis</p>", "Bac+2. Puis", id="number-dot-inside-line"),
    pytest.param("<p>---</p>", "\\---", id="rule"),
    pytest.param("<p>un<br>===</p>", "un\\\n\\===", id="setext-underline"),
    pytest.param(
        "<p>un<br># deux<br>- trois<br>4. quatre</p>",
        "un\\\n\\# deux\\\n\\- trois\\\n4\\. quatre",
        id="line-starts-after-br",
    ),
    pytest.param(
        "<ul><li>- un</li><li># deux</li><li>3. trois</li></ul>",
        "- \\- un\n- \\# deux\n- 3\\. trois",
        id="item-starts",
    ),
    pytest.param("<h3># Titre</h3>", "### \\# Titre", id="heading-start"),
    pytest.param("<h3>Numéro #</h3>", "### Numéro \\#", id="heading-closing-hash"),
    pytest.param("<h3>Rubrique ##</h3>", "### Rubrique \\##", id="heading-closing-hashes"),
    pytest.param("<h3>C#</h3>", "### C#", id="heading-hash-in-word"),
    pytest.param("<p><b>1. un</b></p>", "**1. un**", id="no-escape-after-marker"),
    pytest.param(
        "<p>Qualités : rigueur ; calme ! « Pourquoi ? » — l'été… (oui) {ok} 50 % $ @ ~ | = ^ ' \" ,</p>",
        "Qualités : rigueur ; calme ! « Pourquoi ? » — l'été… (oui) {ok} 50 % $ @ ~ | = ^ ' \" ,",
        id="other-punctuation-untouched",
    ),
]


@pytest.mark.parametrize(("html", "markdown"), ESCAPES)
def test_markdown_characters_are_escaped(html, markdown):
    assert html_to_markdown(html) == markdown


OTHER_TAGS = [
    pytest.param("<p>un <span class='x'>deux</span> trois</p>", "un deux trois", id="span"),
    pytest.param("<p>in<span>croy</span>able</p>", "incroyable", id="span-inside-word"),
    pytest.param(
        "<p><u>souligné</u> <font color=red>rouge</font> <sup>er</sup></p>",
        "souligné rouge er",
        id="unknown-inline-tags",
    ),
    pytest.param("<div>un</div><div>deux</div>", "un deux", id="divs-kept-apart"),
    pytest.param(
        "<table><tr><td>un</td><td>deux</td></tr></table>", "un deux", id="table-cells-kept-apart"
    ),
    pytest.param("<blockquote>cité</blockquote>", "cité", id="blockquote-is-text"),
    pytest.param("<p>un<img src='x.png' alt='image'>deux</p>", "undeux", id="img-dropped"),
    pytest.param("<p>un<script>alert(1)</script>deux</p>", "undeux", id="script-dropped"),
    pytest.param("<style>p { color: red }</style><p>texte</p>", "texte", id="style-dropped"),
    pytest.param(
        "<SCRIPT type='text/javascript'>var a = '<p>x</p>';</SCRIPT>ok",
        "ok",
        id="script-with-tags-inside",
    ),
    pytest.param("<p>un<!-- commentaire -->deux</p>", "undeux", id="comment-dropped"),
    pytest.param("<!DOCTYPE html><p>texte</p>", "texte", id="doctype-dropped"),
    pytest.param("<p>un<?php echo 1 ?>deux</p>", "undeux", id="processing-instruction-dropped"),
]


@pytest.mark.parametrize(("html", "markdown"), OTHER_TAGS)
def test_other_tags_are_text(html, markdown):
    assert html_to_markdown(html) == markdown


MALFORMED = [
    pytest.param("<p>un<p>deux", "un\n\ndeux", id="unclosed-paragraphs"),
    pytest.param(
        "<p>un<h5>titre</h5>deux", "un\n\n### titre\n\ndeux", id="heading-closes-paragraph"
    ),
    pytest.param("<h5>titre<p>texte</p>", "### titre\n\ntexte", id="unclosed-heading"),
    pytest.param(
        "<p>un <strong>deux</p><p>trois</strong> quatre</p>",
        "un **deux**\n\ntrois quatre",
        id="bold-across-paragraphs",
    ),
    pytest.param("<p><strong>tout en gras", "**tout en gras**", id="unclosed-bold"),
    pytest.param("<p><b>un <i>deux</b> trois</i></p>", "**un *deux*** trois", id="misnested-tags"),
    pytest.param("<p><a href='https://a.org'>lien", "[lien](https://a.org)", id="unclosed-link"),
    pytest.param("</p>un</strong></em></a></li></ul></h3>deux", "undeux", id="stray-closing-tags"),
    pytest.param("<ul><li>un<li>deux</ul>", "- un\n- deux", id="unclosed-items"),
    pytest.param("<ul><li>un<li>deux", "- un\n- deux", id="unclosed-list"),
    pytest.param("<ul><li>un</li></ul></ul><p>deux</p>", "- un\n\ndeux", id="extra-closing-list"),
    pytest.param("<ul><ul><li>un</li></ul>", "- un", id="unclosed-outer-list"),
    pytest.param("<p>un<script>alert(1)", "un", id="unclosed-script"),
    pytest.param("<p>a < b et c > d</p>", "a \\< b et c \\> d", id="bare-angle-brackets"),
    pytest.param("<p>un <", "un \\<", id="trailing-angle-bracket"),
    # HTMLParser gives what it cannot read as a tag or comment as text.
    pytest.param("<p>un</p><!-- jamais fermé", "un\n\n\\<!-- jamais fermé", id="unclosed-comment"),
    pytest.param("<p>un <b", "un \\<b", id="unfinished-tag"),
    pytest.param("<p class=>un</p><p =x>deux</p>", "un\n\ndeux", id="broken-attributes"),
    pytest.param("un<![deux", "un\\<!\\[deux", id="bad-marked-section"),
    pytest.param("un<![foo]>deux", "un\\<!\\[foo\\]\\>deux", id="unknown-marked-section"),
    pytest.param("un<![CDATA[<deux>]]>trois", "un\\<deux\\>trois", id="cdata-section-is-text"),
]


@pytest.mark.parametrize(("html", "markdown"), MALFORMED)
def test_malformed_html_keeps_the_text(html, markdown):
    assert html_to_markdown(html) == markdown


RENDERED = [
    pytest.param(
        "<p>&lt;script&gt;x&lt;/script&gt;</p>",
        "<p>&lt;script&gt;x&lt;/script&gt;</p>",
        id="script-typed-as-text",
    ),
    pytest.param(
        '<p>&lt;img src="x" onerror="alert(1)"&gt;</p>',
        "<p>&lt;img src=&quot;x&quot; onerror=&quot;alert(1)&quot;&gt;</p>",
        id="img-typed-as-text",
    ),
    pytest.param(
        "<ul><li>&lt;b&gt;gras&lt;/b&gt;</li><li>&lt;!-- x --&gt;</li></ul>",
        "<ul>\n<li>&lt;b&gt;gras&lt;/b&gt;</li>\n<li>&lt;!-- x --&gt;</li>\n</ul>",
        id="tags-typed-in-items",
    ),
    pytest.param(
        "<p>&lt;https://example.org&gt; [x](javascript:alert(1))</p>",
        "<p>&lt;https://example.org&gt; [x](javascript:alert(1))</p>",
        id="links-typed-as-text",
    ),
    pytest.param(
        "<p>*a* _b_ `c` \\d &amp;eacute; 1. 2</p>",
        "<p>*a* _b_ `c` \\d &amp;eacute; 1. 2</p>",
        id="markdown-typed-as-text",
    ),
    pytest.param(
        "<p>1. un<br>- deux<br># trois</p>",
        "<p>1. un<br />\n- deux<br />\n# trois</p>",
        id="block-markers-typed-as-text",
    ),
    pytest.param(
        "<ul><li>- un</li><li>2) deux</li><li># trois</li></ul>",
        "<ul>\n<li>- un</li>\n<li>2) deux</li>\n<li># trois</li>\n</ul>",
        id="block-markers-typed-in-items",
    ),
    pytest.param(
        '<p><strong>gras</strong>, <em>italique</em> et <a href="https://example.org/a b">lien</a></p>',
        '<p><strong>gras</strong>, <em>italique</em> et <a href="https://example.org/a%20b">lien</a></p>',
        id="formatting-kept",
    ),
    pytest.param(
        '<p><a href="javascript:alert(1)">clic</a></p>',
        "<p>clic</p>",
        id="refused-link-is-text",
    ),
    pytest.param(
        "<p>l'<strong>abeille</strong> <em>x</em><strong>(y)</strong> <b>l'</b>été</p>",
        "<p>l'<strong>abeille</strong> <em>x</em>(y) l'été</p>",
        id="no-stray-asterisks",
    ),
]


@pytest.mark.parametrize(("html", "rendered"), RENDERED)
def test_rendered_markdown_has_no_raw_html_from_the_input(html, rendered):
    assert str(render_block(html_to_markdown(html))) == rendered
