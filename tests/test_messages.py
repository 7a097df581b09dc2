"""Our messages in French under a French locale, English otherwise; the catalogue complete."""

from __future__ import annotations

import re
import string
from pathlib import Path

import click
import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from click.testing import CliRunner

from brochure.catalogue.batch import BuildReport
from brochure.cli.build import _summarise
from brochure.cli.common import CLICK_MESSAGES, CLICK_PLURALS, TYPE_NAMES
from brochure.cli.main import cli
from brochure.i18n import CATALOGUES, catalogue, user_language
from tests.helpers import ROOT

KEYWORDS = {"_": None, "N_": None, "own_error": (2,)}
CATALOGUE = CATALOGUES / "fr" / "LC_MESSAGES" / "brochure.po"


def _marked() -> set[str]:
    """Every message marked for translation in brochure's code."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "brochure", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else next(m for m in message if m))
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_marked_message_has_its_french_and_no_other():
    with CATALOGUE.open("rb") as file:
        french = {m.id: m.string for m in read_po(file) if m.id}
    marked = _marked()
    assert len(marked) >= 415  # every command's messages and help, the library's problems
    missing = sorted(marked - {k for k, v in french.items() if v})
    assert missing == [], "run scripts/french_messages.py after adding these to it"
    assert sorted(set(french) - marked) == []  # no message left from older code
    for english, translation in french.items():
        assert _fields(translation) == _fields(english), english


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),  # LC_ALL wins, as for gettext
        ({"LANG": "C", "LC_MESSAGES": "fr_CA.UTF-8"}, "fr"),
        ({"LANGUAGE": "fr:en", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),  # not ours: English
    ],
)
def test_the_locale_decides(monkeypatch, environment, language):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert user_language() == language


def _run(arguments, lang):
    env = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": lang}
    return CliRunner().invoke(cli, [str(argument) for argument in arguments], env=env)


def _check(path, lang):
    return _run(["check", path], lang)


MISTAKES = [
    (
        "title: A\nsummary: B\nskills:\n  items:\n  - Rigueur\n    - Résistance\n",
        "6:5: skills.items[0]: ",
        "this list item is indented more than the item on line 5",
        "cet élément de liste est plus en retrait que celui de la ligne 5",
    ),
    (
        "title: A\nsummary: B\nskills:\n\titems: []\n",
        "4:1: ",
        "this is not valid YAML: this line is indented with a tab",
        "ce n'est pas du YAML valide : cette ligne est mise en retrait avec une tabulation",
    ),
    (
        "title: A\nmissions:\n  intro: Sa journée : elle est longue\n",
        "3:10: ",
        "this is not valid YAML: the ':' followed by a space inside this text makes YAML read a"
        ' new field: put the whole text in double quotes: intro: "Sa journée : elle est longue"',
        "ce n'est pas du YAML valide : le « : » suivi d'une espace dans ce texte fait lire un"
        " nouveau champ à YAML : mettez tout le texte entre guillemets droits :"
        ' intro: "Sa journée : elle est longue"',
    ),
    (
        "title: A\nsummary: B\nrésumé: C\n",
        "3:1: résumé: ",
        "unknown field (did you mean 'summary'?)",
        "champ inconnu (vouliez-vous dire « summary » ?)",
    ),
    (
        "title: A\nsummary: B\nupdated: 01/06/2025\n",
        "3:10: updated: ",
        "should be a date written YYYY-MM-DD",
        "doit être une date écrite AAAA-MM-JJ",
    ),
]


@pytest.mark.parametrize(("text", "where", "english", "french"), MISTAKES)
def test_check_says_each_mistake_in_the_locale_language(career_file, text, where, english, french):
    path = career_file(text)
    in_french = _check(path, "fr_FR.UTF-8")
    assert in_french.exit_code == 1
    assert f"{path}:{where}{french}" in in_french.stderr
    assert "fichiers en échec : 1 sur 1 :" in in_french.stderr
    in_english = _check(path, "C")
    assert in_english.exit_code == 1
    assert f"{path}:{where}{english}" in in_english.stderr
    assert "1 of 1 files failed:" in in_english.stderr


def test_a_valid_file_and_a_placeholder_in_french(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yaml").write_text("title: A\nsummary: B\nsector: Secteur à préciser\n")
    result = _check(data, "fr_FR.UTF-8")
    assert result.exit_code == 0
    assert "1 fichier valide." in result.stdout
    assert re.search(
        r"attention : .*a\.yaml: ligne 3 : sector: contient encore le texte d'exemple",
        result.stderr,
    )


def test_the_catalogue_is_read_once():
    assert catalogue("fr") is catalogue("fr")
    assert catalogue("en") == {}


CAREER = "title: Boulanger\nsummary: Fait le pain.\nsector: Alimentation\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with one career in data/, two files of one name, a spreadsheet, an XML file."""
    monkeypatch.chdir(tmp_path)
    for name in ("data/boulanger.yaml", "a/x.yaml", "b/x.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(CAREER, encoding="utf-8")
    (tmp_path / "colour.csv").write_text("Métier;Résumé;Couleur\nBoulanger;Pain;bleu\n")
    (tmp_path / "ok.csv").write_text("Métier;Résumé\nBoulanger;Fait le pain\n")
    (tmp_path / "other.xml").write_text('<?xml version="1.0"?><foo/>')
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "brochure.yaml").write_text("theme: nope\n")
    return tmp_path


