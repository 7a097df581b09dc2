"""Project configuration (``brochure.yaml``) and the output options it sets.

The file is read like career data (strict YAML, unknown keys are errors with
their line). Command-line options override it; both fall back to defaults.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, cast, get_args

from pydantic import AfterValidator, BeforeValidator, Field, PrivateAttr, WithJsonSchema

from brochure.builtin import theme_names
from brochure.errors import BrochureError, Problem, UsageError
from brochure.i18n import _
from brochure.source.model import LanguageCode, Strict, Text, any_case, own_error
from brochure.source.problems import validate
from brochure.source.yamlfile import YamlDocument, read_yaml

CONFIG_FILE = "brochure.yaml"

PageSize = Literal["A4", "A5", "Letter"]
PAGE_SIZES: tuple[str, ...] = get_args(PageSize)

# What each --pdf-variant gives; "none" is a plain, untagged PDF.
PdfVariant = Literal[
    "pdf/ua-1",
    "pdf/a-3b",
    "pdf/a-3a",
    "pdf/a-2b",
    "pdf/a-1b",
    "pdf/x-4",
    "pdf/x-3",
    "pdf/x-1a",
    "none",
]
PDF_VARIANTS: tuple[str, ...] = get_args(PdfVariant)
# For a print shop: four-colour (CMYK) output for the print shop's CMYK profile
# (print_profile), with the print shop's bleed and crop marks.
PDF_X_VARIANTS: tuple[str, ...] = tuple(v for v in PDF_VARIANTS if v.startswith("pdf/x"))
# Tagged PDF/UA costs about 5% of render time (measured, see README): the default.
DEFAULT_VARIANT: PdfVariant = "pdf/ua-1"


def _flag(value: object) -> bool:
    # YAML 1.1 booleans (yes, on...) are text here: say true or false.
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise own_error("brochure_flag", "should be true or false, not '{value}'", {"value": value})


Flag = Annotated[bool, BeforeValidator(_flag)]


def _colour(value: str) -> str:
    # Checked here, never passed raw into CSS.
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise own_error(
            "brochure_colour",
            "should be a colour written #RRGGBB, such as #1f5f8b, not '{value}'",
            {"value": value},
        )
    return value.lower()


def _qr_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s{}]+\{slug\}[^\s{}]*", value):
        raise own_error(
            "brochure_qr_url",
            "should be a web address holding {slug}, such as"
            " https://www.example.org/metiers/{slug}, not '{value}'",
            {"value": value, "slug": "{slug}"},
        )
    return value


Colour = Annotated[
    str,
    AfterValidator(_colour),
    WithJsonSchema({"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}),
]
QrUrl = Annotated[
    str,
    AfterValidator(_qr_url),
    WithJsonSchema({"type": "string", "pattern": "^https?://[^\\s{}]+\\{slug\\}[^\\s{}]*$"}),
]


class ProjectConfig(Strict):
    """The keys of ``brochure.yaml``."""

    page_size: Annotated[PageSize, any_case(*PAGE_SIZES)] = Field(
        "A4", description="A4, A5 or Letter."
    )
    print_shop: Flag = Field(False, description="3 mm bleed and crop marks, for a print shop.")
    pdf_variant: Annotated[PdfVariant, any_case(*PDF_VARIANTS)] = Field(
        DEFAULT_VARIANT, description="pdf/ua-1 (tagged, accessible), pdf/a-3b... or none."
    )
    organisation: Text | None = Field(None, description="Shown on the booklet's cover.")
    logo: Text | None = Field(
        None, description="Image for the booklet's cover, relative to this file."
    )
    booklet_title: Text | None = Field(None, description="Title of the booklet's cover.")
    cover_image: Text | None = Field(
        None,
        description="A picture for the upper part of the booklet's cover, relative to this file.",
    )
    language: LanguageCode = Field(
        "fr",
        description="Language of the labels, hyphenation and numbers; a career may set its own.",
    )
    theme: Annotated[Text, any_case(*theme_names())] = Field(
        "default", description="A built-in theme: default or sober."
    )
    accent: Colour | None = Field(None, description="Accent colour, #RRGGBB.", examples=["#1f5f8b"])
    footer: Text | None = Field(None, description="A line printed in every page's footer.")
    output: Text = Field("out", description="Folder of the sheets' PDFs.")
    qr_url: QrUrl | None = Field(
        None,
        description="Address of each career online, {slug} standing for its file name;"
        " a QR code to it is printed on the sheet.",
        examples=["https://www.example.org/metiers/{slug}"],
    )
    print_profile: Text | None = Field(
        None,
        description="The print shop's CMYK ICC profile (.icc), relative to this file;"
        " needed by the PDF/X variants.",
        examples=["profils/ISOcoated_v2_300_eci.icc"],
    )

    # Where the values came from, for messages: the file read (None for the
    # defaults) and each key's line and column there.
    _file: Path | None = PrivateAttr(None)
    _places: dict[str, tuple[int | None, int | None]] = PrivateAttr(default_factory=dict)
    # Why print_profile cannot be used (then None): a problem for PDF/X alone.
    _profile_problem: Problem | None = PrivateAttr(None)

    def problem(self, message: str, key: str) -> Problem:
        """A problem about ``key``'s value, located in brochure.yaml when it was read."""
        line, column = self._places.get(key, (None, None))
        return Problem(message, self._file, line, column, key if self._file else None)

    @property
    def profile_problem(self) -> Problem | None:
        """Why ``print_profile`` cannot be used, or None (also when it is not set)."""
        return self._profile_problem


