"""The template context: every value the sheet shows, formatted, built in one place.

Templates only place values: numbers, money, dates, French typography and
Markdown are all dealt with here. Plain text stays ``str`` (Jinja escapes it);
Markdown becomes ``Markup`` (already safe HTML).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TypedDict

from markupsafe import Markup

from brochure.sheet.language import Language
from brochure.sheet.markup import render_block, render_inline
from brochure.source.config import SheetOptions
from brochure.source.model import Career, NamedItem, Origin, Salary, SalaryLevel, Section, Training
from brochure.source.search import distinct_sectors


class SectionContext(TypedDict):
    intro: Markup | None
    items: list[Markup]


class TrainingContext(SectionContext):
    level: str | None


class NamedContext(TypedDict):
    name: Markup
    description: Markup | None


class SalaryLevelContext(TypedDict):
    label: Markup
    amount: str


class SalaryContext(TypedDict):
    caption: str
    levels: list[SalaryLevelContext]
    note: Markup | None


class SourceContext(TypedDict):
    label: Markup
    url: str | None


class RecapRowContext(TypedDict):
    label: str
    value: Markup


class MetadataContext(TypedDict):
    title: str
    subject: str
    keywords: str
    created: str | None  # ISO 8601, or None for no date in the PDF


class QrContext(TypedDict):
    url: str
    image: str  # the code as an SVG data: URL, for an <img> that carries alt text
    alt: str  # what the code is and where it leads, for screen readers


class FactContext(TypedDict):
    key: str  # level, salary, sectors or statuses: a class for the stylesheet
    label: str
    value: Markup


class SheetContext(TypedDict):
    lang: str
    stylesheets: list[str]
    accent: str | None
    colours: dict[str, str]  # CSS custom properties: the accent and its tints
    footer: str | None
    qr: QrContext | None
    labels: dict[str, str]
    metadata: MetadataContext
    title: str
    also_known_as: list[str]
    sector: str | None  # every sector, joined: "BTP, Industrie"
    sectors: list[str]
    essentials: list[FactContext]
    updated: str | None
    summary: Markup
    missions: SectionContext | None
    skills: SectionContext | None
    training: TrainingContext | None
    specializations: list[NamedContext]
    workplaces: SectionContext | None
    salary: SalaryContext | None
    career_paths: list[Markup]
    notable_people: list[NamedContext]
    sources: list[SourceContext]
    recap: list[RecapRowContext]
    statuses: list[str]
    outlook: SectionContext | None
    interests: list[Markup]
    related_careers: list[Markup]
    rome_codes: list[str]
    attribution: str | None


def stylesheets(options: SheetOptions) -> list[str]:
    """The theme's stylesheets for these options, in cascade order."""
    sheets = ["print.css", f"page/{options.page_size.lower()}.css", "look.css", "theme.css"]
    if options.print_shop:
        sheets.append("print-shop.css")
        if four_colour(options):
            sheets.append("print-shop-cmyk.css")
    return sheets


def four_colour(options: SheetOptions) -> bool:
    """Whether the sheet's colours are CMYK ink: print-shop output, unless PDF/A.

    Device CMYK is not allowed with PDF/A's sRGB output intent; PDF/A
    print-shop output stays RGB, for the print shop's RIP to convert.
    """
    return options.print_shop and not options.pdf_variant.startswith("pdf/a")


def build_context(
    career: Career,
    language: Language,
    source_date_epoch: int | None = None,
    options: SheetOptions = SheetOptions(),  # noqa: B008 - frozen, never mutated
    slug: str = "",
) -> SheetContext:
    """Turn a validated career into the values its sheet shows, in ``language``.

    ``source_date_epoch`` (seconds) dates the PDF; without it the career's
    ``updated`` date is used, and without that the PDF carries no date, so the
    same input always gives the same bytes. ``slug`` names the career in the
    QR code's address.
    """
    write = _Writer(language)
    title = write.text(career.title)
    sectors = [write.text(sector) for sector in distinct_sectors(career.all_sectors)]
    qr = _qr(options.qr_url, slug, language, four_colour(options))
    return {
        "lang": language.code,
        "stylesheets": stylesheets(options),
        # Every label, a project's own included; those with {placeholders} as written.
        "labels": {key: language.text(value) for key, value in language.labels.items()},
        "metadata": {
            "title": title,
            # French puts a (no-break) space before the colon, English none.
            "subject": language.text(
                f"{language.labels['sheet']}{' :' if language.code == 'fr' else ':'} {title}"
            ),
            "keywords": ", ".join([career.title, *career.also_known_as, *career.all_sectors]),
            "created": _pdf_date(career.updated, source_date_epoch),
        },
        "accent": options.accent,
        "colours": (accent_colours(options.accent, four_colour(options)) if options.accent else {}),
        "footer": write.text(options.footer) if options.footer else None,
        "qr": qr,
        "title": title,
        "also_known_as": [write.text(name) for name in career.also_known_as],
        "sector": ", ".join(sectors) if sectors else None,
        "sectors": sectors,
        "essentials": write.essentials(career, sectors),
        "updated": language.long_date(career.updated) if career.updated else None,
        "summary": write.block(career.summary),
        "missions": write.section(career.missions),
        "skills": write.section(career.skills),
        "training": write.training(career.training),
        "specializations": [write.named(item) for item in career.specializations],
        "workplaces": write.section(career.workplaces),
        "salary": write.salary(career.salary),
        "career_paths": [write.inline(item) for item in career.career_paths],
        "notable_people": [write.named(item) for item in career.notable_people],
        "sources": [
            {"label": write.inline(source.label), "url": source.url} for source in career.sources
        ],
        "recap": [
            {"label": write.text(label), "value": write.inline(value)}
            for label, value in career.recap
        ],
        "statuses": [write.text(status) for status in career.statuses],
        "outlook": write.section(career.outlook),
        "interests": [write.inline(item) for item in career.interests],
        "related_careers": [write.inline(item) for item in career.related_careers],
        "rome_codes": list(career.rome_codes),
        "attribution": write.attribution(career.origin),
    }


