"""Expected problems: where they are, what kind they are, and what became of a file.

Every expected problem (bad data, a missing file, a template typo) is a
``Problem`` located in a file. Problems travel in a ``BrochureError`` whose
class says what the command's exit code is: ``DataError`` (1) when career
data or a record is wrong, ``UsageError`` (2) when the command line, the
configuration or the project is. The CLI reports them without a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Problem:
    """One expected problem: what is wrong, and where (file, line, column, field)."""

    message: str
    path: Path | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class BrochureError(Exception):
    """An expected problem, never a bug: one or more located problems.

    Raise one of the subclasses: their class decides the exit code.
    """

    exit_code: ClassVar[int] = EXIT_FAILED

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DataError(BrochureError):
    """Career data, a record or a sheet is wrong: fix the data (exit 1)."""

    exit_code = EXIT_FAILED


class UsageError(BrochureError):
    """The command line, the configuration or the project is wrong (exit 2)."""

    exit_code = EXIT_USAGE


def one_of(choices: Sequence[str]) -> str:
    """Say the values a setting takes: ``one of 'A4', 'A5' or 'Letter'``."""
    from brochure.i18n import _

    quoted = [f"'{choice}'" for choice in choices]
    if len(quoted) < 2:
        return "".join(quoted)
    return _("one of {choices} or {last}").format(choices=", ".join(quoted[:-1]), last=quoted[-1])


@dataclass
class Outcome:
    """What became of one career file: checked, rendered, or its problems."""

    source: Path
    output: Path | None = None
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the file was valid (and, when building, rendered)."""
        return not self.problems
