"""One career file through every stage of the sheet, to a PDF on disk.

Problems are returned in the sheet's Outcome, never raised, so that one bad
file never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from brochure.errors import BrochureError, DataError, Outcome, Problem
from brochure.files import write_atomically
from brochure.i18n import _
from brochure.sheet.context import build_context
from brochure.sheet.language import Language
from brochure.sheet.theme import Theme, load_language, load_theme, render_html
from brochure.source.config import (
    Overrides,
    ProjectConfig,
    SheetOptions,
    sheet_options,
    source_date_epoch,
)
from brochure.source.loader import read_career
from brochure.source.model import Career
from brochure.source.placeholders import as_warning

if TYPE_CHECKING:  # WeasyPrint is slow to import: only commands that render pay for it.
    from brochure.sheet.pdf import PdfRenderer


class SheetBuilder:
    """Renders career files to PDF files, reusing the theme and fonts between sheets.

    ``max_pages`` is the page limit of a sheet (its caller's, e.g. the workers'
    Limits); None leaves sheets unbounded. ``write`` puts a PDF's bytes in
    place (the workers' also holds off signals meanwhile).
    """

    def __init__(
        self,
        theme: Theme | None = None,
        strict: bool = False,
        options: SheetOptions | None = None,
        max_pages: int | None = None,
        write: Callable[[Path, bytes], None] = write_atomically,
    ):
        self.options = options or SheetOptions()
        self.theme = theme or load_theme(self.options.theme)
        self.strict = strict
        self.max_pages = max_pages
        self.write = write
        self._languages: dict[str, Language] = {}
        self.epoch = source_date_epoch()
        self._renderer: PdfRenderer | None = None

    @property
    def renderer(self) -> PdfRenderer:
        """The PDF renderer, created (and WeasyPrint imported) on first use."""
        if self._renderer is None:
            from brochure.sheet.pdf import PdfRenderer

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
            career, placeholders = read_career(source)
            if self.strict and placeholders:  # failed before the time rendering takes
                raise DataError(
                    [
                        replace(problem, message=problem.message + _(" (failed by --strict)"))
                        for problem in placeholders
                    ]
                )
            html = self.html(career, source.stem)
            try:
                rendered = self.renderer.render(
                    html,
                    self.options.pdf_variant,
                    self.max_pages,
                    print_profile=self.options.print_profile,
                )
            except BrochureError as error:  # the page limit: a problem of this sheet
                raise DataError(
                    [replace(problem, path=problem.path or source) for problem in error.problems]
                ) from None
        except BrochureError as error:
            outcome.problems = error.problems
            return outcome
        except OSError as error:  # WeasyPrint's own temporary files: a full disk
            outcome.problems = [
                Problem(_("could not be rendered ({reason})").format(reason=error.strerror), source)
            ]
            return outcome
        if self.strict and rendered.warnings:
            outcome.problems = [
                Problem(warning + _(" (a warning, failed by --strict)"), source)
                for warning in rendered.warnings
            ]
            return outcome
        outcome.warnings = [as_warning(problem) for problem in placeholders] + rendered.warnings
        try:
            self.write(target, rendered.data)
        except OSError as error:
            outcome.problems = [
                Problem(_("cannot write the PDF ({reason})").format(reason=error.strerror), target)
            ]
            return outcome
        outcome.output = target
        outcome.pages = rendered.pages
        return outcome


def project_builder(
    config: ProjectConfig, project: Path, overrides: Overrides | None = None, strict: bool = False
) -> SheetBuilder:
    """A sheet builder with a project's configuration and theme, options given over them."""
    options = sheet_options(config, overrides)
    return SheetBuilder(load_theme(options.theme, project), strict, options)
