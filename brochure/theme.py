"""The theme (templates and styles) and turning a context into HTML."""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from .context import SheetContext
from .errors import BrochureError, Problem

SHEET_TEMPLATE = "sheet.html"

_PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Theme:
    """Where a theme's templates and styles are."""

    templates: Path
    styles: Path

    @cached_property
    def environment(self) -> jinja2.Environment:
        """A Jinja environment that escapes everything and fails on missing values."""
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    @property
    def folders(self) -> tuple[Path, ...]:
        """The folders a rendered sheet may read files from."""
        return (self.templates, self.styles)


def default_theme() -> Theme:
    """Find the default theme, installed from a wheel or in a source checkout."""
    # A wheel carries the theme inside the package (see pyproject.toml); a
    # checkout or an editable install has it at the top of the repository.
    for root in (_PACKAGE_DIR / "_theme", _PACKAGE_DIR.parent):
        if (root / "templates" / SHEET_TEMPLATE).is_file() and (root / "styles").is_dir():
            return Theme(root / "templates", root / "styles")
    raise BrochureError(
        Problem(f"the default theme is missing: no templates/{SHEET_TEMPLATE} near {_PACKAGE_DIR}")
    )


def render_html(theme: Theme, context: SheetContext, template: str = SHEET_TEMPLATE) -> str:
    """Render a sheet's HTML; template mistakes become errors naming file and line."""
    return render_template(theme, template, context)  # type: ignore[arg-type]


def render_template(theme: Theme, template: str, context: Mapping[str, Any]) -> str:
    """Render any template of the theme; mistakes become errors naming file and line."""
    try:
        return theme.environment.get_template(template).render(context)
    except jinja2.TemplateSyntaxError as error:
        raise BrochureError(
            Problem(
                f"template error: {error.message}",
                Path(error.filename) if error.filename else theme.templates / template,
                error.lineno,
            )
        ) from None
    except jinja2.TemplateNotFound as error:
        raise BrochureError(Problem(f"template not found: {error.name}", theme.templates)) from None
    except jinja2.UndefinedError as error:
        path, line = _template_frame(error, theme)
        raise BrochureError(Problem(f"template error: {error.message}", path, line)) from None


def _template_frame(error: Exception, theme: Theme) -> tuple[Path | None, int | None]:
    """The innermost template file and line in the traceback of ``error``."""
    found: tuple[Path | None, int | None] = (None, None)
    for frame in traceback.extract_tb(error.__traceback__):
        path = Path(frame.filename)
        if path.suffix == ".html" and path.is_relative_to(theme.templates):
            found = (path, frame.lineno)
    return found
