"""The theme (templates, styles, labels) and turning a context into HTML."""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from brochure.builtin import DEFAULT_THEME, SHEET_TEMPLATE, theme_names, theme_root
from brochure.errors import DataError, Problem, UsageError
from brochure.sheet.context import SheetContext
from brochure.sheet.language import Language, read_labels


@dataclass(frozen=True)
class Theme:
    """Where a theme's templates and styles are, and what overrides them.

    ``overrides`` and ``style_overrides`` are searched first, file by file (a
    project's own templates/ and styles/, then a named theme's); the default
    theme's ``templates`` and ``styles`` come last. A template may extend the
    default one it replaces with ``{% extends "!base/sheet.html" %}``.
    """

    templates: Path
    styles: Path
    overrides: tuple[Path, ...] = ()
    style_overrides: tuple[Path, ...] = ()

    @cached_property
    def environment(self) -> jinja2.Environment:
        """A Jinja environment that escapes everything and fails on missing values."""
        return jinja2.Environment(
            loader=jinja2.ChoiceLoader(
                [
                    jinja2.FileSystemLoader([*self.overrides, self.templates]),
                    jinja2.PrefixLoader({"!base": jinja2.FileSystemLoader(self.templates)}),
                ]
            ),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    @property
    def style_layers(self) -> tuple[Path, ...]:
        """The style folders, the first found winning, file by file."""
        return (*self.style_overrides, self.styles)

    @property
    def folders(self) -> tuple[Path, ...]:
        """The folders a rendered sheet may read files from."""
        return (*self.overrides, self.templates, *self.style_layers)

    def find_template(self, name: str) -> Path | None:
        """The file a template name resolves to, overrides first."""
        for folder in (*self.overrides, self.templates):
            if (folder / name).is_file():
                return folder / name
        return None

    def builtin_template(self, name: str) -> Path:
        """The default theme's own file for a template name."""
        return self.templates / name


def default_theme(root: Path | None = None) -> Theme:
    """The default theme: brochure's own, or the one in ``root``."""
    root = root or theme_root()
    return Theme(root / "templates", root / "styles")


def load_theme(
    name: str = DEFAULT_THEME, project: Path | None = None, root: Path | None = None
) -> Theme:
    """A theme of ``root`` (brochure's own by default), a project's own files over it."""
    root = root or theme_root()
    if name not in theme_names(root):
        raise UsageError(
            Problem(f"no theme named '{name}' (themes: {', '.join(theme_names(root))})")
        )
    layers = []
    # In brochure's own checkout the project's folders are the default theme.
    if project is not None and project.resolve() != root.resolve():
        layers.append(project.resolve())
    if name != DEFAULT_THEME:
        layers.append(root / "themes" / name)
    return Theme(
        root / "templates",
        root / "styles",
        tuple(layer / "templates" for layer in layers if (layer / "templates").is_dir()),
        tuple(layer / "styles" for layer in layers if (layer / "styles").is_dir()),
    )


def load_language(theme: Theme, code: str) -> Language:
    """The theme's labels for ``code`` (a project may override the file)."""
    path = theme.find_template(f"labels/{code}.yaml")
    if path is None:
        raise UsageError(Problem(f"no labels for the language '{code}' in the theme"))
    return read_labels(code, path, theme.builtin_template("labels/fr.yaml"))


def render_html(theme: Theme, context: SheetContext, template: str = SHEET_TEMPLATE) -> str:
    """Render a sheet's HTML; template mistakes become errors naming file and line."""
    return render_template(theme, template, dict(context))


def render_template(theme: Theme, template: str, context: Mapping[str, Any]) -> str:
    """Render any template of the theme; mistakes become errors naming file and line."""
    try:
        return theme.environment.get_template(template).render(context)
    except jinja2.TemplateSyntaxError as error:
        raise DataError(
            Problem(
                f"template error: {error.message}",
                Path(error.filename) if error.filename else theme.templates / template,
                error.lineno,
            )
        ) from None
    except jinja2.TemplateNotFound as error:
        raise DataError(Problem(f"template not found: {error.name}", theme.templates)) from None
    except jinja2.UndefinedError as error:
        path, line = _template_frame(error, theme)
        raise DataError(Problem(f"template error: {error.message}", path, line)) from None


def _template_frame(error: Exception, theme: Theme) -> tuple[Path | None, int | None]:
    """The innermost template file and line in the traceback of ``error``."""
    found: tuple[Path | None, int | None] = (None, None)
    for frame in traceback.extract_tb(error.__traceback__):
        path = Path(frame.filename)
        if path.suffix == ".html" and any(
            path.is_relative_to(folder) for folder in (*theme.overrides, theme.templates)
        ):
            found = (path, frame.lineno)
    return found
