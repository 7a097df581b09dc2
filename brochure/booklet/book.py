"""The open-day booklet: a cover, a table of contents by sector, every sheet, an index.

The sheets are those of the incremental build (rendered only if they
changed); the booklet adds its own pages (cover, contents and index, see
matter.py; blank versos) and binds everything without laying a sheet out
again, drawing page numbers straight into the pages; its memory does not
grow with the catalogue, and binding again redoes only the sheets that
changed (see writer.py, stamps.py and fonts.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pikepdf

from brochure.booklet import accessible
from brochure.booklet.fonts import number_font, shared_fonts, theme_fonts
from brochure.booklet.matter import (
    contents_groups,
    contents_pages_guess,
    count_label,
    first_sheet_page,
    index_letters,
    mark_links,
    matter_context,
)
from brochure.booklet.stamps import (
    Numbering,
    Preparations,
    Prepared,
    glyph_union,
    page_margins,
)
from brochure.booklet.writer import Bookmark, BookWriter
from brochure.catalogue.batch import BuildReport, BuildSettings, build_catalogue, output_paths
from brochure.catalogue.manifest import build_key
from brochure.errors import BrochureError, DataError, Outcome, Problem, UsageError
from brochure.files import copy_atomically, write_atomically
from brochure.i18n import N_, _
from brochure.sheet.language import Language
from brochure.sheet.theme import Theme, load_language, load_theme, render_template
from brochure.source.config import source_date_epoch
from brochure.source.loader import load_career
from brochure.source.search import (
    Entry,
    closest_careers,
    closest_names,
    collation_key,
    count_sectors,
    pick_career,
    pick_sector,
    sector_key,
)

LONG_TITLE = 40  # characters: a longer title is set smaller on the cover (book.css)


@dataclass
class BookSettings:
    """What goes on the cover, which careers, and where the sheets are built."""

    target: Path
    build: BuildSettings
    title: str | None = None  # default: the language's "booklet_title" label
    organisation: str | None = None
    day: date | None = None
    logo: Path | None = None
    cover_image: Path | None = None
    sectors: Sequence[str] = ()
    selection: Path | None = None
    blank_pages: bool = True  # each sheet on a right-hand page; off: for reading on screen


@dataclass
class BookReport:
    """The build of the sheets, the careers left out, and the booklet made."""

    build: BuildReport = field(default_factory=BuildReport)
    invalid: list[Outcome] = field(default_factory=list)
    sheets: int = 0
    pages: int = 0
    warnings: list[str] = field(default_factory=list)  # about the booklet's own pages


@dataclass
class _Entry:
    source: Path
    title: str
    sectors: list[str]  # the contents list the career under each; never empty
    pdf: Path
    search: Entry
    aliases: list[str] = field(default_factory=list)  # other names, for the index
    pages: int = 0
    first_page: int = 0  # 1-based, in the booklet


CANNOT_WRITE = N_("cannot write the booklet ({reason})")


def cover_day(given: date | None, epoch: int | None, today: date) -> date:
    """The cover's date: the one given, else SOURCE_DATE_EPOCH's day, else today."""
    if given is not None:
        return given
    if epoch is not None:
        return datetime.fromtimestamp(epoch, tz=UTC).date()
    return today


def make_booklet(
    sources: list[Path],
    settings: BookSettings,
    on_start: Callable[[int], None] = lambda count: None,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
) -> BookReport:
    """Build the selected careers' sheets if needed, then bind them into a booklet."""
    report = BookReport()
    refused = accessible.refusal(settings.build.options.pdf_variant)
    if refused is not None:  # said before any sheet is built
        raise refused
    theme = settings.build.theme or load_theme(settings.build.options.theme)
    language = load_language(theme, settings.build.options.language)
    entries = _select(_entries(sources, settings.build.output, report, language), settings)
    if not entries:
        raise UsageError(Problem(_("no career to put in the booklet")))
    sheets = {entry.pdf.resolve() for entry in entries}
    if settings.target.resolve() in {source.resolve() for source in sources} or (
        settings.target.suffix.lower() in (".yaml", ".yml")
    ):
        raise UsageError(
            Problem(
                _("would replace a career file with the booklet: choose a .pdf"), settings.target
            )
        )
    if settings.target.resolve() in sheets or settings.target.resolve().parent == (
        settings.build.output.resolve()
    ):
        raise UsageError(
            Problem(
                _(
                    "the booklet would be written among the sheets it binds; choose another"
                    " place with -o"
                ),
                settings.target,
            )
        )
    report.build = build_catalogue(
        [entry.source for entry in entries], settings.build, on_start, on_outcome
    )
    failed = {outcome.source for outcome in report.build.failed}
    entries = [entry for entry in entries if entry.source not in failed]
    if not entries:
        raise DataError(Problem(_("no sheet could be rendered for the booklet")))
    for entry in entries:
        entry.pages = report.build.pages[entry.pdf]
    # A sheet is printed once, among the careers of its first sector in the contents.
    entries.sort(
        key=lambda entry: (
            min(_sector_order(sector, language) for sector in entry.sectors),
            collation_key(entry.title),
        )
    )
    report.sheets = len(entries)
    try:
        report.pages = _bind(entries, settings, theme, language, report.warnings)
    except pikepdf.PdfError as error:
        # A sheet changed behind the build's back (its size and date kept).
        raise DataError(
            Problem(
                _(
                    "a sheet could not be read ({reason}); run brochure build --force, then again"
                ).format(reason=error),
                settings.build.output,
            )
        ) from None
    except OSError as error:  # a full disk, in the scratch folder or at the target
        raise UsageError(
            Problem(_(CANNOT_WRITE).format(reason=error.strerror), settings.target)
        ) from None
    return report


