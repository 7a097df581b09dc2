"""preview replaces only its own sheet's images, each written whole."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import MINIMAL, run


def test_preview_replaces_only_its_own_images(tmp_path: Path):
    career = tmp_path / "boulanger.yaml"
    career.write_text(MINIMAL, encoding="utf-8")
    images = tmp_path / "images"
    images.mkdir()
    other = images / "boulanger-patissier-1.png"  # another sheet's page
    other.write_bytes(b"other")
    stale = images / "boulanger-7.png"  # a page of a longer, earlier version
    stale.write_bytes(b"stale")
    result = run("preview", career, "-o", images)
    assert result.exit_code == 0, result.output
    assert f"wrote {images / 'boulanger-1.png'}" in result.stdout
    assert (images / "boulanger-1.png").read_bytes().startswith(b"\x89PNG")
    assert other.read_bytes() == b"other"
    assert not stale.exists()
    assert sorted(p.name for p in images.iterdir()) == [
        "boulanger-1.png",
        "boulanger-patissier-1.png",
    ]
