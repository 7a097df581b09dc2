"""What one sheet may take, wherever it is rendered.

The page limit stops WeasyPrint's layout as soon as a sheet passes it (the
internal it relies on is checked here, as tests/sheet/test_weasyprint_internals.py
does for the others); ``preview`` and ``watch`` render in workers, under the
same limits as a build.
"""

from __future__ import annotations

import inspect
import multiprocessing
from pathlib import Path

import pytest

from brochure.authoring.watch import watch
from brochure.catalogue.limits import Limits
from brochure.catalogue.workers import Settings
from brochure.errors import DataError, Outcome
from brochure.sheet.builder import SheetBuilder
from brochure.sheet.theme import load_theme
from brochure.source.config import SheetOptions
from tests.helpers import REFERENCE, ROOT, run

# A project sheet that never finishes for the career "Hang", and fails for "Broken".
TRAP = (
    '{% if title == "Hang" %}{% for i in range(99999) %}{% for j in range(99999) %}'
    "{% endfor %}{% endfor %}{% endif %}"
    '{% if title == "Broken" %}{{ (title | length) // 0 }}{% endif %}'
)


def _message(limit: int) -> str:
    pages = "page" if limit == 1 else "pages"
    return f"has more than {limit} {pages} (the limit, --max-pages): shorten it or raise the limit"


def test_the_layout_internal_wrapped_for_the_page_limit_is_there():
    import weasyprint.layout
    import weasyprint.layout.page

    import brochure.sheet.pdf  # noqa: F401 - wraps the page generator on import

    assert inspect.isgeneratorfunction(weasyprint.layout.page.make_all_pages), (
        "WeasyPrint's make_all_pages no longer yields pages one by one; brochure/sheet/pdf.py"
        " wraps it to stop a layout at the page limit: adapt it"
    )
    assert "make_all_pages" in weasyprint.layout.layout_document.__code__.co_names, (
        "weasyprint.layout.layout_document no longer calls make_all_pages through its module;"
        " brochure/sheet/pdf.py replaces it there to stop a layout at the page limit: adapt it"
    )
    assert getattr(weasyprint.layout.make_all_pages, "brochure_bounded", False)


def test_a_runaway_layout_stops_just_past_the_limit(tmp_path, monkeypatch):
    import weasyprint.layout.page

    from brochure.sheet.pdf import PdfRenderer

    laid_out: list[int] = []
    remake_page = weasyprint.layout.page.remake_page

    def counting(*args, **kwargs):
        laid_out.append(1)
        return remake_page(*args, **kwargs)

    monkeypatch.setattr(weasyprint.layout.page, "remake_page", counting)
    renderer = PdfRenderer(tmp_path, [tmp_path])
    page = '<p style="break-after: page">Page</p>'
    with pytest.raises(DataError) as raised:
        renderer.render(page * 500, max_pages=5)
    assert [problem.message for problem in raised.value.problems] == [_message(5)]
    assert len(laid_out) <= 6  # not 500
    # The renderer is whole afterwards: the next sheet, within the limit, renders.
    assert renderer.render(page * 5, max_pages=5).pages == 5
    assert renderer.render(page * 7).pages == 7  # no limit given: none


def test_the_builder_fails_a_long_sheet_without_writing_it(tmp_path):
    options = SheetOptions(pdf_variant="none")
    target = tmp_path / "long.pdf"
    outcome = SheetBuilder(options=options, max_pages=1).build(REFERENCE, target)
    assert [(problem.path, problem.message) for problem in outcome.problems] == [
        (REFERENCE, _message(1))
    ]
    assert not target.exists()
    outcome = SheetBuilder(options=options, max_pages=2).build(REFERENCE, target)
    assert outcome.ok and outcome.pages == 2


@pytest.fixture
def trap_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose sheet hangs for "Hang" and fails for "Broken", as the working folder."""
    project = tmp_path / "projet"
    (project / "templates").mkdir(parents=True)
    (project / "templates" / "sheet.html").write_text(
        TRAP + (ROOT / "templates" / "sheet.html").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (project / "brochure.yaml").write_text("pdf_variant: none\n", encoding="utf-8")
    data = project / "data"
    data.mkdir()
    for title in ("Hang", "Broken", "Boulanger"):
        text = f"title: {title}\nsummary: Texte de {title}.\n"
        (data / f"{title.lower()}.yaml").write_text(text, encoding="utf-8")
    (data / "long.yaml").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(project)
    return project


def test_preview_stops_a_runaway_sheet_at_its_time_limit(trap_project):
    result = run("preview", "data/hang.yaml", "-o", "apercu", "--timeout", "1")
    assert result.exit_code == 1, result.output
    assert "data/hang.yaml: took more than 1 s of processing and was stopped" in result.stderr
    assert not (trap_project / "apercu").exists()
    assert multiprocessing.active_children() == []


def test_preview_obeys_the_page_and_memory_limits(trap_project):
    result = run("preview", "data/long.yaml", "-o", "apercu", "--max-pages", "1")
    assert result.exit_code == 1, result.output
    assert f"data/long.yaml: {_message(1)}" in result.stderr
    assert not (trap_project / "apercu").exists()
    args = ("--max-pages", "2", "--memory-limit", "1024", "--dpi", "20")
    result = run("preview", "data/long.yaml", "-o", "apercu", *args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (trap_project / "apercu").iterdir()) == [
        "long-1.png",
        "long-2.png",
    ]


def test_watch_reports_template_errors_and_runaway_sheets_and_goes_on(trap_project):
    data = trap_project / "data"
    (data / "long.yaml").unlink()
    output = trap_project / "out"
    reported: list[Outcome] = []

    def report(outcome: Outcome) -> None:
        reported.append(outcome)
        if not outcome.ok and outcome.source.name == "broken.yaml":  # the author fixes it
            outcome.source.write_text("title: Réparé\nsummary: Texte.\n", encoding="utf-8")

    def settings() -> Settings:
        theme = load_theme(project=trap_project)
        return Settings(theme, SheetOptions(pdf_variant="none"), False, Limits(1, 1024, 40))

    def sources() -> list[Path]:
        return sorted(data.glob("*.yaml"))

    watched = [trap_project / "templates"]
    watch(sources, watched, output, settings, report, interval=0.05, rounds=2, processes=2)

    assert multiprocessing.active_children() == []
    by_file: dict[str, list[Outcome]] = {}
    for outcome in reported:
        by_file.setdefault(outcome.source.name, []).append(outcome)
    assert sorted(by_file) == ["boulanger.yaml", "broken.yaml", "hang.yaml"]
    assert [outcome.ok for outcome in by_file["boulanger.yaml"]] == [True]
    (hang,) = by_file["hang.yaml"]
    assert [problem.message for problem in hang.problems] == [
        "took more than 1 s of processing and was stopped"
        " (a sheet normally renders in under a second)"
    ]
    first, second = by_file["broken.yaml"]  # failed, then fixed and rendered in round 2
    assert first.problems[0].message.startswith("template error:")
    assert second.ok and (output / "broken.pdf").exists()
