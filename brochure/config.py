"""Project configuration (``brochure.yaml``) and the output options it sets.

The file is read like career data (strict YAML, unknown keys are errors with
their line). Command-line options override it; both fall back to defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, ValidationError
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


@dataclass(frozen=True)
class SheetOptions:
    """How sheets are laid out and written: page size, print-shop marks, PDF variant."""

    page_size: PageSize = "A4"
    print_shop: bool = False
    pdf_variant: PdfVariant = DEFAULT_VARIANT


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


def find_config(explicit: Path | None, folder: Path = Path()) -> ProjectConfig:
    """The configuration named on the command line, else ``brochure.yaml`` here, else defaults."""
    if explicit is not None:
        return load_config(explicit)
    default = folder / CONFIG_FILE
    return load_config(default) if default.is_file() else ProjectConfig.model_validate({})
