"""HTML to PDF with WeasyPrint: the only module that imports it.

WeasyPrint fetches stylesheets, fonts and images through a URL fetcher; ours
serves files from the theme and project folders only: no network, no ``..``
and no symbolic link out of those folders. WeasyPrint reports problems by
logging rather than raising; we collect what it logs and hand it back.

A sheet has a page limit. WeasyPrint lays pages out one at a time in a
generator, ``weasyprint.layout.make_all_pages``, which
``weasyprint.layout.layout_document`` drains into a list; this module wraps
that generator (once, at import) so that a layout stops as soon as it passes
the limit of the sheet being rendered, instead of laying out thousands of
pages first. tests/sheet/test_limits.py checks the internals this relies on.

WeasyPrint tags a PDF one page at a time: an element split by a page break
becomes two structure elements. This module also wraps the function that
builds them, ``weasyprint.pdf.tags._build_box_tree``, to label each element
with the HTML element it comes from (``/BrochureKey``, and ``/BrochureTag``
its tag name); ``sheet/finish.py`` joins the pieces by those labels, removes
them, and finishes the PDF (artifacts, links, metadata, crop marks).
tests/sheet/test_weasyprint_internals.py checks this internal too.

WeasyPrint parses a document's stylesheets anew for every document. A worker
renders hundreds of sheets linking the same few files, so this module replaces
the name ``CSS`` that ``weasyprint.css.find_stylesheets`` calls with
``_reused_stylesheet``: a stylesheet of the same address and the same bytes is
parsed once per font configuration (once per renderer), then handed out again
with what its parsing added to the document (``@page``, ``@counter-style``,
``@color-profile`` and ``@layer`` rules) added again. That is about 7 % of a
sheet's time; the tests check the sheets come out the same.
"""

from __future__ import annotations

import functools
import io
import logging
import mimetypes
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import weasyprint.css
import weasyprint.layout
import weasyprint.pdf.tags
import weasyprint.urls
from weasyprint import CSS, HTML
from weasyprint.css import ColorProfile
from weasyprint.text.ffi import harfbuzz_subset
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

from brochure.errors import DataError, Problem
from brochure.i18n import _
from brochure.sheet.finish import LABEL_KEY, LABEL_TAG, finish_pdf

_WEASYPRINT_LOGGER = logging.getLogger("weasyprint")

# The page limit of the sheet being laid out in this thread; None: no limit.
_PAGE_LIMIT: ContextVar[int | None] = ContextVar("brochure_page_limit", default=None)


class _TooManyPages(Exception):
    """Raised from inside WeasyPrint's layout when a sheet passes its page limit."""

    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


def _bounded(make_all_pages: Any) -> Any:
    """Wrap WeasyPrint's page generator to stop once it yields more pages than the limit."""

    def make_bounded_pages(*args: Any, **kwargs: Any) -> Iterator[Any]:
        limit = _PAGE_LIMIT.get()
        for count, page in enumerate(make_all_pages(*args, **kwargs), start=1):
            if limit is not None and count > limit:
                raise _TooManyPages(limit)
            yield page

    make_bounded_pages.brochure_bounded = True  # type: ignore[attr-defined]
    return make_bounded_pages


if not getattr(weasyprint.layout.make_all_pages, "brochure_bounded", False):
    weasyprint.layout.make_all_pages = _bounded(weasyprint.layout.make_all_pages)


# The HTML elements of the document being written, numbered: id(element) to its number.
_ELEMENT_KEYS: ContextVar[dict[int, int] | None] = ContextVar("brochure_keys", default=None)


def _labelled(build_box_tree: Any) -> Any:
    """Wrap WeasyPrint's tag builder to label each structure element with its HTML element."""

    @functools.wraps(build_box_tree)  # its signature stays readable (see the tests)
    def build_labelled_tree(box: Any, *args: Any) -> Iterator[Any]:
        keys = _ELEMENT_KEYS.get()
        source = getattr(box, "_box", box)  # an absolutely placed box's placeholder
        element = getattr(source, "element", None)
        for structure in build_box_tree(box, *args):
            if keys is not None and element is not None and LABEL_KEY not in structure:
                structure[LABEL_KEY] = keys.setdefault(id(element), len(keys))
                tag = str(getattr(element, "tag", ""))
                if tag.isalnum():
                    structure[LABEL_TAG] = "/" + tag
            yield structure

    build_labelled_tree.brochure_labelled = True  # type: ignore[attr-defined]
    return build_labelled_tree


