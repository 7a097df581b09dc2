"""The French of brochure's messages: writes brochure/locale/fr/LC_MESSAGES/brochure.po.

Run after marking new messages with _() (``python scripts/french_messages.py``);
tests/test_messages.py says which are missing.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "brochure" / "locale" / "fr" / "LC_MESSAGES" / "brochure.po"

FRENCH = {
    "one of {choices} or {last}": "l'une des valeurs {choices} ou {last}",
    "warning: ": "attention : ",
    "1 file valid.": "1 fichier valide.",
    "{count} files valid.": "{count} fichiers valides.",
    "error: ": "erreur : ",
    "{failed} of {total} files failed:": "fichiers en échec : {failed} sur {total} :",
    "should be true or false, not '{value}'": "doit valoir true ou false, pas « {value} »",
    "should be a colour written #RRGGBB, such as #1f5f8b, not '{value}'": (
        "doit être une couleur écrite #RRVVBB, comme #1f5f8b, pas « {value} »"
    ),
    "should be a web address holding {slug}, such as https://www.example.org/metiers/{slug},"
    " not '{value}'": (
        "doit être une adresse web contenant {slug}, comme"
        " https://www.example.org/metiers/{slug}, pas « {value} »"
    ),
    "no career file (*.yaml) in this folder": "aucune fiche métier (*.yaml) dans ce dossier",
    "is a link to {target}, outside {folder}: refused; copy the career file into the folder"
    " instead": (
        "est un lien vers {target}, hors de {folder} : refusé ; copiez plutôt la fiche métier"
        " dans le dossier"
    ),
    "no such file or folder": "aucun fichier ni dossier de ce nom",
    "; to find a career by its name: brochure find {name}": (
        " ; pour trouver un métier par son nom : brochure find {name}"
    ),
    " (failed by --strict)": " (échec imposé par --strict)",
    "is empty: write a value or remove the line": (
        "est vide : écrivez une valeur ou supprimez la ligne"
    ),
    "should be an amount such as 2100": "doit être un montant, comme 2100",
    "should be an amount such as 2100 or 11.88, not '{value}'": (
        "doit être un montant, comme 2100 ou 11,88, pas « {value} »"
    ),
    "is not an amount": "n'est pas un montant",
    "should be a date written YYYY-MM-DD, such as 2025-06-01": (
        "doit être une date écrite AAAA-MM-JJ, comme 2025-06-01"
    ),
    "only http://, https:// and mailto: links are allowed, not '{value}'": (
        "seuls les liens http://, https:// et mailto: sont acceptés, pas « {value} »"
    ),
    "the link '{value}' has no host": "le lien « {value} » n'a pas de nom de site",
    "each recap row should be a pair of texts: [label, value]": (
        "chaque ligne du récapitulatif doit être une paire de textes : [libellé, valeur]"
    ),
    "should be {choices}, not '{value}'": "doit être {choices}, pas « {value} »",
    "give min, max or both": "indiquez min, max ou les deux",
    "min ({min}) is greater than max ({max})": "min ({min}) est plus grand que max ({max})",
    "the career's texts hold {size} characters, more than a sheet can take ({limit} at most,"
    " about 40 pages)": (
        "les textes du métier comptent {size} caractères, plus qu'une fiche ne peut en"
        " contenir ({limit} au plus, environ 40 pages)"
    ),
    "the career's lists hold {count} entries, more than a sheet can take ({limit} at most,"
    " about 40 pages): shorten them": (
        "les listes du métier comptent {count} entrées, plus qu'une fiche ne peut en contenir"
        " ({limit} au plus, environ 40 pages) : raccourcissez-les"
    ),
    "still holds the example text of 'brochure new' ('{text}'): write this career's own text,"
    " or delete the line": (
        "contient encore le texte d'exemple de « brochure new » (« {text} ») : écrivez le"
        " texte propre à ce métier, ou supprimez la ligne"
    ),
    "line {line}: ": "ligne {line} : ",
    "is empty: '#' starts a comment in YAML, so what follows it was left out; put the text in"
    ' double quotes: "{text}"': (
        "est vide : « # » commence un commentaire en YAML, donc la suite a été ignorée ;"
        ' mettez le texte entre guillemets droits : "{text}"'
    ),
    "should be text, not a mapping of fields: the ':' followed by a space inside it made YAML"
    ' read a field; put the whole text in double quotes: "{text}"': (
        "devrait être un texte, pas une liste de champs : le « : » suivi d'une espace a fait"
        ' lire un champ à YAML ; mettez tout le texte entre guillemets droits : "{text}"'
    ),
    "should be text, not a list: a text starting with '[' is read as a list by YAML; put the"
    ' whole text in double quotes: "{text}"': (
        "devrait être un texte, pas une liste : YAML lit comme une liste un texte qui commence"
        ' par « [ » ; mettez tout le texte entre guillemets droits : "{text}"'
    ),
    "an empty value": "une valeur vide",
    "a mapping of fields": "une liste de champs",
    "a list": "une liste",
    "the text '{text}'": "le texte « {text} »",
    "is required but missing": "est obligatoire mais absent",
    "unknown field (did you mean '{field}'?)": "champ inconnu (vouliez-vous dire « {field} » ?)",
    "unknown field (known fields: {fields})": "champ inconnu (champs connus : {fields})",
    "should be text, not {kind}": "devrait être un texte, pas {kind}",
    "should be a list, not {kind}": "devrait être une liste, pas {kind}",
    "should be a mapping of fields, not {kind}": "devrait être une liste de champs, pas {kind}",
    "is not a value this field takes ({kind})": (
        "n'est pas une valeur acceptée par ce champ ({kind})"
    ),
    "the file holds more than one YAML document (a second '---'); put one career per file": (
        "le fichier contient plus d'un document YAML (un second « --- ») : un seul métier par"
        " fichier"
    ),
    "YAML aliases (*{name}) are not allowed: write the value out in full": (
        "les alias YAML (*{name}) ne sont pas acceptés : écrivez la valeur en entier"
    ),
    "YAML anchors (&{name}) are not allowed: write the value out in full": (
        "les ancres YAML (&{name}) ne sont pas acceptées : écrivez la valeur en entier"
    ),
    "a text cannot start with '!' in YAML (it marks a type): put the whole text in double quotes": (
        "en YAML, un texte ne peut pas commencer par « ! » (qui indique un type) : mettez tout"
        " le texte entre guillemets droits"
    ),
    "YAML tags ({tag}) are not allowed: write plain values, and put quotes around text that"
    " YAML might misread": (
        "les étiquettes YAML ({tag}) ne sont pas acceptées : écrivez des valeurs simples, et"
        " mettez entre guillemets un texte que YAML pourrait mal lire"
    ),
    "lists and mappings are nested more than {depth} levels deep": (
        "les listes et les champs sont imbriqués sur plus de {depth} niveaux"
    ),
    "holds an escape such as \\ud800, half of a character that cannot be saved: remove it or"
    " write the whole character": (
        "contient un échappement comme \\ud800, une moitié de caractère impossible à"
        " enregistrer : supprimez-le ou écrivez le caractère entier"
    ),
    "this list item is indented more than the item on line {line}, so YAML joined it to that"
    " item's text: give every item of the list the same indentation": (
        "cet élément de liste est plus en retrait que celui de la ligne {line}, donc YAML l'a"
        " collé au texte de ce dernier : donnez le même retrait à tous les éléments de la liste"
    ),
    "a key must be a plain name, not a list, a mapping or a YAML construct": (
        "un nom de champ doit être un simple nom, pas une liste ni une construction YAML"
    ),
    "duplicate key '{name}' (first given on line {line}); keep only one": (
        "champ « {name} » en double (déjà donné ligne {line}) : n'en gardez qu'un"
    ),
    "no such file": "ce fichier n'existe pas",
    "is a folder, not a career file": "est un dossier, pas une fiche métier",
    "cannot be read ({reason})": "ne peut pas être lu ({reason})",
    "the file is {size} KiB; a career file may hold at most {limit} KiB": (
        "le fichier fait {size} Kio ; une fiche métier peut faire au plus {limit} Kio"
    ),
    "the file holds a character YAML does not allow (U+{code}): remove it": (
        "le fichier contient un caractère que YAML refuse (U+{code}) : supprimez-le"
    ),
    "this is not valid YAML: {why}": "ce n'est pas du YAML valide : {why}",
    "this is not valid YAML: an escape (\\U...) is not a character": (
        "ce n'est pas du YAML valide : un échappement (\\U...) n'est pas un caractère"
    ),
    "a single value": "une valeur seule",
    "the file holds {kind}; a career file must be a mapping of fields (title: ..., summary: ...)": (
        "le fichier contient {kind} ; une fiche métier doit être une liste de champs"
        " (title: ..., summary: ...)"
    ),
    "the file is not valid UTF-8 (byte 0x{byte}); save it as UTF-8 in your editor": (
        "le fichier n'est pas en UTF-8 valide (octet 0x{byte}) : enregistrez-le en UTF-8 dans"
        " votre éditeur"
    ),
    "a reference to another value": "une référence à une autre valeur",
    "a name for the value": "un nom donné à la valeur",
    "a type": "un type",
    "a directive": "une directive",
    "a reserved sign": "un signe réservé",
    "this line is indented with a tab; YAML accepts only spaces: replace the tab with spaces": (
        "cette ligne est mise en retrait avec une tabulation ; YAML n'accepte que des espaces :"
        " remplacez la tabulation par des espaces"
    ),
    "the quote that opens this text is never closed: add the same quote at its end (an"
    " apostrophe inside single quotes is written twice: 'L''infirmier')": (
        "le guillemet qui ouvre ce texte n'est jamais fermé : ajoutez le même guillemet à la"
        " fin (une apostrophe entre apostrophes s'écrit deux fois : 'L''infirmier')"
    ),
    "this line has no ':' after its field name: write 'name: value' (or, if it continues the"
    " text above, indent it like that text)": (
        "cette ligne n'a pas de « : » après le nom du champ : écrivez « nom: valeur » (ou, si"
        " elle continue le texte au-dessus, mettez-la en retrait comme ce texte)"
    ),
    "an apostrophe inside a text in single quotes ends the text: put the text in double"
    " quotes instead (\"L'infirmier…\"), or write the apostrophe twice ('L''infirmier…')": (
        "une apostrophe dans un texte entre apostrophes termine le texte : mettez plutôt le"
        " texte entre guillemets droits (\"L'infirmier…\"), ou doublez l'apostrophe"
        " ('L''infirmier…')"
    ),
    "a double quote inside a text in double quotes ends the text: write the inner quotes as"
    ' « » (or \\"), or put the text in single quotes': (
        "un guillemet droit dans un texte entre guillemets droits termine le texte : écrivez"
        ' les guillemets intérieurs « » (ou \\"), ou mettez le texte entre apostrophes'
    ),
    "a text cannot start with '{sign}' in YAML, which reads {meaning}: put the whole text in"
    " double quotes: {fixed}": (
        "en YAML, un texte ne peut pas commencer par « {sign} », qui y indique {meaning} :"
        " mettez tout le texte entre guillemets droits : {fixed}"
    ),
    "the ':' followed by a space inside this text makes YAML read a new field: put the whole"
    " text in double quotes: {fixed}": (
        "le « : » suivi d'une espace dans ce texte fait lire un nouveau champ à YAML : mettez"
        " tout le texte entre guillemets droits : {fixed}"
    ),
    "this list item is indented differently from the lines above it": (
        "cet élément de liste n'a pas le même retrait que les lignes au-dessus"
    ),
    "this line is indented differently from the lines above it": (
        "cette ligne n'a pas le même retrait que les lignes au-dessus"
    ),
    ": give the fields of a mapping, and the items of a list, the same indentation": (
        " : donnez le même retrait aux champs d'un même groupe, et aux éléments d'une même liste"
    ),
    "; check the quotes and indentation of this line and the line above": (
        " ; vérifiez les guillemets et le retrait de cette ligne et de celle du dessus"
    ),
    # The command line: help texts (brochure --help, brochure COMMAND --help).
    "Turn career files (YAML) into print-ready career sheets (PDF).": (
        "Transforme des fiches métiers (YAML) en fiches prêtes à imprimer (PDF)."
    ),
    "Validate career files and brochure.yaml without rendering them.\n\nPATH is a career file"
    " or a folder searched for *.yaml (default: data/). brochure.yaml is checked as `brochure"
    " build` reads it (a mistake there exits with 2, as build does); what only `brochure book`"
    " reads (logo, cover_image) is a warning.": (
        "Vérifie les fiches métiers et brochure.yaml sans produire de PDF.\n\nCHEMIN est une"
        " fiche métier ou un dossier où chercher les fichiers *.yaml (par défaut : data/)."
        " brochure.yaml est vérifié comme `brochure build` le lit (une erreur y donne le code"
        " de sortie 2, comme pour build) ; ce que seul `brochure book` lit (logo, cover_image)"
        " donne un avertissement."
    ),
    "Render career files to PDF, only those changed since the last build.\n\nPATH is a career"
    " file or a folder searched for *.yaml (default: data/).": (
        "Produit le PDF des fiches métiers, seulement celles modifiées depuis la dernière"
        " fois.\n\nCHEMIN est une fiche métier ou un dossier où chercher les fichiers *.yaml"
        " (par défaut : data/)."
    ),
    "Bind the careers' sheets into one booklet: cover, contents by sector, every sheet, index."
    "\n\nPATH is a career file or a folder searched for *.yaml (default: data/).": (
        "Réunit les fiches en un livret : couverture, sommaire par secteur, toutes les fiches,"
        " index.\n\nCHEMIN est une fiche métier ou un dossier où chercher les fichiers *.yaml"
        " (par défaut : data/)."
    ),
    "Make the catalogue a static website: an index with search, a page and a PDF per career."
    "\n\nPATH is a career file or a folder searched for *.yaml (default: data/). The site opens"
    " from disk (file://), a USB stick or any web server.": (
        "Fait du catalogue un site web statique : un index avec recherche, une page et un PDF"
        " par métier.\n\nCHEMIN est une fiche métier ou un dossier où chercher les fichiers"
        " *.yaml (par défaut : data/). Le site s'ouvre depuis le disque (file://), une clé USB"
        " ou n'importe quel serveur web."
    ),
    "Create a project in FOLDER (default: here): brochure.yaml, data/ with a sample,"
    " overrides.\n\nAlso a starter spreadsheet, metiers.xlsx: its columns and one example row,"
    " for careers kept in a spreadsheet (`brochure import sheet metiers.xlsx`).": (
        "Crée un projet dans DOSSIER (par défaut : ici) : brochure.yaml, data/ avec un exemple,"
        " des dossiers de personnalisation.\n\nAussi un tableur de départ, metiers.xlsx : ses"
        " colonnes et une ligne d'exemple, pour des métiers tenus dans un tableur (`brochure"
        " import sheet metiers.xlsx`)."
    ),
    "Create a career file for TITLE, every field present and explained.": (
        "Crée une fiche métier pour TITRE, avec tous les champs, chacun expliqué."
    ),
    "Print the JSON Schema of career files or of brochure.yaml, for editors.": (
        "Affiche le schéma JSON des fiches métiers ou de brochure.yaml, pour les éditeurs de texte."
    ),
    "Write PNG images of a career's pages, for a quick look or a web page.": (
        "Enregistre les pages d'une fiche en images PNG, pour un coup d'œil ou une page web."
    ),
    "Render career files again within a second of their data, template or style being saved."
    "\n\nProblems are reported and watching goes on; Ctrl-C stops.": (
        "Refait le PDF des fiches métiers dans la seconde où leurs données, un modèle ou un"
        " style sont enregistrés.\n\nLes problèmes sont signalés et la surveillance continue ;"
        " Ctrl-C l'arrête."
    ),
    "List the careers whose names, sectors, ROME codes, statuses or interests match QUERY."
    "\n\nCase and accents are ignored and words may be cut short: `brochure find infirmiere`,"
    " `brochure find developpeur web`, `brochure find J1506`.": (
        "Liste les métiers dont les noms, secteurs, codes ROME, statuts ou centres d'intérêt"
        " correspondent à RECHERCHE.\n\nLes majuscules et les accents ne comptent pas et les mots"
        " peuvent être abrégés : `brochure find infirmiere`, `brochure find developpeur web`,"
        " `brochure find J1506`."
    ),
    "List the sectors of the careers, with how many careers each has.\n\nPATH is a career"
    " file or a folder searched for *.yaml (default: data/).": (
        "Liste les secteurs des métiers, avec le nombre de métiers de chacun.\n\nCHEMIN est une"
        " fiche métier ou un dossier où chercher les fichiers *.yaml (par défaut : data/)."
    ),
    "Turn other sources (ONISEP's open data, spreadsheets) into career files.": (
        "Transforme d'autres sources (données ouvertes de l'ONISEP, tableurs) en fiches métiers."
    ),
    "Import ONISEP's Idéo-Fiches métiers export (XML), one career file per <metier>.\n\n"
    "Importing a newer export over the same folder updates what ONISEP wrote and keeps what"
    " was changed or added by hand.": (
        "Importe l'export Idéo-Fiches métiers de l'ONISEP (XML), une fiche métier par"
        " <metier>.\n\nImporter un export plus récent dans le même dossier met à jour ce que"
        " l'ONISEP a écrit et garde ce qui a été modifié ou ajouté à la main."
    ),
    "Import a spreadsheet (.xlsx, .ods or .csv), one career a row.\n\nThe README lists the"
    " columns, in English or in French (Métier, Résumé...); several values in one cell are"
    ' separated by "|" or line breaks. A CSV file is UTF-8, or else read as Windows-1252.'
    " Importing again keeps what was changed by hand.": (
        "Importe un tableur (.xlsx, .ods ou .csv), un métier par ligne.\n\nLe README donne"
        " les colonnes, en anglais ou en français (Métier, Résumé...) ; plusieurs valeurs"
        " dans une cellule sont séparées par « | » ou des retours à la ligne. Un fichier CSV"
        " est en UTF-8, ou sinon lu en Windows-1252. Importer à nouveau garde ce qui a été"
        " modifié à la main."
    ),
    "The same as `brochure import sheet`, for a CSV file.": (
        "Comme `brochure import sheet`, pour un fichier CSV."
    ),
    # Click's words on a help page.
    "Usage:": "Usage :",
    "Options:": "Options :",
    "Commands:": "Commandes :",
    "Show this message and exit.": "Afficher ce message et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "default: {default}": "par défaut : {default}",
    # Click's messages about a mistyped command line.
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Pour de l'aide : {command} {option}",
    "Invalid value for {param_hint}: {message}": "Valeur refusée pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur refusée : {message}",
    "Missing argument": "Il manque l'argument",
    "Missing option": "Il manque l'option",
    "Missing command.": "Il manque la commande.",
    "No such option {name!r}.": "L'option {name!r} n'existe pas.",
    "No such command {name!r}.": "La commande {name!r} n'existe pas.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "{name} {filename!r} does not exist.": "{name} {filename!r} introuvable.",
    "{name} {filename!r} is a file.": "{name} {filename!r} : c'est un fichier.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} : c'est un dossier.",
    "Aborted!": "Abandon.",
    "Did you mean {possibility}?": "Vouliez-vous dire {possibility} ?",
    "(Did you mean one of: {possibilities}?)": (
        "(Vouliez-vous dire l'une de celles-ci : {possibilities} ?)"
    ),
    "Got unexpected extra argument ({args})": "Argument en trop ({args})",
    "Got unexpected extra arguments ({args})": "Arguments en trop ({args})",
    "Option {name!r} requires an argument.": "L'option {name!r} demande une valeur.",
    "Option {name!r} requires {nargs} arguments.": "L'option {name!r} demande {nargs} valeurs.",
    "{value!r} is not {choice}.": "{value!r} n'est pas {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} n'est pas l'une des valeurs {choices}.",
    "{value!r} does not match the format {format}.": "{value!r} ne suit pas le format {format}.",
    "{value!r} does not match the formats {formats}.": (
        "{value!r} ne suit aucun des formats {formats}."
    ),
    "{name} {filename!r} is not readable.": "{name} {filename!r} : lecture non autorisée.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} : écriture non autorisée.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} : exécution non autorisée.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un {number_type} valide.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} n'est pas une valeur booléenne. Valeurs reconnues : {states}"
    ),
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Argument {name!r} takes {nargs} values.": "L'argument {name!r} prend {nargs} valeurs.",
    # Click's names of the types of values (TEXT, INTEGER RANGE... on help pages).
    "text": "texte",
    "integer": "entier",
    "integer range": "entier",
    "float": "nombre",
    "float range": "nombre",
    # The words naming arguments and values on help pages and in Click's messages.
    "COMMAND [ARGS]...": "COMMANDE [ARGS]...",
    "PATH": "CHEMIN",
    "FOLDER": "DOSSIER",
    "TITLE": "TITRE",
    "QUERY": "RECHERCHE",
    "CAREER": "FICHE",
    "EXPORT": "EXPORT",
    "TABLE": "TABLEUR",
    "FIELD": "CHAMP",
    # The README.txt of a new project's templates/ and styles/ (brochure init).
    "Files put here replace the theme's file of the same name, one by one:\n{example}\nSee"
    ' the README of brochure, "The theme".\n': (
        "Les fichiers placés ici remplacent, un par un, le fichier du même nom du thème :\n"
        "{example}\nVoir le README de brochure, section « The theme ».\n"
    ),
    "styles/theme.css (read after the look), styles/look.css...": (
        "styles/theme.css (lu après look.css), styles/look.css..."
    ),
    # Options' help.
    "Print only problems.": "N'afficher que les problèmes.",
    "Print only problems and the summary.": "N'afficher que les problèmes et le bilan.",
    "Fail a file still holding the example texts of `brochure new`.": (
        "Refuser un fichier qui contient encore les textes d'exemple de `brochure new`."
    ),
    "Project configuration (default: brochure.yaml in this folder, if any).": (
        "Configuration du projet (par défaut : brochure.yaml de ce dossier, s'il existe)."
    ),
    "Folder for the PDFs, one per career file (<name>.pdf) [default: brochure.yaml's output,"
    " else out/]; there, options other than brochure.yaml's put them in a sub-folder named"
    " after them (out/a5-print-shop/).": (
        "Dossier des PDF, un par fiche métier (<nom>.pdf) [par défaut : output de"
        " brochure.yaml, sinon out/] ; là, des options autres que celles de brochure.yaml les"
        " mettent dans un sous-dossier à leur nom (out/a5-print-shop/)."
    ),
    "Folder for the PDFs [default: brochure.yaml's output, else out/]; there, options other"
    " than brochure.yaml's put them in a sub-folder named after them (out/a5/).": (
        "Dossier des PDF [par défaut : output de brochure.yaml, sinon out/] ; là, des options"
        " autres que celles de brochure.yaml les mettent dans un sous-dossier à leur nom"
        " (out/a5/)."
    ),
    "Folder of the sheets' PDFs, built or reused as by `brochure build` [default:"
    " brochure.yaml's output, else out/]; there, options other than brochure.yaml's use a"
    " sub-folder named after them (out/a5-print-shop/).": (
        "Dossier des PDF des fiches, produits ou repris comme par `brochure build` [par"
        " défaut : output de brochure.yaml, sinon out/] ; là, des options autres que celles"
        " de brochure.yaml utilisent un sous-dossier à leur nom (out/a5-print-shop/)."
    ),
    "Delete the PDFs of careers that no longer exist.": (
        "Supprimer les PDF des métiers qui n'existent plus."
    ),
    "The booklet to write.": "Le livret à écrire.",
    "Title on the cover (default: brochure.yaml's booklet_title).": (
        "Titre de la couverture (par défaut : booklet_title de brochure.yaml)."
    ),
    "Organisation on the cover (default: from brochure.yaml).": (
        "Organisme sur la couverture (par défaut : celui de brochure.yaml)."
    ),
    "Date on the cover (default: today, or SOURCE_DATE_EPOCH's day).": (
        "Date de la couverture (par défaut : aujourd'hui, ou le jour de SOURCE_DATE_EPOCH)."
    ),
    "Image on the cover (default: from brochure.yaml).": (
        "Image de la couverture (par défaut : celle de brochure.yaml)."
    ),
    "Picture for the upper part of the cover (default: brochure.yaml's cover_image).": (
        "Image du haut de la couverture (par défaut : cover_image de brochure.yaml)."
    ),
    "Only this sector (may be repeated).": "Seulement ce secteur (peut être répété).",
    "Only the careers named in this file, one file name or title a line.": (
        "Seulement les métiers nommés dans ce fichier, un nom de fichier ou un titre par ligne."
    ),
    "Start each sheet on a right-hand page, a blank page before it if needed (the default,"
    " for print); --no-blank-pages for reading on screen.": (
        "Commencer chaque fiche sur une page de droite, avec une page blanche avant si besoin"
        " (par défaut, pour l'impression) ; --no-blank-pages pour une lecture à l'écran."
    ),
    "Folder of the site, brochure's alone [default: site/ beside brochure.yaml].": (
        "Dossier du site, réservé à brochure [par défaut : site/ à côté de brochure.yaml]."
    ),
    "Title of the index (default: brochure.yaml's booklet_title).": (
        "Titre de l'index (par défaut : booklet_title de brochure.yaml)."
    ),
    "Page format (default: from brochure.yaml, else A4).": (
        "Format des pages (par défaut : celui de brochure.yaml, sinon A4)."
    ),
    "3 mm bleed and crop marks for a print shop (default: from brochure.yaml, else off).": (
        "Fond perdu de 3 mm et traits de coupe pour un imprimeur (par défaut : selon"
        " brochure.yaml, sinon non)."
    ),
    "pdf/ua-1: tagged and accessible (the default); pdf/a-3b (archives), pdf/a-3a"
    " (archives, tagged), pdf/a-2b, pdf/a-1b; pdf/x-4, pdf/x-3, pdf/x-1a: for a print"
    " shop, with --print-shop and the print shop's CMYK profile (print_profile in"
    " brochure.yaml); none: a plain PDF.": (
        "pdf/ua-1 : balisé et accessible (par défaut) ; pdf/a-3b (archivage), pdf/a-3a"
        " (archivage, balisé), pdf/a-2b, pdf/a-1b ; pdf/x-4, pdf/x-3, pdf/x-1a : pour un"
        " imprimeur, avec --print-shop et le profil CMJN de l'imprimeur (print_profile dans"
        " brochure.yaml) ; none : un PDF simple."
    ),
    "Language of the labels (default: from brochure.yaml, else fr; a career may set its own).": (
        "Langue des intitulés (par défaut : celle de brochure.yaml, sinon fr ; une fiche peut"
        " indiquer la sienne)."
    ),
    "A built-in theme (default: from brochure.yaml, else default).": (
        "Un thème fourni (par défaut : celui de brochure.yaml, sinon default)."
    ),
    "Fail a sheet when WeasyPrint warns about it.": (
        "Refuser une fiche quand WeasyPrint signale un problème à son sujet."
    ),
    "Seconds of processing one sheet may take before it is stopped (time spent waiting for a"
    " core does not count).": (
        "Secondes de calcul qu'une fiche peut prendre avant d'être arrêtée (le temps passé à"
        " attendre un processeur ne compte pas)."
    ),
    "Megabytes one sheet may use before it is stopped.": (
        "Mégaoctets de mémoire qu'une fiche peut utiliser avant d'être arrêtée."
    ),
    "Pages one sheet may have; a longer one is stopped and fails.": (
        "Nombre de pages qu'une fiche peut avoir ; une fiche plus longue est arrêtée et en échec."
    ),
    "How many sheets to render at once.": "Nombre de fiches produites en même temps.",
    "all cores": "tous les processeurs",
    "Render every sheet, even those up to date.": (
        "Produire toutes les fiches, même celles qui sont à jour."
    ),
    "Folder to write the career file in.": "Dossier où écrire la fiche métier.",
    "Resolution of the images, in dots per inch.": ("Résolution des images, en points par pouce."),
    "Folder for the images, <name>-1.png and on.": (
        "Dossier des images, <nom>-1.png et suivantes."
    ),
    "A career file or a folder to search (may be repeated) [default: data/].": (
        "Une fiche métier ou un dossier où chercher (peut être répété) [par défaut : data/]."
    ),
    "Move the files of careers no longer in the source to retired/ in the output folder"
    " (never deleted), out of booklets and sites.": (
        "Déplacer les fiches des métiers qui ne sont plus dans la source vers retired/ dans le"
        " dossier de sortie (jamais supprimées), hors des livrets et des sites."
    ),
    "Take the source's value of FIELD (summary, skills, salary.note... or all) even where it"
    " was edited by hand; may be repeated.": (
        "Prendre la valeur de la source pour CHAMP (summary, skills, salary.note... ou all)"
        " même là où elle a été modifiée à la main ; peut être répété."
    ),
    "Folder of career files to create or update.": (
        "Dossier des fiches métiers à créer ou à mettre à jour."
    ),
    "Date of the export, if its file name does not carry it (_DDMMYYYY.xml).": (
        "Date de l'export, si son nom de fichier ne la porte pas (_JJMMAAAA.xml)."
    ),
    "The licence to credit, if not ONISEP's open-data licence (licence ODbL).": (
        "La licence à citer, si ce n'est pas celle des données ouvertes de l'ONISEP (licence ODbL)."
    ),
    # The command line: what commands say.
    "interrupted": "interrompu",
    "note: ": "remarque : ",
    "Rendering": "Production des fiches",
    "HarfBuzz's font subsetter (libharfbuzz-subset) is missing: WeasyPrint falls back to"
    " fontTools and every sheet renders about 2.3 times slower. Install it (Debian and"
    " Ubuntu: apt-get install libharfbuzz-subset0).": (
        "l'outil de HarfBuzz qui réduit les polices (libharfbuzz-subset) est absent : WeasyPrint"
        " utilise fontTools à sa place et chaque fiche est environ 2,3 fois plus lente à"
        " produire. Installez-le (Debian et Ubuntu : apt-get install libharfbuzz-subset0)."
    ),
    "built {output} ({pages} page)": "{output} produit ({pages} page)",
    "built {output} ({pages} pages)": "{output} produit ({pages} pages)",
    "stale: {pdf} (its career file {source} is gone; --clean removes it)": (
        "périmé : {pdf} (sa fiche métier {source} n'existe plus ; --clean le supprime)"
    ),
    "removed {pdf}": "{pdf} supprimé",
    "{rendered} rendered, {unchanged} unchanged, {failed} failed; 1 page in {seconds} s.": (
        "produites : {rendered}, inchangées : {unchanged}, en échec : {failed} ; 1 page en"
        " {seconds} s."
    ),
    "{rendered} rendered, {unchanged} unchanged, {failed} failed; {pages} pages in {seconds} s.": (
        "produites : {rendered}, inchangées : {unchanged}, en échec : {failed} ; {pages}"
        " pages en {seconds} s."
    ),
    "booklet {output}: {sheets}, {pages}.": "livret {output} : {sheets}, {pages}.",
    "1 sheet": "1 fiche",
    "{count} sheets": "{count} fiches",
    "1 page": "1 page",
    "{count} pages": "{count} pages",
    "site {folder}: {careers} careers; sheets: {rendered} rendered, {unchanged} unchanged;"
    " files: {written} written, {kept} unchanged, {removed} removed, in {seconds} s.": (
        "site {folder} : {careers} métiers ; fiches produites : {rendered}, inchangées :"
        " {unchanged} ; fichiers écrits : {written}, inchangés : {kept}, supprimés :"
        " {removed}, en {seconds} s."
    ),
    "Open {page} in a browser.": "Ouvrez {page} dans un navigateur.",
    "created {path}": "{path} créé",
    "Next: cd {folder} && brochure build": "Ensuite : cd {folder} && brochure build",
    "Careers in a spreadsheet: fill {sheet}, then brochure import sheet {sheet}": (
        "Des métiers dans un tableur : remplissez {sheet}, puis brochure import sheet {sheet}"
    ),
    "wrote {path}": "{path} écrit",
    "watching 1 career file; Ctrl-C to stop": (
        "surveillance de 1 fiche métier ; Ctrl-C pour arrêter"
    ),
    "watching {count} career files; Ctrl-C to stop": (
        "surveillance de {count} fiches métiers ; Ctrl-C pour arrêter"
    ),
    "'{text}' holds no word to search for: give a name, a code...": (
        "« {text} » ne contient aucun mot à chercher : donnez un nom, un code..."
    ),
    "no career matches '{text}'": "aucun métier ne correspond à « {text} »",
    "closest:": "les plus proches :",
    "(no sector)": "(sans secteur)",
    "1 sector": "1 secteur",
    "{count} sectors": "{count} secteurs",
    "1 career": "1 métier",
    "{count} careers": "{count} métiers",
    " and {count} more": " et {count} autres",
    "1 career file could not be read and was not searched ({names}); brochure check says why": (
        "1 fiche métier n'a pas pu être lue et reste hors de la recherche ({names}) ;"
        " brochure check dit pourquoi"
    ),
    "{count} career files could not be read and were not searched ({names}); brochure check"
    " says why": (
        "{count} fiches métiers n'ont pas pu être lues et restent hors de la recherche"
        " ({names}) ; brochure check dit pourquoi"
    ),
    "did you mean '{field}'?": "vouliez-vous dire « {field} » ?",
    "fields: {fields}": "champs : {fields}",
    "--take-source {name}: no such field ({hint})": (
        "--take-source {name} : ce champ n'existe pas ({hint})"
    ),
    "updated {path} ({fields})": "{path} mis à jour ({fields})",
    "kept hand edits in {path}: {fields}": (
        "modifications faites à la main gardées dans {path} : {fields}"
    ),
    "the source's {field}: {value}": "{field} selon la source : {value}",
    "(to take the source's: import again with {options})": (
        "(pour prendre la valeur de la source : importez à nouveau avec {options})"
    ),
    "retired {path} (no longer in {source}; moved to {moved})": (
        "retiré : {path} (n'est plus dans {source} ; déplacé vers {moved})"
    ),
    "retired {path} (no longer in {source}; --retire moves it to retired/)": (
        "retiré : {path} (n'est plus dans {source} ; --retire le déplace vers retired/)"
    ),
    "{created} created, {updated} updated, {unchanged} unchanged, {failed} failed.": (
        "créées : {created}, mises à jour : {updated}, inchangées : {unchanged}, en échec :"
        " {failed}."
    ),
    "{created} created, {updated} updated, {unchanged} unchanged, {retired} retired,"
    " {failed} failed.": (
        "créées : {created}, mises à jour : {updated}, inchangées : {unchanged}, retirées :"
        " {retired}, en échec : {failed}."
    ),
    "{count} records of {source} failed:": "enregistrements de {source} en échec ({count}) :",
    # The library: configuration, theme, sheets.
    "no page size '{name}' (page sizes: {sizes})": (
        "pas de format de page « {name} » (formats : {sizes})"
    ),
    "no PDF variant '{name}' (variants: {variants})": (
        "pas de variante de PDF « {name} » (variantes : {variants})"
    ),
    "SOURCE_DATE_EPOCH must be a number of seconds since 1970 before the year 10000, such as"
    " 1700000000, not '{value}'": (
        "SOURCE_DATE_EPOCH doit être un nombre de secondes depuis 1970, avant l'an 10000,"
        " comme 1700000000, pas « {value} »"
    ),
    "{name} is outside the project (links followed): put the image in the project's folder": (
        "{name} est hors du projet (liens suivis) : mettez l'image dans le dossier du projet"
    ),
    "no image at {image}: put the image there, or correct the name (only `brochure book`"
    " uses it)": (
        "aucune image à l'emplacement {image} : mettez-y l'image, ou corrigez le nom (seul"
        " `brochure book` l'utilise)"
    ),
    "leads outside its folder {folder} (to {target}): refused": (
        "mène hors de son dossier {folder} (vers {target}) : refusé"
    ),
    "{template} leads outside the templates' folders, to {target}": (
        "{template} mène hors des dossiers de modèles, vers {target}"
    ),
    "no theme named '{name}' (themes: {themes})": (
        "aucun thème nommé « {name} » (thèmes : {themes})"
    ),
    "the project's {folder}/ folder leads outside the project (to {target}): refused; copy"
    " the files you need into {folder}/ instead": (
        "le dossier {folder}/ du projet mène hors du projet (vers {target}) : refusé ;"
        " copiez plutôt dans {folder}/ les fichiers dont vous avez besoin"
    ),
    "no labels for the language '{code}' in the theme": (
        "le thème n'a pas d'intitulés pour la langue « {code} »"
    ),
    "template error: {reason}": "erreur de modèle : {reason}",
    "template not found: {name}": "modèle introuvable : {name}",
    "template error: not allowed in a template ({reason})": (
        "erreur de modèle : interdit dans un modèle ({reason})"
    ),
    "should be text": "doit être un texte",
    "none": "aucun",
    "uses a placeholder brochure does not fill in here (it fills in: {names}); write braces"
    " as {{{{ and }}}}": (
        "utilise un emplacement que brochure ne remplit pas ici (il remplit : {names}) ;"
        " écrivez les accolades {{{{ et }}}}"
    ),
    "labels missing: {keys}": "intitulés manquants : {keys}",
    " (a warning, failed by --strict)": " (un avertissement, échec imposé par --strict)",
    "could not be rendered ({reason})": "n'a pas pu être produit ({reason})",
    "cannot write the PDF ({reason})": "impossible d'écrire le PDF ({reason})",
    "has more than 1 page (the limit, --max-pages): shorten it or raise the limit": (
        "a plus d'une page (la limite, --max-pages) : raccourcissez la fiche ou relevez la limite"
    ),
    "has more than {limit} pages (the limit, --max-pages): shorten it or raise the limit": (
        "a plus de {limit} pages (la limite, --max-pages) : raccourcissez la fiche ou relevez"
        " la limite"
    ),
    "some characters are not in the theme's fonts and were drawn with '{font}', a font of"
    " this machine: the sheet may look different elsewhere": (
        "des caractères manquent aux polices du thème et ont été dessinés avec « {font} »,"
        " une police de cet ordinateur : la fiche peut avoir un autre aspect ailleurs"
    ),
    "WeasyPrint could not lay it out ({reason}); a stylesheet or a template asks for"
    " something impossible: check them": (
        "WeasyPrint n'a pas pu la mettre en page ({reason}) ; une feuille de style ou un"
        " modèle demande quelque chose d'impossible : vérifiez-les"
    ),
    "its HTML or styles are nested too deeply to be laid out: simplify the template or the text": (
        "son HTML ou ses styles sont trop imbriqués pour être mis en page : simplifiez le"
        " modèle ou le texte"
    ),
    "the file is empty: a career needs at least a title": (
        "le fichier est vide : une fiche métier doit avoir au moins un titre (title)"
    ),
    # The catalogue: many sheets.
    "would overwrite the sheet of {owner} ({target})": (
        "remplacerait le PDF de {owner} ({target})"
    ),
    "would overwrite the sheet of {owner} ({target}); rename one": (
        "remplacerait le PDF de {owner} ({target}) : renommez l'une des deux fiches"
    ),
    "holds the sheets of another project, {other}: give this project its own output folder"
    " (-o, or output: in brochure.yaml)": (
        "contient les fiches d'un autre projet, {other} : donnez à ce projet son propre"
        " dossier de sortie (-o, ou output: dans brochure.yaml)"
    ),
    "is inside the theme's folder {folder}: every build would change the theme and render"
    " everything again; choose another output folder": (
        "est dans le dossier du thème {folder} : chaque exécution modifierait le thème et"
        " referait toutes les fiches ; choisissez un autre dossier de sortie"
    ),
    "{folder}: cannot note that {name} is built ({reason}); the next build renders it again": (
        "{folder} : impossible de noter que {name} est produit ({reason}) ; la prochaine"
        " exécution le refera"
    ),
    "{pdf}: changed since brochure wrote it (its career file {source} is gone); not deleted": (
        "{pdf} : modifié depuis que brochure l'a écrit (sa fiche métier {source} n'existe"
        " plus) ; pas supprimé"
    ),
    "{folder}: cannot save the build's record ({reason}); the PDFs are written, and the next"
    " build renders them again": (
        "{folder} : impossible d'enregistrer le suivi des fiches produites ({reason}) ; les PDF"
        " sont écrits, et la prochaine exécution les refera"
    ),
    "cannot write in the output folder ({reason})": (
        "impossible d'écrire dans le dossier de sortie ({reason})"
    ),
    "another brochure is writing to this output folder; wait for it to finish, or choose"
    " another folder with -o": (
        "un autre brochure écrit dans ce dossier de sortie : attendez qu'il ait fini, ou"
        " choisissez un autre dossier avec -o"
    ),
    "{path}: not a manifest this version of brochure wrote; every sheet is rendered again": (
        "{path} : ce suivi n'a pas été écrit par cette version de brochure ; toutes les fiches"
        " sont refaites"
    ),
    "{folder}: {count} entries of the build's records were not as brochure writes them and"
    " were left out; their sheets are rendered again": (
        "{folder} : {count} entrées du suivi des fiches n'étaient pas telles que brochure les"
        " écrit et ont été ignorées ; leurs fiches sont refaites"
    ),
    "needed more than the memory limit ({limit} MB) and was stopped": (
        "a demandé plus que la limite de mémoire ({limit} Mo) et a été arrêtée"
    ),
    "took longer than {limit} s and was stopped (a sheet normally renders in under a second)": (
        "a pris plus de {limit} s et a été arrêtée (une fiche se fait d'ordinaire en moins"
        " d'une seconde)"
    ),
    "took more than {limit} s of processing and was stopped (a sheet normally renders in"
    " under a second)": (
        "a demandé plus de {limit} s de calcul et a été arrêtée (une fiche se fait"
        " d'ordinaire en moins d'une seconde)"
    ),
    "was not finished after {limit} s, most of it not processing (stuck), and was stopped": (
        "n'était pas finie après {limit} s, passées surtout sans calcul (bloquée), et a été arrêtée"
    ),
    "the renderer was killed (SIGKILL), probably out of memory": (
        "le processus de production a été tué (SIGKILL), sans doute faute de mémoire"
    ),
    "the renderer was stopped by a signal ({name})": (
        "le processus de production a été arrêté par un signal ({name})"
    ),
    "the renderer stopped unexpectedly (exit code {code})": (
        "le processus de production s'est arrêté de façon inattendue (code de sortie {code})"
    ),
    # Authoring: init, new, preview, watch.
    "cannot be written ({reason})": "ne peut pas être écrit ({reason})",
    "a project is already here: not overwritten": "un projet existe déjà ici : pas remplacé",
    "is a file where init makes a folder: not overwritten": (
        "est un fichier là où init crée un dossier : pas remplacé"
    ),
    "is in the way: not overwritten": "occupe la place : pas remplacé",
    'give the career\'s title, such as "Boulanger·ère"': (
        'donnez le titre du métier, comme "Boulanger·ère"'
    ),
    "already exists: not overwritten": "existe déjà : pas remplacé",
    "pdftoppm is missing (Debian: apt-get install poppler-utils)": (
        "pdftoppm est absent (Debian : apt-get install poppler-utils)"
    ),
    "pdftoppm could not make the images (exit {code})": (
        "pdftoppm n'a pas pu faire les images (code de sortie {code})"
    ),
    "cannot write the images ({reason})": "impossible d'écrire les images ({reason})",
    "cannot start a renderer ({reason})": (
        "impossible de lancer un processus de production ({reason})"
    ),
    # The booklet.
    "no career to put in the booklet": "aucun métier à mettre dans le livret",
    "would replace a career file with the booklet: choose a .pdf": (
        "remplacerait une fiche métier par le livret : choisissez un nom en .pdf"
    ),
    "the booklet would be written among the sheets it binds; choose another place with -o": (
        "le livret serait écrit parmi les fiches qu'il réunit : choisissez un autre"
        " emplacement avec -o"
    ),
    "no sheet could be rendered for the booklet": (
        "aucune fiche n'a pu être produite pour le livret"
    ),
    "a sheet could not be read ({reason}); run brochure build --force, then again": (
        "une fiche n'a pas pu être lue ({reason}) : lancez brochure build --force, puis recommencez"
    ),
    "cannot write the booklet ({reason})": "impossible d'écrire le livret ({reason})",
    "'{name}' names several sectors: {sectors}; give --sector once for each one you want": (
        "« {name} » désigne plusieurs secteurs : {sectors} ; donnez --sector une fois pour"
        " chacun de ceux que vous voulez"
    ),
    "no sector '{name}' (did you mean {near}?); the sectors are: {every}": (
        "aucun secteur « {name} » (vouliez-vous dire {near} ?) ; les secteurs sont : {every}"
    ),
    "no sector '{name}'; the sectors are: {every}": (
        "aucun secteur « {name} » ; les secteurs sont : {every}"
    ),
    "'{name}' names several careers: {careers}; write the title or the file name of the one"
    " you want": (
        "« {name} » désigne plusieurs métiers : {careers} ; écrivez le titre ou le nom de"
        " fichier de celui que vous voulez"
    ),
    "; did you mean {careers}?": " ; vouliez-vous dire {careers} ?",
    "no career named '{name}' (a file name or a title){hint} (`brochure find WORD` searches"
    " the careers)": (
        "aucun métier nommé « {name} » (un nom de fichier ou un titre){hint} (`brochure find"
        " MOT` cherche parmi les métiers)"
    ),
    "the index": "l'index",
    "the cover or contents": "la couverture ou le sommaire",
    "the table of contents does not settle on a length": (
        "la longueur du sommaire ne se stabilise pas"
    ),
    " or ": " ou ",
    " and ": " et ",
    "a booklet cannot be made as {variant} (PDF/A-1 is PDF 1.4, and level A needs a tag tree"
    " the bound booklet has not): use --pdf-variant {variants}, pdf/ua-1 or none": (
        "un livret ne peut pas être fait en {variant} (PDF/A-1 est du PDF 1.4, et le niveau A"
        " demande un balisage que le livret assemblé n'a pas) : utilisez --pdf-variant"
        " {variants}, pdf/ua-1 ou none"
    ),
    # The website.
    "the theme has no site/{name}": "le thème n'a pas de site/{name}",
    "cannot write the site ({reason}); run it again once fixed": (
        "impossible d'écrire le site ({reason}) : relancez une fois le problème réglé"
    ),
    "is a file, not a folder: choose a folder for the site": (
        "est un fichier, pas un dossier : choisissez un dossier pour le site"
    ),
    "is inside the careers' folder {folder}: choose a folder for the site outside it (-o)": (
        "est dans le dossier des fiches métiers {folder} : choisissez pour le site un dossier"
        " hors de celui-ci (-o)"
    ),
    "is inside the theme's folder {folder}: choose another folder for the site (-o)": (
        "est dans le dossier du thème {folder} : choisissez un autre dossier pour le site (-o)"
    ),
    "holds files brochure did not write there ({files}): give the site a new or empty folder"
    " (-o)": (
        "contient des fichiers que brochure n'y a pas écrits ({files}) : donnez au site un"
        " dossier nouveau ou vide (-o)"
    ),
    "holds files brochure did not write there ({files}): give the site a new or empty folder"
    " (-o) (or, if it is a site brochure made whose {record} is gone or damaged, delete the"
    " folder and make the site again)": (
        "contient des fichiers que brochure n'y a pas écrits ({files}) : donnez au site un"
        " dossier nouveau ou vide (-o) (ou, si c'est un site fait par brochure dont le fichier"
        " {record} a disparu ou est abîmé, supprimez le dossier et refaites le site)"
    ),
    "holds the site of another project, {other}: give this project its own site folder (-o)": (
        "contient le site d'un autre projet, {other} : donnez à ce projet son propre dossier"
        " de site (-o)"
    ),
    "is a link or a file where the site keeps a folder: brochure writes only inside the"
    " site's folder; remove it": (
        "est un lien ou un fichier là où le site a un dossier : brochure n'écrit que dans le"
        " dossier du site ; supprimez-le"
    ),
    "cannot write in the site's folder ({reason})": (
        "impossible d'écrire dans le dossier du site ({reason})"
    ),
    # Imports: ONISEP, spreadsheets, the career files they write.
    "{problem}: the import left it as it is": "{problem} : l'import n'a pas touché à ce fichier",
    "it is not a valid career file ({problem})": (
        "ce n'est pas une fiche métier valide ({problem})"
    ),
    "also says it holds {source}'s {id}, like {first}: only {name} is updated": (
        "dit aussi contenir {id} de {source}, comme {first} : seul {name} est mis à jour"
    ),
    "retired careers not moved: some records could not be read, and these careers may be"
    " among them; correct the source, then import again with --retire": (
        "métiers retirés non déplacés : des enregistrements n'ont pas pu être lus, et ces"
        " métiers sont peut-être du nombre ; corrigez la source, puis importez à nouveau avec"
        " --retire"
    ),
    "is named '{name}', like {first}: a booklet or the site would list both; rename one, or"
    " keep one of the files": (
        "s'appelle « {name} », comme {first} : un livret ou le site listerait les deux ;"
        " renommez l'un des deux, ou ne gardez qu'un des fichiers"
    ),
    "holds {escape}, half of a character, which no text file can hold": (
        "contient {escape}, une moitié de caractère, qu'aucun fichier texte ne peut contenir"
    ),
    "has the same id as {first}, imported above: give each record its own id": (
        "a le même identifiant que {first}, importé plus haut : donnez à chaque"
        " enregistrement son propre identifiant"
    ),
    "could not be written in {folder} ({reason}): check that the folder exists and can be"
    " written to, then import again": (
        "n'a pas pu être écrit dans {folder} ({reason}) : vérifiez que le dossier existe et"
        " qu'on peut y écrire, puis importez à nouveau"
    ),
    "its id '{id}' holds a control or invisible character (U+{code}): remove it": (
        "son identifiant « {id} » contient un caractère de contrôle ou invisible (U+{code}) :"
        " supprimez-le"
    ),
    "its id is {length} characters long; an id may have at most {limit}": (
        "son identifiant fait {length} caractères ; un identifiant en a au plus {limit}"
    ),
    "holds this career, but {reason}: the import left it as it is; correct it, or delete"
    " origin.fingerprints to keep every field as it is, then import again": (
        "contient ce métier, mais {reason} : l'import n'y a pas touché ; corrigez-le, ou"
        " supprimez origin.fingerprints pour garder tous les champs tels quels, puis importez"
        " à nouveau"
    ),
    "may hold this career, but {reason}: the import left it as it is; correct it, then"
    " import again": (
        "contient peut-être ce métier, mais {reason} : l'import n'y a pas touché ;"
        " corrigez-le, puis importez à nouveau"
    ),
    "found no free file name in {folder} (tried {name} and more)": (
        "aucun nom de fichier libre dans {folder} (essayé : {name} et d'autres)"
    ),
    "{name} is taken by another file": "{name} est déjà pris par un autre fichier",
    "{names} are taken by other files": "{names} sont déjà pris par d'autres fichiers",
    "it no longer says it holds this career": "il ne dit plus contenir ce métier",
    "changed during the import: {why}": "modifié pendant l'import : {why}",
    "its career file would be {size} KiB; a career file may hold at most {limit} KiB": (
        "sa fiche métier ferait {size} Kio ; une fiche métier peut faire au plus {limit} Kio"
    ),
    "is not a valid career file: the import left it as it is; correct it, then import again": (
        "n'est pas une fiche métier valide : l'import n'y a pas touché ; corrigez-la,"
        " puis importez à nouveau"
    ),
    "its origin is not a mapping (source:, id:, fingerprints:)": (
        "son champ origin n'est pas une liste de champs (source:, id:, fingerprints:)"
    ),
    "its origin names {source} but no id (origin.id)": (
        "son champ origin nomme {source} mais pas d'identifiant (origin.id)"
    ),
    "its origin.fingerprints is not a mapping of field: digest": (
        "son champ origin.fingerprints n'est pas une liste de « champ: empreinte »"
    ),
    "'{entry}' should read 'label : min-max' (min or max may be left out), e.g. 'Débutant :"
    " 1800-2100'": (
        "« {entry} » doit s'écrire « libellé : min-max » (min ou max peut manquer), par"
        " exemple « Débutant : 1800-2100 »"
    ),
    "'{entry}' should read 'label : value'": ("« {entry} » doit s'écrire « libellé : valeur »"),
    "holds {size} characters, more than a whole career may hold ({limit}): shorten it": (
        "contient {size} caractères, plus qu'un métier entier ne peut en contenir ({limit}) :"
        " raccourcissez-le"
    ),
    "did you mean '{column}'?": "vouliez-vous dire « {column} » ?",
    "columns: {columns}": "colonnes : {columns}",
    "the spreadsheet has no sheet": "le classeur n'a aucune feuille",
    "cannot be read as a spreadsheet (.xlsx, .ods): open it in your office software and"
    " save it again (without a password)": (
        "ne peut pas être lu comme un tableur (.xlsx, .ods) : ouvrez-le dans votre tableur et"
        " enregistrez-le à nouveau (sans mot de passe)"
    ),
    "{path}: only its first sheet, '{sheet}', is read": (
        "{path} : seule sa première feuille, « {sheet} », est lue"
    ),
    "the file is neither UTF-8 nor Windows-1252 (byte {byte}, line {line}): save it as CSV"
    " UTF-8, or as .xlsx or .ods": (
        "le fichier n'est ni en UTF-8 ni en Windows-1252 (octet {byte}, ligne {line}) :"
        " enregistrez-le en CSV UTF-8, ou en .xlsx ou .ods"
    ),
    "{path}: not UTF-8, read as Windows-1252 (Excel's usual CSV): check the accents of the"
    " careers imported, or save it as CSV UTF-8, .xlsx or .ods": (
        "{path} : pas en UTF-8, lu en Windows-1252 (le CSV habituel d'Excel) : vérifiez les"
        " accents des métiers importés, ou enregistrez-le en CSV UTF-8, .xlsx ou .ods"
    ),
    "the file is empty: its first row names the columns": (
        "le fichier est vide : sa première ligne doit nommer les colonnes"
    ),
    "column {number} has no name in the header row: name it or delete it": (
        "la colonne {number} n'a pas de nom sur la ligne d'en-tête : nommez-la ou supprimez-la"
    ),
    "unknown column '{name}' ({hint})": "colonne inconnue « {name} » ({hint})",
    "the column '{name}' (or '{french}') is missing from the header row": (
        "la colonne « {name} » (ou « {french} ») manque sur la ligne d'en-tête"
    ),
    "a column appears twice in the header row": (
        "une colonne apparaît deux fois sur la ligne d'en-tête"
    ),
    "row {number}": "ligne {number}",
    "has more cells than the header has columns": (
        "a plus de cellules que l'en-tête n'a de colonnes"
    ),
    "column {name}": "colonne {name}",
    "the id '{id}' is already the id of row {first}: give each row its own id": (
        "l'identifiant « {id} » est déjà celui de la ligne {first} : donnez à chaque ligne"
        " son propre identifiant"
    ),
    "has no id, and its title gives the same file name ('{id}') as row {first}: give the"
    " rows different ids in the column id, or different titles": (
        "n'a pas d'identifiant, et son titre donne le même nom de fichier (« {id} ») que la"
        " ligne {first} : donnez aux lignes des identifiants différents dans la colonne id,"
        " ou des titres différents"
    ),
    "the file cannot be read as CSV from line {line} on": (
        "le fichier ne peut pas être lu comme du CSV à partir de la ligne {line}"
    ),
    "record {position} has the same <identifiant> as record {first}: only record {first} is"
    " imported; give each <metier> its own <identifiant>": (
        "l'enregistrement {position} a le même <identifiant> que l'enregistrement {first} :"
        " seul l'enregistrement {first} est importé ; donnez à chaque <metier> son propre"
        " <identifiant>"
    ),
    "this is not an ONISEP Idéo-Fiches métiers export: the document starts with <{tag}>,"
    " not <{root}>": (
        "ce n'est pas un export Idéo-Fiches métiers de l'ONISEP : le document commence par"
        " <{tag}>, pas par <{root}>"
    ),
    "the file is empty": "le fichier est vide",
    "the file declares a DOCTYPE or entities, which an ONISEP export never does; refused"
    " (entities could expand without limit or read other files)": (
        "le fichier déclare un DOCTYPE ou des entités, ce qu'un export de l'ONISEP ne fait"
        " jamais : refusé (des entités pourraient grossir sans limite ou lire d'autres"
        " fichiers)"
    ),
    "this is not well-formed XML ({reason})": "ce n'est pas du XML bien formé ({reason})",
    "the XML declaration names an encoding that cannot be read ({encoding}); an ONISEP"
    ' export is UTF-8: write encoding="UTF-8" or leave the encoding out': (
        "la déclaration XML indique un encodage illisible ({encoding}) ; un export de"
        " l'ONISEP est en UTF-8 : écrivez encoding=\"UTF-8\" ou retirez l'encodage"
    ),
    "record {position}": "enregistrement {position}",
    "has no <identifiant>": "n'a pas d'<identifiant>",
    "has no <nom_metier>": "n'a pas de <nom_metier>",
    "could not be read ({reason})": "n'a pas pu être lu ({reason})",
    # JSON Schemas (brochure schema): what editors show for each field.
    "A career sheet (fiche métier) for brochure.": "Une fiche métier pour brochure.",
    "The project configuration of brochure (brochure.yaml).": (
        "La configuration d'un projet brochure (brochure.yaml)."
    ),
    "A name with a short description (specialisation, notable person).": (
        "Un nom avec une courte description (spécialisation, personnalité)."
    ),
    "Where an imported career comes from; written by `brochure import`.": (
        "D'où vient un métier importé ; écrit par `brochure import`."
    ),
    "Salary scale, by experience.": "Échelle des salaires, selon l'expérience.",
    "One step of the salary scale: min, max or both.": (
        "Un échelon de l'échelle des salaires : min, max ou les deux."
    ),
    "A part of the sheet: an optional introduction, then a list.": (
        "Une partie de la fiche : une introduction facultative, puis une liste."
    ),
    "Training paths, with the usual level of study.": (
        "Les formations, avec le niveau d'études habituel."
    ),
    "Name of the career, as the sheet's title.": "Nom du métier, titre de la fiche.",
    "Other names of the job.": "Autres noms du métier.",
    "Sector of activity; the booklet groups careers by it.": (
        "Secteur d'activité ; le livret regroupe les métiers par secteur."
    ),
    "Sectors of activity, when there are several: the booklet and the site list the career"
    " under each one. With sector, the career belongs to all of them.": (
        "Secteurs d'activité, quand il y en a plusieurs : le livret et le site présentent le"
        " métier sous chacun. Avec sector, le métier appartient à tous."
    ),
    "Date of the facts, YYYY-MM-DD.": "Date des informations, AAAA-MM-JJ.",
    "Language of this sheet, if not the project's.": (
        "Langue de cette fiche, si ce n'est pas celle du projet."
    ),
    "What the job is: paragraphs of Markdown.": (
        "Ce qu'est le métier : des paragraphes en Markdown."
    ),
    "What the job consists of.": "En quoi consiste le métier.",
    "Skills and qualities needed.": "Compétences et qualités demandées.",
    "How to get in.": "Comment y accéder.",
    "Specialisations.": "Spécialisations.",
    "Where to work.": "Où travailler.",
    "Salary scale.": "Échelle des salaires.",
    "How the career can evolve.": "Comment le métier peut évoluer.",
    "Well-known people of the trade.": "Personnes connues du métier.",
    "The closing table: [label, value] pairs, in order.": (
        "Le tableau récapitulatif : des paires [libellé, valeur], dans l'ordre."
    ),
    "Where the facts come from.": "D'où viennent les informations.",
    "Employment statuses.": "Statuts d'emploi.",
    "Working life and job market.": "Vie professionnelle et marché du travail.",
    "Interests that fit the job.": "Centres d'intérêt qui vont avec le métier.",
    "Related careers.": "Métiers proches.",
    "France Travail's ROME job codes.": "Codes ROME des métiers de France Travail.",
    "Written by `brochure import`: where the data comes from.": (
        "Écrit par `brochure import` : d'où viennent les données."
    ),
    "A short introduction: paragraphs of Markdown.": (
        "Une courte introduction : des paragraphes en Markdown."
    ),
    "Bullet points, one line of Markdown each.": (
        "Une liste à puces, une ligne de Markdown par puce."
    ),
    "Training paths, one line each.": "Les formations, une par ligne.",
    "Usual level of study, shown under the title.": (
        "Niveau d'études habituel, affiché sous le titre."
    ),
    "The name.": "Le nom.",
    "One sentence about it (Markdown).": "Une phrase de présentation (Markdown).",
    "Currency: EUR.": "Devise : EUR.",
    "month, year or hour.": "month (mois), year (année) ou hour (heure).",
    "gross or net.": "gross (brut) ou net.",
    "Steps of the scale, by experience.": "Les échelons, selon l'expérience.",
    "Any remark on pay (Markdown).": "Une remarque sur la rémunération (Markdown).",
    "Who earns this.": "Qui gagne ce montant.",
    "Lowest amount (give min, max or both).": (
        "Montant le plus bas (indiquez min, max ou les deux)."
    ),
    "Highest amount.": "Montant le plus haut.",
    "What the source is.": "Ce qu'est la source.",
    "Its address: http(s) or mailto only.": "Son adresse : http(s) ou mailto seulement.",
    "Who publishes the data.": "Qui publie les données.",
    "The record's identifier there.": "L'identifiant de la fiche chez cette source.",
    "The data's licence.": "La licence des données.",
    "The mention the licence asks for, printed on the sheet.": (
        "La mention que demande la licence, imprimée sur la fiche."
    ),
    "The data's address.": "L'adresse des données.",
    "Date of the export imported.": "Date de l'export importé.",
    "Digests of the imported fields; do not edit.": (
        "Empreintes des champs importés ; ne pas modifier."
    ),
    "Page format: A4, A5 or Letter.": "Format des pages : A4, A5 ou Letter.",
    "3 mm bleed and crop marks, for a print shop.": (
        "Fond perdu de 3 mm et traits de coupe, pour un imprimeur."
    ),
    "pdf/ua-1 (tagged), pdf/a-3b, pdf/a-3a, pdf/a-2b, pdf/a-1b; for a print shop"
    " pdf/x-4, pdf/x-3 or pdf/x-1a (with print_profile); or none.": (
        "pdf/ua-1 (balisé), pdf/a-3b, pdf/a-3a, pdf/a-2b, pdf/a-1b ; pour un imprimeur"
        " pdf/x-4, pdf/x-3 ou pdf/x-1a (avec print_profile) ; ou none."
    ),
    "The print shop's CMYK ICC profile, relative to brochure.yaml; for pdf/x variants.": (
        "Le profil ICC CMJN de l'imprimeur, relatif à brochure.yaml ; pour les variantes pdf/x."
    ),
    "Shown on the booklet's cover.": "Affiché sur la couverture du livret.",
    "Image for the booklet's cover, relative to brochure.yaml.": (
        "Image de la couverture du livret, chemin relatif à brochure.yaml."
    ),
    "Title of the booklet's cover.": "Titre de la couverture du livret.",
    "Picture for the upper part of the booklet's cover, relative to brochure.yaml.": (
        "Image du haut de la couverture du livret, chemin relatif à brochure.yaml."
    ),
    "Language of labels, hyphenation and numbers: fr or en.": (
        "Langue des intitulés, de la césure et des nombres : fr ou en."
    ),
    "A built-in theme: default or sober.": "Un thème fourni : default ou sober.",
    "Accent colour, #RRGGBB.": "Couleur d'accent, #RRVVBB.",
    "A line printed in every page's footer.": "Une ligne imprimée en pied de chaque page.",
    "Folder of the PDFs.": "Dossier des PDF.",
    "Address of each career online, {slug} for its file name; printed as a QR code.": (
        "Adresse de chaque métier en ligne, {slug} valant son nom de fichier ; imprimée en QR code."
    ),
    "{variant} is for a print shop: add --print-shop (or print_shop: true in brochure.yaml)"
    " for its bleed and crop marks": (
        "{variant} est destiné à un imprimeur : ajoutez --print-shop (ou print_shop: true dans"
        " brochure.yaml) pour le fond perdu et les traits de coupe"
    ),
    "{variant} needs the print shop's CMYK colour profile: ask the print shop for its ICC"
    " profile (a .icc file, such as ISO Coated v2 or PSO Coated v3), put it in the project's"
    " folder and name it in brochure.yaml, e.g. print_profile: {example}": (
        "{variant} demande le profil de couleurs CMJN de l'imprimeur : demandez-lui son profil"
        " ICC (un fichier .icc, comme ISO Coated v2 ou PSO Coated v3), placez-le dans le"
        " dossier du projet et nommez-le dans brochure.yaml, par exemple"
        " print_profile: {example}"
    ),
    "{name} is outside the project (links followed): put the profile in the project's folder": (
        "{name} est hors du projet (liens suivis) : placez le profil dans le dossier du projet"
    ),
    "cannot read {name} ({reason})": "impossible de lire {name} ({reason})",
    "{variant} is PDF 1.4, which takes version 2 ICC profiles, and {name} is version {version}:"
    " ask the print shop for its version 2 profile, or use pdf/x-4": (
        "{variant} est du PDF 1.4, qui accepte les profils ICC de version 2, et {name} est de"
        " version {version} : demandez à l'imprimeur son profil en version 2, ou utilisez pdf/x-4"
    ),
    "no colour profile at {path}: put the print shop's .icc file there": (
        "aucun profil de couleurs à {path} : placez-y le fichier .icc de l'imprimeur"
    ),
    "{name} is not an ICC colour profile": "{name} n'est pas un profil de couleurs ICC",
    "has colours that are not ink ({colours}), which PDF/X does not allow: a stylesheet,"
    " template or image of the project sets them; give those colours as device-cmyk() in a"
    " copy of the theme's styles/print-shop-cmyk.css in the project's styles/ folder, or"
    " build without a PDF/X variant": (
        "a des couleurs qui ne sont pas des encres ({colours}), ce que PDF/X n'autorise pas :"
        " une feuille de style, un gabarit ou une image du projet les donne ; écrivez ces"
        " couleurs en device-cmyk() dans une copie du styles/print-shop-cmyk.css du thème,"
        " placée dans le dossier styles/ du projet, ou produisez sans variante PDF/X"
    ),
    "{name} is not a CMYK printing profile: ask the print shop for the CMYK profile of its"
    " press and paper": (
        "{name} n'est pas un profil d'impression CMJN : demandez à l'imprimeur le profil CMJN"
        " de sa presse et de son papier"
    ),
    # Print shop (PDF/X): refusals naming brochure.yaml, ink checks, suggestions.
    "{variant} is for a print shop: add print_shop: true to brochure.yaml (or --print-shop to"
    " the command) for its bleed and crop marks": (
        "{variant} est destiné à un imprimeur : ajoutez print_shop: true à brochure.yaml (ou"
        " --print-shop à la commande) pour le fond perdu et les traits de coupe"
    ),
    "{variant} is PDF 1.4, which takes version 2 ICC profiles, and {name} (print_profile) is"
    " version {version}: ask the print shop for its version 2 profile, or write pdf_variant:"
    " pdf/x-4 in brochure.yaml": (
        "{variant} est du PDF 1.4, qui accepte les profils ICC de version 2, et {name}"
        " (print_profile) est de version {version} : demandez à l'imprimeur son profil en"
        " version 2, ou écrivez pdf_variant: pdf/x-4 dans brochure.yaml"
    ),
    "has an image that is not in CMYK ({spaces}), which PDF/X does not allow: a picture or"
    " background of the project's stylesheet, template or career; convert the image to CMYK"
    " (an image editor saves it as a CMYK JPEG), or build without a PDF/X variant": (
        "a une image qui n'est pas en CMJN ({spaces}), ce que PDF/X n'autorise pas : une image"
        " ou un fond de la feuille de style, du gabarit ou de la fiche du projet ; convertissez"
        " l'image en CMJN (un logiciel de retouche l'enregistre en JPEG CMJN), ou produisez"
        " sans variante PDF/X"
    ),
    "has transparency ({what}), which {variant} does not allow: a stylesheet or image of the"
    " project sets it (opacity, a colour with / alpha, a transparent image); make it opaque,"
    " or use pdf/x-4, which allows it": (
        "a de la transparence ({what}), ce que {variant} n'autorise pas : une feuille de style"
        " ou une image du projet la donne (opacity, une couleur avec / alpha, une image"
        " transparente) ; rendez-la opaque, ou utilisez pdf/x-4, qui l'autorise"
    ),
    "an image with transparent parts": "une image aux parties transparentes",
    "opacity": "opacité",
    "a soft mask": "un masque de transparence",
    "a blend mode": "un mode de fusion",
    "a booklet cannot be made as {variant} (binding keeps neither the output intent nor the"
    " PDF/X metadata): build the sheets for the print shop with"
    " `brochure build --print-shop --pdf-variant {variant}`, and make the booklet with"
    " --pdf-variant pdf/a-3b": (
        "un livret ne peut pas être produit en {variant} (la reliure ne garde ni le profil de"
        " sortie ni les métadonnées PDF/X) : produisez les fiches pour l'imprimeur avec"
        " `brochure build --print-shop --pdf-variant {variant}`, et le livret avec"
        " --pdf-variant pdf/a-3b"
    ),
}


def main() -> int:
    # A fixed date: writing the catalogue again changes nothing when no message did.
    catalog = Catalog(
        locale="fr",
        domain="brochure",
        project="brochure",
        charset="utf-8",
        creation_date=datetime(2026, 1, 1, tzinfo=UTC),
    )
    for english, french in FRENCH.items():
        catalog.add(english, french)
    CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
    with CATALOGUE.open("wb") as file:
        write_po(file, catalog, width=88, omit_header=False, sort_output=True)
    print(f"wrote {CATALOGUE} ({len(FRENCH)} messages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