def _entries(
    sources: list[Path], output: Path, report: BookReport, language: Language
) -> list[_Entry]:
    targets = output_paths(sources, output)
    known = _KnownCareers(output / PREPARED / "careers.json")
    entries = []
    for source in sources:
        try:
            found = known.entry(source)
        except BrochureError as error:
            report.invalid.append(Outcome(source, problems=error.problems))
            continue
        sectors = [language.text(sector) for sector in found.sectors]
        entries.append(
            _Entry(
                source,
                language.text(found.title),
                sectors or [language.labels["other_sector"]],
                targets[source],
                found,
                [language.text(name) for name in found.names],
            )
        )
    known.save()
    return entries


class _KnownCareers:
    """What the booklet needs of each career file (its search entry), kept by the file's digest.

    Binding again reads only the career files that changed; a file with
    problems is read each time (its problems are reported each time).
    """

    _TUPLES = ("names", "sectors", "rome_codes", "statuses", "interests")

    def __init__(self, path: Path):
        self.path = path
        self.known: dict[str, Any] = {}
        self.changed = False
        with contextlib.suppress(OSError, ValueError):
            read = json.loads(path.read_text(encoding="utf-8"))
            self.known = read if isinstance(read, dict) else {}
        self.seen: dict[str, Any] = {}

    def entry(self, source: Path) -> Entry:
        """The career's entry: kept, or read from the file (and kept)."""
        try:
            data = source.read_bytes()
        except OSError:
            return Entry.of(source, load_career(source))  # which says what is wrong
        digest = hashlib.sha256(data).hexdigest()
        name = str(source.resolve())
        kept = self.known.get(name)
        if isinstance(kept, dict) and kept.get("digest") == digest:
            try:
                entry = self._entry(source, kept["entry"])
            except (KeyError, TypeError, ValueError):
                pass
            else:
                self.seen[name] = kept
                return entry
        entry = Entry.of(source, load_career(source))
        values = {field.name: getattr(entry, field.name) for field in fields(entry)}
        values["path"] = str(source)
        values["forms"] = sorted(entry.forms)
        self.seen[name] = {"digest": digest, "entry": values}
        self.changed = True
        return entry

    def _entry(self, source: Path, values: dict[str, Any]) -> Entry:
        converted = dict(values, path=source, forms=frozenset(values["forms"]))
        for key in self._TUPLES:
            converted[key] = tuple(values[key])
        return Entry(**converted)

    def save(self) -> None:
        """Keep the entries of this binding's careers (only if one changed)."""
        if not self.changed and len(self.seen) == len(self.known):
            return
        with contextlib.suppress(OSError):  # only a faster next binding is lost
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, json.dumps(self.seen).encode("utf-8"))