@dataclass(frozen=True)
class SheetOptions:
    """How sheets look and are written: everything but the career's own data."""

    page_size: PageSize = "A4"
    print_shop: bool = False
    pdf_variant: PdfVariant = DEFAULT_VARIANT
    language: str = "fr"
    theme: str = "default"
    accent: str | None = None
    footer: str | None = None
    qr_url: str | None = None
    print_profile: str | None = None  # a CMYK output profile's path, checked


@dataclass(frozen=True)
class Overrides:
    """Sheet options given on the command line; None leaves the configuration's value."""

    page_size: str | None = None  # any case: "a5" is "A5"
    print_shop: bool | None = None
    pdf_variant: str | None = None
    language: str | None = None
    theme: str | None = None


def merged_options(config: ProjectConfig, overrides: Overrides | None = None) -> SheetOptions:
    """The command line's options over the configuration's, over the defaults; never refused.

    The print shop's profile is kept for a PDF/X variant alone, the only one
    that uses it: another variant's sheets do not depend on it.
    """
    given = overrides or Overrides()
    variant = _variant(given.pdf_variant) if given.pdf_variant else config.pdf_variant
    return SheetOptions(
        page_size=_page_size(given.page_size) if given.page_size else config.page_size,
        print_shop=config.print_shop if given.print_shop is None else given.print_shop,
        pdf_variant=variant,
        language=given.language or config.language,
        theme=given.theme or config.theme,
        accent=config.accent,
        footer=config.footer,
        qr_url=config.qr_url,
        print_profile=config.print_profile if variant in PDF_X_VARIANTS else None,
    )


def sheet_options(config: ProjectConfig, overrides: Overrides | None = None) -> SheetOptions:
    """The options sheets are made with (see merged_options); refused when they cannot be valid."""
    options = merged_options(config, overrides)
    refused = variant_refusal(options, config, overrides)
    if refused is not None:
        raise refused
    return options


def variant_refusal(
    options: SheetOptions, config: ProjectConfig | None = None, overrides: Overrides | None = None
) -> UsageError | None:
    """Why sheets cannot be made valid with these options, or None when they can.

    A PDF/X file is for a print shop: it needs the print shop's bleed and crop
    marks (--print-shop) and the output intent of the press, given by the
    print shop's CMYK ICC profile (``print_profile``). brochure ships no CMYK
    profile: the free ones at hand (Ghostscript's) are under the AGPL, and
    only the print shop knows its press and paper.

    ``config`` and ``overrides``, the options came from: a refusal due to
    brochure.yaml's values alone names brochure.yaml and the line.
    """
    variant = options.pdf_variant
    if variant not in PDF_X_VARIANTS:
        return None
    config = config or ProjectConfig.model_validate({})
    given = overrides or Overrides()
    own_variant = given.pdf_variant is None  # brochure.yaml's
    if not options.print_shop:
        if own_variant and given.print_shop is None:
            return UsageError(
                config.problem(
                    _(
                        "{variant} is for a print shop: add print_shop: true to brochure.yaml"
                        " (or --print-shop to the command) for its bleed and crop marks"
                    ).format(variant=variant),
                    "pdf_variant",
                )
            )
        return UsageError(
            Problem(
                _(
                    "{variant} is for a print shop: add --print-shop (or print_shop: true"
                    " in brochure.yaml) for its bleed and crop marks"
                ).format(variant=variant)
            )
        )
    if config.profile_problem is not None:
        return UsageError(config.profile_problem)
    if options.print_profile is None:
        return UsageError(
            Problem(
                _(
                    "{variant} needs the print shop's CMYK colour profile: ask the print shop"
                    " for its ICC profile (a .icc file, such as ISO Coated v2 or PSO Coated v3),"
                    " put it in the project's folder and name it in brochure.yaml, e.g."
                    " print_profile: {example}"
                ).format(variant=variant, example="profils/ISOcoated_v2_300_eci.icc")
            )
        )
    version = _icc_version(options.print_profile)
    if variant in _PDF_1_4 and version > 2:
        name = Path(options.print_profile).name
        if own_variant:
            return UsageError(
                config.problem(
                    _(
                        "{variant} is PDF 1.4, which takes version 2 ICC profiles, and {name}"
                        " (print_profile) is version {version}: ask the print shop for its"
                        " version 2 profile, or write pdf_variant: pdf/x-4 in brochure.yaml"
                    ).format(variant=variant, name=name, version=version),
                    "pdf_variant",
                )
            )
        return UsageError(
            Problem(
                _(
                    "{variant} is PDF 1.4, which takes version 2 ICC profiles, and {name}"
                    " is version {version}: ask the print shop for its version 2 profile,"
                    " or use pdf/x-4"
                ).format(variant=variant, name=name, version=version)
            )
        )
    return None


