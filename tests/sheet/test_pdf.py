"""WeasyPrint stage: files only from allowed folders, warnings captured, not lost."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from brochure.sheet.pdf import FolderFetcher, PdfRenderer, fast_font_subsetting
from tests.helpers import ROOT


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """An allowed folder with a stylesheet, and a secret file beside it."""
    allowed = tmp_path / "theme"
    allowed.mkdir()
    (allowed / "ok.css").write_text("p { color: red }")
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    return allowed, secret


def test_fetcher_serves_files_under_the_allowed_folders(folders):
    allowed, _ = folders
    response = FolderFetcher([allowed]).fetch((allowed / "ok.css").as_uri())
    assert response.read() == b"p { color: red }"
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "{secret_uri}",
        "{allowed_uri}/../secret.txt",
        "{allowed_uri}/%2e%2e/secret.txt",
        "{allowed_uri}/link-out",
        "{allowed_uri}/missing.css",
        "http://127.0.0.1:9/x.css",
        "https://example.org/x.css",
        "data:text/css,p{color:red}",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "data:text/html;charset=utf-8,%3Csvg%3E",
        "ftp://example.org/x.css",
        "file://otherhost/etc/passwd",
    ],
)
def test_fetcher_refuses_everything_else(folders, url):
    allowed, secret = folders
    (allowed / "link-out").symlink_to(secret)
    url = url.replace("{secret_uri}", secret.as_uri()).replace("{allowed_uri}", allowed.as_uri())
    with pytest.raises(ValueError):
        FolderFetcher([allowed]).fetch(url)


def test_fetcher_serves_an_svg_written_into_the_page(folders):
    """The QR code's form of data: URL, and nothing it refers to beyond the folders."""
    allowed, secret = folders
    svg = f"<svg xmlns='http://www.w3.org/2000/svg'><image href='{secret.as_uri()}'/></svg>"
    response = FolderFetcher([allowed]).fetch("data:image/svg+xml;charset=utf-8," + quote(svg))
    assert response.read() == svg.encode()
    html = f"<img alt='x' src='data:image/svg+xml;charset=utf-8,{quote(svg)}'>"
    rendered = PdfRenderer(allowed, [allowed]).render(html)
    assert any("outside the theme and project folders" in w for w in rendered.warnings)


@pytest.fixture
def local_server() -> Iterator[tuple[str, list[str]]]:
    """A web server on loopback that records every request it gets."""
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", requests
    finally:
        server.shutdown()
        server.server_close()


def test_rendering_fetches_nothing_outside_and_reports_what_it_refused(folders, local_server):
    allowed, secret = folders
    base, requests = local_server
    html = f"""<html><head>
      <link rel="stylesheet" href="ok.css">
      <link rel="stylesheet" href="{base}/remote.css">
      <link rel="stylesheet" href="../secret.txt">
    </head><body>
      <p>Bonjour</p><img src="{base}/tracker.png"><img src="{secret.as_uri()}">
    </body></html>"""
    rendered = PdfRenderer(allowed, [allowed]).render(html)
    assert rendered.data.startswith(b"%PDF-")
    assert requests == []
    joined = "\n".join(rendered.warnings)
    assert f"{base}/remote.css" in joined
    assert f"{base}/tracker.png" in joined
    assert "secret.txt" in joined
    assert "ok.css" not in joined


def test_css_mistakes_are_reported_as_warnings(folders):
    allowed, _ = folders
    html = "<html><head><style>p { colour: red; color: nonsense }</style></head><body><p>x</p>"
    warnings = PdfRenderer(allowed, [allowed]).render(html).warnings
    assert any("colour" in warning for warning in warnings), warnings
    assert any("nonsense" in warning for warning in warnings), warnings


def test_harfbuzz_subsetter_is_installed():
    # The README's set-up installs libharfbuzz-subset0: without it every sheet
    # renders about 2.3 times slower, and brochure warns.
    assert fast_font_subsetting()


STYLES = ROOT / "styles"


def _themed(text: str) -> str:
    return f'<html><head><link rel="stylesheet" href="look.css"></head><body><p>{text}</p>'


def test_characters_no_font_has_are_reported():
    warnings = PdfRenderer(STYLES, [STYLES]).render(_themed("Boulanger \ue000")).warnings
    # The sentence is WeasyPrint's; the character the author typed is what must be named
    # (as itself or as its code point).
    assert any("\ue000" in w or "U+E000" in w.upper() for w in warnings), warnings
    clean = PdfRenderer(STYLES, [STYLES]).render(_themed("Éléa « ok » 3\u202f500\u00a0€"))
    assert clean.warnings == []


@pytest.mark.skipif(
    not shutil.which("fc-list")
    or not subprocess.run(["fc-list", ":charset=2011"], capture_output=True).stdout,
    reason="no font of this machine has U+2011",
)
def test_characters_taken_from_a_machine_font_are_reported():
    # Lato has no non-breaking hyphen (U+2011): a machine font provides it.
    warnings = PdfRenderer(STYLES, [STYLES]).render(_themed("peut\u2011être")).warnings
    assert any("a font of this machine" in w for w in warnings), warnings
