"""What one sheet may take before it is stopped (kept apart so that reading it is cheap)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What one sheet may take; a normal sheet needs under a second and 200 MB."""

    seconds: float = 60.0
    memory_mb: int = 2048
