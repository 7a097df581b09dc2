"""The parts of WeasyPrint that brochure/sheet/pdf.py uses beyond its documented API.

pyproject.toml bounds WeasyPrint below its next major version because of
them. When a new WeasyPrint moves one, this test names it: adapt
brochure/sheet/pdf.py, then raise the bound.
"""

from __future__ import annotations

import importlib
import inspect

import pytest

INTERNALS = [
    # (module, attribute, what brochure does with it)
    ("weasyprint.text.ffi", "harfbuzz_subset", "tells whether fonts are subset quickly"),
    ("weasyprint.text.fonts", "FontConfiguration", "records the theme's font families"),
    ("weasyprint.urls", "URLFetcher", "FolderFetcher extends it to confine file access"),
    ("weasyprint.urls", "URLFetcherResponse", "FolderFetcher returns it"),
    ("weasyprint.urls", "path2url", "turns theme paths into file: URLs"),
    ("weasyprint.pdf.tags", "_build_box_tree", "labels structure elements with their HTML element"),
    ("weasyprint.css", "CSS", "the name find_stylesheets calls, replaced to reuse parsed sheets"),
    ("weasyprint.css", "find_stylesheets", "calls CSS(...) for each <link> and <style>"),
    ("weasyprint.urls", "fetch", "reads a stylesheet's bytes, to know it is unchanged"),
]


@pytest.mark.parametrize(("module", "name", "use"), INTERNALS)
def test_weasyprint_internals_are_there(module, name, use):
    try:
        found = hasattr(importlib.import_module(module), name)
    except ImportError:
        found = False
    assert found, (
        f"WeasyPrint no longer has {module}.{name}, which brochure/sheet/pdf.py uses ({use}):"
        " adapt that module before raising WeasyPrint's bound in pyproject.toml"
    )


def test_font_configuration_hook_keeps_its_signature():
    from weasyprint.text.fonts import FontConfiguration

    parameters = list(inspect.signature(FontConfiguration.add_font_face).parameters)
    assert parameters == ["self", "rule_descriptors", "url_fetcher"], (
        "FontConfiguration.add_font_face changed its parameters; brochure/sheet/pdf.py"
        f" (_ThemeFonts) overrides it: {parameters}"
    )


def test_rendered_documents_still_list_their_fonts():
    from weasyprint import HTML

    document = HTML(string="<p>Bonjour</p>").render()
    document.write_pdf()  # the fonts are known once the PDF is written
    fonts = getattr(document, "fonts", None)
    assert isinstance(fonts, dict) and fonts, (
        "WeasyPrint's Document.fonts is gone or empty; brochure/sheet/pdf.py reads it to"
        " report characters drawn with a machine font"
    )
    assert all(hasattr(font, "family") for font in fonts.values()), (
        "WeasyPrint's fonts no longer carry .family; brochure/sheet/pdf.py reads it"
    )


def test_tag_builder_keeps_its_signature():
    """pdf.py wraps the tag builder, which calls itself through its module's global."""
    from weasyprint.pdf import tags

    parameters = list(inspect.signature(tags._build_box_tree).parameters)
    assert parameters[0] == "box" and len(parameters) == 7, (
        "weasyprint.pdf.tags._build_box_tree changed its parameters; brochure/sheet/pdf.py"
        f" (_labelled) wraps it: {parameters}"
    )
    assert "_build_box_tree(" in inspect.getsource(tags.add_tags), (
        "weasyprint.pdf.tags.add_tags no longer calls _build_box_tree; the structure"
        " elements are not labelled and brochure/sheet/finish.py cannot join their pieces"
    )


def test_stylesheets_are_still_made_by_the_name_brochure_replaces():
    import weasyprint.css

    from brochure.sheet import pdf

    assert weasyprint.css.CSS is pdf._reused_stylesheet
    source = inspect.getsource(weasyprint.css.find_stylesheets)
    assert source.count("CSS(") == 2, (
        "weasyprint.css.find_stylesheets no longer makes its stylesheets with CSS(...);"
        " brochure/sheet/pdf.py (_reused_stylesheet) relies on it to parse them once"
    )
