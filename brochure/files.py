"""Files: names made from titles, and writes that a reader never sees half done."""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

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


# Temporary files are ".<target name>.<8 random characters>.tmp" beside the target.
TEMPORARY_SUFFIX = ".tmp"


@contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """A file to write, in ``target``'s folder, put in its place only once whole.

    Readers see the old file or the new one, never half of one; if the block
    fails (a full disk, Ctrl-C) the old file is untouched and the temporary
    one removed. The new file keeps the old one's permissions, or follows the
    user's umask.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` so that it is either the old file or the new, never half."""
    with atomic_file(target) as file:
        file.write(data)


def copy_atomically(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` atomically, across file systems (a USB stick, a share)."""
    with atomic_file(target) as file, source.open("rb") as data:
        shutil.copyfileobj(data, file, 1024 * 1024)


def _mode(target: Path) -> int:
    try:
        status = target.lstat()
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISREG(status.st_mode):
        return stat.S_IMODE(status.st_mode)
    umask = os.umask(0o022)  # reading the umask means setting it: put it back at once
    os.umask(umask)
    return 0o666 & ~umask