if not getattr(weasyprint.pdf.tags._build_box_tree, "brochure_labelled", False):
    weasyprint.pdf.tags._build_box_tree = _labelled(weasyprint.pdf.tags._build_box_tree)


def _reused_stylesheet(*args: Any, **kwargs: Any) -> Any:
    """``weasyprint.CSS(...)`` as find_stylesheets calls it, parsed once per renderer.

    Only a whole stylesheet found in a document is reused (not one of its
    ``@import``s, which share the importing sheet's matcher), and only under
    a ``_ThemeFonts``, which keeps the stylesheets whose ``@font-face`` rules
    it holds. The key holds the stylesheet's bytes: a file edited between
    two sheets (``brochure watch``) is parsed again. A stylesheet that imports
    others (their bytes are not in the key) or declares cascade layers (ordered
    across all of a document's stylesheets) is parsed every time.
    """
    font_config = kwargs.get("font_config")
    if (
        args
        or not isinstance(font_config, _ThemeFonts)
        or kwargs.get("matcher") is not None
        or kwargs.get("layer") is not None
    ):
        return CSS(*args, **kwargs)
    text = kwargs.get("string")
    if text is None:
        try:
            with weasyprint.urls.fetch(kwargs["url_fetcher"], kwargs["url"]) as response:
                text = response.read()
        except Exception:  # refused or missing: WeasyPrint says so as it always does
            return CSS(**kwargs)
    if isinstance(text, str):
        text = text.encode("utf-8")
    if b"@import" in text or b"@layer" in text:
        return CSS(**kwargs)
    key = (kwargs.get("url"), kwargs.get("base_url"), kwargs.get("media_type"), text)
    parsed = font_config.stylesheets.get(key)
    if parsed is None:
        counters, profiles = kwargs.get("counter_style"), kwargs.get("color_profiles")
        counters_before, profiles_before = dict(counters or {}), dict(profiles or {})
        with _collect_warnings() as warnings:
            # Its own list of @page rules, the one WeasyPrint reads them from
            # (not the document's, which would hold other stylesheets' too).
            stylesheet = CSS(**{**kwargs, "page_rules": []})
        parsed = font_config.stylesheets[key] = _Parsed(
            stylesheet,
            _added(counters_before, counters),
            _added(profiles_before, profiles),
            warnings,
        )
    else:  # what parsing it said is said for this document too
        for message in parsed.warnings:
            _WEASYPRINT_LOGGER.warning("%s", message)
        for name, added in (
            ("counter_style", parsed.counters),
            ("color_profiles", parsed.profiles),
        ):
            if kwargs.get(name) is not None:
                kwargs[name].update(added)
    return parsed.stylesheet


@dataclass
class _Parsed:
    """A stylesheet parsed once, and what its parsing added to its document."""

    stylesheet: Any
    counters: dict[str, Any]
    profiles: dict[str, Any]
    warnings: list[str]


def _added(before: dict[str, Any], after: dict[str, Any] | None) -> dict[str, Any]:
    return {
        name: value
        for name, value in (after or {}).items()
        if name not in before or before[name] is not value
    }


if getattr(weasyprint.css, "CSS", None) is CSS:
    weasyprint.css.CSS = _reused_stylesheet


def _too_many_pages(limit: int) -> DataError:
    """The problem of a sheet longer than its page limit."""
    return DataError(
        Problem(
            (
                _(
                    "has more than {limit} pages (the limit, --max-pages): shorten it or raise"
                    " the limit"
                )
                if limit > 1
                else _(
                    "has more than 1 page (the limit, --max-pages): shorten it or raise the limit"
                )
            ).format(limit=limit)
        )
    )


def fast_font_subsetting() -> bool:
    """Whether HarfBuzz's subsetter is there (without it fonts are subset slowly)."""
    return harfbuzz_subset is not None


_warmed_up = False


def warm_up() -> None:
    """Lay out and write a one-line document, once per process.

    WeasyPrint's C bindings (cffi) build their types on first use, about a
    quarter of a second of a process's first sheet. Done once in the parent,
    every worker forked from it starts with them ready.
    """
    global _warmed_up
    if not _warmed_up:
        with _collect_warnings():
            HTML(string="<p>.</p>").write_pdf()
        _warmed_up = True


