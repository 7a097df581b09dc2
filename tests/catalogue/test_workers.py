"""The worker pool on its own: every job once, limits enforced, no process left."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from brochure.catalogue import workers
from brochure.catalogue.limits import Limits
from brochure.catalogue.workers import Pool, Settings, render_all
from brochure.errors import Outcome
from brochure.sheet.theme import load_theme
from brochure.source.config import SheetOptions
from tests.helpers import REFERENCE, ROOT, pdf_text

# A project sheet that never finishes for the career "Hang".
TRAP = '{% if title == "Hang" %}{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}{% endif %}'


def _careers(folder: Path, titles: list[str]) -> list[tuple[Path, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    jobs = []
    for number, title in enumerate(titles):
        source = folder / f"c{number}.yaml"
        source.write_text(f"title: {title}\nsummary: Texte de {title}.\n", encoding="utf-8")
        jobs.append((source, folder / "out" / f"c{number}.pdf"))
    return jobs


def _settings(project: Path | None = None, seconds: float = 60, pages: int = 40) -> Settings:
    options = SheetOptions(pdf_variant="none")
    return Settings(load_theme(project=project), options, False, Limits(seconds, 1024, pages))


def _trap_project(folder: Path) -> Path:
    (folder / "templates").mkdir(parents=True)
    (folder / "templates" / "sheet.html").write_text(
        TRAP + (ROOT / "templates" / "sheet.html").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return folder


def _run(jobs: list[tuple[Path, Path]], settings: Settings, processes: int) -> dict[int, Outcome]:
    seen: dict[int, Outcome] = {}

    def finished(index: int, outcome: Outcome) -> None:
        assert index not in seen, f"job {index} reported twice"
        seen[index] = outcome

    render_all(jobs, settings, processes, finished)
    assert multiprocessing.active_children() == []  # every worker stopped and reaped
    return seen


def test_every_job_is_rendered_once_across_workers(tmp_path):
    jobs = _careers(tmp_path, ["Boulanger", "Fleuriste", "Maçon", "Potier", "Vitrier"])
    seen = _run(jobs, _settings(), processes=2)
    assert sorted(seen) == list(range(len(jobs)))
    for index, (source, target) in enumerate(jobs):
        assert seen[index].ok and seen[index].output == target and seen[index].pages == 1
        assert source.read_text().split("\n")[0].removeprefix("title: ") in pdf_text(target)


def test_more_workers_than_jobs_start_only_as_many_as_needed(tmp_path):
    jobs = _careers(tmp_path, ["Boulanger"])
    seen = _run(jobs, _settings(), processes=8)
    assert seen[0].ok


def test_a_job_past_its_time_limit_is_stopped_and_the_others_finish(tmp_path):
    project = _trap_project(tmp_path / "project")
    jobs = _careers(tmp_path / "data", ["Boulanger", "Hang", "Potier"])
    seen = _run(jobs, _settings(project, seconds=1.5), processes=2)
    assert seen[0].ok and seen[2].ok
    assert not seen[1].ok
    (problem,) = seen[1].problems
    assert problem.path == jobs[1][0]
    assert "took more than 1.5 s of processing and was stopped" in problem.message
    assert not jobs[1][1].exists()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_the_time_limit_counts_processing_not_waiting(tmp_path, monkeypatch):
    """A sheet kept off the processor (here: its worker stopped) is not charged for it.

    With more workers than cores each one waits its turn; that wait must not
    stop healthy sheets. A worker stuck for STUCK_FACTOR times the limit is.
    """
    monkeypatch.setattr(workers, "STUCK_FACTOR", 3)
    jobs = _careers(tmp_path, ["Boulanger", "Potier", "Maçon", "Vitrier"])
    seen: dict[int, object] = {}
    with Pool(_settings(seconds=1), processes=2) as pool:
        pool.render(jobs[:2], lambda index, outcome: None)  # two workers, fonts loaded
        waiting, stuck = (worker.process.pid for worker in pool.workers)
        assert waiting and stuck
        os.kill(waiting, signal.SIGSTOP)
        os.kill(stuck, signal.SIGSTOP)
        resume = threading.Timer(2.5, os.kill, (waiting, signal.SIGCONT))
        resume.start()
        started = time.monotonic()
        try:
            pool.render(jobs[2:], lambda index, outcome: seen.setdefault(index, outcome))
        finally:
            resume.cancel()
            resume.join()
        elapsed = time.monotonic() - started
    assert multiprocessing.active_children() == []
    assert seen[0].ok, seen[0].problems  # 2.5 s of wall clock, almost no processing
    assert jobs[2][1].exists()
    (problem,) = seen[1].problems
    assert "was not finished after 3 s, most of it not processing (stuck)" in problem.message
    assert 2.9 < elapsed < 8


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")
def test_no_worker_holds_the_parent_end_of_a_pipe(tmp_path):
    """Else a worker never sees the end of its pipe when the parent dies, and lives on."""
    jobs = _careers(tmp_path, ["Boulanger", "Potier", "Maçon"])
    with Pool(_settings(), processes=3) as pool:
        pool.render(jobs, lambda index, outcome: None)
        parent_ends = {os.fstat(worker.connection.fileno()).st_ino for worker in pool.workers}
        assert len(parent_ends) == 3
        for worker in pool.workers:
            held = set()
            for fd in Path(f"/proc/{worker.process.pid}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    held.add(int(target.removeprefix("socket:[").removesuffix("]")))
            assert held, "the worker's own end of its pipe should be there"
            assert not held & parent_ends, f"worker {worker.process.pid} holds a parent's end"
    assert multiprocessing.active_children() == []


def test_a_sheet_past_its_page_limit_fails_alone_and_the_worker_goes_on(tmp_path):
    long_one = tmp_path / "long.yaml"
    long_one.write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")  # 2 pages
    jobs = [(long_one, tmp_path / "out" / "long.pdf"), *_careers(tmp_path, ["Boulanger"])]
    seen = _run(jobs, _settings(pages=1), processes=1)
    (problem,) = seen[0].problems
    assert problem.path == long_one
    assert problem.message == (
        "has more than 1 page (the limit, --max-pages): shorten it or raise the limit"
    )
    assert not jobs[0][1].exists()
    assert seen[1].ok and seen[1].pages == 1


@pytest.mark.parametrize("processes", [1, 2])
def test_a_bad_career_is_an_outcome_not_an_exception(tmp_path, processes):
    jobs = _careers(tmp_path, ["Boulanger"])
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: Sans résumé\n", encoding="utf-8")
    jobs.append((bad, tmp_path / "out" / "bad.pdf"))
    seen = _run(jobs, _settings(), processes)
    assert seen[0].ok
    assert [problem.field for problem in seen[1].problems] == ["summary"]


def test_a_worker_puts_a_pdf_in_place_before_it_may_be_stopped(tmp_path, monkeypatch):
    """SIGTERM (a stop, or the parent's death) waits while a PDF is put in place."""
    held_during: list[set[int]] = []

    def write(target: Path, data: bytes) -> None:
        held_during.append(set(signal.pthread_sigmask(signal.SIG_BLOCK, [])))
        target.write_bytes(data)

    monkeypatch.setattr(workers, "write_atomically", write)
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    workers._write_whole(tmp_path / "a.pdf", b"%PDF-")
    assert {signal.SIGTERM, signal.SIGHUP} <= held_during[0]
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF-"
