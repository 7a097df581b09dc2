"""The site's fixtures: one headless Chromium for the session, and sites made once.

The browser is Debian's /usr/bin/chromium (installed by scripts/install-system-deps),
driven by Playwright; nothing is downloaded. It is closed at the end of the session.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import DATA, made_once, run

CHROMIUM = Path("/usr/bin/chromium")

# A career with what the shipped ones lack: ROME codes, two sectors, statuses and interests.
EXTRA = """\
title: Sage-femme
also_known_as: [Maïeuticien·ne]
sectors: [Santé, Social]
rome_codes: [J1104]
statuses: [fonctionnaire, libéral]
interests: ["j'aime **aider** les autres"]
training: {level: Bac+5}
summary: Elle ou il suit la grossesse et l'accouchement.
"""


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for every test of the session (of this worker)."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run the README's set-up (scripts/install-system-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A new page; console errors and uncaught exceptions are collected in ``page.errors``."""
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda message: message.type == "error" and tab.errors.append(message.text))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    try:
        yield tab
    finally:
        context.close()


# The shipped careers the site tests are written for: the catalogue may grow
# without changing what these tests expect.
SITE_CAREERS = (
    "aide-soignant", "architecte", "boulanger", "developpeur-web", "electricien-du-batiment",
    "infirmier",
)  # fmt: skip


def project_with_careers(folder: Path, *names: str) -> Path:
    """A project with Sage-femme and shipped careers in data/: those named, or all of them."""
    data = folder / "data"
    data.mkdir(parents=True)
    for path in sorted((DATA / "careers").glob("*.yaml")):
        if not names or path.stem in names:
            shutil.copy(path, data / path.name)
    (data / "sage-femme.yaml").write_text(EXTRA, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the shipped careers (and Sage-femme), with its PDFs, made once a run."""

    def make(project: Path) -> None:
        project_with_careers(project, *SITE_CAREERS)
        result = run("site", project / "data", "-o", project / "site", "--config", _config(project))
        assert result.exit_code == 0, result.output

    return made_once(tmp_path_factory, "site", make) / "site"


def _config(project: Path) -> Path:
    config = project / "brochure.yaml"
    config.write_text("footer: CIO de Lyon\n", encoding="utf-8")
    return config