class _Writer:
    """Formats career text in one language: typography, Markdown, amounts."""

    def __init__(self, language: Language):
        self.language = language
        self.french = language.code == "fr"

    def text(self, text: str) -> str:
        return self.language.text(text)

    def inline(self, text: str) -> Markup:
        return render_inline(text, self.french)

    def block(self, text: str) -> Markup:
        return render_block(text, self.french)

    def section(self, section: Section | None) -> SectionContext | None:
        if section is None or (section.intro is None and not section.items):
            return None
        return {
            "intro": self.block(section.intro) if section.intro else None,
            "items": [self.inline(item) for item in section.items],
        }

    def training(self, training: Training | None) -> TrainingContext | None:
        section = self.section(training)
        if training is None or (section is None and training.level is None):
            return None
        return {
            "intro": section["intro"] if section else None,
            "items": section["items"] if section else [],
            "level": self.text(training.level) if training.level else None,
        }

    def named(self, item: NamedItem) -> NamedContext:
        return {
            "name": self.inline(item.name),
            "description": self.inline(item.description) if item.description else None,
        }

    def essentials(self, career: Career, sectors: list[str]) -> list[FactContext]:
        """The facts of "L'essentiel" that the career file gives, in their order."""
        labels = self.language.labels
        facts: list[FactContext] = []
        if career.training is not None and career.training.level:
            facts.append(self._fact("level", labels["training_level"], career.training.level))
        if career.salary is not None and career.salary.levels:
            facts.append(self._salary_fact(career.salary))
        if sectors:
            label = labels["sector"] if len(sectors) == 1 else labels["sectors"]
            facts.append(self._fact("sectors", label, " · ".join(sectors)))
        if career.statuses:
            facts.append(self._fact("statuses", labels["statuses"], ", ".join(career.statuses)))
        return facts

    def _fact(self, key: str, label: str, value: str) -> FactContext:
        return {"key": key, "label": self.text(label), "value": Markup.escape(self.text(value))}

    def _salary_fact(self, salary: Salary) -> FactContext:
        """The scale from its first level to its last (``2 200 à 3 500 € et plus``),
        and beneath, in small, which levels these are (``Débutant → Senior``)."""
        first, last = salary.levels[0], salary.levels[-1]
        if first is last:
            return {
                "key": "salary",
                "label": self._salary_caption(salary),
                "value": Markup.escape(salary_range(first, self.language, salary.currency)),
            }
        low = first.min if first.min is not None else first.max
        high = last.max if last.max is not None else last.min
        assert low is not None and high is not None  # the model requires min or max
        low, high = min(low, high), max(low, high)
        span = SalaryLevel.model_construct(label=last.label, min=low, max=high)
        amount = salary_range(span, self.language, salary.currency)
        if last.max is None:  # the last level has no ceiling: "à partir de 6 600 €"
            amount = self.language.label("and_more", amount=amount)
        levels = Markup(" → ").join([self.inline(first.label), self.inline(last.label)])
        return {
            "key": "salary",
            "label": self._salary_caption(salary),
            "value": Markup('{}<span class="levels">{}</span>').format(amount, levels),
        }

    def _salary_caption(self, salary: Salary) -> str:
        caption = self.language.label(
            "salary_caption",
            basis=self.language.labels[salary.basis],
            period=self.language.labels[salary.period],
        )
        return caption[:1].upper() + caption[1:]

    def salary(self, salary: Salary | None) -> SalaryContext | None:
        if salary is None or (not salary.levels and salary.note is None):
            return None
        return {
            "caption": self._salary_caption(salary),
            "levels": [
                {
                    "label": self.inline(level.label),
                    "amount": salary_range(level, self.language, salary.currency),
                }
                for level in salary.levels
            ],
            "note": self.block(salary.note) if salary.note else None,
        }

    def attribution(self, origin: Origin | None) -> str | None:
        """Credit the publisher of open data, as its licence asks."""
        if origin is None or origin.licence is None:
            return None
        credit = origin.credit or self.language.labels["attribution"].format(source=origin.source)
        if origin.id:
            credit += f" ({self.language.labels['attribution_id'].format(id=origin.id)})"
        parts = [credit, origin.licence]
        if origin.exported:
            date_text = self.language.long_date(origin.exported)
            parts.append(self.language.labels["exported"].format(date=date_text))
        return self.text(", ".join(parts) + ".")


