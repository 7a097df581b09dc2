"""Commands that render nothing start quickly: they import neither WeasyPrint nor the pool."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import DATA, MINIMAL

# Print, after running brochure in-process, which heavy modules it imported.
_PROBE = """
import json, sys
from brochure.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
heavy = ("weasyprint", "multiprocessing", "resource", "brochure.catalogue.workers",
         "brochure.sheet.pdf", "pikepdf")
print(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}))
"""


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["check", str(DATA)], ["schema", "career"]]
)
def test_commands_that_render_nothing_load_neither_weasyprint_nor_the_pool(args):
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=60
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, None), result.stderr
    assert report["loaded"] == []


def test_the_probe_sees_what_build_loads(tmp_path):
    # The same probe on a command that renders: it must see WeasyPrint and the pool,
    # or the test above proves nothing.
    career = tmp_path / "boulanger.yaml"
    career.write_text(MINIMAL, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _PROBE,
            "build",
            str(career),
            "-o",
            str(tmp_path / "out"),
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, result.stderr
    assert {"weasyprint", "brochure.catalogue.workers"} <= set(report["loaded"])
