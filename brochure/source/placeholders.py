"""The texts ``brochure new`` fills a career file with, found where an author left them.

A file fresh from ``brochure new`` is valid, so that ``check`` can run on it
at once; printed as it is, it would say "Secteur à préciser". ``check`` and
``build`` warn about each placeholder still there (``--strict`` fails on them).
The list matches ``brochure/authoring/samples/new-career.yaml`` (a test says so).
"""

from __future__ import annotations

from typing import Any

from brochure.errors import Problem
from brochure.i18n import _
from brochure.source.yamlfile import PathKey, YamlDocument, field_name

PLACEHOLDERS = frozenset(
    {
        "Autre appellation",
        "Secteur à préciser",
        "Autre secteur (ou supprimer ces deux lignes)",
        "En quelques phrases : ce que fait la personne, pour qui, où et avec quels outils.",
        "Le déroulement d'une journée ou d'un projet.",
        "**Première mission** : en quoi elle consiste.",
        "**Deuxième mission** : en quoi elle consiste.",
        "Les qualités et savoir-faire attendus.",
        "Une compétence technique",
        "Une qualité personnelle",
        "Comment accéder au métier (études, apprentissage, concours).",
        "Un diplôme qui y mène",
        "Une spécialisation",
        "En une phrase.",
        "Les employeurs les plus fréquents.",
        "Un type d'employeur",
        "Le marché du travail, les conditions de travail.",
        "Ce qui fait varier le salaire.",
        "Une évolution possible",
        "Un métier proche",
        "Une personnalité",
        "Ce qui la relie au métier.",
        "Un centre d'intérêt",
        "A0000",
        "Une source",
    }
)


def _plain(text: str) -> str:
    return " ".join(text.split())


def find_placeholders(document: YamlDocument) -> list[Problem]:
    """Each value of ``document`` still holding a placeholder of ``brochure new``, located."""
    found: list[Problem] = []

    def walk(value: Any, key: PathKey) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, (*key, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*key, index))
        elif isinstance(value, str) and _plain(value) in PLACEHOLDERS:
            line, column = document.locate(key) or (None, None)
            found.append(
                Problem(
                    _(
                        "still holds the example text of 'brochure new' ('{text}'):"
                        " write this career's own text, or delete the line"
                    ).format(text=_plain(value)),
                    document.path,
                    line,
                    column,
                    field_name(key) or None,
                )
            )

    walk(document.data, ())
    return found


def as_warning(problem: Problem) -> str:
    """A located problem said as a warning about its file: ``line 12: sector: ...``."""
    where = _("line {line}: ").format(line=problem.line) if problem.line is not None else ""
    field = f"{problem.field}: " if problem.field else ""
    return f"{where}{field}{problem.message}"
