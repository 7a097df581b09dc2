"""A new user's path: init, new, config, overrides, themes, languages, schema, preview, watch, QR."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pikepdf
import pytest
import yaml
from PIL import Image

from brochure.source.model import Career
from brochure.source.placeholders import PLACEHOLDERS, find_placeholders
from brochure.source.yamlfile import read_yaml
from tests.helpers import REFERENCE, ROOT, pdf_text, run, squeeze

SAMPLES = ROOT / "brochure" / "authoring" / "samples"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project made by `brochure init`, as the working folder."""
    result = run("init", tmp_path / "projet")
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "projet")
    return tmp_path / "projet"


# A one-page career in place of init's sample, for what does not depend on the
# sample's length (rendering the sample takes a few times longer).
SHORT_CAREER = """\
title: Boulanger·ère
sector: Artisanat
summary: Le boulanger ou la boulangère fabrique le pain et les viennoiseries.
training:
  level: CAP
salary:
  levels:
    - {label: Débutant, min: 1802, max: 1900}
    - {label: Confirmé, min: 2400}
recap:
  - [Métier, Boulanger·ère]
  - [Niveau d'études conseillé, CAP]
  - [Secteur, Artisanat]
"""


@pytest.fixture
def small_project(project: Path) -> Path:
    """The project of `brochure init` with a one-page career in data/."""
    (project / "data" / "boulanger.yaml").write_text(SHORT_CAREER, encoding="utf-8")
    return project


def _pixel(pdf: Path, tmp: Path, x_mm: float, y_mm: float, page: int = 1) -> tuple[int, ...]:
    prefix = tmp / f"px-{pdf.stem}"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-singlefile",
            "-r",
            "50",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    with Image.open(f"{prefix}.png") as image:
        return image.convert("RGB").getpixel((round(x_mm * 50 / 25.4), round(y_mm * 50 / 25.4)))


def test_init_makes_a_project_that_builds_at_once(project):
    assert sorted(p.name for p in project.iterdir()) == [
        "brochure.yaml",
        "data",
        "metiers.xlsx",
        "styles",
        "templates",
    ]
    result = run("build")
    assert result.exit_code == 0, result.output
    assert "Le boulanger" in pdf_text(project / "out" / "boulanger.pdf")
    again = run("init", project)
    assert again.exit_code == 2
    assert "a project is already here: not overwritten" in again.stderr


def test_new_writes_every_field_commented_and_valid(project):
    result = run("new", 'Chef·fe de cuisine : "gastronomie"')
    assert result.exit_code == 0, result.output
    path = project / "data" / "chef-fe-de-cuisine-gastronomie.yaml"
    assert f"created {Path('data') / path.name}" in result.stdout
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["title"] == 'Chef·fe de cuisine : "gastronomie"'
    # The date of the facts is the author's to set, not the day the file was made.
    assert set(data) == set(Career.model_fields) - {"origin", "updated"}
    assert '\n# updated: "' in text
    assert text.count("\n#") >= 10  # explained as it goes
    assert run("check", path).exit_code == 0
    refused = run("new", 'Chef·fe de cuisine : "gastronomie"')
    assert refused.exit_code == 2
    assert "already exists: not overwritten" in refused.stderr
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('accent: "red"', "accent: should be a colour written #RRGGBB, such as #1f5f8b, not 'red'"),
        ('accent: "#12345"', "accent: should be a colour written #RRGGBB"),
        (
            "qr_url: https://www.example.org/metiers",
            "qr_url: should be a web address holding {slug}",
        ),
        ("qr_url: javascript:alert({slug})", "qr_url: should be a web address holding {slug}"),
        ("language: de", "language: should be one of 'fr' or 'en', not 'de'"),
        ("theme: fancy", "no theme named 'fancy' (themes: default, sober)"),
        ("page_size: a3", "page_size: should be one of 'A4', 'A5' or 'Letter', not 'a3'"),
    ],
)
def test_bad_config_values_are_refused_with_their_line(project, line, message):
    config = project / "brochure.yaml"
    key = line.split(":")[0]
    lines = [
        old
        for old in config.read_text(encoding="utf-8").splitlines()
        if not old.startswith(f"{key}:")
    ]
    config.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    for command in ("build", "check"):  # one configuration, read the same way
        result = run(command)
        assert result.exit_code == 2, command
        assert message in result.stderr
        if key != "theme":  # a theme's name is checked once the file is read
            assert f"brochure.yaml:{len(lines) + 1}:" in result.stderr


