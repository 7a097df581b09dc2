"""What the last builds made, so that unchanged sheets are not rendered again.

The output folder keeps ``.brochure-manifest.json``: for every PDF, the career
file it came from and a key, a digest of everything the PDF depends on (the
career file's bytes, the theme's files, the options, the tool's version and
SOURCE_DATE_EPOCH). Content is hashed, never dated: touching a file changes
nothing, editing it does.

The manifest only records finished work. Each PDF is written (atomically)
before a line is appended for it to ``.brochure-manifest.journal``; the
journal is folded into the manifest when the build ends. A build killed
halfway leaves whole PDFs and their journal lines, so the next build picks
up where it stopped.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from brochure import __version__
from brochure.files import write_atomically
from brochure.sheet.theme import Theme
from brochure.source.config import SheetOptions

MANIFEST = ".brochure-manifest.json"
JOURNAL = ".brochure-manifest.journal"
FORMAT = 1


def build_key(theme: Theme, options: SheetOptions, epoch: int | None) -> str:
    """A digest of everything but the career that goes into a sheet."""
    digest = hashlib.sha256(f"brochure {__version__}|{options}|{epoch}".encode())
    for folder in theme.folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def sheet_key(source: Path, build: str) -> str:
    """The key of one sheet: its career file's bytes and the build key."""
    return hashlib.sha256(build.encode() + source.read_bytes()).hexdigest()


@dataclass
class Entry:
    """One PDF of the output folder, as the manifest knows it."""

    source: str
    key: str
    pages: int


@dataclass
class Manifest:
    """The manifest of one output folder."""

    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)  # by PDF file name

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """Read the folder's manifest and journal; a missing or unreadable one is empty."""
        manifest = cls(folder)
        try:
            raw = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if raw.get("format") == FORMAT:
                manifest.entries = {name: Entry(**e) for name, e in raw["sheets"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass  # losing the manifest only costs a full rebuild
        try:
            lines = (folder / JOURNAL).read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        for line in lines:
            try:
                name, entry = json.loads(line)
                recorded = Entry(**entry) if entry else None
            except (ValueError, TypeError):
                continue  # a line cut short by a kill
            if recorded is None:
                manifest.entries.pop(name, None)
            else:
                manifest.entries[name] = recorded
        return manifest

    def is_current(self, target: Path, key: str) -> bool:
        """Whether ``target`` exists and was made from exactly this input."""
        entry = self.entries.get(target.name)
        return entry is not None and entry.key == key and target.is_file()

    def record(self, target: Path, source: Path, key: str, pages: int) -> None:
        """Note, in the journal at once, that ``target`` was made from ``source``."""
        entry = Entry(str(source), key, pages)
        self.entries[target.name] = entry
        self._journal([target.name, vars(entry)])

    def stale(self) -> list[tuple[Path, str]]:
        """PDFs whose career file no longer exists: (PDF, career file)."""
        return [
            (self.folder / name, entry.source)
            for name, entry in sorted(self.entries.items())
            if not Path(entry.source).is_file()
        ]

    def forget(self, name: str) -> None:
        """Drop a PDF from the manifest."""
        if self.entries.pop(name, None) is not None:
            self._journal([name, None])

    def _journal(self, line: list[object]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / JOURNAL).open("a", encoding="utf-8") as journal:
            journal.write(json.dumps(line, ensure_ascii=False) + "\n")

    def save(self) -> None:
        """Write the manifest atomically, the journal folded in."""
        data = {
            "format": FORMAT,
            "sheets": {name: vars(entry) for name, entry in sorted(self.entries.items())},
        }
        text = json.dumps(data, ensure_ascii=False, indent=1)
        write_atomically(self.folder / MANIFEST, text.encode("utf-8"))
        (self.folder / JOURNAL).unlink(missing_ok=True)
