"""The site's colours: any accent made readable (WCAG AA), the theme's accent found."""

from __future__ import annotations

import itertools

import pytest

from brochure.builtin import theme_root
from brochure.sheet.theme import load_theme
from brochure.site.colours import DEFAULT_ACCENT, contrast, palette, theme_accent

ACCENTS = ["#" + "".join(parts) for parts in itertools.product(["00", "7f", "c0", "ff"], repeat=3)]


@pytest.mark.parametrize("accent", [*ACCENTS, "#ffd400", "#1f5f8b", "#E63946"])
def test_every_accent_gives_readable_text_and_bands(accent):
    colours = palette(accent)
    assert colours.accent == accent.lower()
    assert contrast(colours.strong, "#ffffff") >= 4.5  # links and headings; white on bands
    assert contrast(colours.strong, colours.tint) >= 4.5  # on the title block's tint
    assert contrast("#1d232b", colours.tint) >= 7  # body text on the tint


def test_a_readable_accent_is_kept_as_it_is():
    assert palette(DEFAULT_ACCENT).strong == DEFAULT_ACCENT
    assert palette("#ffd400").strong != "#ffd400"


def test_contrast_ratios_are_wcags():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_the_accent_is_brochure_yamls_else_the_themes(tmp_path):
    assert theme_accent(load_theme().style_layers, None) == DEFAULT_ACCENT
    assert theme_accent(load_theme("sober").style_layers, None) == "#000000"
    assert theme_accent(load_theme("sober").style_layers, "#123456") == "#123456"
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "theme.css").write_text(":root { --accent: #AA3300; }\n", "utf-8")
    assert theme_accent(load_theme(project=tmp_path).style_layers, None) == "#aa3300"


def test_a_stylesheet_linked_from_elsewhere_is_not_read(tmp_path):
    elsewhere = tmp_path / "elsewhere.css"
    elsewhere.write_text(":root { --accent: #abcdef; }\n", encoding="utf-8")
    (tmp_path / "project" / "styles").mkdir(parents=True)
    (tmp_path / "project" / "styles" / "theme.css").symlink_to(elsewhere)
    layers = load_theme(project=tmp_path / "project").style_layers
    assert theme_accent(layers, None) == DEFAULT_ACCENT
    assert (theme_root() / "styles" / "look.css").is_file()
