"""The site's colours: the theme's accent, made readable (WCAG AA) whatever it is.

A project may choose any accent (``accent: "#ffd400"`` in brochure.yaml). Text
and links in a pale accent on white would be unreadable, so the site uses the
accent darkened until it has a contrast of at least 4.5:1 with white and with
the light tint of the accent used behind some text; white text on it has that
contrast too. The accent as chosen is only used for decoration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ACCENT = "#1f5f8b"  # the default theme's --accent (styles/look.css)
AA_TEXT = 4.5  # WCAG 2.1 AA, normal text

_ACCENT = re.compile(r"--accent\s*:\s*(#[0-9a-fA-F]{6})\b")


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(channels: list[float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(255.0, value))):02x}" for value in channels)


def luminance(colour: str) -> float:
    """The relative luminance of ``#rrggbb`` (WCAG 2.1)."""

    def linear(value: int) -> float:
        channel = value / 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(value) for value in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two colours, from 1 to 21 (WCAG 2.1)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` (0 to 1) of ``other`` mixed in."""
    pairs = zip(_channels(colour), _channels(other), strict=True)
    return _hex([mine * (1 - share) + theirs * share for mine, theirs in pairs])


@dataclass(frozen=True)
class Palette:
    """The accent as chosen (decoration), its readable shade (text, links, bands), its tint."""

    accent: str
    strong: str  # at least 4.5:1 with white and with the tint
    tint: str  # a light background

    def css(self) -> str:
        """The palette as CSS custom properties, read by the site's stylesheet."""
        return (
            "/* Written by brochure from the theme's accent colour. */\n"
            f":root {{ --accent: {self.accent}; --strong: {self.strong}; --tint: {self.tint}; }}\n"
        )


def palette(accent: str) -> Palette:
    """The site's colours for an accent ``#rrggbb``."""
    accent = accent.lower()
    tint = mix(accent, "#ffffff", 0.9)
    strong = accent
    share = 0.0
    while contrast(strong, "#ffffff") < AA_TEXT or contrast(strong, tint) < AA_TEXT:
        share += 0.05
        strong = mix(accent, "#000000", share)  # black at last: 21:1 with white
    return Palette(accent, strong, tint)


def theme_accent(style_layers: tuple[Path, ...], configured: str | None) -> str:
    """The accent the sheets use: brochure.yaml's, else the theme's ``--accent``, else the default.

    The theme's is read as the sheet's stylesheets set it: ``look.css``, then
    ``theme.css`` (each from the first style folder that has it), the last
    ``--accent: #rrggbb`` winning.
    """
    if configured is not None:
        return configured
    found = DEFAULT_ACCENT
    for name in ("look.css", "theme.css"):
        for folder in style_layers:
            path = folder / name
            # A link out of the styles is never read (as the sheets' fetcher refuses it).
            if path.is_file() and path.resolve().is_relative_to(folder.resolve()):
                values = _ACCENT.findall(path.read_text(encoding="utf-8", errors="replace"))
                found = values[-1].lower() if values else found
                break
    return found
