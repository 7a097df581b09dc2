"""French typography and number formatting for text placed on the sheet."""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import format_currency, format_decimal

NBSP = "\u00a0"  # espace insécable: before ':' and inside « »
NNBSP = "\u202f"  # espace fine insécable: before ';', '!' and '?'

LOCALE = "fr_FR"

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


def format_money(amount: Decimal, currency: str = "EUR") -> str:
    """Format an amount the French way: ``3 500 €``, ``11,88 €``."""
    pattern = "#,##0\u00a0¤" if amount == amount.to_integral_value() else "#,##0.00\u00a0¤"
    return format_currency(amount, currency, format=pattern, locale=LOCALE, currency_digits=False)


def format_number(amount: Decimal) -> str:
    """Format a number the French way: ``3 500``, ``11,88``."""
    pattern = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
    return format_decimal(amount, format=pattern, locale=LOCALE)