# Each command, a typical error or summary: arguments (LANG's code put in for {lang}),
# exit code, what it says under LANG=C, what it says under LANG=fr_FR.UTF-8.
COMMANDS = [
    (
        "build a/x.yaml b/x.yaml",
        2,
        "b/x.yaml: would overwrite the sheet of a/x.yaml",
        "b/x.yaml: remplacerait le PDF de a/x.yaml",
    ),
    (
        "book --sector Nope data",
        2,
        "error: no sector 'Nope'; the sectors are: Alimentation (1)",
        "erreur : aucun secteur « Nope » ; les secteurs sont : Alimentation (1)",
    ),
    (
        "site -o data/site data",
        2,
        "data/site: is inside the careers' folder",
        "data/site: est dans le dossier des fiches métiers",
    ),
    (
        "preview --config config/brochure.yaml data/boulanger.yaml",
        2,
        "no theme named 'nope' (themes: default",
        "aucun thème nommé « nope » (thèmes : default",
    ),
    ("new Boulanger -o data", 2, "already exists: not overwritten", "existe déjà : pas remplacé"),
    (
        "new Pâtissier -o new-{lang}",
        0,
        "created new-C/patissier.yaml",
        "new-fr/patissier.yaml créé",
    ),
    ("init {lang}", 0, "Next: cd C && brochure build", "Ensuite : cd fr && brochure build"),
    ("init .", 2, "a project is already here", "un projet existe déjà ici"),
    (
        "import sheet colour.csv",
        1,
        "colour.csv:1: unknown column 'Couleur' (columns: title, summary",
        "colour.csv:1: colonne inconnue « Couleur » (colonnes : title, summary",
    ),
    (
        "import sheet ok.csv -o imported-{lang}",
        0,
        "1 created, 0 updated, 0 unchanged, 0 failed.",
        "créées : 1, mises à jour : 0, inchangées : 0, en échec : 0.",
    ),
    (
        "import onisep other.xml",
        1,
        "other.xml: this is not an ONISEP Idéo-Fiches métiers export",
        "other.xml: ce n'est pas un export Idéo-Fiches métiers de l'ONISEP",
    ),
    ("find zzz --in data", 1, "no career matches 'zzz'", "aucun métier ne correspond à « zzz »"),
    ("sectors data", 0, "1 sector, 1 career.", "1 secteur, 1 métier."),
    (
        "build --pagesize a4 data",
        2,
        "Error: No such option '--pagesize'.",
        "Erreur : L'option '--pagesize' n'existe pas.",
    ),
    (
        "build --page-size a3 data",
        2,
        "Error: Invalid value for '--page-size': 'a3' is not one of 'a4', 'a5', 'letter'.",
        "Erreur : Valeur refusée pour '--page-size' : 'a3' n'est pas l'une des valeurs 'a4',"
        " 'a5', 'letter'.",
    ),
    ("new", 2, "Error: Missing argument 'TITLE'.", "Erreur : Il manque l'argument 'TITRE'."),
    ("find", 2, "Missing argument 'QUERY...'.", "Il manque l'argument 'RECHERCHE...'."),
    (
        "schema career",
        0,
        '"description": "Name of the career, as the sheet\'s title."',
        '"description": "Nom du métier, titre de la fiche."',
    ),
    (
        "watch --help",
        0,
        "Render career files again within a second",
        "Refait le PDF des fiches métiers dans la seconde",
    ),
    (
        "import sheet --help",
        0,
        "Import a spreadsheet (.xlsx, .ods or .csv), one career a row.",
        "Importe un tableur (.xlsx, .ods ou .csv), un métier par ligne.",
    ),
]


