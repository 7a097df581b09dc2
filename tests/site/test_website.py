"""`brochure site`: every career's page, PDFs that resolve, nothing from outside, incremental, safe."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
from html import unescape
from urllib.parse import unquote, urlsplit

import pytest

from brochure.source.loader import load_career
from brochure.source.model import Career
from tests.helpers import (
    DATA,
    MINIMAL,
    html_addresses,
    html_text,
    pdf_text,
    run,
    squeeze,
    visible,
)
from tests.site.conftest import project_with_careers


def _block(markdown: str) -> str:
    """What a reader sees of Markdown paragraphs: no list marks nor heading marks."""
    lines = [re.sub(r"^\s*(#+|[-*+])\s+", "", line) for line in markdown.splitlines()]
    return visible("\n".join(lines))


def career_texts(career: Career) -> list[str]:
    """Every text of a career that its sheet prints, as a reader sees it."""
    texts = [career.title, *career.also_known_as, *career.all_sectors, _block(career.summary)]
    for section in (
        career.missions,
        career.skills,
        career.training,
        career.workplaces,
        career.outlook,
    ):
        if section is not None:
            texts += [_block(section.intro or ""), *(visible(item) for item in section.items)]
    if career.training is not None and career.training.level:
        texts.append(career.training.level)
    for item in [*career.specializations, *career.notable_people]:
        texts += [visible(item.name), visible(item.description or "")]
    if career.salary is not None:
        texts.append(_block(career.salary.note or ""))
        for level in career.salary.levels:
            texts += [visible(level.label), *(str(int(a)) for a in (level.min, level.max) if a)]
    texts += [
        visible(item) for item in [*career.career_paths, *career.related_careers, *career.interests]
    ]
    for source in career.sources:
        texts += [visible(source.label), source.url or ""]
    for label, value in career.recap:
        texts += [label, visible(value)]
    texts += [*career.statuses, *career.rome_codes]
    return [text for text in texts if text]


def test_every_career_has_a_page_with_every_text_of_its_sheet(built_site):
    project = built_site.parent
    sources = sorted((project / "data").glob("*.yaml"))
    assert len(sources) == 7
    for source in sources:
        page = built_site / "careers" / f"{source.stem}.html"
        html = page.read_text(encoding="utf-8")
        text = squeeze(html_text(html))
        career = load_career(source)
        for expected in career_texts(career):
            assert squeeze(expected) in text, (source.name, expected)
        assert f'<html lang="{career.language or "fr"}">' in html
        assert text.count(squeeze(career.title)) >= 1
        # Headings in order: one h1, then h2 sections, h3 only under them.
        levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_the_recap_table_has_headers(built_site):
    html = (built_site / "careers" / "infirmier.html").read_text(encoding="utf-8")
    recap = html[html.index('<section class="recap"') :]
    assert '<th scope="col">Donnée clé</th><th scope="col">Information</th>' in recap
    assert recap.count('<th scope="row">') == len(
        load_career(DATA / "careers" / "infirmier.yaml").recap
    )


def test_the_index_lists_every_career_in_french_order(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r'<h2><a href="careers/[^"]+">([^<]+)</a></h2>', html)
    assert titles == [
        "Aide-soignant·e", "Architecte", "Boulanger·ère", "Développeur·euse web",
        "Électricien·ne du bâtiment", "Infirmier·ère", "Sage-femme",
    ]  # fmt: skip
    text = html_text(html)
    assert "7 métiers" in text
    assert "Santé, Social" in text and "Bac+5" in text  # sectors and level of Sage-femme
    assert "Maïeuticien·ne" in text  # other names
    assert "Elle ou il suit la grossesse et l'accouchement." in text  # the summary line


def test_no_page_loads_anything_from_outside_the_site(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) == 8  # the index and a page per career
    data_links = {
        source.url
        for path in (built_site.parent / "data").glob("*.yaml")
        for source in load_career(path).sources
    }
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in html and "default-src 'none'" in html
        for tag, _, address in html_addresses(html):
            scheme = urlsplit(address).scheme
            if tag == "a" and scheme:
                # Only the career's own sources, followed when clicked, never loaded.
                assert scheme in ("http", "https", "mailto") and address in data_links, address
                continue
            assert not scheme and not address.startswith("//"), (page, address)
            target = (page.parent / unquote(address.split("#")[0])).resolve()
            assert target.is_relative_to(built_site.resolve()) and target.exists(), (page, address)
    for sheet in (built_site / "assets").glob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        assert "@import" not in text and "url(" not in text and "//" not in text, sheet
    script = (built_site / "assets" / "search.js").read_text(encoding="utf-8")
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(|https?:", script)


def test_pdf_links_resolve_to_the_careers_sheets(built_site):
    for page in sorted((built_site / "careers").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        links = [a for tag, _, a in html_addresses(html) if a.endswith(".pdf")]
        assert len(links) == 1, page
        pdf = (page.parent / links[0]).resolve()
        assert pdf.parent == (built_site / "pdf").resolve() and pdf.stem == page.stem
        title = unescape(re.search(r"<h1>([^<]+)</h1>", html).group(1))
        assert squeeze(title) in squeeze(pdf_text(pdf))
        pages = pdf_text(pdf).count("\f")
        assert f"(PDF, {pages}\u00a0page{'s' if pages > 1 else ''}, " in html_text(html)


def test_a_second_run_writes_nothing_and_a_change_rewrites_its_page_only(tmp_path):
    project = project_with_careers(tmp_path, "architecte", "boulanger")
    site = tmp_path / "site"
    first = run("site", project / "data", "-o", site, "-j", "1")
    assert first.exit_code == 0, first.output
    times = {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}

    again = run("site", project / "data", "-o", site)
    assert again.exit_code == 0, again.output
    assert (
        "sheets: 0 rendered, 3 unchanged; files: 0 written, 7 unchanged, 0 removed" in again.stdout
    )
    assert {path: path.stat().st_mtime_ns for path in times} == times

    career = project / "data" / "architecte.yaml"
    career.write_text(career.read_text(encoding="utf-8").replace("Bac+5", "Bac+6", 1), "utf-8")
    changed = run("site", project / "data", "-o", site)
    assert changed.exit_code == 0, changed.output
    assert "sheets: 1 rendered, 2 unchanged; files: 2 written" in changed.stdout
    rewritten = {path for path in times if path.stat().st_mtime_ns != times[path]}
    assert rewritten == {
        site / "careers" / "architecte.html", site / "index.html", site / "pdf" / "architecte.pdf",
        site / "pdf" / ".brochure-manifest.json", site / ".brochure-site.json",
    }  # fmt: skip
    assert "Bac+6" in (site / "careers" / "architecte.html").read_text(encoding="utf-8")

    (project / "data" / "architecte.yaml").unlink()
    gone = run("site", project / "data", "-o", site)
    assert gone.exit_code == 0, gone.output
    assert not (site / "careers" / "architecte.html").exists()
    assert not (site / "pdf" / "architecte.pdf").exists()
    assert "Architecte" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_sheet_that_fails_leaves_its_page_without_a_pdf_link(tmp_path):
    project = project_with_careers(tmp_path, "infirmier")
    site = tmp_path / "site"
    assert run("site", project / "data", "-o", site).exit_code == 0
    result = run("site", project / "data", "-o", site, "--max-pages", "1", "--force")
    assert result.exit_code == 1
    assert "infirmier.yaml" in result.stderr
    page = (site / "careers" / "infirmier.html").read_text(encoding="utf-8")
    assert ".pdf" not in page and "Infirmier·ère" in page  # the page, without a stale PDF
    assert not (site / "pdf" / "infirmier.pdf").exists()
    assert (site / "pdf" / "sage-femme.pdf").exists()  # one page: within the limit


def test_data_cannot_inject_markup_or_script(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "piege.yaml").write_text(
        'title: "<script>alert(1)</script>{{ 7*7 }}"\n'
        'summary: "<img src=x onerror=alert(1)> [clic](javascript:alert(1)) [ok](https://example.org)"\n'
        'sectors: ["<b>Gras</b>"]\nrome_codes: ["\\" onmouseover=\\"alert(1)"]\n',
        encoding="utf-8",
    )
    result = run("site", data, "-o", tmp_path / "site", "--pdf-variant", "none")
    assert result.exit_code == 0, result.output
    for page in [tmp_path / "site" / "index.html", tmp_path / "site" / "careers" / "piege.html"]:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img" not in html and "<b>" not in html
        assert "javascript:" not in html.replace("[clic](javascript:alert(1))", "")
        assert 'onmouseover="' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in html
    career = (tmp_path / "site" / "careers" / "piege.html").read_text(encoding="utf-8")
    assert "<script" not in career  # a career's page runs no script at all
    assert '<a href="https://example.org">ok</a>' in career


@pytest.mark.parametrize(
    "where",
    ["inside-data", "foreign-files", "pdf-output", "templates"],
)
def test_refused_site_folders(tmp_path, monkeypatch, where):
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (project / "brochure.yaml").write_text("language: fr\n", encoding="utf-8")
    (project / "templates").mkdir()
    monkeypatch.chdir(project)
    folder = {
        "inside-data": project / "data" / "site",
        "foreign-files": project,  # brochure.yaml and data/ are the user's
        "pdf-output": project / "out",
        "templates": project / "templates" / "site",
    }[where]
    if where == "pdf-output":
        assert run("build", "-j", "1").exit_code == 0
    before = sorted(p for p in project.rglob("*"))
    result = run("site", "-o", folder)
    assert result.exit_code == 2, result.output
    message = {
        "inside-data": "is inside the careers' folder",
        "foreign-files": "holds files brochure did not write there (brochure.yaml, data",
        "pdf-output": "holds files brochure did not write there (.brochure-manifest.json, a.pdf",
        "templates": "is inside the theme's folder",
    }[where]
    assert message in result.stderr
    after = sorted(p for p in project.rglob("*") if p.name != ".brochure-lock")
    assert [p for p in after if p not in before] == []  # nothing written


def test_another_projects_site_is_refused_and_links_are_not_followed(tmp_path):
    for name in ("one", "two"):
        (tmp_path / name / "data").mkdir(parents=True)
        (tmp_path / name / "data" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
        (tmp_path / name / "brochure.yaml").write_text("language: fr\n", encoding="utf-8")
    site = tmp_path / "shared-site"

    def make(name: str):
        project = tmp_path / name
        return run("site", project / "data", "--config", project / "brochure.yaml", "-o", site)

    one = make("one")
    assert one.exit_code == 0, one.output
    two = make("two")
    assert two.exit_code == 2
    assert f"holds the site of another project, {(tmp_path / 'one').resolve()}" in two.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(site / "careers")
    (site / "careers").symlink_to(elsewhere)
    linked = make("one")
    assert linked.exit_code == 2
    assert "is a link or a file where the site keeps a folder" in linked.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_page_that_is_a_link_is_replaced_never_written_through(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    site = tmp_path / "site"
    assert run("site", data, "-o", site, "--pdf-variant", "none").exit_code == 0
    outside = tmp_path / "precious.html"
    outside.write_text("mine", encoding="utf-8")
    page = site / "careers" / "a.html"
    page.unlink()
    page.symlink_to(outside)
    assert run("site", data, "-o", site).exit_code == 0
    assert outside.read_text(encoding="utf-8") == "mine"
    assert not page.is_symlink() and "Boulanger" in page.read_text(encoding="utf-8")


def test_english_labels_accent_and_overridden_templates(tmp_path, monkeypatch):
    project = tmp_path
    (project / "data").mkdir()
    (project / "data" / "baker.yaml").write_text(
        "title: Baker\nsummary: Bakes bread.\ntraining: {level: Sans diplôme}\n", encoding="utf-8"
    )
    (project / "brochure.yaml").write_text('language: en\naccent: "#ffd400"\n', encoding="utf-8")
    (project / "templates" / "site").mkdir(parents=True)
    (project / "templates" / "site" / "career.html").write_text(
        '{% extends "!base/site/career.html" %}\n'
        '{% block download %}<p class="ours">Ask us for a printed copy.</p>{{ super() }}{% endblock %}\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(project)
    result = run("site", "--pdf-variant", "none")
    assert result.exit_code == 0, result.output
    page = (project / "site" / "careers" / "baker.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Skip to content" in page
    assert "Ask us for a printed copy." in page and "Download or print the sheet" in page
    index = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Search for a career" in index and "1 career" in index
    assert '<option value="0">No diploma (1)</option>' in index
    colours = (project / "site" / "assets" / "colours.css").read_text(encoding="utf-8")
    assert "--accent: #ffd400;" in colours and "--strong: #806a00;" in colours


def test_the_site_record_names_only_what_brochure_wrote(built_site):
    record = json.loads((built_site / ".brochure-site.json").read_text(encoding="utf-8"))
    assert record["project"] == str(built_site.parent.resolve())
    assert set(record["files"]) == {
        "index.html", "assets/site.css", "assets/search.js", "assets/colours.css",
        *(f"careers/{path.stem}.html" for path in (built_site.parent / "data").glob("*.yaml")),
    }  # fmt: skip


def test_qr_codes_can_point_to_the_pages(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "boulanger.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "brochure.yaml").write_text(
        "qr_url: https://www.example.org/metiers/careers/{slug}.html\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert run("site").exit_code == 0
    assert (tmp_path / "site" / "careers" / "boulanger.html").is_file()
    # The address is printed in full, wrapped to the panel's width if need be.
    assert "https://www.example.org/metiers/careers/boulanger.html" in squeeze(
        pdf_text(tmp_path / "site" / "pdf" / "boulanger.pdf")
    )


def test_a_career_file_name_with_spaces_and_signs_gets_a_working_link(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "aide soignant #2?.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("site", data, "-o", tmp_path / "site", "--pdf-variant", "none")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    index = (site / "index.html").read_text("utf-8")
    links = [a for tag, _, a in html_addresses(index) if tag == "a" and a != "#main"]
    assert links == ["careers/aide%20soignant%20%232%3F.html"]
    page = site / unquote(links[0])
    assert page.is_file()
    pdf = [a for _, _, a in html_addresses(page.read_text("utf-8")) if a.endswith(".pdf")]
    assert (page.parent / unquote(pdf[0])).resolve() == (
        site / "pdf" / "aide soignant #2?.pdf"
    ).resolve()


@pytest.mark.slow
def test_a_thousand_pages_are_written_then_left_alone(tmp_path):
    """The pages alone; how long they take is measured by bench/site.py."""
    from brochure.catalogue.batch import BuildSettings
    from brochure.site.website import SiteSettings, make_site
    from tests.helpers import REFERENCE

    data = tmp_path / "data"
    data.mkdir()
    text = REFERENCE.read_text(encoding="utf-8")
    for number in range(1000):
        retitled = re.sub(r"^title: .*$", f"title: Métier {number}", text, count=1, flags=re.M)
        (data / f"metier-{number:04}.yaml").write_text(retitled, encoding="utf-8")
    sources = sorted(data.glob("*.yaml"))
    settings = SiteSettings(
        tmp_path / "site", BuildSettings(tmp_path / "site" / "pdf", project=tmp_path), pdfs=False
    )
    report = make_site(sources, settings)
    assert report.pages == 1000 and len(report.written) == 1004 and report.failed == []
    again = make_site(sources, settings)
    assert again.written == [] and again.unchanged == 1004


def test_a_career_file_name_that_is_not_utf8_gets_a_working_link(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    name = os.fsdecode(b"m\xe9tier.yaml")  # Latin-1, from an old share
    (data / name).write_text(MINIMAL, encoding="utf-8")
    # -q: the test's output stream, unlike brochure's, cannot print such a name.
    result = run("site", data, "-o", tmp_path / "site", "--pdf-variant", "none", "-q")
    assert result.exit_code == 0, result.output
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "careers/m%E9tier.html" in index
    page = tmp_path / "site" / "careers" / os.fsdecode(b"m\xe9tier.html")
    assert "../pdf/m%E9tier.pdf" in page.read_text("utf-8")
    assert (tmp_path / "site" / "pdf" / os.fsdecode(b"m\xe9tier.pdf")).is_file()


def test_a_page_changed_by_someone_is_not_removed_with_its_career(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("a", "b"):
        (data / f"{name}.yaml").write_text(MINIMAL, encoding="utf-8")
    site = tmp_path / "site"
    assert run("site", data, "-o", site, "--pdf-variant", "none").exit_code == 0
    (site / "careers" / "a.html").write_text("edited by hand", encoding="utf-8")
    (data / "a.yaml").unlink()
    (data / "b.yaml").unlink()
    (data / "c.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("site", data, "-o", site)
    assert result.exit_code == 0, result.output
    assert "1 removed" in result.stdout
    assert (site / "careers" / "a.html").read_text(encoding="utf-8") == "edited by hand"
    assert not (site / "careers" / "b.html").exists()


def test_a_career_with_mistakes_is_reported_and_the_others_are_made(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "bon.yaml").write_text(MINIMAL, encoding="utf-8")
    (data / "casse.yaml").write_text("title: Cassé\nsumary: oups\n", encoding="utf-8")
    result = run("site", data, "-o", tmp_path / "site", "--pdf-variant", "none")
    assert result.exit_code == 1
    assert f"{data / 'casse.yaml'}:2:1: sumary: unknown field" in result.stderr
    assert "1 of 2 files failed" in result.stderr
    assert (tmp_path / "site" / "careers" / "bon.html").is_file()
    assert not (tmp_path / "site" / "careers" / "casse.html").exists()
    assert "Cassé" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