def _sector_order(sector: str, language: Language) -> tuple[bool, tuple[str, str]]:
    """Sectors in French order, the careers without one ("Autres métiers") last."""
    return sector == language.labels["other_sector"], collation_key(sector)


def _select(entries: list[_Entry], settings: BookSettings) -> list[_Entry]:
    """Keep the careers of the chosen sectors, or of the list file.

    Names are matched as ``brochure find`` matches them (case, accents and
    inclusive writing aside); a name that matches nothing, or several careers
    or sectors, is a problem saying what is near.
    """
    problems: list[Problem] = []
    if settings.sectors:
        chosen, problems = _chosen_sectors(entries, settings.sectors)
        for entry in entries:  # the contents list a career under the chosen sectors only
            entry.sectors = [sector for sector in entry.sectors if sector_key(sector) in chosen]
        entries = [entry for entry in entries if entry.sectors]
    if settings.selection is not None:
        entries, listed_problems = _listed(entries, settings.selection)
        problems += listed_problems
    if problems:
        raise UsageError(problems)
    return entries


def _chosen_sectors(entries: list[_Entry], wanted: Sequence[str]) -> tuple[set[str], list[Problem]]:
    """The sectors ``--sector`` names (by their ``sector_key``), and those it could not tell."""
    counts = count_sectors(entry.sectors for entry in entries)
    known = [sector for sector, _ in counts]
    chosen: set[str] = set()
    problems = []
    for name in wanted:
        found = pick_sector(known, name)
        if len(found) == 1:
            chosen.add(sector_key(found[0]))
        elif found:
            problems.append(
                Problem(
                    _(
                        "'{name}' names several sectors: {sectors}; give --sector once for"
                        " each one you want"
                    ).format(name=name, sectors=_quoted(found))
                )
            )
        else:
            near = closest_names(known, name)
            every = "; ".join(f"{sector} ({count})" for sector, count in counts)
            if near:
                said = _("no sector '{name}' (did you mean {near}?); the sectors are: {every}")
            else:
                said = _("no sector '{name}'; the sectors are: {every}")
            problems.append(Problem(said.format(name=name, near=_quoted(near), every=every)))
    return chosen, problems


def _listed(entries: list[_Entry], path: Path) -> tuple[list[_Entry], list[Problem]]:
    """The careers a list file names (a name a line, in order), and the names it cannot tell."""
    try:
        lines = read_list(path).splitlines()
    except OSError as error:
        raise UsageError(
            Problem(_("cannot be read ({reason})").format(reason=error.strerror), path)
        ) from None
    by_search = {entry.search: entry for entry in entries}
    searched = list(by_search)
    picked: list[_Entry] = []
    problems = []
    for number, line in enumerate(lines, start=1):
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        found = pick_career(searched, name)
        if len(found) == 1:
            if by_search[found[0]] not in picked:
                picked.append(by_search[found[0]])
            continue
        if found:
            careers = _careers(found[:5])
            if len(found) > 5:
                careers += _(" and {count} more").format(count=len(found) - 5)
            message = _(
                "'{name}' names several careers: {careers}; write the title"
                " or the file name of the one you want"
            ).format(name=name, careers=careers)
        else:
            near = closest_careers(searched, name)
            hint = _("; did you mean {careers}?").format(careers=_careers(near)) if near else ""
            message = _(
                "no career named '{name}' (a file name or a title){hint}"
                " (`brochure find WORD` searches the careers)"
            ).format(name=name, hint=hint)
        problems.append(Problem(message, path, number))
    return picked, problems


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def _careers(found: Sequence[Entry]) -> str:
    return ", ".join(f"'{entry.title}' ({entry.path.name})" for entry in found)


