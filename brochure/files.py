"""Files: names made from titles, and writes that a reader never sees half done."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}


def slugify(title: str) -> str:
    """A file name for a career title: ``Ingénieur·e d'études`` -> ``ingenieur-e-d-etudes``."""
    # Separators first (the "·" of inclusive writing, "/", "'"), while
    # accented letters are still letters; then drop the accents.
    words = re.sub(r"[\W_]+", "-", title.lower())
    for ligature, letters in _LIGATURES.items():
        words = words.replace(ligature, letters)
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "metier"


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` so that it is either the old file or the new, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
