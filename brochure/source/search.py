"""Finding careers by name: the one matching of `find`, the booklet's selection and the site.

Case, accents, ligatures and punctuation are set aside (``fold``), and
inclusive writing is read both ways: "Boulanger·ère" is found as "boulanger"
and as "boulangere", "apiculteur/trice" as "apicultrice". A query matches a
career when each of its words begins a word of the career's title, other
names, sectors, ROME codes, statuses or interests (``matches``), so partial
names work ("infirm", "developpeur web", "J1506").

The site's search (``templates/site/search.js``) folds the query the same way
and applies the same rule to the words computed here, written into the page;
tests/site/test_search_js.py runs both on one table of queries.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from brochure.errors import BrochureError, Outcome
from brochure.source.loader import load_career
from brochure.source.model import Career

_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}

# Inclusive writing: "infirmier·ère", "apiculteur/trice" (a short ending right
# after a slash, not "Boulanger / Boulangère" nor "CAP/BEP"), "employé(e)".
_INCLUSIVE = re.compile(r"(\w+)(?:[·•]|/(?=[^\W\d_A-Z]{1,5}\b)|\((?=\w{1,5}\)))(\w+)\)?")

# How a feminine ending replaces the masculine one: (masculine ending, feminine ending).
_ENDINGS = [("er", "ere"), ("teur", "trice"), ("eur", "euse"), ("eur", "rice"), ("f", "ve")]


def fold(text: str) -> str:
    """Text as search compares it: ``"Œnologue, Chef·fe"`` -> ``"oenologue chef fe"``.

    Compatibility decomposition (NFKD), lower case, ligatures spelt out,
    accents and other marks dropped, every run of characters that are neither
    letters nor digits (in any script) made one space.
    """
    lowered = unicodedata.normalize("NFKD", text).lower()
    for ligature, letters in _LIGATURES.items():
        lowered = lowered.replace(ligature, letters)
    kept = []
    for char in lowered:
        kind = unicodedata.category(char)[0]
        if kind != "M":
            kept.append(char if kind in "LN" else " ")
    return " ".join("".join(kept).split())


def query_words(query: str) -> list[str]:
    """The words of a query, folded: each must begin a word of a matching career."""
    return fold(query).split()


def matches(words: str, query: Sequence[str]) -> bool:
    """Whether every word of ``query`` begins a word of ``words`` (``" word word "``)."""
    return all(f" {word}" in words for word in query)


def _feminine(masculine: str, ending: str) -> str:
    """``boulanger`` + ``ere`` -> ``boulangere``; ``apiculteur`` + ``trice`` -> ``apicultrice``."""
    for old, new in _ENDINGS:
        if ending == new and masculine.endswith(old):
            return masculine[: -len(old)] + new
    return masculine + ending  # technicien·ne, diplômé·e, maître·sse, chef·fe


def name_forms(name: str) -> list[str]:
    """A name folded as written, and as its masculine and feminine forms when it has both.

    ``"Développeur·euse web"`` -> ``["developpeur euse web", "developpeur web",
    "developpeuse web"]``.
    """
    forms = [fold(name)]
    if _INCLUSIVE.search(name):
        forms.append(fold(_INCLUSIVE.sub(r"\1", name)))
        forms.append(
            fold(
                _INCLUSIVE.sub(
                    lambda found: _feminine(fold(found.group(1)), fold(found.group(2))), name
                )
            )
        )
    return list(dict.fromkeys(form for form in forms if form))


def plain(markdown: str) -> str:
    """A line of Markdown as text: link texts kept, emphasis marks dropped."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(re.sub(r"(\*{1,2}|_{1,2})(\S(?:.*?\S)?)\1", r"\2", text).split())


def collation_key(text: str) -> tuple[str, str]:
    """Sort French the way a reader expects: "é" with "e", "Œ" with "oe", case aside."""
    folded = text.casefold().replace("œ", "oe").replace("æ", "ae")
    bare = "".join(
        char for char in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(char)
    )
    return bare, text


def _haystack(texts: Iterable[str]) -> str:
    words: dict[str, None] = {}
    for text in texts:
        for form in name_forms(text):
            words.update(dict.fromkeys(form.split()))
    return " " + " ".join(words) + " "


@dataclass(frozen=True)
class Entry:
    """One career as search sees it: what is shown of it, and the words it is found by."""

    path: Path
    title: str
    names: tuple[str, ...]  # other names (also_known_as)
    sectors: tuple[str, ...]
    level: str | None
    rome_codes: tuple[str, ...]
    statuses: tuple[str, ...]
    interests: tuple[str, ...]  # as text, Markdown marks dropped
    words: str  # " word word ... ": every searched field, folded, with both forms of names
    name_words: str  # the same, of the title and other names only
    title_words: str  # of the title only
    forms: frozenset[str]  # the whole names folded (title, other names, file name)

    @classmethod
    def of(cls, path: Path, career: Career) -> Entry:
        """The search entry of a career read from ``path``."""
        names = tuple(career.also_known_as)
        sectors = tuple(distinct_sectors(career.all_sectors))
        codes = tuple(career.rome_codes)
        interests = tuple(plain(item) for item in career.interests)
        level = career.training.level if career.training else None
        fields = (career.title, *names, *sectors, *codes, *career.statuses, *interests)
        forms = {form for name in (career.title, *names) for form in name_forms(name)}
        return cls(
            path=path,
            title=career.title,
            names=names,
            sectors=sectors,
            level=level,
            rome_codes=codes,
            statuses=tuple(career.statuses),
            interests=interests,
            words=_haystack(fields),
            name_words=_haystack((career.title, *names)),
            title_words=_haystack((career.title,)),
            forms=frozenset({*forms, fold(path.stem)}),
        )


