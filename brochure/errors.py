"""The project's own error type: an expected problem, located in a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
    """An expected problem (bad data, missing file, template error), never a bug.

    It carries one or more located problems; the CLI prints them without a
    traceback.
    """

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
