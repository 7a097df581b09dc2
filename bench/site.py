"""Website benchmark: the pages of N careers, and the search box's answer per keystroke.

For each N it generates N careers (the reference career, retitled) and prints,
measured in this run on this machine:

- the processing time of `make_site` writing the N pages (their PDFs left out:
  they are the catalogue's build, see bench/catalogue.py), and of a second run
  with nothing changed;
- in the system Chromium (Playwright), the worst keystroke of typing and
  erasing three queries in the index of N careers: the best of three rounds
  for each keystroke, from the input event to the list laid out again.

Targets (issue 12): 1,000 careers' pages in under 10 s on 2 cores; each
keystroke answered in under 50 ms with 1,500 careers.

Usage: .venv/bin/python bench/site.py [N ...]   (default N: 1000 1500).
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from brochure.catalogue.batch import BuildSettings
from brochure.site.website import SiteSettings, make_site

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "careers" / "prompt-engineer.yaml"
CHROMIUM = Path("/usr/bin/chromium")
QUERIES = ("infirmier 12 santé", "j1", "bac 5")


def generate(folder: Path, count: int) -> list[Path]:
    """``count`` careers: the reference, retitled and with its own ROME code."""
    text = REFERENCE.read_text(encoding="utf-8")
    folder.mkdir(parents=True)
    for number in range(count):
        career = re.sub(r"^title: .*$", f"title: Métier {number}", text, count=1, flags=re.M)
        career += f"\nrome_codes: [J{number:04}]\n"  # the reference has none
        (folder / f"metier-{number:04}.yaml").write_text(career, encoding="utf-8")
    return sorted(folder.glob("*.yaml"))


def pages(sources: list[Path], work: Path) -> tuple[float, float]:
    """Processing seconds of the first run and of a run with nothing changed."""
    site = work / "site"
    settings = SiteSettings(site, BuildSettings(site / "pdf", project=work), pdfs=False)
    started = time.process_time()
    report = make_site(sources, settings)
    first = time.process_time() - started
    if report.failed:
        raise SystemExit(f"{len(report.failed)} pages failed")
    started = time.process_time()
    again = make_site(sources, settings)
    second = time.process_time() - started
    if again.written:
        raise SystemExit("the second run wrote pages again")
    return first, second


def keystrokes(index: Path) -> tuple[float, str]:
    """The slowest keystroke (best of three rounds each), in ms, and what was typed."""
    from playwright.sync_api import sync_playwright

    steps = [text[:end] for text in QUERIES for end in range(1, len(text) + 1)]
    steps += [steps[-1][:end] for end in range(len(steps[-1]) - 1, -1, -1)]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page()
            page.goto(index.as_uri())
            rounds = page.evaluate(
                """(steps) => {
                    const box = document.getElementById("query");
                    const list = document.getElementById("careers");
                    list.getBoundingClientRect();
                    return [1, 2, 3].map(() => steps.map(step => {
                        const start = performance.now();
                        box.value = step;
                        box.dispatchEvent(new Event("input", {bubbles: true}));
                        list.getBoundingClientRect();  // style and layout done
                        return performance.now() - start;
                    }));
                }""",
                steps,
            )
        finally:
            browser.close()
    best = [min(times) for times in zip(*rounds, strict=True)]
    worst = max(range(len(steps)), key=lambda at: best[at])
    return best[worst], steps[worst]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 1500])
    arguments = parser.parse_args()
    print(f"{os.cpu_count()} cores; processing seconds and browser milliseconds of this run.")
    for count in arguments.counts:
        work = Path(tempfile.mkdtemp(prefix="brochure-bench-site-"))
        try:
            sources = generate(work / "data", count)
            first, again = pages(sources, work)
            slowest, typed = keystrokes(work / "site" / "index.html")
            print(
                f"N={count}: pages {first:.1f} s ({first / count * 1000:.1f} s per 1,000;"
                f" target 10 s), unchanged run {again:.1f} s; slowest keystroke"
                f" {slowest:.1f} ms ('{typed}'; x{slowest / 50:.2f} of the 50 ms target)",
                flush=True,
            )
        finally:
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
