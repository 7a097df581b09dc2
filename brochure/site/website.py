"""The catalogue as a static website (``brochure site``): it opens from disk, needs no network.

The site's folder, every file written by brochure::

    index.html            every career, with a search box and filters
    careers/<name>.html   one page per career: its sheet's content, a link to its PDF
    pdf/<name>.pdf        the sheets, built there by the catalogue's incremental
                          build (so a page never links to a stale PDF)
    assets/               site.css and search.js (the theme's), colours.css
    .brochure-site.json   what brochure wrote here, and for which project

Like the sheets, a page is written only when its content changed, atomically,
and only inside the site's folder. A folder that holds files brochure did not
write, or another project's site, is refused, as is one inside the careers'
folders or among the theme's files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from brochure.catalogue.batch import BuildReport, BuildSettings, build_catalogue, output_paths
from brochure.catalogue.manifest import LOCK, output_folder
from brochure.errors import BrochureError, Outcome, Problem, UsageError
from brochure.files import TEMPORARY_SUFFIX, write_atomically
from brochure.i18n import _
from brochure.sheet.language import Language
from brochure.sheet.theme import Theme, load_language, load_theme
from brochure.site.colours import palette, theme_accent
from brochure.site.pages import (
    ASSETS,
    PAGES,
    PDFS,
    Listed,
    Sheet,
    listed,
    page_name,
    render_career_page,
    render_index,
)
from brochure.source.config import source_date_epoch
from brochure.source.loader import load_career
from brochure.source.search import Entry

RECORD = ".brochure-site.json"
FORMAT = 1
INDEX = "index.html"
# The theme's files copied as they are (a project's templates/site/ may replace them).
STATIC = ("site.css", "search.js")
COLOURS = "colours.css"
# A record larger than this is not one brochure wrote.
MAX_RECORD_BYTES = 64 * 1024 * 1024

# What write_atomically leaves behind when a run is killed mid-write.
_LEFTOVER = re.compile(
    r"^\..+\.(html|css|js|json)\.[a-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX) + "$"
)


@dataclass
class SiteSettings:
    """Where the site goes, its title, and how its sheets are built (into its pdf/ folder)."""

    output: Path
    build: BuildSettings  # its output is replaced by the site's pdf/ folder
    title: str | None = None  # default: the language's "booklet_title" label
    folders: Sequence[Path] = ()  # the careers' folders: the site may not be inside them
    pdfs: bool = True  # False: pages only, without PDF links (to measure the pages alone)


@dataclass
class SiteReport:
    """What a site build did: the sheets' build, the pages written, what failed."""

    build: BuildReport = field(default_factory=BuildReport)
    invalid: list[Outcome] = field(default_factory=list)  # careers without a page
    written: list[Path] = field(default_factory=list)  # files written (changed or new)
    unchanged: int = 0  # files left as they were
    removed: list[Path] = field(default_factory=list)  # pages of careers no longer there
    pages: int = 0  # career pages in the site
    seconds: float = 0.0

    @property
    def failed(self) -> list[Outcome]:
        """The careers without a page or without a PDF, each once, with every problem."""
        by_source: dict[Path, Outcome] = {}
        for outcome in [*self.invalid, *self.build.failed]:
            known = by_source.setdefault(outcome.source, Outcome(outcome.source))
            known.problems += [p for p in outcome.problems if p not in known.problems]
        return sorted(by_source.values(), key=lambda outcome: str(outcome.source))


def make_site(
    sources: list[Path],
    settings: SiteSettings,
    on_start: Callable[[int], None] = lambda count: None,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
) -> SiteReport:
    """Build the sheets that changed into the site, then write the pages that changed.

    ``on_start`` and ``on_outcome`` follow the sheets' build, as for ``build_catalogue``.
    """
    started = time.monotonic()
    options = settings.build.options
    theme = settings.build.theme or load_theme(options.theme)
    language = load_language(theme, options.language)
    site = settings.output
    pdf_folder = site / PDFS
    targets = output_paths(sources, pdf_folder)
    _refuse_place(site, list(settings.folders), theme)
    with output_folder(site):
        _claim(site, settings.build.project)
        report = SiteReport()
        if settings.pdfs:
            build = replace(settings.build, output=pdf_folder, clean=True)
            report.build = build_catalogue(sources, build, on_start, on_outcome)
        written: dict[str, str] = {}
        listing = _write_pages(sources, targets, settings, theme, language, report, written)
        title = settings.title or language.labels["booklet_title"]
        index = render_index(theme, listing, language, title, options.footer)
        _write(site, INDEX, index.encode("utf-8"), report, written)
        _write_assets(site, theme, options.accent, report, written)
        _remove_stale(site, {f"{PAGES}/{item.page}" for item in listing}, report)
        _save_record(site, settings.build.project, written)
    report.pages = len(listing)
    report.seconds = time.monotonic() - started
    return report