def salary_range(level: SalaryLevel, language: Language, currency: str = "EUR") -> str:
    """Say a salary range: ``3 500 à 4 000 €``, ``from €6,600``."""
    low, high = level.min, level.max
    if low is not None and high is not None:
        if low == high:
            return language.money(low, currency)
        # French: "3 500 à 4 000 €", the sign once at the end; English: "€3,500 to €4,000".
        french = language.code == "fr"
        low_text = language.number(low) if french else language.money(low, currency)
        return language.label("salary_range", low=low_text, high=language.money(high, currency))
    if low is not None:
        return language.label("salary_from", amount=language.money(low, currency))
    assert high is not None  # the model requires min or max
    return language.label("salary_up_to", amount=language.money(high, currency))


# The QR code's modules as segno draws them (black), and in black ink alone.
_QR_BLACK = "stroke='%23000'"
_QR_BLACK_INK = "fill='none' stroke='device-cmyk(0 0 0 1)'"


def _qr(
    url_template: str | None, slug: str, language: Language, cmyk: bool = False
) -> QrContext | None:
    """A QR code (vector SVG) pointing to the career's page online.

    With ``cmyk`` (print-shop output) its modules are black ink only.
    """
    if url_template is None:
        return None
    import segno  # only projects that print QR codes pay for it

    url = url_template.replace("{slug}", slug)
    code = segno.make(url, error="m")
    image = code.svg_data_uri(scale=1, border=0, omitsize=True, encode_minimal=True)
    if cmyk:
        assert image.count(_QR_BLACK) == 1, "segno draws its QR codes otherwise now"
        image = image.replace(_QR_BLACK, _QR_BLACK_INK)
    alt = language.labels["qr_alt"].format(url=url)
    return {"url": url, "image": image, "alt": alt}


def accent_colours(accent: str, cmyk: bool = False) -> dict[str, str]:
    """The accent (``#RRGGBB``, checked when the configuration is read) and its tints.

    The tints are the accent mixed with white, so that a project's colour
    reaches the panels, table column and rules without transparency (which
    PDF/A-1 forbids). With ``cmyk`` (print-shop output) they are four-colour
    ink, ``device-cmyk()``: the accent converted without a profile (as the
    theme's own CMYK colours, styles/print-shop-cmyk.css), its tints screens
    of the same inks (each ink times the share of colour left).
    """
    red, green, blue = (int(accent[i : i + 2], 16) for i in (1, 3, 5))
    inks = _cmyk(red, green, blue)

    def tint(white: float) -> str:
        if cmyk:
            return "device-cmyk(" + " ".join(f"{ink * (1 - white):.3f}" for ink in inks) + ")"
        return "#" + "".join(
            f"{round(channel + (255 - channel) * white):02x}" for channel in (red, green, blue)
        )

    return {
        "accent": tint(0) if cmyk else accent.lower(),
        "accent-light": tint(0.9),
        "rule": tint(0.75),
        "on-accent-muted": tint(0.82),
    }


def _cmyk(red: int, green: int, blue: int) -> tuple[float, float, float, float]:
    """An RGB colour (0-255) as cyan, magenta, yellow and black ink (0-1), without a profile."""
    black = 1 - max(red, green, blue) / 255
    if black >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    cyan, magenta, yellow = (
        (1 - channel / 255 - black) / (1 - black) for channel in (red, green, blue)
    )
    return (cyan, magenta, yellow, black)


def _pdf_date(updated: date | None, source_date_epoch: int | None) -> str | None:
    if source_date_epoch is not None:
        moment = datetime.fromtimestamp(source_date_epoch, tz=UTC)
    elif updated is not None:
        moment = datetime(updated.year, updated.month, updated.day, tzinfo=UTC)
    else:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