def read_entries(paths: Iterable[Path]) -> tuple[list[Entry], list[Outcome]]:
    """Load career files for search: their entries, and the files that could not be read."""
    entries, failed = [], []
    for path in paths:
        try:
            entries.append(Entry.of(path, load_career(path)))
        except BrochureError as error:
            failed.append(Outcome(path, problems=error.problems))
    return entries, failed


def _rank(entry: Entry, query: list[str]) -> int:
    """0: the query is a whole name; 1: in the title; 2: in another name; 3: elsewhere."""
    if " ".join(query) in entry.forms:
        return 0
    if matches(entry.title_words, query):
        return 1
    return 2 if matches(entry.name_words, query) else 3


def search(entries: Iterable[Entry], query: str) -> list[Entry]:
    """The careers matching ``query``, best first: whole names, then titles, then the rest.

    A query without a word (empty, or only punctuation) matches every career,
    as the site's empty search box shows them all.
    """
    words = query_words(query)
    found = [entry for entry in entries if matches(entry.words, words)]
    return sorted(found, key=lambda entry: (_rank(entry, words), collation_key(entry.title)))


def pick_career(entries: Sequence[Entry], name: str) -> list[Entry]:
    """The careers a name in a list means: by file name or whole name, else by search.

    One entry when the name is clear; several when it is ambiguous; none when
    nothing matches (then ``closest_careers`` says what is near).
    """
    stripped = name.strip()
    by_file = [entry for entry in entries if stripped in (entry.path.stem, entry.path.name)]
    if by_file:
        return by_file
    folded = fold(stripped)
    if not folded:  # only punctuation: it names nothing
        return []
    whole = [entry for entry in entries if folded in entry.forms]
    return whole or search(entries, stripped)


def closest_careers(entries: Iterable[Entry], query: str, count: int = 3) -> list[Entry]:
    """The careers whose names are nearest to ``query`` (spelling mistakes), nearest first."""
    folded = fold(query)
    scored = []
    for entry in entries:
        score = max(difflib.SequenceMatcher(None, folded, form).ratio() for form in entry.forms)
        if score >= 0.6:
            scored.append((-score, collation_key(entry.title), entry))
    return [entry for _, _, entry in sorted(scored, key=lambda item: item[:2])[:count]]


def sector_key(sector: str) -> str:
    """What tells sectors apart: "Santé" and "sante " are one sector."""
    return fold(sector)


def distinct_sectors(sectors: Iterable[str]) -> list[str]:
    """Sectors without repeats: "Santé" and "santé" are one, spelt as first written."""
    found: dict[str, str] = {}
    for sector in sectors:
        found.setdefault(sector_key(sector), sector)
    return list(found.values())


def pick_sector(sectors: Iterable[str], name: str) -> list[str]:
    """The sectors ``name`` means: the one it names (case and accents aside), else those it begins.

    Returns one sector when clear, several when ambiguous, none when nothing matches.
    """
    known = {sector_key(sector): sector for sector in sectors}
    wanted = sector_key(name)
    if wanted in known:
        return [known[wanted]]
    words = wanted.split()
    found = [sector for key, sector in known.items() if matches(_haystack((sector,)), words)]
    return sorted(found, key=collation_key)


def closest_names(names: Iterable[str], query: str, count: int = 3) -> list[str]:
    """The names nearest to ``query`` (spelling mistakes), nearest first."""
    by_form = {fold(name): name for name in names}
    near = difflib.get_close_matches(fold(query), list(by_form), n=count, cutoff=0.6)
    return [by_form[form] for form in near]


def count_sectors(careers: Iterable[Sequence[str]]) -> list[tuple[str, int]]:
    """Each sector and how many careers it has, in French order; ``careers``: their sectors.

    Spellings that differ only in case or accents are one sector, named as first met.
    """
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for sectors in careers:
        for sector in sectors:
            key = sector_key(sector)
            names.setdefault(key, sector)
            counts[key] = counts.get(key, 0) + 1
    return sorted(((names[key], count) for key, count in counts.items()), key=_first_collated)


def _first_collated(pair: tuple[str, int]) -> tuple[str, str]:
    return collation_key(pair[0])


# The first level of study a text names, on folded text: "CAP à bac pro" is CAP,
# "Bac+2 à Bac+5" is Bac+2, "Diplôme d'État (niveau bac)" is Bac.
_LEVEL = re.compile(
    r"\b(?:(?P<none>sans diplome|aucun diplome)|(?P<cap>cap|bep|cqp)|bac (?P<plus>\d)"
    r"|(?P<bac>bac|baccalaureat)|(?P<two>bts|dut|deust)|(?P<three>but|licence)"
    r"|(?P<five>master|ingenieur)|(?P<eight>doctorat))\b"
)
_LEVEL_RANKS = {"none": 0, "cap": 1, "bac": 2, "two": 4, "three": 5, "five": 7, "eight": 10}


@dataclass(frozen=True)
class Level:
    """A level of study, for filtering: its rank (0 without diploma, 2 Bac, 2+N Bac+N)."""

    rank: int
    name: str  # "CAP", "Bac", "Bac+2"...; "" for "no diploma" (its label says it)


def level_of(text: str) -> Level:
    """The first level of study ``text`` names; unrecognised, the text itself (ranked last)."""
    found = _LEVEL.search(fold(text))
    if found is None:
        return Level(100, " ".join(text.split()))
    kind = found.lastgroup or ""
    if kind == "plus":
        plus = int(found.group("plus"))
        return Level(2 + plus, f"Bac+{plus}") if plus else Level(2, "Bac")
    rank = _LEVEL_RANKS[kind]
    name = {"none": "", "cap": "CAP", "bac": "Bac"}.get(kind, f"Bac+{rank - 2}")
    return Level(rank, name)