def read_list(path: Path) -> str:
    """A list file's text: UTF-8 (with or without a byte-order mark), else Windows-1252.

    Windows Notepad saves with a byte-order mark, or in Windows-1252.
    """
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _context(settings: BookSettings, language: Language, extra: dict[str, Any]) -> dict[str, Any]:
    return matter_context(language, settings.build.options, extra)


PREPARED = ".brochure-booklet"  # in the sheets' folder: sheets prepared for binding (stamps.py)


def _bind(
    entries: list[_Entry],
    settings: BookSettings,
    theme: Theme,
    language: Language,
    warnings: list[str],
) -> int:
    """Lay out the booklet's own pages, then write every part with its page numbers.

    The sheets are prepared once each (and kept, see stamps.py); binding
    only copies them, drawing the numbers in, straight into the finished
    file: its links, tag tree and metadata are written with it (writer.py),
    never read back whole.
    """
    originals = theme_fonts(theme.styles / "fonts")
    font = number_font(originals)
    numbering = Numbering(font, page_margins(theme.style_layers, settings.build.options.page_size))
    with (
        tempfile.TemporaryDirectory(prefix="brochure-book-") as scratch,
        Preparations(settings.build.output / PREPARED, Path(scratch), originals) as preparations,
    ):
        work = Path(scratch)
        sheets = {entry.pdf: preparations.prepare(entry.pdf) for entry in entries}
        own = _OwnPages(theme, settings, language, preparations, work)
        front = _front_matter(entries, settings, theme, language, own, warnings)
        blank = own.render("book/blank.html", {})
        index = own.render("book/index.html", {"letters": index_letters(entries)}, warnings)
        parts = [preparations.prepare(path) for path in (front, blank, index)]
        layout = _layout(entries, sheets, parts[0], parts[1], parts[2], settings)
        fonts = shared_fonts(
            glyph_union([*sheets.values(), *parts], font),
            originals,
            preparations.folder,
            preparations.keep,
        )
        book = work / "book.pdf"
        variant = settings.build.options.pdf_variant
        pages = sum(len(numbers) for _, numbers in layout)
        headings = {
            entry.first_page: top
            for entry in entries
            if (top := _heading(sheets[entry.pdf])) is not None
        }
        writer = BookWriter(book, fonts, pages, plain_images=variant in accessible.BOOKLET_PDF_A)
        for part, numbers in layout:
            writer.add(part.path, partial(_prepare_part, numbering, numbers, pages, headings))
        epoch = source_date_epoch()
        title = _title(settings, language)
        writer.close(
            _bookmarks(entries, sheets, language),
            title,
            language.code,
            metadata=accessible.xmp_packet(title, language.code, variant, epoch, writer.tagged),
            info=accessible.document_info(epoch),
            output_profile=accessible.output_profile(variant),
        )
        try:  # the scratch folder may be on another file system than the target
            copy_atomically(book, settings.target)
        except OSError as error:
            raise UsageError(
                Problem(_(CANNOT_WRITE).format(reason=error.strerror), settings.target)
            ) from None
    return pages


# Each part and the booklet number of each of its pages (None: not numbered).
Layout = list[tuple[Prepared, list[int | None]]]


def _layout(
    entries: list[_Entry],
    sheets: dict[Path, Prepared],
    front: Prepared,
    blank: Prepared,
    index: Prepared,
    settings: BookSettings,
) -> Layout:
    """The parts in order, and which pages get a number.

    Not the cover, its verso, nor blank pages. Each sheet starts on a
    right-hand page (a blank verso before it if needed) unless
    ``blank_pages`` is off; for a print shop, blank pages at the end make
    the count a multiple of 4 (a stapled booklet).
    """
    layout: Layout = [(front, [None, None, *range(3, front.pages + 1)][: front.pages])]
    total = front.pages
    for entry in entries:
        if settings.blank_pages and total % 2 == 1:  # the next page would be a left-hand one
            layout.append((blank, [None]))
            total += 1
        layout.append((sheets[entry.pdf], list(range(total + 1, total + entry.pages + 1))))
        total += entry.pages
    layout.append((index, list(range(total + 1, total + index.pages + 1))))
    total += index.pages
    if settings.build.options.print_shop:
        while total % 4:
            layout.append((blank, [None]))
            total += 1
    return layout


