"""brochure.yaml's options and the variants made with other options."""

from __future__ import annotations

import pytest

from brochure.errors import UsageError
from brochure.source.config import Overrides as Given
from brochure.source.config import (
    ProjectConfig,
    SheetOptions,
    merged_options,
    sheet_options,
    variant_folder,
)


@pytest.mark.parametrize(
    ("config", "given", "folder"),
    [
        ({}, Given(), None),
        ({}, Given(page_size="a4", language="fr", theme="default"), None),  # its own, spelled out
        ({}, Given(page_size="a5", print_shop=True), "a5-print-shop"),
        ({}, Given(theme="sober"), "sober"),
        ({}, Given(language="en"), "en"),
        ({}, Given(pdf_variant="pdf/a-3b"), "pdf-pdf-a-3b"),
        ({"page_size": "A5", "print_shop": "true"}, Given(page_size="A4"), "a4"),
        ({"page_size": "A5", "print_shop": "true"}, Given(print_shop=False), "no-print-shop"),
        ({"theme": "sober"}, Given(theme="sober", language="en"), "en"),
        # brochure.yaml's own options would be refused: naming a folder never refuses.
        ({"pdf_variant": "pdf/x-4"}, Given(print_shop=True), "print-shop"),
    ],
)
def test_other_options_than_the_projects_own_name_a_sub_folder(config, given, folder):
    project = ProjectConfig.model_validate(config)
    assert variant_folder(merged_options(project), merged_options(project, given)) == folder


def test_the_sub_folder_name_is_a_plain_file_name():
    own = SheetOptions()
    every = SheetOptions("Letter", True, "none", "en", "sober")
    assert variant_folder(own, every) == "letter-print-shop-pdf-none-sober-en"


def test_options_that_cannot_be_valid_are_refused_where_sheets_are_made():
    project = ProjectConfig.model_validate({"pdf_variant": "pdf/x-4"})
    with pytest.raises(UsageError):
        sheet_options(project)
    with pytest.raises(UsageError):
        sheet_options(project, Given(print_shop=True))  # no print_profile
    assert sheet_options(project, Given(pdf_variant="pdf/ua-1")).pdf_variant == "pdf/ua-1"