def test_choices_in_the_config_take_any_case(project):
    config = project / "brochure.yaml"
    config.write_text(
        "page_size: a5\npdf_variant: PDF/UA-1\ntheme: Sober\nlanguage: FR\nprint_shop: True\n",
        encoding="utf-8",
    )
    result = run("check")
    assert result.exit_code == 0, result.stderr
    assert "1 file valid" in result.stdout or "files valid" in result.stdout


def test_a_missing_logo_only_stops_the_booklet(project):
    config = project / "brochure.yaml"
    config.write_text("logo: absent.png\n", encoding="utf-8")
    checked = run("check")
    assert checked.exit_code == 0, checked.stderr
    assert "brochure.yaml:1:7: logo: no image at" in checked.stderr
    assert "(only `brochure book` uses it)" in checked.stderr
    booklet = run("book", "-o", "livret.pdf")
    assert booklet.exit_code == 2
    assert "brochure.yaml:1:7: logo: no image at" in booklet.stderr


def test_accent_footer_and_qr_code_from_the_config(small_project, tmp_path):
    config = small_project / "brochure.yaml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + 'accent: "#B03A2E"\nfooter: CIO de Lyon · www.example.org\n'
        + "qr_url: https://www.example.org/metiers/{slug}\n",
        encoding="utf-8",
    )
    assert run("build").exit_code == 0
    pdf = small_project / "out" / "boulanger.pdf"
    text = pdf_text(pdf)
    assert text.count("CIO de Lyon · www.example.org") == text.count("\f")  # on every page
    assert "https://www.example.org/metiers/boulanger" in squeeze(text)  # may wrap
    red = _pixel(pdf, tmp_path, 30, 22)  # inside the title band
    assert abs(red[0] - 0xB0) < 10 and abs(red[1] - 0x3A) < 10, red
    # The QR code decodes back to the career's address.
    # On the first page, in "L'essentiel".
    page = next(n for n, p in enumerate(text.split("\f"), 1) if "metiers/" in p)
    assert page == 1
    image = tmp_path / "qr"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-singlefile",
            "-r",
            "150",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(image),
        ],
        check=True,
    )
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", f"{image}.png"], capture_output=True, text=True
    ).stdout.split()
    assert decoded == ["https://www.example.org/metiers/boulanger"]


def test_project_files_override_the_theme_file_by_file(small_project, tmp_path):
    (small_project / "styles" / "theme.css").write_text(".title-block { background: #00aa00; }\n")
    (small_project / "templates" / "partials").mkdir()
    (small_project / "templates" / "partials" / "sources.html").write_text(
        '<section class="sources"><h2>Nos sources</h2></section>\n'
    )
    assert run("build").exit_code == 0
    pdf = small_project / "out" / "boulanger.pdf"
    assert "Nos sources" in pdf_text(pdf)
    assert "Le boulanger" in pdf_text(pdf)
    green = _pixel(pdf, tmp_path, 30, 22)
    assert green[1] > 150 and green[0] < 40, green


def test_an_override_can_extend_the_base_and_replace_one_block(small_project):
    (small_project / "templates" / "sheet.html").write_text(
        '{% extends "!base/sheet.html" %}\n'
        "{% block recap %}<p>Tableau remplacé pour {{ title }}.</p>{% endblock %}\n"
    )
    assert run("build").exit_code == 0
    text = squeeze(pdf_text(small_project / "out" / "boulanger.pdf"))
    assert squeeze("Tableau remplacé pour Boulanger·ère.") in text
    assert "Tableaurécapitulatif" not in text
    assert squeeze("Le boulanger ou la boulangère") in text  # the rest is the base's


