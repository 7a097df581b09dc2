"""The rendered sheet, read back from the PDF as a reader (or a printer) gets it."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from brochure.sheet.builder import SheetBuilder
from brochure.source.loader import load_career
from brochure.source.yamlfile import read_yaml
from tests.helpers import REFERENCE, pdf_text, pdffonts_rows, run_tool, squeeze, visible
from tests.layout import reading_text

A4_POINTS = (595.28, 841.89)

SECTION_HEADINGS = [
    "Le métier",
    "Missions",
    "Compétences",
    "Formations",
    "Spécialisations",
    "Où travailler ?",
    "Salaire",
    "Évolutions de carrière",
    "Personnalités",
    "Sources",
    "Tableau récapitulatif",
]

# Values the sheet shows reworded (amounts, dates) or as settings, not as typed.
REWORDED = {"updated", "currency", "period", "basis", "min", "max"}


def _texts(value: object, key: str = "") -> list[str]:
    """Every text value of a career file, except the reworded ones."""
    if isinstance(value, dict):
        return [text for k, v in value.items() if k not in REWORDED for text in _texts(v, k)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item, key)]
    return [str(value)]


def test_every_value_of_the_reference_is_on_the_sheet(reference_pdf):
    text = squeeze(pdf_text(reference_pdf))
    values = _texts(read_yaml(REFERENCE).data)
    assert len(values) > 60
    missing = [value for value in values if squeeze(visible(value)) not in text]
    assert missing == []


def test_sections_come_in_order_and_recap_is_last(reference_pdf):
    text = squeeze(reading_text(reference_pdf))  # two columns: the left one first
    text = text[text.find(squeeze("Le métier")) :]  # after "L'essentiel", which names the salary
    positions = [text.find(squeeze(heading)) for heading in SECTION_HEADINGS]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_recap_rows_are_in_the_given_order(reference_pdf):
    # In reading order: the table may run over two columns, and its cells over
    # several lines, which pdftotext (sorting by position) would interleave.
    text = squeeze(reading_text(reference_pdf))
    recap = text[text.find("Tableaurécapitulatif") :]
    rows = read_yaml(REFERENCE).data["recap"]
    positions = [recap.find(squeeze(label + value)) for label, value in rows]
    assert -1 not in positions, rows
    assert positions == sorted(positions)


def test_salary_and_date_are_worded_in_french(reference_pdf):
    text = re.sub(r"\s+", " ", pdf_text(reference_pdf))
    assert "Salaire brut par mois" in text
    assert "Débutant 3 500 à 4 000 €" in text
    assert "Après 5 ans 4 100 à 5 500 €" in text
    assert "Senior (10 ans et plus) à partir de 6 600 €" in text
    assert "Informations à jour au 1er juin 2025" in text


def test_french_spaces_are_unbreakable(builder):
    # In the PDF a no-break space is drawn with the space glyph (pdftotext
    # reads it back as a space), so this is checked in the HTML laid out.
    html = builder.html(load_career(REFERENCE))
    assert "Analyser le besoin</strong>\u00a0:" in html
    assert "inédit\u202f;" in html
    assert "«\u00a0Prompt Engineer\u00a0»" in html
    assert "3\u202f500 à 4\u202f000\u00a0€" in html


def test_pages_are_a4_with_a_running_footer(reference_pdf):
    with pikepdf.open(reference_pdf) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            width, height = (float(v) for v in page.mediabox[2:])
            assert (round(width, 2), round(height, 2)) == A4_POINTS
    pages = pdf_text(reference_pdf).split("\f")
    for number, page in enumerate(pages[:2], start=1):
        assert "Prompt Engineer" in page
        assert f"Page {number} / 2" in page


def test_fonts_are_the_shipped_ones_and_all_embedded(reference_pdf):
    fonts = pdffonts_rows(reference_pdf)
    assert len(fonts) >= 3  # regular, bold, italic
    for font in fonts:
        # A subset's name is "ABCDEF+Family": see styles/look.css for the families.
        assert font["name"].split("+")[-1].startswith(("Brochure-Sans", "Brochure-Folio")), font
        assert (font["emb"], font["sub"], font["uni"]) == ("yes", "yes", "yes"), font


def test_pdf_is_structurally_valid(reference_pdf):
    run_tool("qpdf", "--check", str(reference_pdf))  # exits 0 only without errors or warnings


def test_pdf_metadata(reference_pdf):
    with pikepdf.open(reference_pdf) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Prompt Engineer"
        assert str(pdf.docinfo["/Subject"]) == "Fiche métier\u00a0: Prompt Engineer"
        assert "Numérique et intelligence artificielle" in str(pdf.docinfo["/Keywords"])
        assert str(pdf.Root.Lang) == "fr"
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20250601000000")


def test_two_builds_give_identical_bytes(tmp_path):
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    # Separate builders: nothing cached may leak from one build to the next.
    assert SheetBuilder().build(REFERENCE, first).ok
    assert SheetBuilder().build(REFERENCE, second).ok
    assert first.read_bytes() == second.read_bytes()


def test_source_date_epoch_dates_the_pdf(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    target = tmp_path / "dated.pdf"
    assert SheetBuilder().build(REFERENCE, target).ok
    with pikepdf.open(target) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20231114221320")
        assert str(pdf.docinfo["/ModDate"]).startswith("D:20231114221320")


def test_career_without_date_gives_a_pdf_without_date(career_file, builder, tmp_path):
    target = tmp_path / "x.pdf"
    assert builder.build(career_file(), target).ok
    with pikepdf.open(target) as pdf:
        assert "/CreationDate" not in pdf.docinfo


def test_markup_in_data_shows_as_literal_text(career_file, builder, tmp_path):
    source = career_file(
        "title: <b>Chef</b> {{ 7*7 }}\n"
        "summary: <script>alert('x')</script> et {% if true %}oui{% endif %}\n"
        "recap:\n  - ['<i>Clé</i>', '{{ config }}']\n"
    )
    target = tmp_path / "x.pdf"
    assert builder.build(source, target).ok
    text = re.sub(r"\s+", " ", pdf_text(target))
    assert "<b>Chef</b> {{ 7*7 }}" in text
    assert "<script>alert('x')</script> et {% if true %}oui{% endif %}" in text
    assert "<i>Clé</i> {{ config }}" in text
    assert "49" not in text


def _link_targets(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [
            str(annotation.A.URI)
            for page in pdf.pages
            for annotation in page.get("/Annots", [])
            if "/A" in annotation and "/URI" in annotation.A
        ]


def test_only_web_and_mail_links_are_live(career_file, builder, tmp_path):
    source = career_file(
        "title: Liens\n"
        "summary: >-\n"
        "  Voir [le site](https://www.onisep.fr/metiers), [écrire](mailto:cio@example.org),\n"
        "  [piège](javascript:alert(1)) et [fichier](file:///etc/passwd).\n"
        "sources:\n  - label: ONISEP\n    url: https://www.onisep.fr\n"
    )
    target = tmp_path / "x.pdf"
    assert builder.build(source, target).ok
    assert sorted(_link_targets(target)) == [
        "https://www.onisep.fr",
        "https://www.onisep.fr/metiers",
        "mailto:cio@example.org",
    ]
    text = squeeze(pdf_text(target))
    assert squeeze("[piège](javascript:alert(1))") in text
    assert squeeze("[fichier](file:///etc/passwd)") in text


def test_minimal_career_renders_only_its_sections(career_file, builder, tmp_path):
    target = tmp_path / "x.pdf"
    outcome = builder.build(career_file(), target)
    assert outcome.ok and outcome.pages == 1
    text = pdf_text(target)
    assert "Boulanger" in text and "Il fabrique le pain." in text
    for heading in SECTION_HEADINGS[1:]:
        assert heading not in text


@pytest.mark.parametrize("field", ["missions", "skills", "workplaces"])
def test_sections_with_only_an_intro_or_only_items(career_file, builder, tmp_path, field):
    source = career_file(
        f"title: T\nsummary: S\n{field}:\n  intro: Seulement une intro.\ncareer_paths: [Chef]\n"
    )
    target = tmp_path / "x.pdf"
    assert builder.build(source, target).ok
    assert "Seulement une intro." in pdf_text(target)
