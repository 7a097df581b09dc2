"""init and new never overwrite what is there."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys

from tests.helpers import run


def test_init_refuses_a_file_where_it_makes_a_folder_and_writes_nothing(tmp_path):
    (tmp_path / "data").write_text("mes notes", encoding="utf-8")
    result = run("init", tmp_path)
    assert result.exit_code == 2
    assert f"{tmp_path / 'data'}: is a file where init makes a folder" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert (tmp_path / "data").read_text(encoding="utf-8") == "mes notes"


def test_init_keeps_a_sample_already_there(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "boulanger.yaml").write_text("title: Le mien\n", encoding="utf-8")
    result = run("init", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "boulanger.yaml").read_text(encoding="utf-8") == "title: Le mien\n"
    assert f"created {tmp_path / 'data' / 'boulanger.yaml'}" not in result.stdout


def test_new_never_overwrites(tmp_path):
    (tmp_path / "boulanger.yaml").write_text("title: Le mien\n", encoding="utf-8")
    result = run("new", "Boulanger", "-o", tmp_path)
    assert result.exit_code == 2
    assert "already exists: not overwritten" in result.stderr
    assert (tmp_path / "boulanger.yaml").read_text(encoding="utf-8") == "title: Le mien\n"


def test_new_refuses_a_dangling_link_and_cuts_a_very_long_title(tmp_path):
    (tmp_path / "chef.yaml").symlink_to(tmp_path / "nowhere.yaml")
    refused = run("new", "Chef", "-o", tmp_path)
    assert refused.exit_code == 2
    assert "already exists: not overwritten" in refused.stderr
    assert not (tmp_path / "nowhere.yaml").exists()
    made = run("new", "é" * 5000, "-o", tmp_path)
    assert made.exit_code == 0, made.output
    (path,) = [p for p in tmp_path.iterdir() if p.name != "chef.yaml"]
    assert len(path.name) <= 85 and path.name.endswith(".yaml")


def test_init_on_a_full_disk_leaves_no_half_file(tmp_path):
    def full_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))

    result = subprocess.run(
        [sys.executable, "-m", "brochure", "init", str(tmp_path / "projet")],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=full_disk,
    )
    assert result.returncode == 2, result.stderr
    assert "cannot be written" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "projet" / "brochure.yaml").exists()
    assert not [p for p in (tmp_path / "projet").rglob("*") if p.is_file()]