# Only this form: segno's SVG, UTF-8, percent-encoded (not base64).
_SVG_DATA = "image/svg+xml;charset=utf-8,"


class FolderFetcher(URLFetcher):
    """Serves ``file:`` URLs under a few folders, and refuses everything else.

    ``layers`` are style folders searched in order, file by file: a file asked
    for in one of them is served from the first that has it, so a project's
    styles/look.css replaces the theme's, and its fonts/ can add or replace fonts.
    """

    def __init__(
        self, folders: Sequence[Path], layers: Sequence[Path] = (), files: Sequence[Path] = ()
    ):
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.layers = tuple(layer.resolve() for layer in layers)
        self.folders = tuple(folder.resolve() for folder in (*folders, *layers))
        # Single files allowed besides the folders (a booklet's logo), not their folder.
        self.files = frozenset(path.resolve() for path in files)

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        """Return the file at ``url`` if it lies under an allowed folder.

        An SVG image written into the page itself (``data:image/svg+xml``, the
        QR code: an ``<img>`` so that it has alternative text) is read from its
        URL; whatever that SVG refers to comes back here and is checked.
        """
        parts = urlsplit(url)
        if parts.scheme == "data" and parts.path.startswith(_SVG_DATA):
            return URLFetcherResponse(
                url,
                unquote(parts.path.partition(",")[2]).encode(),
                {"Content-Type": "image/svg+xml"},
            )
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"only files of the theme and project may be used, not {url}")
        # resolve() follows symbolic links and "..", so the check below sees
        # where the file really is.
        path = self._layered(Path(unquote(parts.path)).resolve())
        if path not in self.files and not any(path.is_relative_to(f) for f in self.folders):
            raise ValueError(f"{path} is outside the theme and project folders")
        if not path.is_file():
            raise ValueError(f"{path} does not exist")
        mime_type, _ = mimetypes.guess_type(path.name)
        # The URL of the file served, so that what it refers to is looked up
        # from there (fonts/ beside the stylesheet that names them).
        return URLFetcherResponse(
            path2url(str(path)),
            path.read_bytes(),
            {"Content-Type": mime_type or "application/octet-stream"},
        )

    def _layered(self, path: Path) -> Path:
        for layer in self.layers:
            if path.is_relative_to(layer):
                relative = path.relative_to(layer)
                for candidate in (other / relative for other in self.layers):
                    # resolve() again: a symbolic link must not lead out.
                    if candidate.is_file():
                        return candidate.resolve()
        return path


@dataclass
class RenderedPdf:
    """A rendered PDF, its page count and what WeasyPrint warned about."""

    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collect_warnings() -> Iterator[list[str]]:
    collector = _Collector()
    _WEASYPRINT_LOGGER.addHandler(collector)
    try:
        yield collector.messages
    finally:
        _WEASYPRINT_LOGGER.removeHandler(collector)


class _ThemeFonts(FontConfiguration):
    """A font configuration that remembers the families the stylesheets declare."""

    def __init__(self) -> None:
        super().__init__()
        self.families: set[str] = set()
        # The stylesheets parsed under this configuration: see _reused_stylesheet.
        self.stylesheets: dict[tuple[Any, ...], _Parsed] = {}

    def add_font_face(self, rule_descriptors: dict[str, Any], url_fetcher: URLFetcher) -> None:
        self.families.add(rule_descriptors.get("font_family", ""))
        super().add_font_face(rule_descriptors, url_fetcher)


def _fallback_warnings(fonts: dict[str, Any], theme_families: set[str]) -> list[str]:
    """Name the machine fonts used for characters the theme's fonts lack.

    WeasyPrint warns about characters no font has; it says nothing when it
    quietly takes one from the machine, which makes the sheet machine-dependent.
    """
    return [
        _(
            "some characters are not in the theme's fonts and were drawn with '{font}', a font"
            " of this machine: the sheet may look different elsewhere"
        ).format(font=font.family)
        for font in fonts.values()
        if font.family not in theme_families
    ]


def _unlaid(error: Exception) -> DataError:
    return DataError(
        Problem(
            _(
                "WeasyPrint could not lay it out ({reason}); a stylesheet or a template asks"
                " for something impossible: check them"
            ).format(reason=f"{type(error).__name__}: {error}")
        )
    )


