"""Project configuration (``brochure.yaml``) and the output options it sets.

The file is read like career data (strict YAML, unknown keys are errors with
their line). Command-line options override it; both fall back to defaults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, ValidationError, WithJsonSchema
from pydantic_core import PydanticCustomError

from .errors import BrochureError, Problem
from .loader import validation_problems
from .model import Strict, Text
from .yamlsource import read_yaml

CONFIG_FILE = "brochure.yaml"

PageSize = Literal["A4", "A5", "Letter"]
PAGE_SIZES: tuple[str, ...] = ("A4", "A5", "Letter")

# What each --pdf-variant gives; "none" is a plain, untagged PDF.
PdfVariant = Literal["pdf/ua-1", "pdf/a-3b", "pdf/a-3a", "pdf/a-2b", "pdf/a-1b", "none"]
PDF_VARIANTS: tuple[str, ...] = ("pdf/ua-1", "pdf/a-3b", "pdf/a-3a", "pdf/a-2b", "pdf/a-1b", "none")
# Tagged PDF/UA costs about 5% of render time (measured, see README): the default.
DEFAULT_VARIANT: PdfVariant = "pdf/ua-1"


def _flag(value: object) -> bool:
    # YAML 1.1 booleans (yes, on...) are text here: say true or false.
    if value in ("true", "false"):
        return value == "true"
    raise PydanticCustomError("flag", "should be true or false, not '{value}'", {"value": value})


Flag = Annotated[bool, BeforeValidator(_flag)]


def _colour(value: str) -> str:
    # Checked here, never passed raw into CSS.
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise PydanticCustomError(
            "colour",
            "should be a colour written #RRGGBB, such as #1f5f8b, not '{value}'",
            {"value": value},
        )
    return value.lower()


def _qr_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s{}]+\{slug\}[^\s{}]*", value):
        raise PydanticCustomError(
            "qr_url",
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

    page_size: PageSize = Field("A4", description="A4, A5 or Letter.")
    print_shop: Flag = Field(False, description="3 mm bleed and crop marks, for a print shop.")
    pdf_variant: PdfVariant = Field(
        DEFAULT_VARIANT, description="pdf/ua-1 (tagged, accessible), pdf/a-3b... or none."
    )
    organisation: Text | None = Field(None, description="Shown on the booklet's cover.")
    logo: Text | None = Field(
        None, description="Image for the booklet's cover, relative to this file."
    )
    booklet_title: Text | None = Field(None, description="Title of the booklet's cover.")
    language: Literal["fr", "en"] = Field(
        "fr",
        description="Language of the labels, hyphenation and numbers; a career may set its own.",
    )
    theme: Text = Field("default", description="A built-in theme: default or sober.")
    accent: Colour | None = Field(None, description="Accent colour, #RRGGBB.", examples=["#1f5f8b"])
    footer: Text | None = Field(None, description="A line printed in every page's footer.")
    output: Text = Field("out", description="Folder of the sheets' PDFs.")
    qr_url: QrUrl | None = Field(
        None,
        description="Address of each career online, {slug} standing for its file name;"
        " a QR code to it is printed on the sheet.",
        examples=["https://www.example.org/metiers/{slug}"],
    )


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


def load_config(path: Path) -> ProjectConfig:
    """Read and validate a project configuration file."""
    document = read_yaml(path)
    try:
        config = ProjectConfig.model_validate(document.data)
    except ValidationError as error:
        raise BrochureError(validation_problems(document, error, ProjectConfig)) from None
    if config.logo is not None:
        logo = path.parent / config.logo
        if not logo.is_file():
            line, column = document.locate(("logo",)) or (None, None)
            raise BrochureError(Problem(f"no image at {logo}", path, line, column, "logo"))
        config = config.model_copy(update={"logo": str(logo)})
    return config


def find_config(explicit: Path | None, folder: Path = Path()) -> tuple[ProjectConfig, Path]:
    """The configuration named on the command line, else ``brochure.yaml`` here, else defaults.

    Also returns the project's folder: the configuration's, else ``folder``.
    """
    if explicit is not None:
        return load_config(explicit), explicit.parent
    default = folder / CONFIG_FILE
    if default.is_file():
        return load_config(default), folder
    return ProjectConfig.model_validate({}), folder