def test_template_errors_in_overrides_name_the_file_and_line(small_project):
    override = small_project / "templates" / "sheet.html"
    override.write_text(
        '{% extends "!base/sheet.html" %}\n{% block recap %}{{ nope }}{% endblock %}\n'
    )
    result = run("build")
    assert result.exit_code == 1
    # After our prefix comes Jinja's sentence: only the name the author typed is checked in it.
    (line,) = [line for line in result.stderr.splitlines() if "template error:" in line]
    assert f"{override.resolve()}:2: template error: " in line
    assert "nope" in line.split("template error: ", 1)[1]


def test_sober_theme_is_black_and_white(small_project, tmp_path):
    assert run("build", "--theme", "sober", "-o", "sober").exit_code == 0
    pdf = small_project / "sober" / "boulanger.pdf"
    assert _pixel(pdf, tmp_path, 30, 22) == (255, 255, 255)  # no filled title band
    assert "Le boulanger" in pdf_text(pdf)


def test_a_career_in_english_gets_english_labels_and_formats(career_file, tmp_path):
    source = career_file(
        REFERENCE.read_text(encoding="utf-8").replace(
            'updated: "2025-06-01"', 'updated: "2025-06-01"\nlanguage: en'
        ),
        name="prompt-engineer.yaml",
    )
    result = run("build", source, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out" / "prompt-engineer.pdf"
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    for expected in (
        "At a glance",
        "What you do",
        "Gross salary per month",
        "€3,500 to €4,000",
        "from €6,600",
        "Information as of 1 June 2025",
    ):
        assert expected in text, expected
    assert "Tableau récapitulatif" not in text
    with pikepdf.open(pdf) as document:
        assert str(document.Root.Lang) == "en"


def test_project_language_and_command_line_language(small_project):
    assert run("build", "--language", "en", "-o", "en").exit_code == 0
    assert "At a glance" in pdf_text(small_project / "en" / "boulanger.pdf")
    config = small_project / "brochure.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: fr", "language: en"))
    assert run("build", "-o", "en2").exit_code == 0
    assert "At a glance" in pdf_text(small_project / "en2" / "boulanger.pdf")


def _schema(kind: str) -> dict:
    result = run("schema", kind)
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_career_schema_validates_the_reference_and_catches_mistakes():
    schema = _schema("career")
    validator = jsonschema.Draft202012Validator(schema)
    reference = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(reference)) == []
    for bad in ({**reference, "sumary": "x"}, {k: v for k, v in reference.items() if k != "title"}):
        assert list(validator.iter_errors(bad)), bad
    properties = schema["properties"]
    for name, field in properties.items():
        assert field.get("description"), name
        if name != "origin":
            assert field.get("examples"), name


