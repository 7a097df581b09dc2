"""Strict, safe YAML reading that remembers where every value came from.

We build plain Python values (dict, list, str) straight from the parser's
events instead of using a YAML constructor, which lets us:

- keep every scalar as the text the author wrote: YAML 1.1 would turn ``yes``
  into True, ``7:30`` into 450 and ``0123`` into 83; here they stay text and
  the data model decides what a field may contain;
- refuse anchors, aliases and tags, which career data never needs and which
  are the usual ways to smuggle surprises (billion laughs, object tags);
- refuse duplicate keys, which other loaders silently resolve (last one wins);
- record the line and column of every value, so errors can point at them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from brochure.errors import DataError, Problem
from brochure.i18n import N_, _

# yaml.parse() only runs the parser: no constructor or resolver, so nothing is
# ever turned into an object. libyaml's parser is much faster when PyYAML was
# built with it; the pure-Python one gives the same events. A file libyaml
# refuses is read again by the pure-Python parser, whose behaviour does not
# change with the libyaml bundled in a PyYAML wheel (libyaml 0.2.6 stops deep
# nesting itself, before our own, clearer, depth check).
_FAST_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_REFERENCE_LOADER = yaml.BaseLoader

_SURROGATE = re.compile("[\ud800-\udfff]")

MAX_FILE_BYTES = 1024 * 1024  # a career file is a few kilobytes
MAX_DEPTH = 32  # a career nests four levels deep; far deeper is an attack or a mistake

Location = tuple[int, int]  # 1-based line and column
PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """The plain data of one YAML file and the location of each value in it."""

    path: Path
    data: dict[str, Any]
    locations: dict[PathKey, Location] = field(default_factory=dict)
    key_locations: dict[PathKey, Location] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # the text as written, to explain mistakes

    def source_line(self, line: int | None) -> str:
        """The text of line ``line`` (1-based) as written, or '' if there is none."""
        if line is None or not 1 <= line <= len(self.lines):
            return ""
        return self.lines[line - 1]

    def locate(self, key: PathKey, *, at_key: bool = False) -> Location | None:
        """Return the location of the value at ``key``, or of its nearest parent.

        With ``at_key``, point at the key itself (``name:``) rather than its value.
        """
        if at_key and key in self.key_locations:
            return self.key_locations[key]
        for end in range(len(key), -1, -1):
            found = self.locations.get(key[:end])
            if found is not None:
                return found
        return None


class _Reader:
    """Turns a stream of YAML events into plain values, recording locations."""

    def __init__(self, path: Path, text: str, loader: Any = _FAST_LOADER):
        self.path = path
        self.lines = text.splitlines()
        # The parser's events, one call each (yaml.parse wraps the same calls
        # in a generator, which costs a third of reading a career).
        self.parser = loader(text)
        self.next_event: Callable[[], Any] = self.parser.get_event
        self.locations: dict[PathKey, Location] = {}
        self.key_locations: dict[PathKey, Location] = {}

    def fail(self, message: str, mark: Any, key: PathKey = ()) -> DataError:
        return DataError(
            Problem(
                message,
                self.path,
                mark.line + 1,
                mark.column + 1,
                field_name(key) or None,
            )
        )

    def read(self) -> Any:
        try:
            return self.document()
        finally:
            self.parser.dispose()

    def document(self) -> Any:
        next_event = self.next_event
        next_event()  # StreamStart
        first = next_event()
        if isinstance(first, yaml.StreamEndEvent):
            raise DataError(
                Problem(_("the file is empty: a career needs at least a title"), self.path)
            )
        value = self.value(next_event(), ())
        next_event()  # DocumentEnd
        extra = next_event()
        if not isinstance(extra, yaml.StreamEndEvent):
            raise self.fail(
                _(
                    "the file holds more than one YAML document (a second '---');"
                    " put one career per file"
                ),
                extra.start_mark,
            )
        return value

    def value(self, event: Any, key: PathKey) -> Any:
        if isinstance(event, yaml.AliasEvent):
            raise self.fail(
                _("YAML aliases (*{name}) are not allowed: write the value out in full").format(
                    name=event.anchor
                ),
                event.start_mark,
                key,
            )
        if event.anchor is not None:
            raise self.fail(
                _("YAML anchors (&{name}) are not allowed: write the value out in full").format(
                    name=event.anchor
                ),
                event.start_mark,
                key,
            )
        if event.tag == "!" and isinstance(event, yaml.ScalarEvent):
            raise self.fail(
                _(
                    "a text cannot start with '!' in YAML (it marks a type):"
                    " put the whole text in double quotes"
                ),
                event.start_mark,
                key,
            )
        if event.tag not in (None, "!"):
            raise self.fail(
                _(
                    "YAML tags ({tag}) are not allowed: write plain values,"
                    " and put quotes around text that YAML might misread"
                ).format(tag=event.tag),
                event.start_mark,
                key,
            )
        self.locations[key] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if len(key) >= MAX_DEPTH and not isinstance(event, yaml.ScalarEvent):
            raise self.fail(
                _("lists and mappings are nested more than {depth} levels deep").format(
                    depth=MAX_DEPTH
                ),
                event.start_mark,
                key,
            )
        if isinstance(event, yaml.ScalarEvent):
            if _SURROGATE.search(event.value):
                raise self.fail(
                    _(
                        "holds an escape such as \\ud800, half of a character that cannot be"
                        " saved: remove it or write the whole character"
                    ),
                    event.start_mark,
                    key,
                )
            if key and isinstance(key[-1], int) and event.style in (None, ""):
                self.check_joined_item(event, key)
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(event := self.next_event(), yaml.SequenceEndEvent):
                items.append(self.value(event, (*key, len(items))))
            return items
        return self.mapping(key)

    def check_joined_item(self, event: Any, key: PathKey) -> None:
        """Refuse a list item that swallowed the items written below it.

        An item indented less than the next ones makes YAML read those as more
        words of its text: "Rigueur - Résistance physique - Sens de l'écoute"
        would be one bullet, silently.
        """
        first = event.start_mark.line
        for number in range(first + 1, event.end_mark.line + 1):
            text = self.lines[number].lstrip(" ")
            if text.startswith("- ") or text == "-":
                column = len(self.lines[number]) - len(text) + 1
                raise DataError(
                    Problem(
                        _(
                            "this list item is indented more than the item on line {line},"
                            " so YAML joined it to that item's text: give every item of the"
                            " list the same indentation"
                        ).format(line=first + 1),
                        self.path,
                        number + 1,
                        column,
                        field_name(key) or None,
                    )
                )

    def mapping(self, key: PathKey) -> dict[str, Any]:
        mark: Any
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        while not isinstance(event := self.next_event(), yaml.MappingEndEvent):
            if not isinstance(event, yaml.ScalarEvent) or event.anchor or event.tag:
                raise self.fail(
                    _("a key must be a plain name, not a list, a mapping or a YAML construct"),
                    event.start_mark,
                    key,
                )
            name, mark = event.value, event.start_mark
            if name in seen:
                raise self.fail(
                    _("duplicate key '{name}' (first given on line {line}); keep only one").format(
                        name=name, line=seen[name]
                    ),
                    mark,
                    (*key, name),
                )
            seen[name] = mark.line + 1
            self.key_locations[(*key, name)] = (seen[name], mark.column + 1)
            result[name] = self.value(self.next_event(), (*key, name))
        return result


def field_name(key: PathKey) -> str:
    """Spell a data path as a user would: ``salary.levels[2].min``."""
    text = ""
    for part in key:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def read_yaml(path: Path) -> YamlDocument:
    """Read one YAML file strictly: plain text values, a mapping at the top."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(Problem(_("no such file"), path)) from None
    except IsADirectoryError:
        raise DataError(Problem(_("is a folder, not a career file"), path)) from None
    except OSError as error:
        raise DataError(
            Problem(_("cannot be read ({reason})").format(reason=error.strerror), path)
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(
            Problem(
                _("the file is {size} KiB; a career file may hold at most {limit} KiB").format(
                    size=len(raw) // 1024, limit=MAX_FILE_BYTES // 1024
                ),
                path,
            )
        )
    return parse_yaml(_decode(path, raw), path)


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse YAML text strictly; ``path`` only names the text in messages."""
    reader = _Reader(path, text)
    try:
        try:
            data = reader.read()
        except yaml.YAMLError as refused:
            if _FAST_LOADER is _REFERENCE_LOADER:
                raise
            reader = _Reader(path, text, _REFERENCE_LOADER)
            try:
                data = reader.read()
            except ValueError:  # the pure-Python scanner's chr() on "\U00110000"
                raise refused from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        raise DataError(
            Problem(
                _("the file holds a character YAML does not allow (U+{code}): remove it").format(
                    code=f"{error.character:04X}"
                ),
                path,
                line,
                column,
            )
        ) from None
    except yaml.MarkedYAMLError as error:
        message, at_line, at_column = explain(error, text.splitlines())
        raise DataError(
            Problem(
                _("this is not valid YAML: {why}").format(why=message), path, at_line, at_column
            )
        ) from None
    except yaml.YAMLError as error:
        raise DataError(
            Problem(_("this is not valid YAML: {why}").format(why=error), path)
        ) from None
    except ValueError:  # an escape beyond Unicode, without libyaml to refuse it first
        raise DataError(
            Problem(_("this is not valid YAML: an escape (\\U...) is not a character"), path)
        ) from None
    if not isinstance(data, dict):
        kind = _("a list") if isinstance(data, list) else _("a single value")
        line, column = reader.locations[()]
        raise DataError(
            Problem(
                _(
                    "the file holds {kind}; a career file must be a mapping of fields"
                    " (title: ..., summary: ...)"
                ).format(kind=kind),
                path,
                line,
                column,
            )
        )
    return YamlDocument(path, data, reader.locations, reader.key_locations, reader.lines)


def _decode(path: Path, raw: bytes) -> str:
    """Decode UTF-8 (with or without a byte-order mark), naming the bad line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError(
            Problem(
                _(
                    "the file is not valid UTF-8 (byte 0x{byte}); save it as UTF-8 in your editor"
                ).format(byte=f"{raw[error.start]:02x}"),
                path,
                line,
                column,
            )
        ) from None


# Characters that YAML reads as the start of something else than text.
_SPECIAL_STARTS = {
    "*": N_("a reference to another value"),
    "&": N_("a name for the value"),
    "!": N_("a type"),
    "%": N_("a directive"),
    "@": N_("a reserved sign"),
    "`": N_("a reserved sign"),
    "[": N_("a list"),
    "{": N_("a mapping of fields"),
}


def _quote_cut(quote: str, value: str) -> bool:
    """Whether a quoted text is followed at once by more words: a quote inside it ended it."""
    return (
        re.search(rf"(?:^|[\[{{,]\s*|:\s+){quote}[^{quote}]*{quote}[^\s,\]}}#:]", value) is not None
    )


# A line as written: indentation, list dashes, an optional "key:" and the value.
_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<dashes>(?:-[ \t]+)*)(?:(?P<key>[\w.-]+):(?:[ \t]+|$))?")