@pytest.mark.parametrize(("command", "code", "english", "french"), COMMANDS)
def test_each_command_speaks_the_locale_language(project, command, code, english, french):
    for lang, said, other in (("fr_FR.UTF-8", french, english), ("C", english, french)):
        arguments = command.replace("{lang}", lang.split("_")[0]).split()
        if command == "init .":
            _run(["init", "."], lang)  # a project, so that the second init is refused
        result = _run(arguments, lang)
        assert result.exit_code == code, result.output
        assert said in result.output
        assert other not in result.output


def _help(arguments, lang):
    """A help page, its lines joined (no-break spaces and wrapping made plain spaces)."""
    result = _run([*arguments, "--help"], lang)
    assert result.exit_code == 0
    return " ".join(result.output.split())


def test_the_help_in_french_then_in_english_in_one_process():
    french = _help([], "fr_FR.UTF-8")
    assert "Usage : brochure [OPTIONS] COMMANDE [ARGS]..." in french
    assert "Transforme des fiches métiers (YAML) en fiches prêtes à imprimer (PDF)." in french
    assert "Commandes : book Réunit les fiches en un livret" in french
    assert "-h, --help Afficher ce message et quitter." in french
    assert "Vérifie les fiches métiers et brochure.yaml sans produire de PDF." in french
    english = _help([], "C")
    assert "Usage: brochure [OPTIONS] COMMAND [ARGS]..." in english
    assert "Turn career files (YAML) into print-ready career sheets (PDF)." in english
    assert "Commands: book Bind the careers' sheets into one booklet" in english
    assert "Validate career files and brochure.yaml without rendering them." in english
    build = _help(["build"], "fr_FR.UTF-8")
    assert "Produit le PDF des fiches métiers, seulement celles modifiées" in build
    assert "--clean Supprimer les PDF des métiers qui n'existent plus." in build
    assert "[par défaut : (tous les processeurs); x>=1]" in build
    assert "-o, --output DOSSIER Dossier des PDF" in build
    assert "-j, --jobs ENTIER Nombre de fiches" in build
    assert "--timeout NOMBRE Secondes de calcul" in build
    build = _help(["build"], "C")
    assert "Render career files to PDF, only those changed since the last build." in build
    assert "--clean Delete the PDFs of careers that no longer exist." in build
    assert "[default: (all cores); x>=1]" in build
    assert not {"DOSSIER", "ENTIER", "NOMBRE"} & set(
        build.split()
    )  # made in French, said in English


