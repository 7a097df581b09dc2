"""brochure.yaml's options and the variants made with other options."""

from __future__ import annotations

import pytest

from brochure.source.config import Overrides as Given
from brochure.source.config import ProjectConfig, SheetOptions, sheet_options, variant_folder


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
    ],
)
def test_other_options_than_the_projects_own_name_a_sub_folder(config, given, folder):
    project = ProjectConfig.model_validate(config)
    assert variant_folder(sheet_options(project), sheet_options(project, given)) == folder


def test_the_sub_folder_name_is_a_plain_file_name():
    own = SheetOptions()
    every = SheetOptions("Letter", True, "none", "en", "sober")
    assert variant_folder(own, every) == "letter-print-shop-pdf-none-sober-en"
