"""Catalogue benchmark: what brochure costs, and how it scales, measured in one run.

For each N it generates N careers (the reference career, numbered, across
six sectors) and prints, all measured in this run on this machine:

- seconds per sheet of `brochure build -j 1`, and its overhead over a bare
  WeasyPrint loop rendering the same HTML in one process (ratio);
- the speed-up of `-j 2` over `-j 1`;
- the time of a rebuild with nothing changed (the whole command);
- the booklet bound from N built sheets: time and peak memory (RSS), and
  their ratio to those of the code before (``--before``, measured in this
  run on the same sheets), else to the figures of issue 15; bound again
  with nothing changed;
- the edit-one cycle: one career edited, then `brochure book` (its sheet
  rendered, the booklet bound again);
- the booklet's size, and its ratio to a single WeasyPrint document holding
  the same sheets (for N up to --single-max);
- `brochure watch` on the built catalogue: start-up (until it says it is
  watching; it used to render every sheet, so compared with `build -j 2`),
  and the latency from saving a career to its PDF being written;
- `brochure check` of the N careers, and `brochure build` of one career file
  into an empty folder (the whole command), beside issue 15's targets.

Usage: .venv/bin/python bench/catalogue.py [N ...] [--single-max 200] [--booklet-only]
       [--before ../main]
Default N: 50 200 1000. --booklet-only skips `-j 1` and the bare WeasyPrint
loop (the slowest part on a busy machine). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "careers" / "prompt-engineer.yaml"
# Issue 15's figures, measured before this work: booklet seconds and MB by N.
BEFORE = {50: (3.4, 107), 200: (10.4, 114), 1000: (47.8, 144)}
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


# Runs the brochure of another source folder: the installed (editable) one set aside.
_FROM_CHECKOUT = """
import runpy, sys
sys.meta_path[:] = [finder for finder in sys.meta_path if "editable" not in repr(finder)]
sys.path.insert(0, sys.argv[1])
for name in [name for name in sys.modules if name.split(".")[0] == "brochure"]:
    del sys.modules[name]
sys.argv = ["brochure", *sys.argv[2:]]
runpy.run_module("brochure", run_name="__main__", alter_sys=True)
"""


def timed(*command: str, checkout: Path | None = None) -> tuple[float, int]:
    """Run a brochure command; return its seconds and its peak RSS in MB (with children).

    With ``checkout``, the brochure of that source folder runs (the code before a change).
    """
    start = ["-c", _FROM_CHECKOUT, str(checkout)] if checkout else ["-m", "brochure"]
    result = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, sys.executable, *start, *command],
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


def watch_figures(data: Path, sheets: Path) -> tuple[float, float]:
    """Seconds until `brochure watch` is ready on built sheets, and from a save to the PDF."""
    started = time.perf_counter()
    watcher = subprocess.Popen(
        [sys.executable, "-m", "brochure", "watch", str(data), "-o", str(sheets)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert watcher.stdout is not None
        for line in watcher.stdout:
            if line.startswith("watching"):
                break
        start_up = time.perf_counter() - started
        career = sorted(data.glob("*.yaml"))[1]
        pdf = sheets / f"{career.stem}.pdf"
        before = pdf.stat()
        edit(career)
        saved = time.perf_counter()
        while True:
            now = pdf.stat()
            if (now.st_ino, now.st_mtime_ns) != (before.st_ino, before.st_mtime_ns):
                break
            if time.perf_counter() - saved > 120:
                raise SystemExit("brochure watch did not write the saved career's PDF")
            time.sleep(0.01)
        latency = time.perf_counter() - saved
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=30)
    return start_up, latency


def edit(career: Path) -> None:
    """Edit a career as an author does: a few words of its text, not its title."""
    text = career.read_text(encoding="utf-8")
    career.write_text(text.replace("conçoit, teste", "conçoit, documente, teste", 1), "utf-8")


def _versus(value: float, before: float | None) -> str:
    return f" (x{before / value:.1f} faster)" if before else ""


def measure(
    count: int, single_max: int, booklet_only: bool, before: Path | None, work: Path
) -> None:
    """Print the figures for ``count`` careers."""
    data, one, two = work / f"data-{count}", work / f"j1-{count}", work / f"j2-{count}"
    generate(data, count)
    parallel, _ = timed("build", str(data), "-o", str(two), "-j", "2", "-q")
    rebuild, _ = timed("build", str(data), "-o", str(two), "-q")
    line = f"N={count:5}  -j 2 build {parallel:.1f} s  no-change rebuild {rebuild:.2f} s"
    if not booklet_only:
        serial, _ = timed("build", str(data), "-o", str(one), "-j", "1", "-q")
        bare = bare_loop(data)
        line += (
            f"  {serial / count:.3f} s/sheet (-j 1)  overhead x{serial / count / bare:.2f}"
            f" over bare WeasyPrint ({bare:.3f} s/sheet)  -j 2 speed-up x{serial / parallel:.2f}"
        )
    print(line, flush=True)
    booklet = work / f"booklet-{count}.pdf"
    book = ("book", str(data), "-o", str(booklet), "--sheets", str(two), "-q")
    before_cycle: float | None = None
    if before is not None:  # the code before, on the same sheets, in this run
        before_seconds, before_rss = timed(*book, checkout=before)
        edit(sorted(data.glob("*.yaml"))[2])
        before_cycle, _ = timed(*book, checkout=before)
        print(
            f"  before ({before}): booklet {before_seconds:.1f} s, {before_rss} MB;"
            f" edit one career, then book: {before_cycle:.1f} s",
            flush=True,
        )
    else:  # issue 15's figures
        before_seconds, before_rss = BEFORE.get(count, (None, None))
    book_seconds, book_rss = timed(*book)
    again, again_rss = timed(*book)
    print(
        f"  booklet of {count} built sheets: {book_seconds:.1f} s"
        f"{_versus(book_seconds, before_seconds)}, peak RSS {book_rss} MB"
        + (f" (x{book_rss / before_rss:.2f} of {before_rss} MB)" if before_rss else "")
        + f"; bound again, nothing changed: {again:.1f} s{_versus(again, before_seconds)},"
        f" {again_rss} MB",
        flush=True,
    )
    edit(sorted(data.glob("*.yaml"))[0])
    cycle, _ = timed(*book)
    size = booklet.stat().st_size
    versus = _versus(cycle, before_cycle or before_seconds)
    line = f"  edit one career, then book: {cycle:.1f} s{versus}; booklet {size / 1e6:.1f} MB"
    if count <= single_max:
        single = single_document(data, work / f"single-{count}.pdf")
        line += f" = x{size / single:.2f} of one WeasyPrint document ({single / 1e6:.1f} MB)"
    print(line, flush=True)
    checked, _ = timed("check", str(data), "-q")
    single, _ = timed("build", str(sorted(data.glob("*.yaml"))[0]), "-o", str(work / "one"), "-q")
    print(
        f"  check of {count} careers: {checked:.2f} s (target 2 s at 1,000: x{2 / checked:.1f});"
        f" one sheet, `brochure build FILE`: {single:.2f} s (target 1 s: x{1 / single:.1f})",
        flush=True,
    )
    shutil.rmtree(work / "one")
    start_up, latency = watch_figures(data, two)
    print(
        f"  watch: ready in {start_up:.1f} s (x{parallel / start_up:.1f} faster than rendering"
        f" every sheet, as it did), save to PDF {latency:.2f} s",
        flush=True,
    )


def main() -> None:
    """Run the benchmark for each N given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[50, 200, 1000])
    parser.add_argument("--single-max", type=int, default=200)
    parser.add_argument("--booklet-only", action="store_true")
    parser.add_argument(
        "--before",
        type=Path,
        help="a checkout of the code before (e.g. the main branch's folder): its booklet"
        " and edit-one cycle are measured in the same run, for the ratios",
    )
    arguments = parser.parse_args()
    print(f"{os.cpu_count()} cores; times are wall-clock seconds of this run.", flush=True)
    work = Path(tempfile.mkdtemp(prefix="brochure-bench-"))
    try:
        for count in arguments.counts:
            measure(count, arguments.single_max, arguments.booklet_only, arguments.before, work)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
