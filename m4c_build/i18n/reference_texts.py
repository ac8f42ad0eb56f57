"""Words of the field reference page and the type names it and the validator use, in fr, en, es.

Keyed by stable ids (``reference.*``, ``type.*``) and read through ``texts.Strings``; each tuple
is in ``LANGUAGES`` order.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str, str]] = {
    "type.or": ("{0} ou {1}", "{0} or {1}", "{0} o {1}"),
    "type.one_of": ("une valeur parmi {0}", "one of {0}", "uno de {0}"),
    "type.list": ("une liste de : {0}", "a list of {0}", "una lista de: {0}"),
    "type.mapping": ("des clés avec chacune : {0}", "a mapping of keys to {0}", "claves con cada una: {0}"),
    "type.fields": ("un ensemble de champs", "a set of fields", "un conjunto de campos"),
    "type.text": ("texte", "text", "texto"),
    "type.int": ("un nombre entier", "a whole number", "un número entero"),
    "type.float": ("un nombre", "a number", "un número"),
    "type.bool": ("true ou false", "true or false", "true o false"),
    "type.date": ("une date (AAAA-MM-JJ)", "a date (YYYY-MM-DD)", "una fecha (AAAA-MM-DD)"),
    "reference.title": (
        "Référence des champs d'un rapport",
        "Report field reference",
        "Referencia de los campos de un informe",
    ),
    "reference.intro": (
        "Un rapport est un fichier Markdown dans `content/missions/` : ses champs viennent d'abord, entre "
        "deux lignes `---` (l'en-tête), puis le récit. Cette page liste tous les champs dans l'ordre des "
        "rapports. Elle est générée à partir du schéma que vérifie `m4c validate` : elle est toujours à "
        "jour.",
        "A report is a Markdown file in `content/missions/`: its fields come first, between two `---` "
        "lines (the frontmatter), then the narrative. This page lists every field in the order used in "
        "reports. It is generated from the schema that `m4c validate` checks, so it is always up to date.",
        "Un informe es un archivo Markdown en `content/missions/`: primero van sus campos, entre dos "
        "líneas `---` (el encabezado), y luego el relato. Esta página enumera todos los campos en el orden "
        "de los informes. Se genera a partir del esquema que comprueba `m4c validate`, por lo que siempre "
        "está al día.",
    ),
    "reference.frontmatter": ("En-tête", "Frontmatter", "Encabezado"),
    "reference.field": ("Champ", "Field", "Campo"),
    "reference.required": ("obligatoire", "required", "obligatorio"),
    "reference.optional": ("facultatif", "optional", "opcional"),
    "reference.type": ("Type", "Type", "Tipo"),
    "reference.description": ("Description", "Description", "Descripción"),
    "reference.allowed": ("Valeurs possibles", "Allowed values", "Valores posibles"),
    "reference.default": ("Par défaut", "Default", "Por defecto"),
    "reference.example": ("Exemple", "Example", "Ejemplo"),
    "reference.items": ("Éléments", "Items", "Elementos"),
    "reference.at_least": ("au moins {n}", "at least {n}", "al menos {n}"),
    "reference.at_most": ("au plus {n}", "at most {n}", "como máximo {n}"),
    "reference.bounds": ("Valeur", "Value", "Valor"),
    "reference.format": ("Format", "Format", "Formato"),
    "reference.key_of_cities": (
        "une clé de `cities.yml`",
        "a key of `cities.yml`",
        "una clave de `cities.yml`",
    ),
    "reference.key_of_vocabulary": (
        "une clé de `{name}` dans `vocabulary.yml`",
        "a key of `{name}` in `vocabulary.yml`",
        "una clave de `{name}` en `vocabulary.yml`",
    ),
    "reference.private": (
        "Jamais publié : seul le Secrétariat le voit.",
        "Never published: only the Secretariat sees it.",
        "Nunca se publica: solo lo ve la Secretaría.",
    ),
    "reference.see": ("(voir `{path}` plus bas)", "(see `{path}` below)", "(véase `{path}` más abajo)"),
    "reference.each_item": (
        "Chaque élément de la liste :",
        "Each item of the list:",
        "Cada elemento de la lista:",
    ),
    "reference.shorthand": (
        "Un simple texte est aussi accepté, pour le seul `{field}` :",
        "A plain text is also accepted, for the `{field}` alone:",
        "También se acepta un texto simple, solo para `{field}`:",
    ),
    "reference.complete": ("Exemple complet", "Complete example", "Ejemplo completo"),
    "reference.complete_intro": (
        "Un fichier de rapport entier, construit à partir des exemples ci-dessus. Enregistrez-le sous "
        "`content/{path}` et remplacez les valeurs.",
        "A whole report file, built from the examples above. Save it as `content/{path}` and replace the "
        "values.",
        "Un archivo de informe entero, construido con los ejemplos anteriores. Guárdelo como "
        "`content/{path}` y sustituya los valores.",
    ),
    "reference.body": (
        "## La mission\n\nLe récit de la mission, en Markdown.",
        "## The mission\n\nThe narrative of the mission, in Markdown.",
        "## La misión\n\nEl relato de la misión, en Markdown.",
    ),
    "reference.cities_intro": (
        "Les villes membres. Chaque ville est écrite sous sa clé : la clé que les rapports donnent dans "
        "`city`.",
        "The member cities. Each city is written under its key: the key reports give in `city`.",
        "Las ciudades miembro. Cada ciudad se escribe bajo su clave: la clave que los informes indican en "
        "`city`.",
    ),
    "reference.vocabulary_intro": (
        "Les vocabulaires contrôlés. Chaque terme est écrit sous sa clé : la clé que les rapports donnent "
        "dans `themes`, `heritage_topics` et `assistance.formats`.",
        "The controlled vocabularies. Each term is written under its key: the key reports give in "
        "`themes`, `heritage_topics` and `assistance.formats`.",
        "Los vocabularios controlados. Cada término se escribe bajo su clave: la clave que los informes "
        "indican en `themes`, `heritage_topics` y `assistance.formats`.",
    ),
    "reference.colon": ("\u00a0:", ":", ":"),
}
