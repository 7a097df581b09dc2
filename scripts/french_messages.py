"""The French of brochure's messages: writes brochure/locale/fr/LC_MESSAGES/brochure.po.

Run after marking new messages with _() (``python scripts/french_messages.py``);
tests/test_messages.py says which are missing.
"""

from __future__ import annotations

import sys
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
    "a booklet cannot be made as {variant} (binding keeps neither the output intent nor the"
    " PDF/X metadata): build the sheets for the print shop with"
    " `brochure build --pdf-variant {variant}`, or make the booklet as pdf/a-3b": (
        "un livret ne peut pas être produit en {variant} (la reliure ne garde ni le profil de"
        " sortie ni les métadonnées PDF/X) : produisez les fiches pour l'imprimeur avec"
        " `brochure build --pdf-variant {variant}`, ou le livret en pdf/a-3b"
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
    "an image not in CMYK": "une image qui n'est pas en CMJN",
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
}


def main() -> int:
    catalog = Catalog(locale="fr", domain="brochure", project="brochure", charset="utf-8")
    for english, french in FRENCH.items():
        catalog.add(english, french)
    CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
    with CATALOGUE.open("wb") as file:
        write_po(file, catalog, width=88, omit_header=False, sort_output=True)
    print(f"wrote {CATALOGUE} ({len(FRENCH)} messages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