# The PDF/X variants that are PDF 1.4 (PDF 1.5 reads ICC version 4 profiles).
_PDF_1_4 = ("pdf/x-3", "pdf/x-1a")


def _icc_version(path: str) -> int:
    """The major version of an ICC profile (checked to be one when brochure.yaml was read)."""
    with open(path, "rb") as file:
        header = file.read(9)
    return header[8] if len(header) > 8 else 0


def variant_folder(own: SheetOptions, chosen: SheetOptions) -> str | None:
    """The sub-folder of the output folder for sheets made with other options than its own.

    The output folder holds the sheets of the project's own options
    (brochure.yaml's, else the defaults); sheets made with other options
    (``--page-size a5 --print-shop``, ``--theme sober``...) go to a sub-folder
    named after what differs, such as ``a5-print-shop``, so that no variant
    ever replaces another. None when the options are the folder's own.
    """
    parts = []
    if chosen.page_size != own.page_size:
        parts.append(chosen.page_size.lower())
    if chosen.print_shop != own.print_shop:
        parts.append("print-shop" if chosen.print_shop else "no-print-shop")
    if chosen.pdf_variant != own.pdf_variant:
        parts.append("pdf-" + chosen.pdf_variant.replace("/", "-"))
    if chosen.theme != own.theme:
        parts.append(chosen.theme.lower())
    if chosen.language != own.language:
        parts.append(chosen.language.lower())
    return "-".join(parts) or None


def _page_size(name: str) -> PageSize:
    for size in get_args(PageSize):
        if size.lower() == name.lower():
            return cast(PageSize, size)
    raise UsageError(
        Problem(
            _("no page size '{name}' (page sizes: {sizes})").format(
                name=name, sizes=", ".join(PAGE_SIZES)
            )
        )
    )


def _variant(name: str) -> PdfVariant:
    for variant in get_args(PdfVariant):
        if variant == name.lower():
            return cast(PdfVariant, variant)
    raise UsageError(
        Problem(
            _("no PDF variant '{name}' (variants: {variants})").format(
                name=name, variants=", ".join(PDF_VARIANTS)
            )
        )
    )


# 9999-12-31T23:59:59Z: a PDF date has four digits for the year.
_LAST_EPOCH = 253_402_300_799


