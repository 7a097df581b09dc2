"""JSON Schemas of the career format and of brochure.yaml, for editors.

An editor's YAML support (for instance the YAML extension of VS Code, through
yaml-language-server) reads them to complete keys, explain them and underline
mistakes as the file is typed.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from brochure.i18n import N_, _
from brochure.source.config import ProjectConfig
from brochure.source.model import Career

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "career": (Career, N_("A career sheet (fiche métier) for brochure.")),
    "config": (ProjectConfig, N_("The project configuration of brochure (brochure.yaml).")),
}


# What each field means, and an example, shown by editors as the file is typed.
FIELDS: dict[str, dict[str, tuple[str, Any]]] = {
    "Career": {
        "title": (N_("Name of the career, as the sheet's title."), "Prompt Engineer"),
        "also_known_as": (N_("Other names of the job."), ["Ingénieur·e prompt"]),
        "sector": (N_("Sector of activity; the booklet groups careers by it."), "Informatique"),
        "sectors": (
            N_(
                "Sectors of activity, when there are several: the booklet and the site list the"
                " career under each one. With sector, the career belongs to all of them."
            ),
            ["Agriculture", "Environnement"],
        ),
        "updated": (N_("Date of the facts, YYYY-MM-DD."), "2025-06-01"),
        "language": (N_("Language of this sheet, if not the project's."), "fr"),
        "summary": (N_("What the job is: paragraphs of Markdown."), "Le ou la prompt engineer…"),
        "missions": (N_("What the job consists of."), {"intro": "…", "items": ["**Analyser** …"]}),
        "skills": (N_("Skills and qualities needed."), {"items": ["Rigueur"]}),
        "training": (N_("How to get in."), {"level": "Bac+3 à Bac+5", "items": ["Licence"]}),
        "specializations": (N_("Specialisations."), [{"name": "Chatbots", "description": "…"}]),
        "workplaces": (N_("Where to work."), {"items": ["Start-up de l'IA"]}),
        "salary": (N_("Salary scale."), {"levels": [{"label": "Débutant", "min": 3500}]}),
        "career_paths": (N_("How the career can evolve."), ["Chef·fe de projet IA"]),
        "notable_people": (N_("Well-known people of the trade."), [{"name": "Riley Goodside"}]),
        "recap": (N_("The closing table: [label, value] pairs, in order."), [["Métier", "…"]]),
        "sources": (N_("Where the facts come from."), [{"label": "ONISEP", "url": "https://…"}]),
        "statuses": (N_("Employment statuses."), ["salarié"]),
        "outlook": (N_("Working life and job market."), {"intro": "…"}),
        "interests": (N_("Interests that fit the job."), ["j'aime le contact"]),
        "related_careers": (N_("Related careers."), ["Data scientist"]),
        "rome_codes": (N_("France Travail's ROME job codes."), ["M1805"]),
        "origin": (N_("Written by `brochure import`: where the data comes from."), None),
    },
    "Section": {
        "intro": (N_("A short introduction: paragraphs of Markdown."), "Le travail se déroule…"),
        "items": (N_("Bullet points, one line of Markdown each."), ["**Analyser le besoin** …"]),
    },
    "Training": {
        "intro": (N_("A short introduction: paragraphs of Markdown."), "Il n'existe pas…"),
        "items": (N_("Training paths, one line each."), ["Licence d'informatique"]),
        "level": (N_("Usual level of study, shown under the title."), "Bac+3 à Bac+5"),
    },
    "NamedItem": {
        "name": (N_("The name."), "Chatbots et agents virtuels"),
        "description": (N_("One sentence about it (Markdown)."), "Améliorer les assistants."),
    },
    "Salary": {
        "currency": (N_("Currency: EUR."), "EUR"),
        "period": (N_("month, year or hour."), "month"),
        "basis": (N_("gross or net."), "gross"),
        "levels": (N_("Steps of the scale, by experience."), [{"label": "Débutant", "min": 1802}]),
        "note": (N_("Any remark on pay (Markdown)."), "Selon la région."),
    },
    "SalaryLevel": {
        "label": (N_("Who earns this."), "Après 5 ans"),
        "min": (N_("Lowest amount (give min, max or both)."), 4100),
        "max": (N_("Highest amount."), 5500),
    },
    "Source": {
        "label": (N_("What the source is."), "ONISEP, fiche métier"),
        "url": (N_("Its address: http(s) or mailto only."), "https://www.onisep.fr"),
    },
    "Origin": {
        "source": (N_("Who publishes the data."), "ONISEP"),
        "id": (N_("The record's identifier there."), "MET.31"),
        "licence": (N_("The data's licence."), "licence ODbL"),
        "credit": (
            N_("The mention the licence asks for, printed on the sheet."),
            "Source : Onisep",
        ),
        "url": (N_("The data's address."), "https://www.onisep.fr"),
        "exported": (N_("Date of the export imported."), "2025-03-12"),
        "fingerprints": (N_("Digests of the imported fields; do not edit."), {}),
    },
    "ProjectConfig": {
        "page_size": (N_("Page format: A4, A5 or Letter."), "A4"),
        "print_shop": (N_("3 mm bleed and crop marks, for a print shop."), False),
        "pdf_variant": (
            N_(
                "pdf/ua-1 (tagged), pdf/a-3b, pdf/a-3a, pdf/a-2b, pdf/a-1b; for a print shop"
                " pdf/x-4, pdf/x-3 or pdf/x-1a (with print_profile); or none."
            ),
            "pdf/ua-1",
        ),
        "organisation": (N_("Shown on the booklet's cover."), "Lycée Jean Moulin"),
        "logo": (N_("Image for the booklet's cover, relative to brochure.yaml."), "logo.png"),
        "booklet_title": (N_("Title of the booklet's cover."), "Forum des métiers"),
        "cover_image": (
            N_("Picture for the upper part of the booklet's cover, relative to brochure.yaml."),
            "couverture.jpg",
        ),
        "language": (N_("Language of labels, hyphenation and numbers: fr or en."), "fr"),
        "theme": (N_("A built-in theme: default or sober."), "default"),
        "accent": (N_("Accent colour, #RRGGBB."), "#1f5f8b"),
        "footer": (N_("A line printed in every page's footer."), "CIO de Lyon"),
        "output": (N_("Folder of the PDFs."), "out"),
        "qr_url": (
            N_("Address of each career online, {slug} for its file name; printed as a QR code."),
            "https://www.example.org/metiers/{slug}",
        ),
        "print_profile": (
            N_("The print shop's CMYK ICC profile, relative to brochure.yaml; for pdf/x variants."),
            "profils/ISOcoated_v2_300_eci.icc",
        ),
    },
}


# What each part of a file is, shown by editors (the models' docstrings are for developers).
PARTS: dict[str, str] = {
    "NamedItem": N_("A name with a short description (specialisation, notable person)."),
    "Origin": N_("Where an imported career comes from; written by `brochure import`."),
    "Salary": N_("Salary scale, by experience."),
    "SalaryLevel": N_("One step of the salary scale: min, max or both."),
    "Section": N_("A part of the sheet: an optional introduction, then a list."),
    "Source": N_("Where the facts come from."),
    "Training": N_("Training paths, with the usual level of study."),
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of ``career`` or ``config``, each field described with an example."""
    model, description = SCHEMAS[name]
    schema = model.model_json_schema(mode="validation")
    for definition in [schema, *schema.get("$defs", {}).values()]:
        part = PARTS.get(definition["title"])
        if part is not None:
            definition["description"] = _(part)
        for field, (text, example) in FIELDS.get(definition["title"], {}).items():
            entry = definition["properties"][field]
            entry["description"] = _(text)
            if example is not None:
                entry["examples"] = [example]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"brochure {name}",
        "description": _(description),
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }
