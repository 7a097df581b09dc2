"""Catalogue benchmark: what brochure costs, and how it scales, measured in one run.

For each N it generates N careers (the reference career, numbered, across
six sectors) and prints, all measured in this run on this machine:

- seconds per sheet of `brochure build -j 1`, and its overhead over a bare
  WeasyPrint loop rendering the same HTML in one process (ratio);
- the speed-up of `-j 2` over `-j 1`;
- the time of a rebuild with nothing changed (the whole command);
- the booklet's time, peak memory (RSS) and size, and the size of a single
  WeasyPrint document holding the same sheets (for N up to --single-max).

Usage: .venv/bin/python bench/catalogue.py [N ...] [--single-max 200]
Default N: 50 200 1000. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "careers" / "prompt-engineer.yaml"
SECTORS = ["Numérique", "Santé", "Industrie", "Éducation", "Artisanat", "Bâtiment"]


def generate(folder: Path, count: int) -> None:
    """Write ``count`` careers: the reference, retitled and spread across sectors."""
    text = REFERENCE.read_text(encoding="utf-8")
    folder.mkdir(parents=True)
    for number in range(count):
        career = text.replace("title: Prompt Engineer", f"title: Métier numéro {number:04}")
        career = re.sub(r"^sector: .*$", f"sector: {SECTORS[number % 6]}", career, flags=re.M)
        (folder / f"metier-{number:04}.yaml").write_text(career, encoding="utf-8")


# Run from a small launcher: a process forked from this (large) one would
# count this one's memory in its own peak RSS.
_LAUNCHER = """
import os, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(os.waitstatus_to_exitcode(status), time.perf_counter() - started, usage.ru_maxrss)
"""


def timed(*command: str) -> tuple[float, int]:
    """Run a brochure command; return its seconds and its peak RSS in MB (with children)."""
    result = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, sys.executable, "-m", "brochure", *command],
        capture_output=True,
        text=True,
        check=True,
    )
    code, seconds, rss = result.stdout.split()
    if code != "0":
        raise SystemExit(f"brochure {' '.join(command)} failed: {result.stderr}")
    return float(seconds), int(rss) // 1024


def bare_loop(folder: Path) -> float:
    """Seconds per sheet for WeasyPrint alone, on the HTML brochure makes, in one process."""
    from weasyprint import HTML

    from brochure.sheet.builder import SheetBuilder
    from brochure.source.loader import load_career

    builder = SheetBuilder()
    renderer = builder.renderer
    pages = [builder.html(load_career(path)) for path in sorted(folder.glob("*.yaml"))]
    HTML(string=pages[0], base_url=renderer.base_url, url_fetcher=renderer.fetcher).render(
        font_config=renderer.font_config
    ).write_pdf(pdf_identifier=True, pdf_variant="pdf/ua-1")  # warm-up
    started = time.perf_counter()
    for html in pages:
        HTML(string=html, base_url=renderer.base_url, url_fetcher=renderer.fetcher).render(
            font_config=renderer.font_config
        ).write_pdf(pdf_identifier=True, pdf_variant="pdf/ua-1")
    return (time.perf_counter() - started) / len(pages)


def single_document(folder: Path, target: Path) -> int:
    """Render every sheet in one WeasyPrint document; return the PDF's size in bytes."""
    from weasyprint import HTML

    from brochure.sheet.builder import SheetBuilder
    from brochure.source.loader import load_career

    builder = SheetBuilder()
    renderer = builder.renderer
    bodies, head = [], ""
    for path in sorted(folder.glob("*.yaml")):
        html = builder.html(load_career(path))
        head = html.split("<body>")[0]
        body = html.split("<body>")[1].split("</body>")[0]
        bodies.append(f'<div style="break-before: page">{body}</div>')
    document = f"{head}<body>{''.join(bodies)}</body></html>"
    HTML(string=document, base_url=renderer.base_url, url_fetcher=renderer.fetcher).render(
        font_config=renderer.font_config
    ).write_pdf(target, pdf_identifier=True, pdf_variant="pdf/ua-1")  # as the sheets are
    return target.stat().st_size


def measure(count: int, single_max: int, work: Path) -> None:
    """Print one line of figures for ``count`` careers."""
    data, one, two = work / f"data-{count}", work / f"j1-{count}", work / f"j2-{count}"
    generate(data, count)
    serial, _ = timed("build", str(data), "-o", str(one), "-j", "1", "-q")
    parallel, _ = timed("build", str(data), "-o", str(two), "-j", "2", "-q")
    rebuild, _ = timed("build", str(data), "-o", str(one), "-q")
    bare = bare_loop(data)
    booklet = work / f"booklet-{count}.pdf"
    book_seconds, book_rss = timed(
        "book", str(data), "-o", str(booklet), "--sheets", str(one), "-q"
    )
    line = (
        f"N={count:5}  {serial / count:.3f} s/sheet (-j 1)  overhead x{serial / count / bare:.2f}"
        f" over bare WeasyPrint ({bare:.3f} s/sheet)  -j 2 speed-up x{serial / parallel:.2f}"
        f"  no-change rebuild {rebuild:.2f} s  booklet {book_seconds:.1f} s,"
        f" peak RSS {book_rss} MB, {booklet.stat().st_size / 1e6:.1f} MB"
    )
    if count <= single_max:
        single = single_document(data, work / f"single-{count}.pdf")
        line += f" = x{booklet.stat().st_size / single:.2f} of one document ({single / 1e6:.1f} MB)"
    print(line, flush=True)


def main() -> None:
    """Run the benchmark for each N given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[50, 200, 1000])
    parser.add_argument("--single-max", type=int, default=200)
    arguments = parser.parse_args()
    print(f"{os.cpu_count()} cores; times are wall-clock seconds of this run.", flush=True)
    work = Path(tempfile.mkdtemp(prefix="brochure-bench-"))
    try:
        for count in arguments.counts:
            measure(count, arguments.single_max, work)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
