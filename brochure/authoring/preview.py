"""Page images of a sheet (``brochure preview``), for a quick look or a web page."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from brochure.catalogue.workers import Settings, render_one
from brochure.errors import DataError, Problem, UsageError
from brochure.files import copy_atomically
from brochure.i18n import _


def preview(settings: Settings, source: Path, folder: Path, dpi: int = 60) -> list[Path]:
    """Render one career and write its pages as PNG images: ``<name>-1.png``...

    The sheet is rendered in a worker process under ``settings.limits``, as
    in a build: a runaway career is stopped, not waited for.
    """
    with tempfile.TemporaryDirectory(prefix="brochure-preview-") as scratch:
        pdf = Path(scratch) / f"{source.stem}.pdf"
        outcome = render_one(source, pdf, settings)
        if not outcome.ok:
            raise DataError(outcome.problems)
        try:
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(Path(scratch) / "page")],
                check=True,
                capture_output=True,
            )
        except FileNotFoundError:
            raise UsageError(
                Problem(_("pdftoppm is missing (Debian: apt-get install poppler-utils)"))
            ) from None
        except subprocess.CalledProcessError as error:
            raise DataError(
                Problem(
                    _("pdftoppm could not make the images (exit {code})").format(
                        code=error.returncode
                    ),
                    source,
                )
            ) from None
        # pdftoppm pads page numbers (-01, -001) by page count: name them plainly,
        # each image put in place whole.
        pages = sorted(Path(scratch).glob("page-*.png"))
        named = [folder / f"{source.stem}-{number}.png" for number in range(1, len(pages) + 1)]
        try:
            for page, target in zip(pages, named, strict=True):
                copy_atomically(page, target)
        except OSError as error:
            raise UsageError(
                Problem(
                    _("cannot write the images ({reason})").format(reason=error.strerror), folder
                )
            ) from None
    # Pages of an earlier, longer version of this sheet (and only of this sheet).
    own = re.compile(rf"{re.escape(source.stem)}-(\d+)\.png")
    for old in folder.iterdir():
        match = own.fullmatch(old.name)
        if match and int(match.group(1)) > len(named) and old.is_file():
            old.unlink()
    return named
