"""Page images of a sheet (``brochure preview``), for a quick look or a web page."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from brochure.catalogue.workers import Settings, render_one
from brochure.errors import DataError, Problem, UsageError


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
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{source.stem}-*.png"):
            old.unlink()  # pages of an earlier, longer version
        try:
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / source.stem)],
                check=True,
                capture_output=True,
            )
        except FileNotFoundError:
            raise UsageError(
                Problem("pdftoppm is missing (Debian: apt-get install poppler-utils)")
            ) from None
    # pdftoppm pads page numbers (-01, -001) by page count: name them plainly.
    pages = sorted(folder.glob(f"{source.stem}-*.png"))
    named = []
    for number, page in enumerate(pages, start=1):
        target = folder / f"{source.stem}-{number}.png"
        page.rename(target)
        named.append(target)
    return named
