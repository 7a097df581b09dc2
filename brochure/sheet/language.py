"""Languages of the sheet: labels from translation files, and local formats.

Labels live in the theme's ``templates/labels/<code>.yaml`` (a project can
override the file); numbers, money and dates follow the language's locale;
French typography applies to French text only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from string import Formatter

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from brochure.errors import BrochureError, Problem, UsageError
from brochure.i18n import _
from brochure.sheet.typography import french_spacing
from brochure.source.yamlfile import read_yaml

# Babel's locale of each language; a language without one uses its code.
_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@dataclass(frozen=True)
class Language:
    """One language of the sheet: its labels and how it writes text and numbers."""

    code: str
    labels: dict[str, str]

    @property
    def locale(self) -> str:
        """Babel's locale for numbers, money and dates."""
        return _LOCALES.get(self.code, self.code)

    def text(self, text: str) -> str:
        """Text as this language sets it (French: no-break spaces before : ; ! ?)."""
        return french_spacing(text) if self.code == "fr" else text

    def label(self, key: str, **values: str) -> str:
        """A label, its {placeholders} filled in."""
        return self.text(self.labels[key].format(**values))

    def number(self, amount: Decimal) -> str:
        """``3 500`` in French, ``3,500`` in English."""
        pattern = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
        return format_decimal(amount, format=pattern, locale=self.locale)

    def money(self, amount: Decimal, currency: str = "EUR") -> str:
        """``3 500 €`` in French, ``€3,500`` in English."""
        whole = amount == amount.to_integral_value()
        if self.code == "fr":
            pattern = "#,##0\u00a0¤" if whole else "#,##0.00\u00a0¤"
        else:
            pattern = "¤#,##0" if whole else "¤#,##0.00"
        return format_currency(
            amount, currency, format=pattern, locale=self.locale, currency_digits=False
        )

    def long_date(self, day: date) -> str:
        """``1er juin 2025`` in French, ``1 June 2025`` in English."""
        text = format_date(day, format="long", locale=self.locale)
        if self.code == "fr" and day.day == 1:
            text = text.replace("1 ", "1er ", 1)  # French writes the first as an ordinal
        return text


def read_labels(code: str, path: Path, reference: Path) -> Language:
    """Read the labels of ``code`` from ``path``, checked against the default French ones.

    Every key of ``reference`` must be there, as text, with no {placeholder}
    the reference does not have for that key (they are filled in by brochure).
    """
    try:
        document = read_yaml(path)
        expected = read_yaml(reference).data
    except BrochureError as error:  # labels belong to the theme or the project
        raise UsageError(error.problems) from None
    problems = []
    for key, value in document.data.items():
        line, column = document.locate((key,)) or (None, None)
        if not isinstance(value, str):
            problems.append(Problem(_("should be text"), path, line, column, key))
            continue
        allowed = _placeholders(str(expected.get(key, ""))) or set()
        found = _placeholders(value)
        if found is None or not found <= allowed:
            names = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or _("none")
            problems.append(
                Problem(
                    _(
                        "uses a placeholder brochure does not fill in here (it fills in: {names});"
                        " write braces as {{{{ and }}}}"
                    ).format(names=names),
                    path,
                    line,
                    column,
                    key,
                )
            )
    missing = sorted(set(expected) - set(document.data))
    if missing:
        problems.append(Problem(_("labels missing: {keys}").format(keys=", ".join(missing)), path))
    if problems:
        raise UsageError(problems)
    return Language(code, dict(document.data))


def _placeholders(text: str) -> set[str] | None:
    """The {names} a label uses; None when it is not a valid pattern (a lone brace, {a.b})."""
    try:
        parts = [
            (field, spec, conversion) for _, field, spec, conversion in Formatter().parse(text)
        ]
    except ValueError:
        return None
    fields = [field for field, _, _ in parts if field is not None]
    if any(not field.isidentifier() for field in fields):
        return None  # {0}, {}, {a.b} or {a[0]}: never what brochure fills in
    if any(spec or conversion for field, spec, conversion in parts if field is not None):
        return None  # {count:>30000000} or {amount!r}: a plain {name} only
    return set(fields)
