"""The template context: "L'essentiel", labels and colours, formatted once."""

from __future__ import annotations

from brochure.sheet.context import build_context
from brochure.sheet.theme import default_theme, load_language
from brochure.source.config import SheetOptions
from brochure.source.loader import load_career


def _essentials(career_file, text: str, language: str = "fr") -> dict[str, str]:
    career = load_career(career_file("title: T\nsummary: S.\n" + text))
    context = build_context(career, load_language(default_theme(), language))
    return {fact["key"]: f"{fact['label']} = {fact['value']}" for fact in context["essentials"]}


def test_the_essentials_come_in_order_and_only_from_what_is_given(career_file):
    facts = _essentials(
        career_file,
        "sector: Santé\nstatuses: [Salarié, Fonctionnaire]\ntraining:\n  level: Bac+3\n"
        "salary:\n  levels:\n    - {label: Débutant, min: 2200, max: 2500}\n"
        "    - {label: Confirmé, min: 3500}\n",
    )
    assert list(facts) == ["level", "salary", "sectors", "statuses"]
    assert facts["level"] == "Niveau d'études = Bac+3"
    assert facts["sectors"] == "Secteur = Santé"
    assert facts["statuses"] == "Statuts = Salarié, Fonctionnaire"
    assert facts["salary"] == (
        "Salaire brut par mois = 2\u202f200 à 3\u202f500\u00a0€ et plus"
        '<span class="levels">Débutant → Confirmé</span>'
    ).replace("\u202f", _group_separator())
    assert _essentials(career_file, "") == {}


def _group_separator() -> str:
    """The thousands separator Babel's French data uses (a narrow or plain no-break space)."""
    from babel.numbers import format_decimal

    return format_decimal(2200, locale="fr_FR")[1]


def test_the_salary_goes_from_the_first_level_to_the_last(career_file):
    one = _essentials(
        career_file, "salary:\n  levels:\n    - {label: Tous, min: 1800, max: 2000}\n"
    )
    assert one["salary"].endswith("à 2" + _group_separator() + "000\u00a0€")
    assert "levels" not in one["salary"]  # one level: nothing to go from or to
    capped = _essentials(
        career_file,
        "salary:\n  period: year\n  levels:\n    - {label: Début, max: 30000}\n"
        "    - {label: Fin, min: 40000, max: 52000}\n",
        language="en",
    )
    assert capped["salary"].startswith("Gross salary per year = €30,000 to €52,000<span")


def test_career_text_in_the_essentials_is_escaped(career_file):
    facts = _essentials(career_file, "sector: '<script>x</script>'\n")
    assert "<script>" not in facts["sectors"] and "&lt;script&gt;" in facts["sectors"]


def test_the_qr_code_is_one_image_in_black_ink_for_the_print_shop(career_file):
    """What the template gets of the QR code: one image, black ink alone in print-shop mode."""
    career = load_career(career_file("title: T\nsummary: S.\n"))
    options = SheetOptions(print_shop=True, qr_url="https://www.example.org/{slug}")
    qr = build_context(career, load_language(default_theme(), "fr"), None, options, "t")["qr"]
    assert qr is not None
    assert set(qr) == {"url", "image", "alt"}  # no second drawing, in other colours
    assert "device-cmyk(0 0 0 1)" in qr["image"] and "%23000" not in qr["image"]
