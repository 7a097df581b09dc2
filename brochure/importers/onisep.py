"""Reading ONISEP's Idéo-Fiches métiers export (XML) into career data.

The export is about 13 MB and 1,075 careers: it is read as a stream, one
``<metier>`` at a time, each element dropped once converted, so memory stays
flat. A DOCTYPE or an entity declaration is refused outright (no entity
expansion, no external entity): the export never has one.

The export is not uniform: list items carry ``id``/``libelle`` as child
elements in some records and as attributes in others; ``synonyme`` is plain
text in some and has child elements in others; any element may be empty or
missing. Every reader below accepts all of these.

A ``<metier>`` is a record wherever it is below the root, except inside
another ``<metier>``. A record whose ``<identifiant>`` an earlier one has
fails, naming that one; a problem with the whole file (not XML, an encoding
the parser cannot use, a DOCTYPE) is a ``DataError`` naming the file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from brochure.errors import DataError, Problem
from brochure.i18n import _
from brochure.importers.htmltext import html_to_markdown
from brochure.importers.record import Record

SOURCE = "ONISEP"
# ONISEP's open-data platform publishes its datasets under the Open Database
# License, whose attribution it asks as "Source : Onisep" with the data's date.
LICENCE = "licence ODbL"
CREDIT = "Source : Onisep"
ROOT_TAG = "metiers"
RECORD_TAG = "metier"

_EXPORT_DATE = re.compile(r"(\d{2})(\d{2})(\d{4})")  # ..._DDMMYYYY.xml
_SALARY_HEADING = re.compile(r"<h3[^>]*>\s*salaire", re.IGNORECASE)
_H3 = re.compile(r"(?=<h3[\s>])", re.IGNORECASE)


def export_date(path: Path) -> date | None:
    """The export's date, from ONISEP's file name (``..._DDMMYYYY.xml``)."""
    match = _EXPORT_DATE.search(path.stem)
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_records(
    path: Path, exported: date | None = None, licence: str = LICENCE
) -> Iterator[Record]:
    """Yield the careers of an export one by one, streaming the file.

    ``licence`` is written in each career's origin and printed on its sheet.
    """
    first_of: dict[str, int] = {}  # each identifiant, and the record that first had it
    for position, element in enumerate(_record_elements(path), start=1):
        identifier = _text(element.find("identifiant"))
        first = first_of.setdefault(identifier, position) if identifier else position
        if first != position:
            yield Record.failed(
                identifier,
                _(
                    "record {position} has the same <identifiant> as record {first}: only record"
                    " {first} is imported; give each <metier> its own <identifiant>"
                ).format(position=position, first=first),
            )
        else:
            yield _record(element, position, exported, licence)


def _record_elements(path: Path) -> Iterator[ElementTree.Element]:
    """Each ``<metier>`` of the export, dropped from the tree once the caller has it."""
    try:
        events = iterparse(str(path), events=("start", "end"), forbid_dtd=True)
        open_elements: list[ElementTree.Element] = []  # from the root to the current one
        records_open = 0  # <metier> elements among them
        started = False
        for event, element in events:
            if event == "start":
                if not started and element.tag != ROOT_TAG:
                    raise DataError(
                        Problem(
                            _(
                                "this is not an ONISEP Idéo-Fiches métiers export: the document"
                                " starts with <{tag}>, not <{root}>"
                            ).format(tag=element.tag, root=ROOT_TAG),
                            path,
                        )
                    )
                started = True
                open_elements.append(element)
                records_open += element.tag == RECORD_TAG
                continue
            open_elements.pop()
            if element.tag == RECORD_TAG:
                records_open -= 1
            if not open_elements or records_open:
                continue  # the root, or an element of a record still being read
            if element.tag == RECORD_TAG:
                yield element
            if element.tag == RECORD_TAG or len(open_elements) == 1:
                # Drop what was read so the tree never grows.
                element.clear()
                open_elements[-1].remove(element)
        if not started:
            raise DataError(Problem(_("the file is empty"), path))
    except DefusedXmlException:
        raise DataError(
            Problem(
                _(
                    "the file declares a DOCTYPE or entities, which an ONISEP export never does;"
                    " refused (entities could expand without limit or read other files)"
                ),
                path,
            )
        ) from None
    except ElementTree.ParseError as error:
        line, column = error.position
        raise DataError(
            Problem(
                _("this is not well-formed XML ({reason})").format(reason=_parse_reason(error)),
                path,
                line,
                column + 1,
            )
        ) from None
    except (LookupError, ValueError):
        # The XML declaration names an encoding the parser cannot use.
        raise DataError(
            Problem(
                _(
                    "the XML declaration names an encoding that cannot be read ({encoding});"
                    ' an ONISEP export is UTF-8: write encoding="UTF-8" or leave the encoding out'
                ).format(encoding=_declared_encoding(path)),
                path,
                1,
            )
        ) from None
    except FileNotFoundError:
        raise DataError(Problem(_("no such file"), path)) from None
    except OSError as error:
        raise DataError(
            Problem(_("cannot be read ({reason})").format(reason=error.strerror or error), path)
        ) from None


_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([^"'>]{0,40})""")


