"""Starting points: a new project (``brochure init``) and a new career (``brochure new``)."""

from __future__ import annotations

import csv
import errno
import os
from datetime import date
from pathlib import Path

from brochure.errors import Problem, UsageError
from brochure.files import atomic_file, slugify
from brochure.i18n import N_, _, user_language
from brochure.source.config import CONFIG_FILE
from brochure.workbook import xlsx_bytes

SAMPLES = Path(__file__).resolve().parent / "samples"
STARTER_SHEET = "metiers.xlsx"  # `brochure import sheet metiers.xlsx`
MAX_NAME = 80  # characters of a new career file's name, before ".yaml"

OVERRIDES_README = N_(
    "Files put here replace the theme's file of the same name, one by one:\n"
    "{example}\n"
    'See the README of brochure, "The theme".\n'
)
STYLES_EXAMPLE = N_("styles/theme.css (read after the look), styles/look.css...")

CANNOT_WRITE = N_("cannot be written ({reason})")


def init_project(folder: Path) -> list[Path]:
    """Create a working project in ``folder``; return the files and folders made."""
    config = folder / CONFIG_FILE
    if config.exists() or config.is_symlink():
        raise UsageError(Problem(_("a project is already here: not overwritten"), config))
    blocking = [
        folder / name
        for name in ("data", "templates", "styles")
        if (folder / name).exists() and not (folder / name).is_dir()
    ]
    if blocking:  # checked first, so that a refused init leaves nothing behind
        raise UsageError(
            [
                Problem(_("is a file where init makes a folder: not overwritten"), p)
                for p in blocking
            ]
        )
    made = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _create(config, sample_text("brochure.yaml"))
        made.append(config)
        (folder / "data").mkdir(exist_ok=True)
        sample = folder / "data" / "boulanger.yaml"
        if _create(sample, (SAMPLES / "boulanger.yaml").read_text(encoding="utf-8")):
            made.append(sample)
        workbook = folder / STARTER_SHEET
        if _create(workbook, xlsx_bytes(starter_rows())):
            made.append(workbook)
        for name, example in (
            ("templates", "templates/sheet.html, templates/partials/recap.html..."),
            ("styles", _(STYLES_EXAMPLE)),
        ):
            overrides = folder / name
            overrides.mkdir(exist_ok=True)
            _create(overrides / "README.txt", _(OVERRIDES_README).format(example=example))
            made.append(overrides)
    except FileExistsError as error:
        raise UsageError(
            Problem(_("is in the way: not overwritten"), Path(error.filename or folder))
        ) from None
    except OSError as error:
        raise UsageError(Problem(_(CANNOT_WRITE).format(reason=error.strerror), folder)) from None
    return made


def sample_text(name: str) -> str:
    """A sample file, its comments in the user's language: samples/fr/ holds the French."""
    translated = SAMPLES / user_language() / name
    return (translated if translated.is_file() else SAMPLES / name).read_text(encoding="utf-8")


def starter_rows() -> list[list[str]]:
    """The starter spreadsheet's rows: the columns, in French, and one example career."""
    with (SAMPLES / "metiers.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file, delimiter=";"))


def _create(path: Path, text: str | bytes) -> bool:
    """Write a new file whole; leave one already there (or appearing meanwhile) untouched.

    The text is written beside it first, then linked into place: a full disk
    leaves no half file, and a file that appeared meanwhile is not replaced.
    """
    if path.exists() or path.is_symlink():
        if path.is_dir():
            raise FileExistsError(errno.EEXIST, "is a folder", str(path))
        return False
    with atomic_file(path.with_name(f".{path.name}.new")) as file:
        file.write(text.encode("utf-8") if isinstance(text, str) else text)
    staged = path.with_name(f".{path.name}.new")
    try:
        os.link(staged, path)
    except FileExistsError:
        return False
    finally:
        staged.unlink(missing_ok=True)
    return True


def new_career(title: str, folder: Path, today: date) -> Path:
    """Write a career file with every field, named by a slug of ``title``; never overwrite."""
    title = title.strip()
    if not title:
        raise UsageError(Problem(_('give the career\'s title, such as "Boulanger·ère"')))
    # File systems take names of 255 bytes at most: a very long title is cut.
    path = folder / f"{slugify(title)[:MAX_NAME].rstrip('-')}.yaml"
    if path.exists() or path.is_symlink():
        raise UsageError(Problem(_("already exists: not overwritten"), path))
    text = sample_text("new-career.yaml")
    # The title goes where YAML reads it as text whatever it holds.
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    text = text.replace("title: __TITLE__", f"title: {quoted}")
    text = text.replace("[Métier, __TITLE__]", f"[Métier, {quoted}]")
    text = text.replace("__TITLE__", title.replace("\n", " "))
    text = text.replace("__DATE__", today.isoformat())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        file = path.open("x", encoding="utf-8")  # "x": fails if it appeared meanwhile
    except FileExistsError:
        raise UsageError(Problem(_("already exists: not overwritten"), path)) from None
    except OSError as error:
        raise UsageError(Problem(_(CANNOT_WRITE).format(reason=error.strerror), path)) from None
    try:
        with file:
            file.write(text)
    except OSError as error:
        path.unlink(missing_ok=True)  # made just now by us, and incomplete
        raise UsageError(Problem(_(CANNOT_WRITE).format(reason=error.strerror), path)) from None
    return path