def source_date_epoch() -> int | None:
    """The SOURCE_DATE_EPOCH of reproducible builds, if set; a bad value is a usage error."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) > _LAST_EPOCH:
        raise UsageError(
            Problem(
                _(
                    "SOURCE_DATE_EPOCH must be a number of seconds since 1970 before the year"
                    " 10000, such as 1700000000, not '{value}'"
                ).format(value=value[:40])
            )
        )
    return int(value)


BOOKLET_IMAGES = ("logo", "cover_image")  # read by `brochure book` alone


def load_config(path: Path, booklet: bool = False) -> ProjectConfig:
    """Read and validate a project configuration file.

    The booklet's images are checked only for the booklet (``booklet``): a
    missing logo does not stop a sheet; elsewhere a bad one is left out.
    """
    config, problems = _read_config(path)
    if problems and booklet:
        raise UsageError(problems)
    return config


def booklet_problems(path: Path) -> list[Problem]:
    """What `brochure book` would refuse in a valid configuration: its images."""
    return _read_config(path)[1]


def _read_config(path: Path) -> tuple[ProjectConfig, list[Problem]]:
    try:
        document = read_yaml(path)
    except BrochureError as error:  # a broken brochure.yaml stops every command
        raise UsageError(error.problems) from None
    config = validate(document, ProjectConfig, UsageError)
    problems: list[Problem] = []
    images: dict[str, str | None] = {}
    for key in BOOKLET_IMAGES:
        name = getattr(config, key)
        if name is None:
            continue
        image = path.parent / name
        line, column = document.locate((key,)) or (None, None)
        images[key] = None
        if not image.resolve().is_relative_to(path.parent.resolve()):
            # brochure.yaml is data: it names files of its own project only.
            problems.append(
                Problem(
                    _(
                        "{name} is outside the project (links followed): put the image"
                        " in the project's folder"
                    ).format(name=name),
                    path,
                    line,
                    column,
                    key,
                )
            )
        elif not image.is_file():
            problems.append(
                Problem(
                    _(
                        "no image at {image}: put the image there, or correct the name"
                        " (only `brochure book` uses it)"
                    ).format(image=image),
                    path,
                    line,
                    column,
                    key,
                )
            )
        else:
            images[key] = str(image)
    profile_problem = None
    if config.print_profile is not None:
        images["print_profile"], profile_problem = _print_profile(
            path, document, config.print_profile
        )
    read = config.model_copy(update=images)
    read._file = path
    read._places = {
        key: document.locate((key,)) or (None, None)
        for key in ("pdf_variant", "print_shop", "print_profile")
    }
    read._profile_problem = profile_problem
    return read, problems


def _print_profile(
    path: Path, document: YamlDocument, name: str
) -> tuple[str | None, Problem | None]:
    """The print shop's profile named in ``path``: a CMYK output ICC profile of the project.

    Its path, or why it cannot be used: a problem for the PDF/X variants
    alone (variant_refusal), the only ones that use it.
    """
    try:
        return _checked_profile(path, document, name), None
    except UsageError as error:
        return None, error.problems[0]


def _checked_profile(path: Path, document: YamlDocument, name: str) -> str:
    profile = path.parent / name
    line, column = document.locate(("print_profile",)) or (None, None)

    def refused(message: str) -> UsageError:
        return UsageError(Problem(message, path, line, column, "print_profile"))

    if not profile.resolve().is_relative_to(path.parent.resolve()):
        raise refused(
            _(
                "{name} is outside the project (links followed): put the profile"
                " in the project's folder"
            ).format(name=name)
        )
    try:
        header = profile.read_bytes()[:40] if profile.is_file() else b""
    except OSError as error:
        raise refused(
            _("cannot read {name} ({reason})").format(name=name, reason=error.strerror)
        ) from None
    if not header:
        raise refused(
            _("no colour profile at {path}: put the print shop's .icc file there").format(
                path=profile
            )
        )
    # An ICC header: the output device class at bytes 12-15, the colour space
    # at 16-19, the signature "acsp" at 36-39.
    if len(header) < 40 or header[36:40] != b"acsp":
        raise refused(_("{name} is not an ICC colour profile").format(name=name))
    if header[12:16] != b"prtr" or header[16:20] != b"CMYK":
        raise refused(
            _(
                "{name} is not a CMYK printing profile: ask the print shop for the CMYK"
                " profile of its press and paper"
            ).format(name=name)
        )
    return str(profile.resolve())


def config_path(explicit: Path | None, folder: Path = Path()) -> Path | None:
    """The configuration file a command reads: the one named, else ``brochure.yaml`` here."""
    if explicit is not None:
        return explicit
    default = folder / CONFIG_FILE
    return default if default.is_file() else None


def find_config(
    explicit: Path | None, folder: Path = Path(), booklet: bool = False
) -> tuple[ProjectConfig, Path]:
    """The configuration named on the command line, else ``brochure.yaml`` here, else defaults.

    Also returns the project's folder: the configuration's, else ``folder``.
    With ``booklet``, the booklet's images are checked too.
    """
    if explicit is not None:
        return load_config(explicit, booklet), explicit.parent
    default = folder / CONFIG_FILE
    if default.is_file():
        return load_config(default, booklet), folder
    return ProjectConfig.model_validate({}), folder
