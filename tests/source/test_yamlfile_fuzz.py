"""Property-based tests: no text makes the strict YAML reader raise anything but our errors.

The default run tries a few dozen texts per property; set
HYPOTHESIS_PROFILE=fuzz to try thousands.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from brochure.errors import BrochureError
from brochure.source.yamlfile import YamlDocument, parse_yaml

# The same profiles as tests/importers/test_fuzz.py: registering one again
# with the same settings changes nothing.

YAML_SYNTAX = ":-[]{}#&*!|>'\"%@\t\n ,?~"
LETTERS = "abtiyesnoAZ019.éœ€«\u00a0\u2028\x85"

yaml_ish = st.text(alphabet=YAML_SYNTAX + LETTERS, max_size=120)

# Lines that look like a career file: keys, items, block scalars, indentation.
line = st.tuples(
    st.sampled_from(["", "  ", "    ", "\t", "- ", "  - "]),
    st.sampled_from(
        [
            "",
            "title: ",
            "summary: |\n",
            "missions:\n",
            "- ",
            "? ",
            "--- ",
            "... ",
            "%YAML 1.1\n",
            "&a ",
            "*a",
            "!!str ",
            "'",
            '"',
        ]
    ),
    st.text(alphabet=YAML_SYNTAX + LETTERS, max_size=15),
).map("".join)
career_ish = st.lists(line, max_size=12).map("\n".join)


def parses_or_refuses(text: str) -> None:
    try:
        document = parse_yaml(text, Path("x.yaml"))
    except BrochureError:
        return
    assert isinstance(document, YamlDocument)
    assert isinstance(document.data, dict)


@given(yaml_ish)
def test_parse_yaml_raises_only_our_errors(text):
    parses_or_refuses(text)


@given(career_ish)
def test_parse_yaml_raises_only_our_errors_on_career_like_text(text):
    parses_or_refuses(text)


def test_an_escape_beyond_unicode():
    parses_or_refuses('title: "\\U00110000"\n')
