"""Loading careers: the reference file, and plain-language errors with locations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from brochure.errors import BrochureError
from brochure.source.loader import find_career_files, load_career
from tests.helpers import REFERENCE, SHARED_REFERENCE


def test_reference_file_loads_with_every_section():
    career = load_career(REFERENCE)
    assert career.title == "Prompt Engineer"
    assert career.updated == date(2025, 6, 1)
    assert career.training is not None and career.training.level == "Bac+3 à Bac+5"
    assert career.salary is not None
    assert [(level.min, level.max) for level in career.salary.levels] == [
        (Decimal(3500), Decimal(4000)),
        (Decimal(4100), Decimal(5500)),
        (Decimal(6600), None),
    ]
    assert career.recap[0] == ("Métier", "Prompt Engineer")
    assert len(career.recap) == 11
    assert [person.name for person in career.notable_people] == [
        "Riley Goodside",
        "Gwern Branwen",
        "Ethan Mollick",
    ]


@pytest.mark.skipif(not SHARED_REFERENCE.exists(), reason="shared/ is not beside the checkout")
def test_shipped_reference_is_the_shared_one_unchanged():
    assert REFERENCE.read_bytes() == SHARED_REFERENCE.read_bytes()


def test_yaml_1_1_lookalikes_stay_text(career_file):
    career = load_career(
        career_file(
            "title: 7:30\nsummary: yes\nalso_known_as: [0123, 3.10, no, off, 1e3]\n"
            "recap:\n  - [Horaires, 7:30]\n  - [Version, 3.10]\n"
        )
    )
    assert career.title == "7:30"
    assert career.summary == "yes"
    assert career.also_known_as == ["0123", "3.10", "no", "off", "1e3"]
    assert career.recap == [("Horaires", "7:30"), ("Version", "3.10")]


def _problems(path: Path) -> list[str]:
    with pytest.raises(BrochureError) as raised:
        load_career(path)
    return [str(problem) for problem in raised.value.problems]


BAD_FIELDS = [
    pytest.param(
        "title: A\nsumary: B\n", "2:1: sumary: unknown field (did you mean 'summary'?)", id="typo"
    ),
    pytest.param("title: A\n", "1:1: summary: is required but missing", id="missing-summary"),
    pytest.param(
        "title: A\nsummary: B\ncolour: red\n",
        "3:1: colour: unknown field (known fields: title,",
        id="unknown",
    ),
    pytest.param(
        "title: [A, B]\nsummary: B\n", "1:8: title: should be text, not a list", id="list-for-text"
    ),
    pytest.param(
        "title: A\nsummary:\n  x: y\n",
        "3:3: summary: should be text, not a mapping",
        id="mapping-for-text",
    ),
    pytest.param("title:\nsummary: B\n", "title: is empty", id="empty-title"),
    pytest.param(
        "title: A\nsummary: B\ncareer_paths: Chef\n",
        "3:15: career_paths: should be a list, not the text 'Chef'",
        id="text-for-list",
    ),
    pytest.param(
        "title: A\nsummary: B\nmissions: [a, b]\n",
        "3:11: missions: should be a mapping of fields, not a list",
        id="list-for-section",
    ),
    pytest.param(
        "title: A\nsummary: B\nmissions:\n  itemz: [a]\n",
        "4:3: missions.itemz: unknown field (did you mean 'items'?)",
        id="nested-typo",
    ),
    pytest.param(
        "title: A\nsummary: B\nupdated: 1er juin\n",
        "3:10: updated: should be a date written YYYY-MM-DD",
        id="bad-date",
    ),
    pytest.param(
        "title: A\nsummary: B\nupdated: 2025-02-30\n",
        "updated: should be a date",
        id="impossible-date",
    ),
    pytest.param(
        "title: A\nsummary: B\nsalary:\n  levels:\n    - label: D\n      min: beaucoup\n",
        "6:12: salary.levels[0].min: should be an amount such as 2100 or 11.88, not 'beaucoup'",
        id="bad-amount",
    ),
    pytest.param(
        "title: A\nsummary: B\nsalary:\n  levels:\n    - label: D\n",
        "5:7: salary.levels[0]: give min, max or both",
        id="no-bounds",
    ),
    pytest.param(
        "title: A\nsummary: B\nsalary:\n  levels:\n    - {label: D, min: 5, max: 2}\n",
        "salary.levels[0]: min (5) is greater than max (2)",
        id="min-over-max",
    ),
    pytest.param(
        "title: A\nsummary: B\nsalary:\n  period: week\n",
        "4:11: salary.period: should be one of 'month', 'year' or 'hour', not 'week'",
        id="bad-period",
    ),
    pytest.param(
        "title: A\nsummary: B\nsalary:\n  currency: USD\n",
        "salary.currency: should be 'EUR', not 'USD'",
        id="bad-currency",
    ),
    pytest.param(
        "title: A\nsummary: B\nrecap:\n  - [Seul]\n",
        "4:5: recap[0]: each recap row should be a pair of texts: [label, value]",
        id="recap-one-cell",
    ),
    pytest.param(
        "title: A\nsummary: B\nrecap:\n  - [a, b, c]\n",
        "recap[0]: each recap row should be a pair",
        id="recap-three-cells",
    ),
    pytest.param(
        "title: A\nsummary: B\nrecap:\n  - label: a\n",
        "recap[0]: each recap row should be a pair",
        id="recap-mapping",
    ),
    pytest.param(
        "title: A\nsummary: B\nsources:\n  - label: S\n    url: javascript:alert(1)\n",
        "5:10: sources[0].url: only http://, https:// and mailto: links are allowed, not 'javascript:alert(1)'",
        id="javascript-url",
    ),
    pytest.param(
        "title: A\nsummary: B\nsources:\n  - label: S\n    url: file:///etc/passwd\n",
        "sources[0].url: only http://, https:// and mailto: links are allowed, not 'file:///etc/passwd'",
        id="file-url",
    ),
    pytest.param(
        "title: A\nsummary: B\nsources:\n  - label: S\n    url: www.onisep.fr\n",
        "sources[0].url: only http://",
        id="no-scheme",
    ),
    pytest.param(
        "title: A\nsummary: B\nsources:\n  - label: S\n    url: https://\n",
        "sources[0].url: the link 'https://' has no host",
        id="no-host",
    ),
]


@pytest.mark.parametrize(("content", "expected"), BAD_FIELDS)
def test_bad_fields_are_named_with_their_line(career_file, content, expected):
    path = career_file(content)
    problems = _problems(path)
    assert any(problem.startswith(f"{path}:") for problem in problems)
    assert any(expected in problem for problem in problems), problems


def test_every_problem_of_a_file_is_reported_in_line_order(career_file):
    path = career_file(
        "title: A\nsumary: B\nsalary:\n  levels:\n    - label: D\n      min: x\n  period: week\n"
    )
    problems = _problems(path)
    assert [problem.split(": ", 1)[0] for problem in problems] == [
        f"{path}:1:1",  # summary missing, shown at the top of the file
        f"{path}:2:1",  # sumary
        f"{path}:6:12",  # min
        f"{path}:7:11",  # period
    ]


def test_find_career_files_searches_folders_and_reports_missing(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.yaml").write_text("title: x\n")
    (tmp_path / "a" / "deep").mkdir()
    (tmp_path / "a" / "deep" / "y.yml").write_text("title: y\n")
    (tmp_path / "a" / "notes.txt").write_text("not a career\n")
    found = find_career_files([tmp_path / "a", tmp_path / "a" / "x.yaml"])
    assert found == [tmp_path / "a" / "deep" / "y.yml", tmp_path / "a" / "x.yaml"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(BrochureError) as raised:
        find_career_files([tmp_path / "nope", tmp_path / "empty"])
    assert [str(problem) for problem in raised.value.problems] == [
        f"{tmp_path / 'nope'}: no such file or folder",
        f"{tmp_path / 'empty'}: no career file (*.yaml) in this folder",
    ]


def test_a_long_list_is_checked_in_parallel_with_the_same_verdicts_in_order(tmp_path, monkeypatch):
    from brochure.source import loader

    texts = [
        "title: Métier {n}\nsummary: Un résumé.\n",
        "title: Métier {n}\nsummary: Un résumé.\nsector: Secteur à préciser\n",  # a warning
        "title: Métier {n}\nsumary: Un résumé.\n",  # a problem
    ]
    paths = []
    for number in range(9):
        path = tmp_path / f"metier-{number}.yaml"
        path.write_text(texts[number % 3].format(n=number), encoding="utf-8")
        paths.append(path)
    serial = loader.check_files(paths, strict=False)
    monkeypatch.setattr(loader, "PARALLEL_FROM", 2)
    monkeypatch.setattr(loader.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    pools = []

    class Pool(loader.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(loader, "ProcessPoolExecutor", Pool)
    parallel = loader.check_files(paths, strict=False)
    assert pools == [(2,)]  # two processes, as many as cores
    assert [outcome.source for outcome in parallel] == paths
    assert parallel == serial
    assert [outcome.ok for outcome in parallel] == [True, True, False] * 3
    assert [len(outcome.warnings) for outcome in parallel] == [0, 1, 0] * 3
    strict = loader.check_files(paths, strict=True)
    assert [outcome.ok for outcome in strict] == [True, False, False] * 3
