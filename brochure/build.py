"""Building sheets: each career file, through every stage, to a PDF on disk.

One bad file never stops the others: every outcome is returned, and the
caller (the CLI) reports them together.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import SheetOptions
from .context import build_context
from .errors import BrochureError, Problem
from .language import Language, load_language
from .loader import load_career
from .model import Career
from .output import write_atomically
from .theme import Theme, load_theme, render_html

if TYPE_CHECKING:  # WeasyPrint is slow to import: only commands that render pay for it.
    from .pdf import PdfRenderer


@dataclass
class Outcome:
    """What became of one career file."""

    source: Path
    output: Path | None = None
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the file was valid (and, when building, rendered)."""
        return not self.problems


def source_date_epoch() -> int | None:
    """The SOURCE_DATE_EPOCH of reproducible builds, if set and valid."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise BrochureError(
            Problem(f"SOURCE_DATE_EPOCH must be a number of seconds, not '{value}'")
        )
    return int(value)


def check_files(paths: Iterable[Path]) -> list[Outcome]:
    """Validate career files without rendering anything."""
    outcomes = []
    for path in paths:
        try:
            load_career(path)
            outcomes.append(Outcome(path))
        except BrochureError as error:
            outcomes.append(Outcome(path, problems=error.problems))
    return outcomes


def output_paths(sources: list[Path], output_dir: Path) -> dict[Path, Path]:
    """Map each career file to ``output_dir/<stem>.pdf``; refuse two files with one name."""
    targets: dict[Path, Path] = {}
    owners: dict[Path, Path] = {}
    problems = []
    for source in sources:
        target = output_dir / f"{source.stem}.pdf"
        if target in owners:
            problems.append(
                Problem(f"would overwrite the sheet of {owners[target]} ({target})", source)
            )
            continue
        owners[target] = source
        targets[source] = target
    if problems:
        raise BrochureError(problems)
    return targets


class SheetBuilder:
    """Renders career files to PDF files, reusing the theme and fonts between sheets."""

    def __init__(
        self,
        theme: Theme | None = None,
        strict: bool = False,
        options: SheetOptions | None = None,
    ):
        self.options = options or SheetOptions()
        self.theme = theme or load_theme(self.options.theme)
        self.strict = strict
        self._languages: dict[str, Language] = {}
        self.epoch = source_date_epoch()
        self._renderer: PdfRenderer | None = None

    @property
    def renderer(self) -> PdfRenderer:
        """The PDF renderer, created (and WeasyPrint imported) on first use."""
        if self._renderer is None:
            from .pdf import PdfRenderer

            self._renderer = PdfRenderer(
                self.theme.styles, self.theme.folders, self.theme.style_layers
            )
        return self._renderer

    def language(self, code: str) -> Language:
        """The labels and formats of a language, read from the theme once."""
        if code not in self._languages:
            self._languages[code] = load_language(self.theme, code)
        return self._languages[code]

    def html(self, career: Career, slug: str = "") -> str:
        """The HTML of one career's sheet; ``slug`` names it in its QR code's address."""
        language = self.language(career.language or self.options.language)
        context = build_context(career, language, self.epoch, self.options, slug)
        return render_html(self.theme, context)

    def build(self, source: Path, target: Path) -> Outcome:
        """Render one career file to ``target``; problems are returned, not raised."""
        outcome = Outcome(source)
        try:
            career = load_career(source)
            html = self.html(career, source.stem)
            rendered = self.renderer.render(html, self.options.pdf_variant)
        except BrochureError as error:
            outcome.problems = error.problems
            return outcome
        if self.strict and rendered.warnings:
            outcome.problems = [
                Problem(f"{warning} (a warning, failed by --strict)", source)
                for warning in rendered.warnings
            ]
            return outcome
        outcome.warnings = rendered.warnings
        try:
            write_atomically(target, rendered.data)
        except OSError as error:
            outcome.problems = [Problem(f"cannot write the PDF ({error.strerror})", target)]
            return outcome
        outcome.output = target
        outcome.pages = rendered.pages
        return outcome
