"""The theme (templates, styles, labels) and turning a context into HTML.

Templates are untrusted, a project's own as much as a downloaded theme: they
run in Jinja's immutable sandbox (no access to Python internals, no method
that changes data), with autoescape and StrictUndefined, and every file they
include or extend must lie, symbolic links followed, inside a folder of the
theme or the project's own templates/.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from brochure.builtin import DEFAULT_THEME, SHEET_TEMPLATE, theme_names, theme_root
from brochure.errors import DataError, Problem, UsageError
from brochure.i18n import _
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
        """A sandboxed Jinja environment that escapes everything and fails on missing values."""
        return ImmutableSandboxedEnvironment(
            loader=jinja2.ChoiceLoader(
                [
                    _ConfinedLoader([*self.overrides, self.templates]),
                    jinja2.PrefixLoader({"!base": _ConfinedLoader([self.templates])}),
                ]
            ),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def compile_sheet_templates(self) -> None:
        """Compile the sheet's templates now, mistakes left for each sheet to report.

        Called before forking the workers: they inherit the compiled templates.
        """
        names = self.environment.list_templates(filter_func=lambda name: name.endswith(".html"))
        for name in names:
            if name == "sheet.html" or name.startswith("partials/"):
                with contextlib.suppress(jinja2.TemplateError):
                    self.environment.get_template(name)

    @property
    def style_layers(self) -> tuple[Path, ...]:
        """The style folders, the first found winning, file by file."""
        return (*self.style_overrides, self.styles)

    @property
    def folders(self) -> tuple[Path, ...]:
        """The folders a rendered sheet may read files from."""
        return (*self.overrides, self.templates, *self.style_layers)

    def find_template(self, name: str) -> Path | None:
        """The file a template name resolves to, overrides first; never one outside them."""
        for folder in (*self.overrides, self.templates):
            if (folder / name).is_file():
                return _confined(folder / name, folder)
        return None

    def builtin_template(self, name: str) -> Path:
        """The default theme's own file for a template name."""
        return self.templates / name


def _confined(path: Path, folder: Path) -> Path:
    """``path``, if it resolves (symbolic links followed) inside ``folder``."""
    resolved = path.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        raise UsageError(
            Problem(
                _("leads outside its folder {folder} (to {target}): refused").format(
                    folder=folder, target=resolved
                ),
                path,
            )
        )
    return resolved


class _ConfinedLoader(jinja2.FileSystemLoader):
    """Loads templates from folders, refusing a file that resolves outside them."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """The template's text, once its real place is checked."""
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(folder).resolve()) for folder in self.searchpath):
            # Not TemplateNotFound: a ChoiceLoader would quietly try the next folder.
            raise jinja2.exceptions.SecurityError(
                _("{template} leads outside the templates' folders, to {target}").format(
                    template=template, target=real
                )
            )
        return source, filename, uptodate


def default_theme(root: Path | None = None) -> Theme:
    """The default theme: brochure's own, or the one in ``root``."""
    root = root or theme_root()
    return Theme(root / "templates", root / "styles")


def load_theme(
    name: str = DEFAULT_THEME, project: Path | None = None, root: Path | None = None
) -> Theme:
    """A theme of ``root`` (brochure's own by default), a project's own files over it."""
    root = root or theme_root()
    # "Sober" in brochure.yaml is the theme "sober", as on the command line.
    name = next((known for known in theme_names(root) if known.lower() == name.lower()), name)
    if name not in theme_names(root):
        raise UsageError(
            Problem(
                _("no theme named '{name}' (themes: {themes})").format(
                    name=name, themes=", ".join(theme_names(root))
                )
            )
        )
    layers = []
    # In brochure's own checkout the project's folders are the default theme.
    if project is not None and project.resolve() != root.resolve():
        layers.append(project.resolve())
        for folder in ("templates", "styles"):
            place = (project / folder).resolve()
            if (project / folder).is_dir() and not place.is_relative_to(project.resolve()):
                # Through a link out, stylesheets could read any file of that place.
                raise UsageError(
                    Problem(
                        _(
                            "the project's {folder}/ folder leads outside the project (to"
                            " {target}): refused; copy the files you need into {folder}/ instead"
                        ).format(folder=folder, target=place),
                        project / folder,
                    )
                )
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
        raise UsageError(
            Problem(_("no labels for the language '{code}' in the theme").format(code=code))
        )
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
                _("template error: {reason}").format(reason=error.message),
                Path(error.filename) if error.filename else theme.templates / template,
                error.lineno,
            )
        ) from None
    except jinja2.TemplateNotFound as error:
        raise DataError(
            Problem(_("template not found: {name}").format(name=error.message), theme.templates)
        ) from None
    except jinja2.UndefinedError as error:
        path, line = _template_frame(error, theme)
        raise DataError(
            Problem(_("template error: {reason}").format(reason=error.message), path, line)
        ) from None
    except jinja2.exceptions.SecurityError as error:
        path, line = _template_frame(error, theme)
        raise DataError(
            Problem(
                _("template error: not allowed in a template ({reason})").format(reason=error),
                path,
                line,
            )
        ) from None
    except MemoryError:
        raise  # the worker reports it against its memory limit
    except Exception as error:  # templates are data: whatever they do wrong is reported
        path, line = _template_frame(error, theme)
        raise DataError(
            Problem(
                _("template error: {reason}").format(reason=f"{type(error).__name__}: {error}"),
                path,
                line,
            )
        ) from None


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
