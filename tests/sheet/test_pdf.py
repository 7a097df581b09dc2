"""WeasyPrint stage: files only from allowed folders, warnings captured, not lost."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from io import BytesIO
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


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_renderer_parses_a_stylesheet_once_and_its_sheets_come_out_the_same(tmp_path):
    import pikepdf

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "fonts").symlink_to(STYLES / "fonts", target_is_directory=True)
    look = (STYLES / "look.css").read_text(encoding="utf-8")
    (theme / "look.css").write_text(
        look + "@page { size: 100mm 150mm }\n"
        "@counter-style etoile { system: cyclic; symbols: '*'; suffix: ' ' }\n"
        "ol { list-style: etoile }\np { colour: red }\n",
        encoding="utf-8",
    )
    html = (
        '<html lang="fr"><head><link rel="stylesheet" href="look.css"></head>'
        "<body><p>{}</p><ol><li>Premier</li></ol>"
    )
    renderer = PdfRenderer(theme, [theme])
    first = renderer.render(html.format("Première fiche"), "pdf/ua-1")
    again = renderer.render(html.format("Seconde fiche"), "pdf/ua-1")
    fresh = PdfRenderer(theme, [theme]).render(html.format("Seconde fiche"), "pdf/ua-1")
    assert len(renderer.font_config.stylesheets) == 1  # parsed once, used twice
    assert again.data == fresh.data
    assert again.warnings == fresh.warnings == first.warnings
    assert any("colour" in warning for warning in again.warnings)
    with pikepdf.open(BytesIO(again.data)) as pdf:
        width, height = (float(value) * 25.4 / 72 for value in pdf.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (100, 150)  # its @page rule, reused
    assert "* Premier" in _pdf_text(again.data, tmp_path)  # its @counter-style, reused

    # The stylesheet edited (as under `brochure watch`): read anew.
    (theme / "look.css").write_text(look + "@page { size: 120mm 150mm }\n", encoding="utf-8")
    edited = renderer.render(html.format("Seconde fiche"), "pdf/ua-1")
    with pikepdf.open(BytesIO(edited.data)) as pdf:
        assert round(float(pdf.pages[0].mediabox[2]) * 25.4 / 72) == 120
    assert not any("colour" in warning for warning in edited.warnings)


def test_a_stylesheet_importing_another_is_read_anew_each_time(tmp_path):
    import pikepdf

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.css").write_text('@import "size.css";\n', encoding="utf-8")
    (theme / "size.css").write_text("@page { size: 100mm 150mm }\n", encoding="utf-8")
    html = '<html><head><link rel="stylesheet" href="main.css"></head><body><p>x</p>'
    renderer = PdfRenderer(theme, [theme])
    widths = []
    for size in ("100mm", "120mm"):
        (theme / "size.css").write_text(f"@page {{ size: {size} 150mm }}\n", encoding="utf-8")
        with pikepdf.open(BytesIO(renderer.render(html).data)) as pdf:
            widths.append(round(float(pdf.pages[0].mediabox[2]) * 25.4 / 72))
    assert widths == [100, 120]