def _declared_encoding(path: Path) -> str:
    """The encoding named in the XML declaration, as the file spells it."""
    try:
        with path.open("rb") as file:
            start = file.read(300)
    except OSError:
        start = b""
    found = _ENCODING.search(start)
    name = found.group(1).decode("ascii", "replace") if found else "?"
    return f'encoding="{name}"'


def _parse_reason(error: ElementTree.ParseError) -> str:
    return re.sub(r": line \d+, column \d+$", "", str(error))


def _text(element: ElementTree.Element | None) -> str:
    """The stripped text of an element (its own text and its children's)."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _html(element: ElementTree.Element | None) -> str:
    """Markdown from an element holding HTML in CDATA (empty if none)."""
    return html_to_markdown(element.text or "") if element is not None else ""


def _labels(parent: ElementTree.Element | None) -> list[str]:
    """The ``libelle`` of each item of a coded list, child element or attribute."""
    if parent is None:
        return []
    labels = []
    for item in parent:
        label = item.get("libelle") or _text(item.find("libelle"))
        if not label:  # metier_associe may name its career like a record
            label = _text(item.find("nom_metier")) or _text(item)
        if label and label not in labels:
            labels.append(label)
    return labels


def _synonyms(parent: ElementTree.Element | None) -> list[str]:
    if parent is None:
        return []
    names = []
    for synonym in parent:
        # Plain text in some records, <nom_metier> and gendered labels in others.
        name = _text(synonym.find("nom_metier")) if len(synonym) else _text(synonym)
        if name and name not in names:
            names.append(name)
    return names


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _split_life(html: str) -> tuple[str, str]:
    """Split ``vie_professionnelle`` into its salary part and the rest, by <h3> part."""
    salary, rest = [], []
    for part in _H3.split(html):
        if _SALARY_HEADING.match(part.lstrip()):
            # The sheet's section is already titled "Salaire": drop the heading.
            salary.append(re.sub(r"^\s*<h3[^>]*>.*?</h3>", "", part, count=1, flags=re.S | re.I))
        else:
            rest.append(part)
    return html_to_markdown("".join(salary)), html_to_markdown("".join(rest))


def _record(
    element: ElementTree.Element, position: int, exported: date | None, licence: str = LICENCE
) -> Record:
    identifier = _text(element.find("identifiant"))
    name = _text(element.find("nom_metier"))
    if not identifier:
        label = _("record {position}").format(position=position)
        return Record.failed(label, _("has no <identifiant>"))
    if not name:
        return Record.failed(identifier, _("has no <nom_metier>"))
    try:
        return Record(identifier, career_data(element, identifier, name, exported, licence))
    except (ValueError, TypeError, AttributeError) as error:  # pragma: no cover - defensive
        return Record.failed(identifier, _("could not be read ({reason})").format(reason=error))


def career_data(
    element: ElementTree.Element,
    identifier: str,
    name: str,
    exported: date | None,
    licence: str = LICENCE,
) -> dict[str, Any]:
    """The career data of one ``<metier>`` element, in our format."""
    title = _capitalised(name)
    aliases = []
    for alias in (
        _text(element.find("libelle_feminin")),
        _text(element.find("libelle_masculin")),
        *_synonyms(element.find("synonymes")),
    ):
        alias = _capitalised(alias)
        if alias and alias.lower() != title.lower() and alias not in aliases:
            aliases.append(alias)

    lead = _html(element.find("accroche_metier"))
    short = [
        html_to_markdown(descriptif.text or "")
        for descriptif in element.iterfind("formats_courts/format_court/descriptif")
    ]
    summary = "\n\n".join(part for part in (lead, *short) if part)
    sectors = _labels(element.find("secteurs_activite"))
    level = _labels_one(element.find("niveau_acces_min"))
    trainings = _labels(element.find("formations_min_requise"))
    statuses = _labels(element.find("statuts"))
    romes = [_text(rome) for rome in element.iterfind("romesV3/romeV3") if _text(rome)]
    salary_text, outlook = _split_life(_raw(element.find("vie_professionnelle")))

    data: dict[str, Any] = {
        "title": title,
        "also_known_as": aliases,
        "sectors": sectors,  # one entry each: a career of two sectors is listed under both
        "updated": exported.isoformat() if exported else "",
        # Some records have no lead at all; the summary is required.
        "summary": summary or f"{title} : fiche ONISEP sans présentation.",
        "missions": {"intro": _html(element.find("nature_travail"))},
        "skills": {"intro": _html(element.find("competences"))},
        "training": {
            "intro": _html(element.find("acces_metier")),
            "level": level,
            "items": trainings,
        },
        "workplaces": {"intro": _html(element.find("condition_travail"))},
        "outlook": {"intro": outlook},
        "salary": {"note": salary_text},
        "related_careers": _labels(element.find("metiers_associes")),
        "interests": _labels(element.find("centres_interet")),
        "statuses": statuses,
        "rome_codes": romes,
        "sources": _sources(element.find("sources_numeriques")),
        "recap": [
            row
            for row in (
                ["Métier", title],
                ["Niveau d'accès minimum", level],
                ["Formations minimales", ", ".join(trainings)],
                ["Secteurs d'activité", ", ".join(sectors)],
                ["Statuts possibles", ", ".join(statuses)],
                ["Codes ROME", ", ".join(romes)],
            )
            if row[1]
        ],
        "origin": {
            "source": SOURCE,
            "id": identifier,
            "licence": licence,
            "credit": CREDIT,
            "exported": exported.isoformat() if exported else "",
        },
    }
    cleaned: dict[str, Any] = _without_empty(data)
    return cleaned


def _labels_one(element: ElementTree.Element | None) -> str:
    """The label of a single coded value (``niveau_acces_min``)."""
    if element is None:
        return ""
    return element.get("libelle") or _text(element.find("libelle"))


def _raw(element: ElementTree.Element | None) -> str:
    return (element.text or "") if element is not None else ""


def _sources(parent: ElementTree.Element | None) -> list[dict[str, str]]:
    if parent is None:
        return []
    sources = []
    for source in parent:
        url = _text(source.find("valeur"))
        comment = _text(source.find("commentaire"))
        if not url and not comment:
            continue
        if re.match(r"https?://[^\s/]+", url, re.IGNORECASE):
            sources.append({"label": comment or url, "url": url})
        else:  # not a web address: keep it as text, never as a link
            sources.append({"label": " ".join(part for part in (comment, url) if part)})
    return sources


def _without_empty(value: Any) -> Any:
    """Leave out empty texts, lists and sections: the file holds what the data has."""
    if isinstance(value, dict):
        cleaned = {key: _without_empty(item) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item not in ("", [], {}, None)}
    if isinstance(value, list):
        return [item for item in (_without_empty(item) for item in value) if item not in ("", [])]
    return value
