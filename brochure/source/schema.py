"""JSON Schemas of the career format and of brochure.yaml, for editors.

An editor's YAML support (for instance the YAML extension of VS Code, through
yaml-language-server) reads them to complete keys, explain them and underline
mistakes as the file is typed.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from brochure.source.config import ProjectConfig
from brochure.source.model import Career

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "career": (Career, "A career sheet (fiche métier) for brochure."),
    "config": (ProjectConfig, "The project configuration of brochure (brochure.yaml)."),
}


# What each field means, and an example, shown by editors as the file is typed.
FIELDS: dict[str, dict[str, tuple[str, Any]]] = {
    "Career": {
        "title": ("Name of the career, as the sheet's title.", "Prompt Engineer"),
        "also_known_as": ("Other names of the job.", ["Ingénieur·e prompt"]),
        "sector": ("Sector of activity; the booklet groups careers by it.", "Informatique"),
        "sectors": (
            "Sectors of activity, when there are several: the booklet and the site list the"
            " career under each one. With sector, the career belongs to all of them.",
            ["Agriculture", "Environnement"],
        ),
        "updated": ("Date of the facts, YYYY-MM-DD.", "2025-06-01"),
        "language": ("Language of this sheet, if not the project's.", "fr"),
        "summary": ("What the job is: paragraphs of Markdown.", "Le ou la prompt engineer…"),
        "missions": ("What the job consists of.", {"intro": "…", "items": ["**Analyser** …"]}),
        "skills": ("Skills and qualities needed.", {"items": ["Rigueur"]}),
        "training": ("How to get in.", {"level": "Bac+3 à Bac+5", "items": ["Licence"]}),
        "specializations": ("Specialisations.", [{"name": "Chatbots", "description": "…"}]),
        "workplaces": ("Where to work.", {"items": ["Start-up de l'IA"]}),
        "salary": ("Salary scale.", {"levels": [{"label": "Débutant", "min": 3500}]}),
        "career_paths": ("How the career can evolve.", ["Chef·fe de projet IA"]),
        "notable_people": ("Well-known people of the trade.", [{"name": "Riley Goodside"}]),
        "recap": ("The closing table: [label, value] pairs, in order.", [["Métier", "…"]]),
        "sources": ("Where the facts come from.", [{"label": "ONISEP", "url": "https://…"}]),
        "statuses": ("Employment statuses.", ["salarié"]),
        "outlook": ("Working life and job market.", {"intro": "…"}),
        "interests": ("Interests that fit the job.", ["j'aime le contact"]),
        "related_careers": ("Related careers.", ["Data scientist"]),
        "rome_codes": ("France Travail's ROME job codes.", ["M1805"]),
        "origin": ("Written by `brochure import`: where the data comes from.", None),
    },
    "Section": {
        "intro": ("A short introduction: paragraphs of Markdown.", "Le travail se déroule…"),
        "items": ("Bullet points, one line of Markdown each.", ["**Analyser le besoin** …"]),
    },
    "Training": {
        "intro": ("A short introduction: paragraphs of Markdown.", "Il n'existe pas…"),
        "items": ("Training paths, one line each.", ["Licence d'informatique"]),
        "level": ("Usual level of study, shown under the title.", "Bac+3 à Bac+5"),
    },
    "NamedItem": {
        "name": ("The name.", "Chatbots et agents virtuels"),
        "description": ("One sentence about it (Markdown).", "Améliorer les assistants."),
    },
    "Salary": {
        "currency": ("Currency: EUR.", "EUR"),
        "period": ("month, year or hour.", "month"),
        "basis": ("gross or net.", "gross"),
        "levels": ("Steps of the scale, by experience.", [{"label": "Débutant", "min": 1802}]),
        "note": ("Any remark on pay (Markdown).", "Selon la région."),
    },
    "SalaryLevel": {
        "label": ("Who earns this.", "Après 5 ans"),
        "min": ("Lowest amount (give min, max or both).", 4100),
        "max": ("Highest amount.", 5500),
    },
    "Source": {
        "label": ("What the source is.", "ONISEP, fiche métier"),
        "url": ("Its address: http(s) or mailto only.", "https://www.onisep.fr"),
    },
    "Origin": {
        "source": ("Who publishes the data.", "ONISEP"),
        "id": ("The record's identifier there.", "MET.31"),
        "licence": ("The data's licence.", "licence ODbL"),
        "credit": ("The mention the licence asks for, printed on the sheet.", "Source : Onisep"),
        "url": ("The data's address.", "https://www.onisep.fr"),
        "exported": ("Date of the export imported.", "2025-03-12"),
        "fingerprints": ("Digests of the imported fields; do not edit.", {}),
    },
    "ProjectConfig": {
        "page_size": ("Page format: A4, A5 or Letter.", "A4"),
        "print_shop": ("3 mm bleed and crop marks, for a print shop.", False),
        "pdf_variant": (
            "pdf/ua-1 (tagged), pdf/a-3b, pdf/a-3a, pdf/a-2b, pdf/a-1b; for a print shop"
            " pdf/x-4, pdf/x-3 or pdf/x-1a (with print_profile); or none.",
            "pdf/ua-1",
        ),
        "organisation": ("Shown on the booklet's cover.", "Lycée Jean Moulin"),
        "logo": ("Image for the booklet's cover, relative to brochure.yaml.", "logo.png"),
        "booklet_title": ("Title of the booklet's cover.", "Forum des métiers"),
        "cover_image": (
            "Picture for the upper part of the booklet's cover, relative to brochure.yaml.",
            "couverture.jpg",
        ),
        "language": ("Language of labels, hyphenation and numbers: fr or en.", "fr"),
        "theme": ("A built-in theme: default or sober.", "default"),
        "accent": ("Accent colour, #RRGGBB.", "#1f5f8b"),
        "footer": ("A line printed in every page's footer.", "CIO de Lyon"),
        "output": ("Folder of the PDFs.", "out"),
        "qr_url": (
            "Address of each career online, {slug} for its file name; printed as a QR code.",
            "https://www.example.org/metiers/{slug}",
        ),
        "print_profile": (
            "The print shop's CMYK ICC profile, relative to brochure.yaml; for pdf/x variants.",
            "profils/ISOcoated_v2_300_eci.icc",
        ),
    },
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of ``career`` or ``config``, each field described with an example."""
    model, description = SCHEMAS[name]
    schema = model.model_json_schema(mode="validation")
    for definition in [schema, *schema.get("$defs", {}).values()]:
        for field, (text, example) in FIELDS.get(definition["title"], {}).items():
            entry = definition["properties"][field]
            entry["description"] = text
            if example is not None:
                entry["examples"] = [example]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"brochure {name}",
        "description": description,
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }
