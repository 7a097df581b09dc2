"""What tagged (PDF/UA-1) output costs in render time, against a plain PDF.

Renders the shipped catalogue several times in each variant, interleaved so
that both see the same machine load, and prints the ratio measured in this
run. Not part of the test suite: run it with `.venv/bin/python bench/tagging.py`.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from brochure.sheet.builder import SheetBuilder
from brochure.source.config import SheetOptions
from brochure.source.loader import find_career_files, load_career

ROUNDS = 5
VARIANTS = ("none", "pdf/ua-1", "pdf/a-3b")


def main() -> None:
    """Print seconds per sheet for each variant and their ratio to a plain PDF."""
    sources = find_career_files([Path(__file__).resolve().parent.parent / "data"])
    builders = {v: SheetBuilder(options=SheetOptions(pdf_variant=v)) for v in VARIANTS}  # type: ignore[arg-type]
    pages = {v: [builders[v].html(load_career(s)) for s in sources] for v in VARIANTS}
    timings: dict[str, list[float]] = {v: [] for v in VARIANTS}
    for variant in VARIANTS:  # warm-up: fonts and stylesheets loaded once
        builders[variant].renderer.render(pages[variant][0], variant)
    for _ in range(ROUNDS):
        for variant in VARIANTS:
            start = time.perf_counter()
            for html in pages[variant]:
                builders[variant].renderer.render(html, variant)
            timings[variant].append((time.perf_counter() - start) / len(sources))
    base = statistics.median(timings["none"])
    print(f"{len(sources)} sheets x {ROUNDS} rounds, median seconds per sheet:")
    for variant in VARIANTS:
        median = statistics.median(timings[variant])
        print(f"  {variant:9} {median:.3f} s   x{median / base:.2f} of a plain PDF")


if __name__ == "__main__":
    main()
