"""Our messages in the user's language: French under a French locale, English otherwise.

The locale is the environment's, read when a message is said (``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, then ``LANG``, as gettext reads them):
``LANG=fr_FR.UTF-8`` gives French, ``LANG=C`` English. Messages are written
in English in the code, marked ``_("...")`` (or ``N_("...")`` where they are
only named, to be said later), and their French is in the gettext catalogue
``brochure/locale/fr/LC_MESSAGES/brochure.po``; a test keeps it complete.
Placeholders are ``{name}``, filled in after translation:
``_("no such file: {path}").format(path=path)``.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

CATALOGUES = Path(__file__).resolve().parent / "locale"
DOMAIN = "brochure"
LANGUAGES = ("en", "fr")  # English is the code's own


def user_language() -> str:
    """The language of the user's locale, if we speak it; else English."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").strip()
        if value:
            # fr_FR.UTF-8, fr_CA, fr:en (LANGUAGE's list), C, POSIX...
            code = value.split(":")[0].split(".")[0].split("_")[0].split("@")[0].lower()
            return code if code in LANGUAGES else "en"
    return "en"


@cache
def catalogue(language: str) -> dict[str, str]:
    """The translations of a language's catalogue: English message -> translation."""
    path = CATALOGUES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == "en" or not path.is_file():
        return {}
    from babel.messages.pofile import read_po  # only under a locale we translate to

    with path.open("rb") as file:
        messages = read_po(file, locale=language)
    return {
        str(message.id): str(message.string)
        for message in messages
        if message.id and isinstance(message.id, str) and message.string
    }


def _(message: str) -> str:
    """``message`` in the user's language."""
    return catalogue(user_language()).get(message, message)


def N_(message: str) -> str:
    """Mark a message to be translated when it is said, not here."""
    return message
