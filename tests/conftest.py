"""Shared fixtures: temporary career files, one builder and the reference PDF per session.

Helpers (paths, PDF readers) are in helpers.py, imported by the tests themselves.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from brochure.sheet.builder import SheetBuilder
from brochure.source.config import SheetOptions
from tests.helpers import MINIMAL, REFERENCE, SHEET_CASES, made_once

# The tests read our messages in English, whatever the machine's locale
# (tests/test_messages.py sets the locale it checks).
os.environ["LANGUAGE"] = "en"

# Property-based tests: a few dozen examples, the same ones every run (CI must
# not fail by chance); `make fuzz` (HYPOTHESIS_PROFILE=fuzz) draws thousands anew.
settings.register_profile(
    "default-run", max_examples=50, deadline=None, database=None, derandomize=True
)
settings.register_profile("fuzz", max_examples=5000, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default-run"))


@pytest.fixture
def career_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a career file in a temporary folder: ``career_file(text, name=...)``."""

    def write(text: str | bytes = MINIMAL, name: str = "career.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def builder() -> SheetBuilder:
    """One builder for the session: fonts and theme are loaded once."""
    return SheetBuilder(strict=True)


@pytest.fixture(scope="session")
def reference_pdf(builder: SheetBuilder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference career rendered once for the whole run."""

    def make(folder: Path) -> None:
        outcome = builder.build(REFERENCE, folder / "prompt-engineer.pdf")
        assert outcome.ok, outcome.problems
        assert outcome.warnings == []

    return made_once(tmp_path_factory, "reference", make) / "prompt-engineer.pdf"


class RenderedSheets(dict[str, Path]):
    """The reference in each case of SHEET_CASES, rendered when first asked for."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory):
        super().__init__()
        self.tmp_path_factory = tmp_path_factory

    def __missing__(self, name: str) -> Path:
        def make(folder: Path) -> None:
            options = SheetOptions(**SHEET_CASES[name])  # type: ignore[arg-type]
            builder = SheetBuilder(strict=True, options=options)
            outcome = builder.build(REFERENCE, folder / f"{name}.pdf")
            assert outcome.ok, outcome.problems

        self[name] = made_once(self.tmp_path_factory, f"sheet-{name}", make) / f"{name}.pdf"
        return self[name]


@pytest.fixture(scope="session")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> RenderedSheets:
    """The reference rendered once per run in each case of SHEET_CASES (on demand)."""
    return RenderedSheets(tmp_path_factory)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="Rewrite the golden files in tests/golden/ from the current output (review the diff).",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites golden files instead of comparing with them."""
    return bool(request.config.getoption("--regen-golden"))
