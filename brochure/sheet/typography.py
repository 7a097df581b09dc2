"""French typography for text placed on the sheet."""

from __future__ import annotations

import re

NBSP = "\u00a0"  # espace insécable: before ':' and inside « »
NNBSP = "\u202f"  # espace fine insécable: before ';', '!' and '?'


_SPACE_BEFORE_COLON = re.compile(r"[ \t]+(?=[:»])")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+(?=[;!?])")
_SPACE_AFTER_OPENING_QUOTE = re.compile(r"(?<=«)[ \t]+")


def french_spacing(text: str) -> str:
    """Make the spaces French punctuation needs unbreakable.

    Only spaces the author typed are changed; none is added, so ``7:30`` or a
    URL stay as written.
    """
    text = _SPACE_BEFORE_COLON.sub(NBSP, text)
    text = _SPACE_BEFORE_PUNCT.sub(NNBSP, text)
    return _SPACE_AFTER_OPENING_QUOTE.sub(NBSP, text)
