"""A career too big for a sheet is refused before any layout, with its size said."""

from __future__ import annotations

import pytest

from brochure.errors import DataError
from brochure.source.loader import load_career
from brochure.source.model import MAX_LIST_ENTRIES


def test_twenty_thousand_short_items_are_refused(career_file):
    items = "  - a\n" * 20_000  # 20,000 characters: under the character cap
    path = career_file(f"title: Long\nsummary: Court.\nskills:\n  items:\n{items}")
    with pytest.raises(DataError, match="the career's lists hold 20 000 entries") as raised:
        load_career(path)
    (problem,) = raised.value.problems
    assert problem.path == path and problem.line == 1


def test_a_long_but_reasonable_list_is_accepted(career_file):
    items = "".join(f"  - Point {n}\n" for n in range(MAX_LIST_ENTRIES - 1))
    path = career_file(f"title: Long\nsummary: Court.\ncareer_paths:\n{items}")
    assert len(load_career(path).career_paths) == MAX_LIST_ENTRIES - 1


def test_the_origins_printed_texts_count_towards_the_limit(career_file):
    licence = "L" * 70_000
    path = career_file(f"title: A\nsummary: B\norigin:\n  source: ONISEP\n  licence: {licence}\n")
    with pytest.raises(DataError, match="the career's texts hold 70 00"):
        load_career(path)
