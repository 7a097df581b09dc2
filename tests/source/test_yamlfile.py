"""Strict YAML reading: values stay text, surprises are errors with a location."""

from __future__ import annotations

import re

import pytest

from brochure.errors import BrochureError
from brochure.source.yamlfile import MAX_FILE_BYTES, read_yaml


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("7:30", "7:30"),  # YAML 1.1: 450 (sexagesimal)
        ("yes", "yes"),  # YAML 1.1: True
        ("no", "no"),
        ("off", "off"),
        ("3.10", "3.10"),  # float: 3.1
        ("0123", "0123"),  # octal: 83
        ("1e3", "1e3"),
        ("2025-06-01", "2025-06-01"),  # date object
        ("~", "~"),
        ("null", "null"),
        ("'quoted: text'", "quoted: text"),
    ],
)
def test_scalars_stay_the_text_written(career_file, written, read):
    document = read_yaml(career_file(f"value: {written}\n"))
    assert document.data == {"value": read}


def test_lists_and_mappings_keep_text_and_locations(career_file):
    document = read_yaml(career_file("a:\n  b: [1, yes]\n  c:\n    - x: 2\n"))
    assert document.data == {"a": {"b": ["1", "yes"], "c": [{"x": "2"}]}}
    assert document.locations[("a", "b", 1)] == (2, 10)
    assert document.locations[("a", "c", 0, "x")] == (4, 10)
    assert document.key_locations[("a", "c")] == (3, 3)


def test_windows_line_endings_are_accepted(career_file):
    document = read_yaml(career_file(b"title: A\r\nsummary: B\r\n"))
    assert document.data == {"title": "A", "summary": "B"}
    assert document.locations[("summary",)] == (2, 10)


def test_byte_order_mark_is_accepted(career_file):
    assert read_yaml(career_file("\ufefftitle: A\n".encode())).data == {"title": "A"}


BAD_FILES = [
    pytest.param(b"", None, "the file is empty", id="empty"),
    pytest.param(b"# only a comment\n", None, "the file is empty", id="only-comments"),
    pytest.param(b"- a\n- b\n", 1, "the file holds a list", id="top-level-list"),
    pytest.param(b"just text\n", 1, "the file holds a single value", id="top-level-scalar"),
    pytest.param(
        b"title: A\nsummary: B\ntitle: C\n",
        3,
        r"duplicate key 'title' \(first given on line 1\)",
        id="duplicate-key",
    ),
    pytest.param(b"a:\n  x: 1\n  x: 2\n", 3, "duplicate key 'x'", id="nested-duplicate-key"),
    pytest.param(b"title: &t A\nsummary: B\n", 1, r"anchors \(&t\) are not allowed", id="anchor"),
    pytest.param(b"a: &x [1]\nb: *x\n", 1, "anchors", id="anchor-and-alias"),
    pytest.param(
        b"a: !!python/object:os.system x\n", 1, "tags .* are not allowed", id="python-tag"
    ),
    pytest.param(b"a: !!int 3\n", 1, "tags .* are not allowed", id="int-tag"),
    pytest.param(b"[a, b]: c\n", 1, "a key must be a plain name", id="complex-key"),
    pytest.param(
        b"title: A\n---\ntitle: B\n", 2, "more than one YAML document", id="two-documents"
    ),
    pytest.param(b"title: [A\nsummary: B\n", 1, "not valid YAML", id="unclosed-list"),
    pytest.param(b"title: A\n  summary: B\n", 2, "not valid YAML", id="bad-indentation"),
    pytest.param(b'title: "A\n', 1, "not valid YAML", id="unclosed-quote"),
    pytest.param(
        b"title: A\nsummary: \xe9t\xe9\n", 2, r"not valid UTF-8 \(byte 0xe9\)", id="latin-1"
    ),
    pytest.param(b"\tt: A\n", 1, "not valid YAML", id="tab-indent"),
    pytest.param(
        b"title: A\nsummary: B\x00C\n",
        2,
        r"a character YAML does not allow \(U\+0000\)",
        id="nul-byte",
    ),
    pytest.param(
        b"title: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        1,
        "nested more than 32 levels deep",
        id="deep-nesting",
    ),
]


@pytest.mark.parametrize(("content", "line", "message"), BAD_FILES)
def test_bad_files_are_errors_naming_file_and_line(career_file, content, line, message):
    path = career_file(content)
    with pytest.raises(BrochureError, match=message) as raised:
        read_yaml(path)
    problem = raised.value.problems[0]
    assert problem.path == path
    assert problem.line == line
    if line is not None:
        assert re.search(rf"{re.escape(str(path))}:{line}:\d+: ", str(problem))


def test_alias_alone_is_an_error(career_file):
    with pytest.raises(BrochureError, match=r"1:4: a: YAML aliases \(\*nothing\) are not allowed"):
        read_yaml(career_file("a: *nothing\n"))


def test_oversized_file_is_refused(career_file):
    path = career_file("a: " + "x" * MAX_FILE_BYTES + "\n")
    with pytest.raises(BrochureError, match="a career file may hold at most 1024 KiB"):
        read_yaml(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(BrochureError, match="no such file"):
        read_yaml(tmp_path / "nope.yaml")
    with pytest.raises(BrochureError, match="is a folder"):
        read_yaml(tmp_path)
