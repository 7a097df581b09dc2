"""What comes with brochure: the default theme, the named themes, the languages.

A wheel carries the theme inside the package (``brochure/_theme``, see
pyproject.toml); a source checkout or an editable install has it at the top
of the repository, where designers find it. The languages are those whose
labels the default theme holds (``templates/labels/<code>.yaml``): adding a
file there adds a language everywhere (configuration, career files, CLI).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

SHEET_TEMPLATE = "sheet.html"
DEFAULT_THEME = "default"

_PACKAGE = Path(__file__).resolve().parent


@cache
def theme_root() -> Path:
    """The folder holding the default theme's templates/, styles/ and themes/."""
    for root in (_PACKAGE / "_theme", _PACKAGE.parent):
        if (root / "templates" / SHEET_TEMPLATE).is_file() and (root / "styles").is_dir():
            return root
    # Not an expected problem: the installation itself is broken.
    raise RuntimeError(
        f"brochure's theme is missing: no templates/{SHEET_TEMPLATE} near {_PACKAGE}"
    )


def theme_names(root: Path | None = None) -> tuple[str, ...]:
    """The themes that come with brochure: ``default``, then those of themes/."""
    themes = (root or theme_root()) / "themes"
    others = sorted(p.name for p in themes.iterdir() if p.is_dir()) if themes.is_dir() else []
    return (DEFAULT_THEME, *others)


@cache
def languages() -> tuple[str, ...]:
    """The language codes the default theme has labels for, French first."""
    codes = sorted(p.stem for p in (theme_root() / "templates" / "labels").glob("*.yaml"))
    return tuple(sorted(codes, key=lambda code: code != "fr"))
