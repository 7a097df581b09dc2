"""Stopping brochure from outside: no worker outlives it; SIGTERM and SIGHUP stop it cleanly.

Each test starts brochure in its own session (so its process group is its
own) and kills that whole group when it ends, whatever happened.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pikepdf
import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

# A project sheet that never finishes for the career "Hang".
TRAP = '{% if title == "Hang" %}{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}{% endif %}'
CAREERS = 8  # besides the one that hangs


def _project(folder: Path, careers: int = CAREERS, hang: bool = True) -> Path:
    """A project of small careers; with ``hang``, its first one never finishes rendering."""
    (folder / "templates").mkdir(parents=True)
    (folder / "templates" / "sheet.html").write_text(
        TRAP + (ROOT / "templates" / "sheet.html").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "brochure.yaml").write_text("pdf_variant: none\n", encoding="utf-8")
    data = folder / "data"
    data.mkdir()
    if hang:  # first in name order: a worker is busy with it from the start
        (data / "a-hang.yaml").write_text("title: Hang\nsummary: Jamais fini.\n", encoding="utf-8")
    for number in range(careers):
        text = f"title: Métier {number}\nsummary: Ce que fait le métier {number}.\n"
        (data / f"m{number:02}.yaml").write_text(text, encoding="utf-8")
    return folder


def _group(group: int) -> list[int]:
    """The processes of a process group still running (zombies are dead already)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone meanwhile
            continue
        state, _parent, process_group = text[text.rindex(")") + 2 :].split()[:3]
        if int(process_group) == group and state != "Z":
            found.append(int(stat.parent.name))
    return found


def _until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@contextmanager
def _brochure(folder: Path, *args: str) -> Iterator[subprocess.Popen[bytes]]:
    """``python -m brochure ARGS`` in ``folder``, its output in folder/stdout and folder/stderr."""
    with (folder / "stdout").open("wb") as stdout, (folder / "stderr").open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "brochure", *args],
            cwd=folder,
            stdout=stdout,  # files, not pipes: a stray worker would hold a pipe open
            stderr=stderr,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True,
        )
        try:
            yield process
        finally:
            with suppress(ProcessLookupError):  # the group is empty: all gone already
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _read(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def test_no_worker_outlives_a_killed_build(tmp_path):
    project = _project(tmp_path)
    with _brochure(project, "build", "-j", "2", "-q") as build:
        assert _until(lambda: any((project / "out").glob("*.pdf")), 30), _read(project, "stderr")
        workers = [pid for pid in _group(build.pid) if pid != build.pid]
        assert len(workers) == 2  # one stuck on "Hang", one rendering or waiting
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=5)
        assert _until(lambda: not _group(build.pid), 5), f"left running: {_group(build.pid)}"


def test_sigterm_stops_a_build_cleanly_and_keeps_what_it_built(tmp_path):
    project = _project(tmp_path)
    out = project / "out"
    with _brochure(project, "build", "-j", "2") as build:
        assert _until(lambda: "built " in _read(project, "stdout"), 30), _read(project, "stderr")
        os.kill(build.pid, signal.SIGTERM)
        assert build.wait(timeout=10) == 128 + signal.SIGTERM
        assert _until(lambda: not _group(build.pid), 5), f"left running: {_group(build.pid)}"
    errors = _read(project, "stderr")
    assert "interrupted" in errors
    assert "Traceback" not in errors
    built = re.findall(r"^built (\S+) ", _read(project, "stdout"), re.MULTILINE)
    assert built
    pdfs = sorted(out.glob("*.pdf"))
    assert {str(pdf.relative_to(project)) for pdf in pdfs} >= set(built)
    for pdf in pdfs:  # whole, every one
        with pikepdf.open(pdf) as document:
            assert len(document.pages) == 1

    (project / "data" / "a-hang.yaml").unlink()
    with _brochure(project, "build", "-j", "2") as again:
        assert again.wait(timeout=60) == 0, _read(project, "stderr")
    summary = re.search(r"(\d+) rendered, (\d+) unchanged, 0 failed", _read(project, "stdout"))
    assert summary, _read(project, "stdout")
    rendered, unchanged = int(summary[1]), int(summary[2])
    assert rendered + unchanged == CAREERS
    assert unchanged >= len(built)  # every sheet reported built was recorded
    assert rendered < CAREERS


def test_sighup_stops_watch_and_its_workers(tmp_path):
    project = _project(tmp_path, careers=2, hang=False)
    limits = ("--timeout", "5", "--memory-limit", "1024", "--max-pages", "10")
    with _brochure(project, "watch", *limits) as watcher:
        assert _until(lambda: len(list((project / "out").glob("*.pdf"))) == 2, 30), _read(
            project, "stderr"
        )
        assert [pid for pid in _group(watcher.pid) if pid != watcher.pid]  # its workers
        os.kill(watcher.pid, signal.SIGHUP)
        assert watcher.wait(timeout=10) == 128 + signal.SIGHUP
        assert _until(lambda: not _group(watcher.pid), 5), f"left running: {_group(watcher.pid)}"
    errors = _read(project, "stderr")
    assert "interrupted" in errors
    assert "Traceback" not in errors