def _parts(line: str) -> tuple[str, int]:
    """The value written on a line (after any '- ' and 'key: ') and its 1-based column."""
    found = _LINE.match(line)
    start = found.end() if found else 0
    return line[start:].rstrip(), start + 1


def _quoted(line: str) -> str:
    """The line with its value put in double quotes, as an example of the fix."""
    value, column = _parts(line)
    if len(value) > 40:
        value = value[:40].rstrip() + "…"
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return (line[: column - 1] + quoted).strip()


def explain(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[str, int | None, int | None]:
    """Say what a YAML parser's refusal means for an author: the mistake, its fix, its line.

    The parser says where it gave up, which is often the line after the mistake
    or a character deep into the line; the usual mistakes are recognised from
    the text written and located at the line that holds them.
    """
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    where = mark.line if mark else None
    at = (mark.line + 1, mark.column + 1) if mark else (None, None)

    def line_of(number: int | None) -> str:
        return lines[number] if number is not None and 0 <= number < len(lines) else ""

    # Tabs: YAML indents with spaces only.
    if "\\t" in problem and where is not None:
        for row in range(where + 1):
            lead = line_of(row)[: len(line_of(row)) - len(line_of(row).lstrip(" \t"))]
            if "\t" in lead:
                return (
                    _(
                        "this line is indented with a tab; YAML accepts only spaces:"
                        " replace the tab with spaces"
                    ),
                    row + 1,
                    lead.index("\t") + 1,
                )
    if "quoted scalar" in context and "end of stream" in problem and error.context_mark:
        start = error.context_mark
        return (
            _(
                "the quote that opens this text is never closed: add the same quote at its end"
                " (an apostrophe inside single quotes is written twice: 'L''infirmier')"
            ),
            start.line + 1,
            start.column + 1,
        )
    if "simple key" in context and "':'" in problem and error.context_mark:
        start = error.context_mark
        return (
            _(
                "this line has no ':' after its field name: write 'name: value'"
                " (or, if it continues the text above, indent it like that text)"
            ),
            start.line + 1,
            start.column + 1,
        )
    candidates: list[int | None] = [where]
    if error.context_mark is not None and error.context_mark.line != where:
        candidates.append(error.context_mark.line)
    for number in candidates:
        line = line_of(number)
        value, column = _parts(line)
        if number is None or not value:
            continue
        if _quote_cut("'", value):
            return (
                _(
                    "an apostrophe inside a text in single quotes ends the text: put the text"
                    ' in double quotes instead ("L\'infirmier…"), or write the apostrophe'
                    " twice ('L''infirmier…')"
                ),
                number + 1,
                column,
            )
        if _quote_cut('"', value):
            return (
                _(
                    "a double quote inside a text in double quotes ends the text: write the"
                    ' inner quotes as « » (or \\"), or put the text in single quotes'
                ),
                number + 1,
                column,
            )
        if value[0] in _SPECIAL_STARTS and not (value[0] in "[{" and _closed(value)):
            return (
                _(
                    "a text cannot start with '{sign}' in YAML, which reads {meaning}:"
                    " put the whole text in double quotes: {fixed}"
                ).format(sign=value[0], meaning=_(_SPECIAL_STARTS[value[0]]), fixed=_quoted(line)),
                number + 1,
                column,
            )
        if "mapping values" in problem and number == where and re.search(r"\S\s*:(\s|$)", value):
            return (
                _(
                    "the ':' followed by a space inside this text makes YAML read a new field:"
                    " put the whole text in double quotes: {fixed}"
                ).format(fixed=_quoted(line)),
                number + 1,
                column,
            )
    if where is not None and ("mapping values" in problem or "block end" in problem):
        written = line_of(where)
        indent = len(written) - len(written.lstrip(" "))
        if written.lstrip(" ").startswith("-"):
            message = _("this list item is indented differently from the lines above it")
        else:
            message = _("this line is indented differently from the lines above it")
        return (
            message
            + _(": give the fields of a mapping, and the items of a list, the same indentation"),
            where + 1,
            indent + 1,
        )
    message = problem or context
    if error.context and error.problem:
        message += f" ({error.context})"
    return message + _("; check the quotes and indentation of this line and the line above"), *at


def _closed(value: str) -> bool:
    """Whether a value starting with '[' or '{' is closed on its line and ends there."""
    closing = "]" if value[0] == "[" else "}"
    return value.rstrip().endswith(closing)