def test_config_schema_validates_the_init_template():
    validator = jsonschema.Draft202012Validator(_schema("config"))
    config = yaml.safe_load((SAMPLES / "brochure.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(config)) == []
    assert list(validator.iter_errors({"accent": "red"}))


@pytest.mark.parametrize(("name", "examples"), [("brochure.yaml", 8), ("new-career.yaml", 1)])
def test_the_french_samples_hold_the_same_settings(name, examples):
    """Only the comments differ: the same keys, values and commented-out examples."""
    english = (SAMPLES / name).read_text(encoding="utf-8")
    french = (SAMPLES / "fr" / name).read_text(encoding="utf-8")
    assert yaml.safe_load(french) == yaml.safe_load(english)
    commented = re.compile(r"^# [a-z_]+: .*$", re.M)
    assert len(commented.findall(french)) >= examples
    assert _shape(french) == _shape(english)  # each comment said in French, where it was


def _shape(text: str) -> list[str]:
    """A sample's lines, each run of comment lines (not a commented-out key) made one."""
    shape: list[str] = []
    for line in text.splitlines():
        prose = line.lstrip().startswith("#") and not re.match(r"# [a-z_]+: ", line)
        said = "# ..." if prose else line
        if not (prose and shape and shape[-1] == said):
            shape.append(said)
    return shape


def test_preview_writes_one_image_per_page(project):
    result = run("preview", "data/boulanger.yaml", "-o", "apercu", "--dpi", "30")
    assert result.exit_code == 0, result.output
    images = sorted((project / "apercu").glob("*.png"))
    assert [p.name for p in images] == ["boulanger-1.png", "boulanger-2.png"]
    with Image.open(images[0]) as image:
        width, height = image.size
    assert 247 <= width <= 249 and 350 <= height <= 352  # A4 at 30 dpi


def test_watch_renders_again_after_a_save_and_survives_mistakes(small_project):
    command = [sys.executable, "-m", "brochure", "watch"]
    watcher = subprocess.Popen(
        command, cwd=small_project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    pdf = small_project / "out" / "boulanger.pdf"
    source = small_project / "data" / "boulanger.yaml"
    try:
        deadline = time.monotonic() + 30
        while not pdf.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert pdf.exists()
        # A mistake is reported, and watching goes on.
        original = source.read_text(encoding="utf-8")
        source.write_text("title: [cassé\n", encoding="utf-8")
        time.sleep(1.0)
        source.write_text(
            original.replace("Boulanger·ère", "Boulanger·ère du quartier"), encoding="utf-8"
        )
        saved = time.monotonic()
        while "du quartier" not in pdf_text(pdf) and time.monotonic() - saved < 10:
            time.sleep(0.1)
        # How fast is the benchmark's business (bench/), not a timed test's.
        assert "du quartier" in pdf_text(pdf)
    finally:
        watcher.terminate()
        _, errors = watcher.communicate(timeout=10)
    assert "not valid YAML" in errors


def test_placeholders_left_are_warned_about_and_fail_strict(project):
    path = project / "data" / "patissier.yaml"
    assert run("new", "Pâtissier").exit_code == 0
    checked = run("check", path)
    assert checked.exit_code == 0
    line = next(
        number
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("sector:")
    )
    assert (
        f"warning: {path}: line {line}: sector: still holds the example text of 'brochure new'"
        " ('Secteur à préciser'): write this career's own text, or delete the line"
    ) in checked.stderr
    assert "rome_codes[0]: still holds the example text of 'brochure new' ('A0000')" in (
        checked.stderr
    )
    strict = run("check", "--strict", path)
    assert strict.exit_code == 1
    assert f"{path}:{line}:9: sector: still holds the example text" in strict.stderr
    # build --strict fails on them before rendering anything.
    built = run("build", "--strict", path)
    assert built.exit_code == 1
    assert "sector: still holds the example text of 'brochure new'" in built.stderr
    assert not (project / "out" / "patissier.pdf").exists()

    # Once written, no warning is left.
    def written(value: object) -> object:
        if isinstance(value, dict):
            return {key: written(item) for key, item in value.items()}
        if isinstance(value, list):
            return [written(item) for item in value]
        text = " ".join(str(value).split())
        return "Texte de l'auteur" if text in PLACEHOLDERS else value

    data = written(yaml.safe_load(path.read_text(encoding="utf-8")))
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    again = run("check", "--strict", path)
    assert again.exit_code == 0, again.stderr
    assert "warning" not in again.stderr


def test_placeholders_are_every_example_text_of_new(project):
    assert run("new", "Pâtissier").exit_code == 0
    document = read_yaml(project / "data" / "patissier.yaml")
    texts = {
        problem.message.split("('")[1].split("')")[0] for problem in find_placeholders(document)
    }
    assert texts == set(PLACEHOLDERS)
