"""What the last builds made, so that unchanged sheets are not rendered again.

The output folder keeps ``.brochure-manifest.json``: for every PDF, the career
file it came from and a key, a digest of everything the PDF depends on (the
career file's bytes, the theme's files, the options, the tool's version and
SOURCE_DATE_EPOCH), and the PDF's own size and digest. Content is hashed,
never dated: touching a career file changes nothing, editing it does; a PDF
changed or cut short since it was written is rendered again.

The manifest only records finished work. Each PDF is written (atomically)
before a line is appended for it to ``.brochure-manifest.journal``; the
journal is folded into the manifest when the build ends. A build killed
halfway leaves whole PDFs and their journal lines, so the next build picks
up where it stopped.

The output folder is data, never instructions: every entry is checked when
read (a bad one is dropped, with a warning, and its sheet rendered again),
names are plain ``*.pdf`` file names of this folder, sources are relative to
the project (moving the project changes nothing), and nothing is read or
written through a symbolic link.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from brochure import __version__
from brochure.errors import Problem, UsageError
from brochure.files import TEMPORARY_SUFFIX, write_atomically
from brochure.i18n import _
from brochure.sheet.theme import Theme
from brochure.source.config import PDF_X_VARIANTS, SheetOptions

MANIFEST = ".brochure-manifest.json"
JOURNAL = ".brochure-manifest.journal"
LOCK = ".brochure-lock"
FORMAT = 2
# Far more than the records of 10,000 sheets: a larger file is not ours.
MAX_RECORD_BYTES = 64 * 1024 * 1024

# What write_atomically leaves behind when a run is killed mid-write.
_LEFTOVER = re.compile(r"^\..+\.(pdf|json)\.[a-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX) + "$")


def build_key(theme: Theme, options: SheetOptions, epoch: int | None) -> str:
    """A digest of everything but the career that goes into a sheet.

    The print shop's profile goes into PDF/X sheets alone: another variant's
    do not change with it.
    """
    if options.pdf_variant not in PDF_X_VARIANTS:
        options = replace(options, print_profile=None)
    digest = hashlib.sha256(f"brochure {__version__}|{options}|{epoch}".encode())
    for folder in theme.folders:
        # The site's own templates (templates/site/) are not the sheets': changing
        # them remakes the site's pages, not every PDF.
        files = (
            p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).parts[0] != "site"
        )
        for path in sorted(files):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    if options.print_profile is not None:  # the print shop's profile, embedded in PDF/X
        digest.update(hashlib.sha256(Path(options.print_profile).read_bytes()).digest())
    return digest.hexdigest()


def sheet_key(source: Path, build: str) -> str:
    """The key of one sheet: its career file's bytes and the build key."""
    return hashlib.sha256(build.encode() + source.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One PDF of the output folder, as the manifest knows it."""

    source: str  # relative to the project, or absolute when outside it
    key: str
    pages: int
    size: int  # of the PDF written
    digest: str  # sha256 of the PDF written
    mtime_ns: int  # when it was written: an unchanged time spares hashing it again


_FIELDS = {"source": str, "key": str, "pages": int, "size": int, "digest": str, "mtime_ns": int}


def _entry(raw: object) -> Entry | None:
    """An entry read from the manifest or the journal, if every field is as we write it."""
    if not isinstance(raw, dict) or set(raw) != set(_FIELDS):
        return None
    for name, kind in _FIELDS.items():
        value = raw[name]
        if not isinstance(value, kind) or isinstance(value, bool):
            return None
    if not raw["source"].endswith((".yaml", ".yml")) or "\0" in raw["source"]:
        return None  # only career files make sheets
    if raw["pages"] < 1 or raw["size"] < 1:
        return None
    return Entry(**raw)


def is_sheet_name(name: object) -> bool:
    """Whether ``name`` is one that brochure gives a PDF: a plain ``*.pdf`` file name."""
    return (
        isinstance(name, str)
        and name.endswith(".pdf")
        and name not in (".pdf", "..pdf")
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
        and not name.startswith(".")
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_text(path: Path) -> str | None:
    """A file's text, never through a symbolic link; None when absent or unreadable."""
    try:
        # Non-blocking: a FIFO put there must not hang the build.
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(handle, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return None
            return file.read(MAX_RECORD_BYTES).decode("utf-8", errors="replace")
    except OSError:  # absent, a folder, unreadable: no record, every sheet rebuilt
        return None


@contextmanager
def output_folder(folder: Path) -> Iterator[None]:
    """Hold the output folder for one build: create it, lock it, clear a killed run's leftovers.

    A second build writing to the same folder at the same time is refused.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
    except OSError as error:
        raise UsageError(
            Problem(
                _("cannot write in the output folder ({reason})").format(reason=error.strerror),
                folder,
            )
        ) from None
    try:
        try:
            # A POSIX lock belongs to this process: workers forked from it do not
            # hold it, so a worker outliving a killed build never blocks the next.
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EACCES):
                raise UsageError(
                    Problem(
                        _(
                            "another brochure is writing to this output folder; wait for it to"
                            " finish, or choose another folder with -o"
                        ),
                        folder,
                    )
                ) from None
            raise
        # With the lock held, a temporary file here is a killed run's: remove it.
        for leftover in folder.iterdir():
            if _LEFTOVER.match(leftover.name) and not leftover.is_symlink() and leftover.is_file():
                leftover.unlink(missing_ok=True)
        yield
    finally:
        os.close(handle)


@dataclass
class Manifest:
    """The manifest of one output folder, for the career files of one project."""

    folder: Path
    project: Path = field(default_factory=Path)
    entries: dict[str, Entry] = field(default_factory=dict)  # by PDF file name
    warnings: list[str] = field(default_factory=list)
    recorded_project: str | None = None  # where the project was at the last save

    @classmethod
    def load(cls, folder: Path, project: Path | None = None) -> Manifest:
        """Read the folder's manifest and journal, keeping only well-formed entries."""
        manifest = cls(folder, (project or Path()).resolve())
        dropped = 0
        text = _read_text(folder / MANIFEST)
        if text is not None:
            try:
                raw = json.loads(text)
            except (ValueError, RecursionError):
                raw = None
            sheets = raw.get("sheets") if isinstance(raw, dict) else None
            if isinstance(raw, dict) and isinstance(raw.get("project"), str):
                manifest.recorded_project = raw["project"]
            if isinstance(raw, dict) and raw.get("format") == FORMAT and isinstance(sheets, dict):
                for name, value in sheets.items():
                    entry = _entry(value)
                    if entry is None or not is_sheet_name(name):
                        dropped += 1
                    else:
                        manifest.entries[name] = entry
            else:
                manifest.warnings.append(
                    _(
                        "{path}: not a manifest this version of brochure wrote;"
                        " every sheet is rendered again"
                    ).format(path=folder / MANIFEST)
                )
        for line in (_read_text(folder / JOURNAL) or "").splitlines():
            try:
                name, value = json.loads(line)
            except (ValueError, TypeError, RecursionError):
                continue  # a line cut short by a kill: its sheet is rendered again
            if not is_sheet_name(name):
                dropped += 1
            elif value is None:
                manifest.entries.pop(name, None)
            elif (entry := _entry(value)) is not None:
                manifest.entries[name] = entry
            else:
                dropped += 1
        if dropped:
            manifest.warnings.append(
                _(
                    "{folder}: {count} entries of the build's records were not as brochure"
                    " writes them and were left out; their sheets are rendered again"
                ).format(folder=folder, count=dropped)
            )
        return manifest

    def other_project(self) -> Path | None:
        """Another project, still there, whose sheets this folder holds (a shared folder)."""
        if self.recorded_project is None or not self.entries:
            return None
        recorded = Path(self.recorded_project)
        if recorded == self.project or not recorded.is_dir():
            return None  # the same project, or one that was moved here
        return recorded

    def source_path(self, entry: Entry) -> Path:
        """The career file an entry came from."""
        return self.project / entry.source

    def owner(self, target: Path) -> Path | None:
        """The career file the PDF ``target`` was last made from, if known."""
        entry = self.entries.get(target.name)
        return self.source_path(entry) if entry is not None else None

    def is_current(self, target: Path, key: str) -> bool:
        """Whether ``target`` is the whole PDF made from exactly this input."""
        entry = self.entries.get(target.name)
        if entry is None or entry.key != key:
            return False
        try:
            status = target.lstat()
        except OSError:
            return False
        if not target.is_file() or target.is_symlink() or status.st_size != entry.size:
            return False
        if status.st_mtime_ns == entry.mtime_ns:
            return True
        return _digest(target) == entry.digest  # touched, or replaced by someone

    def record(self, target: Path, source: Path, key: str, pages: int) -> None:
        """Note, in the journal at once, that ``target`` was made from ``source``."""
        status = target.stat()
        resolved = source.resolve()
        relative = (
            resolved.relative_to(self.project)
            if resolved.is_relative_to(self.project)
            else resolved
        )
        entry = Entry(
            str(relative), key, pages, status.st_size, _digest(target), status.st_mtime_ns
        )
        self.entries[target.name] = entry
        self._journal([target.name, asdict(entry)])

    def stale(self, built: set[str]) -> list[tuple[Path, Path]]:
        """PDFs whose career file no longer exists: (PDF, career file).

        ``built`` names the PDFs of this build's career files: never stale.
        """
        return [
            (self.folder / name, self.source_path(entry))
            for name, entry in sorted(self.entries.items())
            if name not in built and not self.source_path(entry).is_file()
        ]

    def remove(self, name: str) -> bool:
        """Delete a PDF brochure wrote here (and unchanged since); say whether it did."""
        entry = self.entries.get(name)
        path = self.folder / name
        if entry is None or not is_sheet_name(name):
            return False
        if path.is_symlink() or not path.is_file() or _digest(path) != entry.digest:
            return False  # not ours any more: leave it
        path.unlink()
        self.forget(name)
        return True

    def forget(self, name: str) -> None:
        """Drop a PDF from the manifest."""
        if self.entries.pop(name, None) is not None:
            self._journal([name, None])

    def _journal(self, line: list[Any]) -> None:
        path = self.folder / JOURNAL
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK
        try:
            handle = os.open(path, flags, 0o666)
        except OSError as error:
            if error.errno != errno.ELOOP:
                raise
            path.unlink()  # a symbolic link where the journal goes: never write through it
            handle = os.open(path, flags, 0o666)
        with os.fdopen(handle, "a", encoding="utf-8") as journal:
            journal.write(json.dumps(line) + "\n")

    def save(self) -> None:
        """Write the manifest atomically, the journal folded in."""
        data = {
            "format": FORMAT,
            "project": str(self.project),
            "sheets": {name: asdict(entry) for name, entry in sorted(self.entries.items())},
        }
        text = json.dumps(data, indent=1)  # ASCII: a file name that is not UTF-8 survives
        write_atomically(self.folder / MANIFEST, text.encode("utf-8"))
        (self.folder / JOURNAL).unlink(missing_ok=True)
