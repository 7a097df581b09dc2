"""brochure watch: starts from the manifest, answers file events, keeps the manifest."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from brochure.authoring.watch import watch
from brochure.catalogue.batch import BuildSettings, build_catalogue
from brochure.catalogue.workers import Settings
from brochure.errors import Outcome
from brochure.sheet.theme import load_theme
from brochure.source.config import SheetOptions
from tests.helpers import pdf_text


def test_watch_renders_only_what_changed_and_records_it(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("boulanger", "coiffeur", "fleuriste"):
        (data / f"{name}.yaml").write_text(
            f"title: {name.capitalize()}\nsummary: Un métier.\n", encoding="utf-8"
        )
    output = tmp_path / "out"
    options = SheetOptions(pdf_variant="none")

    def sources() -> list[Path]:
        return sorted(data.glob("*.yaml"))

    build = BuildSettings(output=output, options=options, theme=load_theme())
    first = build_catalogue(sources()[:2], build)  # fleuriste.yaml is not built yet
    assert len(first.outcomes) == 2
    reported: list[Outcome] = []

    def ready(count: int) -> None:
        assert count == 3
        # Saved once watching: rendered in the next round.
        (data / "coiffeur.yaml").write_text(
            "title: Coiffeur du quartier\nsummary: Un métier.\n", encoding="utf-8"
        )

    def settings() -> Settings:
        return Settings(load_theme(), options, False, build.limits)

    watch(sources, [], output, settings, reported.append, rounds=2, on_ready=ready)

    assert multiprocessing.active_children() == []
    # Nothing up to date rendered at the start: the missing sheet, then the saved one.
    assert [outcome.source.name for outcome in reported] == ["fleuriste.yaml", "coiffeur.yaml"]
    assert all(outcome.ok for outcome in reported)
    assert "Coiffeur du quartier" in pdf_text(output / "coiffeur.pdf")
    # The manifest was kept as build keeps it: the next build renders nothing.
    again = build_catalogue(sources(), build)
    assert again.outcomes == [] and len(again.unchanged) == 3