# The words naming a command's arguments and values: on its usage line, in its options and
# in the help text that names them, in French under a French locale.
METAVARS = [
    ("init", "Usage : brochure init [OPTIONS] [DOSSIER]", "Crée un projet dans DOSSIER"),
    ("new", "Usage : brochure new [OPTIONS] TITRE", "Crée une fiche métier pour TITRE,"),
    ("find", "Usage : brochure find [OPTIONS] RECHERCHE...", "--in CHEMIN Une fiche métier"),
    ("find", "correspondent à RECHERCHE.", "--in CHEMIN Une fiche métier"),
    ("build", "Usage : brochure build [OPTIONS] [CHEMIN]...", "CHEMIN est une fiche métier"),
    ("build", "-j, --jobs ENTIER Nombre", "--timeout NOMBRE Secondes"),
    ("book", "--title TEXTE Titre de la couverture", "--sector TEXTE Seulement ce secteur"),
    ("book", "--max-pages ENTIER Nombre", "-o, --output FICHIER Le livret"),
    ("preview", "Usage : brochure preview [OPTIONS] FICHE", "--dpi ENTIER Résolution"),
    ("import", "Usage : brochure import [OPTIONS] COMMANDE [ARGS]...", "Commandes :"),
    ("import sheet", "Usage : brochure import sheet [OPTIONS] TABLEUR", "--take-source CHAMP"),
    ("import onisep", "--licence TEXTE La licence", "Prendre la valeur de la source pour CHAMP"),
]
ENGLISH_METAVARS = {"TEXT", "INTEGER", "FLOAT", "RANGE", "COMMAND", "PATH", "[PATH]...", "FOLDER"}
ENGLISH_METAVARS |= {"[FOLDER]", "TITLE", "QUERY", "QUERY...", "CAREER", "TABLE", "FIELD", "FILE"}


@pytest.mark.parametrize(("command", "said", "also"), METAVARS)
def test_arguments_and_values_are_named_in_french(command, said, also):
    french = _help(command.split(), "fr_FR.UTF-8")
    assert said in french
    assert also in french
    assert not ENGLISH_METAVARS & set(french.replace(",", " ").split())
    english = _help(command.split(), "C")
    assert said not in english
    assert also not in english


def test_french_help_is_not_wrapped_before_a_colon(monkeypatch):
    for width in range(40, 81, 4):
        monkeypatch.setenv("COLUMNS", str(width))
        page = _run(["preview", "--help"], "fr_FR.UTF-8").output
        assert "par défaut\u00a0:" in page
        assert not any(line.lstrip().startswith((":", ";", "»")) for line in page.splitlines())


def test_the_build_summary_in_each_language(monkeypatch, capsys):
    report = BuildReport(unchanged=[Path("out/a.pdf")], seconds=1.25)
    monkeypatch.setenv("LANGUAGE", "fr")
    _summarise(report)
    said = "produites : 0, inchangées : 1, en échec : 0 ; 0 pages en 1,2 s.\n"
    assert capsys.readouterr().out == said
    monkeypatch.setenv("LANGUAGE", "en")
    _summarise(report)
    assert capsys.readouterr().out == "0 rendered, 1 unchanged, 0 failed; 0 pages in 1.2 s.\n"


def test_init_writes_its_comments_and_readmes_in_the_locale_language(tmp_path):
    said = {}
    for lang in ("fr_FR.UTF-8", "C"):
        folder = tmp_path / lang
        assert _run(["init", folder], lang).exit_code == 0
        said[lang] = [
            (folder / name).read_text(encoding="utf-8")
            for name in ("brochure.yaml", "styles/README.txt", "templates/README.txt")
        ]
    config, styles, templates = said["fr_FR.UTF-8"]
    assert config.startswith("# Configuration du projet brochure. Chaque clé est facultative")
    assert "# Format des pages : A4, A5 ou Letter.\npage_size: A4\n" in config
    assert "# Couleur d'accent, #RRVVBB.\n" in config
    assert "Les fichiers placés ici remplacent, un par un, le fichier du même nom" in styles
    assert "styles/theme.css (lu après look.css)" in styles
    assert "Voir le README de brochure" in templates
    for text in said["fr_FR.UTF-8"]:
        assert not re.search(r"\b(the|of|for|Files|Page format|See)\b", text), text
    config, styles, templates = said["C"]
    assert "Configuration du projet" not in config
    assert "Format des pages" not in config
    assert "Les fichiers placés ici" not in styles + templates