def _too_deep() -> DataError:
    return DataError(
        Problem(
            _(
                "its HTML or styles are nested too deeply to be laid out: simplify the template"
                " or the text"
            )
        )
    )


class _FileProfile(ColorProfile):
    """A CMYK ICC profile embedded as its file is: the print shop's, byte for byte.

    WeasyPrint's embeds the profile as LittleCMS writes it again, with the
    current time in its header: the same input would not give the same bytes.
    """

    def __init__(self, path: Path):
        self._data = path.read_bytes()
        super().__init__(
            io.BytesIO(self._data), path2url(str(path)), "relative-colorimetric", "cmyk"
        )

    @property
    def content(self) -> bytes:
        return self._data


class PdfRenderer:
    """Renders HTML to PDF, keeping fonts loaded from one sheet to the next."""

    def __init__(
        self,
        base: Path,
        folders: Sequence[Path],
        layers: Sequence[Path] = (),
        files: Sequence[Path] = (),
    ):
        self.base_url = path2url(str(base.resolve())) + "/"
        self.fetcher = FolderFetcher(folders, layers, files)
        self.font_config = _ThemeFonts()
        self._profiles: dict[str, ColorProfile] = {}

    def _colour_profiles(self, print_profile: str | None) -> dict[str, ColorProfile]:
        """The print shop's CMYK profile as device CMYK's, read once; none without it.

        WeasyPrint makes the device CMYK profile a PDF/X file's output intent.
        """
        if print_profile is None:
            return {}
        if print_profile not in self._profiles:
            self._profiles[print_profile] = _FileProfile(Path(print_profile))
        return {"device-cmyk": self._profiles[print_profile]}

    def render(
        self,
        html: str,
        variant: str = "none",
        max_pages: int | None = None,
        write_if_pages: Callable[[int], bool] | None = None,
        print_profile: str | None = None,
    ) -> RenderedPdf:
        """Lay out ``html`` and return the PDF bytes, as ``variant`` (e.g. pdf/ua-1).

        ``print_profile``, a CMYK ICC profile's path, is the output intent of a
        PDF/X variant (config.variant_refusal says when one is needed); other
        variants leave it out (PDF/A has its sRGB output intent).

        A layout longer than ``max_pages`` is stopped as soon as it passes the
        limit, and raises a DataError (without a path: the caller knows the sheet).
        When ``write_if_pages`` says no to the page count, nothing is written:
        the result has that count and no bytes (a layout made only to be measured).
        """
        with _collect_warnings() as warnings:
            token = _PAGE_LIMIT.set(max_pages)
            try:
                document = HTML(
                    string=html, base_url=self.base_url, url_fetcher=self.fetcher
                ).render(
                    font_config=self.font_config,
                    color_profiles=self._colour_profiles(
                        print_profile if variant.startswith("pdf/x") else None
                    ),
                )
            except _TooManyPages as stopped:
                raise _too_many_pages(stopped.limit) from None
            except RecursionError:
                raise _too_deep() from None
            except (ArithmeticError, ValueError, TypeError, LookupError, AssertionError) as error:
                # WeasyPrint tripping over hostile styles (size: 1e30px, calc(1px/0)...).
                raise _unlaid(error) from None
            finally:
                _PAGE_LIMIT.reset(token)
            if max_pages is not None and len(document.pages) > max_pages:
                raise _too_many_pages(max_pages)  # should WeasyPrint's layout change
            if write_if_pages is not None and not write_if_pages(len(document.pages)):
                return RenderedPdf(b"", len(document.pages), list(dict.fromkeys(warnings)))
            keys = _ELEMENT_KEYS.set({})
            try:
                # A content-derived identifier keeps the bytes reproducible.
                data = document.write_pdf(
                    pdf_identifier=True, pdf_variant=None if variant == "none" else variant
                )
            except RecursionError:
                raise _too_deep() from None
            except (ArithmeticError, ValueError, TypeError, LookupError, AssertionError) as error:
                raise _unlaid(error) from None
            finally:
                _ELEMENT_KEYS.reset(keys)
        data = finish_pdf(data)
        warnings.extend(_fallback_warnings(document.fonts, self.font_config.families))
        return RenderedPdf(data, len(document.pages), list(dict.fromkeys(warnings)))