def _write_pages(
    sources: list[Path],
    targets: dict[Path, Path],
    settings: SiteSettings,
    theme: Theme,
    language: Language,
    report: SiteReport,
    written: dict[str, str],
) -> list[Listed]:
    """Write each career's page (those changed); return the careers for the index."""
    languages = {language.code: language}
    epoch = source_date_epoch()
    options = settings.build.options
    title = settings.title or language.labels["booklet_title"]
    listing = []
    for source in sources:
        try:
            career = load_career(source)
        except BrochureError as error:
            report.invalid.append(Outcome(source, problems=error.problems))
            continue
        code = career.language or options.language
        if code not in languages:
            languages[code] = load_language(theme, code)
        sheet = _sheet(targets[source], report.build) if settings.pdfs else None
        html = render_career_page(
            theme, career, source, languages[code], options, title, sheet, epoch
        )
        name = page_name(source)
        _write(settings.output, f"{PAGES}/{name}", html.encode("utf-8"), report, written)
        listing.append(listed(Entry.of(source, career), career, languages[code]))
    return listing


def _sheet(target: Path, build: BuildReport) -> Sheet | None:
    """The PDF of a career, if this build has it up to date; a stale one is removed."""
    if target in build.pages:
        return Sheet(target.name, build.pages[target], target.stat().st_size)
    # Not rendered (a failure): the site must not offer an older version of the sheet.
    if target.is_file() and not target.is_symlink():
        target.unlink()
    return None


def _write_assets(
    site: Path, theme: Theme, accent: str | None, report: SiteReport, written: dict[str, str]
) -> None:
    """The stylesheet and the script (the theme's, or the project's own), and the colours."""
    for name in STATIC:
        path = theme.find_template(f"site/{name}")
        if path is None:
            raise UsageError(
                Problem(_("the theme has no site/{name}").format(name=name), theme.templates)
            )
        _write(site, f"{ASSETS}/{name}", path.read_bytes(), report, written)
    colours = palette(theme_accent(theme.style_layers, accent)).css()
    _write(site, f"{ASSETS}/{COLOURS}", colours.encode("utf-8"), report, written)


def _write(site: Path, name: str, data: bytes, report: SiteReport, written: dict[str, str]) -> None:
    """Write ``site/name`` if its content changed; note it in the site's record."""
    target = site / name
    written[name] = hashlib.sha256(data).hexdigest()
    if _read(target) == data:
        report.unchanged += 1
        return
    try:
        write_atomically(target, data)
    except OSError as error:  # a full disk, a read-only folder: what is written stays whole
        raise UsageError(
            Problem(
                _("cannot write the site ({reason}); run it again once fixed").format(
                    reason=error.strerror
                ),
                target,
            )
        ) from None
    report.written.append(target)