def test_new_writes_its_comments_in_the_locale_language(tmp_path):
    said = {}
    for lang in ("fr_FR.UTF-8", "C"):
        assert _run(["new", "Pâtissier", "-o", tmp_path / lang], lang).exit_code == 0
        said[lang] = (tmp_path / lang / "patissier.yaml").read_text(encoding="utf-8")
    french, english = said["fr_FR.UTF-8"], said["C"]
    assert "# Autres noms du métier.\nalso_known_as:" in french
    assert "# Date des informations, AAAA-MM-JJ : enlevez le # ci-dessous" in french
    assert "seuls title et summary sont requis" in french
    assert not re.search(r"\b(the|of|Other|Every|Check)\b", french)
    assert "Autres noms du métier" not in english
    assert yaml.safe_load(french) == yaml.safe_load(english)


@pytest.mark.parametrize(
    ("count", "english", "french"),
    [
        (1, "watching 1 career file;", "surveillance de 1 fiche métier ;"),
        (2, "watching 2 career files;", "surveillance de 2 fiches métiers ;"),
    ],
)
def test_watch_counts_its_careers_in_each_language(project, monkeypatch, count, english, french):
    def watch(*arguments, on_ready, **settings):
        on_ready(count)  # the first build done; then Ctrl-C, as it were

    monkeypatch.setattr("brochure.authoring.watch.watch", watch)
    for lang, said, other in (("fr_FR.UTF-8", french, english), ("C", english, french)):
        result = _run(["watch", "data"], lang)
        assert result.exit_code == 0, result.output
        assert said in result.output
        assert other not in result.output
        assert ("fiches métiers" in result.output) == (lang != "C" and count > 1)
        assert ("career files" in result.output) == (lang == "C" and count > 1)


def test_the_click_messages_we_translate_are_still_clicks():
    """A newer Click that rewords a message would leave it in English: say which."""
    said = set()
    folder = Path(click.__file__).parent
    keywords = {"_": None, "ngettext": (1, 2)}
    for _file, _line, message, _c, _x in extract_from_dir(folder, keywords=keywords):
        said.update([message] if isinstance(message, str) else message)
    ours = {*CLICK_MESSAGES, *CLICK_PLURALS, *CLICK_PLURALS.values()}
    assert sorted(ours - said) == []
    # The names Click gives its types, upper-cased into metavars and said in its messages.
    source = (folder / "types.py").read_text(encoding="utf-8")
    for kind, english in TYPE_NAMES.items():
        own_class = rf"class {kind.__name__}\((?:(?!\nclass ).)*?\n    name = \"{english}\"\n"
        assert re.search(own_class, source, re.S), kind


# Click's messages about a mistyped value: ours under a French locale, none of Click's English.
CLICK_MISTAKES = [
    (
        "build -j abc",
        "Erreur : Valeur refusée pour '-j' / '--jobs' : 'abc' n'est pas un entier valide.",
        "is not a valid",
    ),
    (
        "build --timeout x",
        "Erreur : Valeur refusée pour '--timeout' : 'x' n'est pas un nombre valide.",
        "is not a valid",
    ),
    ("build -j 0", "'-j' / '--jobs' : 0 n'est pas dans l'intervalle x>=1.", "is not in the range"),
    ("build --help=x", "Erreur : L'option '--help' ne prend pas de valeur.", "does not take"),
    ("book --logo nope.png", "Erreur : Valeur refusée pour '--logo' : Fichier", "does not exist"),
]


@pytest.mark.parametrize(("command", "french", "english"), CLICK_MISTAKES)
def test_clicks_messages_about_a_value_in_french(project, command, french, english):
    result = _run(command.split(), "fr_FR.UTF-8")
    assert result.exit_code == 2
    assert french in " ".join(result.output.split())
    assert english not in result.output
    result = _run(command.split(), "C")
    assert result.exit_code == 2
    assert french not in " ".join(result.output.split())