def _prepare_part(
    numbering: Numbering,
    numbers: list[int | None],
    pages: int,
    headings: dict[int, float],
    pdf: pikepdf.Pdf,
) -> None:
    """A part as the writer copies it: its links to booklet pages marked, its numbers drawn."""
    mark_links(pdf, pages, headings)
    font = numbering.font_object(pdf) if any(numbers) else None
    for page, number in zip(pdf.pages, numbers, strict=True):
        numbering.number_page(pdf, page, number, font)


class _OwnPages:
    """Lays out the booklet's own pages, each layout kept by a digest of all it depends on.

    The HTML, the theme and options (as the sheets' build key), the logo and
    cover picture: binding again with the same titles and page numbers
    reuses the last layout. A layout that gave a warning is not kept.
    """

    def __init__(
        self,
        theme: Theme,
        settings: BookSettings,
        language: Language,
        preparations: Preparations,
        work: Path,
    ):
        self.theme, self.settings, self.language = theme, settings, language
        self.preparations, self.work = preparations, work
        self._renderer: Any = None
        digest = hashlib.sha256(
            build_key(theme, settings.build.options, source_date_epoch()).encode()
        )
        for image in (settings.logo, settings.cover_image):
            if image is not None and image.is_file():
                digest.update(hashlib.sha256(image.read_bytes()).digest())
        self.salt = digest.hexdigest()
        # Tagged as the sheets are, to be one tag tree with them (a PDF/UA booklet).
        self.variant = "pdf/ua-1" if settings.build.options.pdf_variant == "pdf/ua-1" else "none"
        self.pages = 0  # the length of the last layout not written

    def renderer(self) -> Any:
        """WeasyPrint, loaded only when a page is to be laid out."""
        if self._renderer is None:
            from brochure.sheet.pdf import PdfRenderer

            # The logo and cover image alone, not their folders.
            settings, theme = self.settings, self.theme
            images = [path for path in (settings.logo, settings.cover_image) if path is not None]
            self._renderer = PdfRenderer(theme.styles, theme.folders, theme.style_layers, images)
        return self._renderer

    def html(self, template: str, values: dict[str, Any]) -> tuple[str, str]:
        """The page's HTML and its layout's key."""
        html = render_template(self.theme, template, _context(self.settings, self.language, values))
        key = hashlib.sha256(f"{self.salt}|{template}|{html}".encode()).hexdigest()[:40]
        return html, key

    def render(
        self,
        template: str,
        values: dict[str, Any],
        warnings: list[str] | None = None,
        write_if_pages: Callable[[int], bool] | None = None,
    ) -> Path:
        """The laid-out PDF (kept, or laid out now); a path to nothing when not written."""
        html, key = self.html(template, values)
        kept = self.preparations.laid_out(key)
        if kept is not None:
            return kept
        measured = self.preparations.laid_out_length(key)
        if measured is not None and write_if_pages is not None and not write_if_pages(measured):
            self.pages = measured  # measured by an earlier binding: not laid out again
            return self.work / "not-written.pdf"
        rendered = self.renderer().render(html, self.variant, write_if_pages=write_if_pages)
        target = self.work / Path(template).with_suffix(".pdf").name
        if not rendered.data:
            self.pages = int(rendered.pages)
            if not rendered.warnings:
                self.preparations.keep_laid_out_length(key, self.pages)
            return self.work / "not-written.pdf"
        if warnings is not None:
            place = _("the index") if "index" in template else _("the cover or contents")
            warnings += [f"{place}: {warning}" for warning in rendered.warnings]
        if not rendered.warnings:
            self.preparations.keep_laid_out(key, rendered.data)
        target.write_bytes(rendered.data)
        return target


