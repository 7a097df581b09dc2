"""One career read from another source, before it becomes a career file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from brochure.errors import Problem


@dataclass
class Record:
    """A career read from a source: its identifier, and its data or its problems."""

    identifier: str  # the source's own (ONISEP's MET.31), or a row number
    data: dict[str, Any] | None  # None when the record could not be read
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def failed(cls, identifier: str, *problems: Problem | str) -> Record:
        """A record that could not be read, with every reason."""
        return cls(
            identifier,
            None,
            [problem if isinstance(problem, Problem) else Problem(problem) for problem in problems],
        )