def _read(path: Path, limit: int = MAX_RECORD_BYTES) -> bytes | None:
    """A file's bytes, never through a symbolic link; None when absent, unreadable or not a file."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        return file.read(limit)


def _refuse_place(site: Path, folders: list[Path], theme: Theme) -> None:
    """Refuse a site inside the careers' folders or the theme's, or one that is a file."""
    place = site.resolve()
    if site.exists() and not site.is_dir():
        raise UsageError(Problem(_("is a file, not a folder: choose a folder for the site"), site))
    for folder in dict.fromkeys(folder.resolve() for folder in folders):
        if place.is_relative_to(folder):
            raise UsageError(
                Problem(
                    _(
                        "is inside the careers' folder {folder}: choose a folder for the site"
                        " outside it (-o)"
                    ).format(folder=folder),
                    site,
                )
            )
    for folder in theme.folders:
        if place.is_relative_to(folder.resolve()):
            raise UsageError(
                Problem(
                    _(
                        "is inside the theme's folder {folder}: choose another folder for the"
                        " site (-o)"
                    ).format(folder=folder),
                    site,
                )
            )


def _claim(site: Path, project: Path) -> None:
    """Make sure the folder is this project's site (or empty), and mark it as such at once.

    A folder holding other files (a user's documents, the PDFs of ``brochure
    build``) or another project's site is refused before anything is written.
    """
    record = _load_record(site)
    if record is None:
        others = sorted(
            entry.name
            for entry in site.iterdir()
            if entry.name != LOCK and not _LEFTOVER.match(entry.name)
        )
        if others:
            listed = ", ".join(others[:3]) + ("..." if len(others) > 3 else "")
            if {INDEX, PAGES} <= set(others):
                said = _(
                    "holds files brochure did not write there ({files}): give the site a new"
                    " or empty folder (-o) (or, if it is a site brochure made whose {record}"
                    " is gone or damaged, delete the folder and make the site again)"
                )
            else:
                said = _(
                    "holds files brochure did not write there ({files}): give the site a new"
                    " or empty folder (-o)"
                )
            raise UsageError(
                Problem(
                    said.format(files=listed, record=RECORD),
                    site,
                )
            )
    else:
        recorded = Path(str(record.get("project", "")))
        if recorded != project.resolve() and recorded.is_dir():
            raise UsageError(
                Problem(
                    _(
                        "holds the site of another project, {other}: give this project its"
                        " own site folder (-o)"
                    ).format(other=recorded),
                    site,
                )
            )
    for folder in (PAGES, PDFS, ASSETS):
        path = site / folder
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            raise UsageError(
                Problem(
                    _(
                        "is a link or a file where the site keeps a folder: brochure writes only"
                        " inside the site's folder; remove it"
                    ),
                    path,
                )
            )
        path.mkdir(exist_ok=True)
        for leftover in path.iterdir():  # a killed run's temporary files
            if _LEFTOVER.match(leftover.name) and leftover.is_file():
                leftover.unlink(missing_ok=True)
    for leftover in site.iterdir():
        if _LEFTOVER.match(leftover.name) and leftover.is_file() and not leftover.is_symlink():
            leftover.unlink(missing_ok=True)
    files = record.get("files", {}) if record is not None else {}
    _save_record(site, project, files if isinstance(files, dict) else {})


def _load_record(site: Path) -> dict[str, object] | None:
    """The site's record, if it is one brochure wrote; None otherwise."""
    data = _read(site / RECORD)
    if data is None:
        return None
    try:
        record = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return None
    return record


def _save_record(site: Path, project: Path, files: Mapping[str, object]) -> None:
    """Note what brochure wrote in the site, and for which project."""
    kept = {
        name: digest
        for name, digest in sorted(files.items())
        if isinstance(name, str) and isinstance(digest, str)
    }
    text = json.dumps(
        {"format": FORMAT, "project": str(project.resolve()), "files": kept}, indent=1
    )
    if _read(site / RECORD) == text.encode("utf-8"):
        return  # unchanged: not written again
    try:
        write_atomically(site / RECORD, text.encode("utf-8"))
    except OSError as error:
        raise UsageError(
            Problem(
                _("cannot write in the site's folder ({reason})").format(reason=error.strerror),
                site,
            )
        ) from None


def _remove_stale(site: Path, pages: set[str], report: SiteReport) -> None:
    """Remove the pages of careers no longer in the site, if brochure wrote them unchanged."""
    record = _load_record(site) or {}
    files = record.get("files", {})
    for name, digest in (files if isinstance(files, dict) else {}).items():
        if not isinstance(name, str) or not name.startswith(f"{PAGES}/") or name in pages:
            continue
        path = site / name
        if "/" in name[len(PAGES) + 1 :] or not name.endswith(".html"):
            continue  # not a name brochure gives a page
        data = _read(path)
        if data is not None and hashlib.sha256(data).hexdigest() == digest:
            path.unlink()
            report.removed.append(path)