def _front_matter(
    entries: list[_Entry],
    settings: BookSettings,
    theme: Theme,
    language: Language,
    own: _OwnPages,
    warnings: list[str],
) -> Path:
    """Lay out cover and contents once, the sheets' page numbers set beforehand.

    The numbers come from a guess of the contents' length. Page numbers have a
    column of fixed width (book.css), so they never move a line break: when
    the guess was wrong, the layout tells the right length and a second
    layout, with the right numbers, has that same length. Nothing is written
    until the numbers are right. A layout kept from the last binding, with
    the same numbers, is used as it is.
    """
    groups = _by_sector(entries, language)
    front_pages = 2 + contents_pages_guess(groups, settings.build.options.page_size)
    start = partial(first_sheet_page, blank_pages=settings.blank_pages)
    for _attempt in range(3):
        _number(entries, front_pages, settings.blank_pages)
        values = {
            "title": _title(settings, language),
            "organisation": settings.organisation,
            "date": language.long_date(settings.day) if settings.day else None,
            "logo": settings.logo.resolve().as_uri() if settings.logo else None,
            "cover_image": (
                settings.cover_image.resolve().as_uri() if settings.cover_image else None
            ),
            "count": count_label(language, len(entries)),
            "groups": contents_groups(groups, language),
            "long_title": len(_title(settings, language)) > LONG_TITLE,
        }
        guess = front_pages

        def right(pages: int) -> bool:  # its length gives the sheets the numbers it shows
            return start(pages) == start(guess)  # noqa: B023 - used within the iteration

        laid = own.render("book/front.html", values, warnings, write_if_pages=right)
        if laid.is_file():
            return laid
        front_pages = own.pages
    raise DataError(Problem(_("the table of contents does not settle on a length")))


def _number(entries: list[_Entry], front_pages: int, blank_pages: bool) -> None:
    """Give each sheet its first page: the next right-hand (odd) page, or the next one."""
    page = first_sheet_page(front_pages, blank_pages)
    for entry in entries:
        if blank_pages and page % 2 == 0:
            page += 1
        entry.first_page = page
        page += entry.pages


def _by_sector(entries: list[_Entry], language: Language) -> list[tuple[str, list[_Entry]]]:
    """The contents: each sector in French order, with its careers by title.

    A career of several sectors is listed under each one (its sheet is printed once).
    """
    sectors: dict[str, tuple[str, list[_Entry]]] = {}
    for entry in sorted(entries, key=lambda entry: collation_key(entry.title)):
        for sector in entry.sectors:
            sectors.setdefault(sector_key(sector), (sector, []))[1].append(entry)
    return sorted(sectors.values(), key=lambda group: _sector_order(group[0], language))


def _bookmarks(
    entries: list[_Entry], sheets: dict[Path, Prepared], language: Language
) -> list[Bookmark]:
    """Sector, career, then the sections of each sheet's own outline, as the contents go.

    Each lands on its heading: a career on its sheet's title, a sector on
    its first sheet's.
    """
    sectors: list[Bookmark] = []
    for sector, members in _by_sector(entries, language):
        first = min(members, key=lambda entry: entry.first_page)
        sectors.append(Bookmark(sector, first.first_page - 1, top=_heading(sheets[first.pdf])))
        for entry in members:
            career = Bookmark(entry.title, entry.first_page - 1, top=_heading(sheets[entry.pdf]))
            for title, page, top in sheets[entry.pdf].bookmarks:
                if title != entry.title:  # the sheet's own title is the career's bookmark
                    career.children.append(Bookmark(title, entry.first_page - 1 + page, top=top))
            sectors[-1].children.append(career)
    return sectors


def _heading(sheet: Prepared) -> float | None:
    """The height of a sheet's title on its first page (its outline's first entry)."""
    if sheet.bookmarks and sheet.bookmarks[0][1] == 0:
        return sheet.bookmarks[0][2]
    return None


def _title(settings: BookSettings, language: Language) -> str:
    return language.text(settings.title or language.labels["booklet_title"])
