"""What one sheet may take before it is stopped (kept apart so that reading it is cheap)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What one sheet may take; a normal sheet needs under a second, 200 MB and a few pages.

    ``seconds`` counts the processing time the sheet got (CPU time), not the
    wall clock, so that many workers sharing few cores do not stop healthy
    sheets; ``pages`` stops a runaway layout as soon as it passes the limit.
    """

    seconds: float = 60.0
    memory_mb: int = 2048
    pages: int = 40
