"""One career read from another source, before it becomes a career file."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from brochure.errors import Problem

# Characters nobody can see or type: control characters (C0, DEL, C1), format
# characters (zero-width space, BOM, direction marks), lone surrogates and
# the Unicode line and paragraph separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _is_hidden(char: str) -> bool:
    return unicodedata.category(char) in _HIDDEN_CATEGORIES


def hidden_character(text: str) -> str | None:
    """The first control or invisible character of ``text``, if any."""
    return next((char for char in text if _is_hidden(char)), None)


def shown(text: str) -> str:
    """``text`` safe to print on a terminal: hidden characters as ``\\x01``, ``\\u200b``."""
    return "".join(_escaped(char) if _is_hidden(char) else char for char in text)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass
class Record:
    """A career read from a source: its identifier, and its data or its problems."""

    identifier: str  # the source's own (ONISEP's MET.31), or a row number
    data: dict[str, Any] | None  # None when the record could not be read
    problems: list[Problem] = field(default_factory=list)
    name: str = ""  # how reports name it, if not by its identifier: "row 5"

    @property
    def label(self) -> str:
        """How reports name the record: ``row 5``, ``MET.31``."""
        return shown(self.name or self.identifier)

    @classmethod
    def failed(cls, identifier: str, *problems: Problem | str) -> Record:
        """A record that could not be read, with every reason."""
        return cls(
            identifier,
            None,
            [problem if isinstance(problem, Problem) else Problem(problem) for problem in problems],
        )
