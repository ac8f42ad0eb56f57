"""Words of ``m4c new``: the report template's comments and placeholders, and its questions.

Keyed by stable ids (``template.*``, ``prompt.*``) and read through ``texts.Strings``; each
tuple is in ``LANGUAGES`` order.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str, str]] = {
    "template.todo": ("TODO: à remplir", "TODO: to fill", "TODO: por completar"),
    "template.todo_date": ("TODO: AAAA-MM-JJ", "TODO: YYYY-MM-DD", "TODO: AAAA-MM-DD"),
    "template.required": ("obligatoire", "required", "obligatorio"),
    "template.optional": ("facultatif", "optional", "opcional"),
    "template.choices": ("Valeurs possibles : ", "Possible values: ", "Valores posibles: "),
    "template.example": (
        "Pour en ajouter, remplacez « [] » par une liste comme celle-ci (sans les « # ») :",
        "To add some, replace '[]' with a list like this one (without the '#'):",
        "Para añadir, sustituya «[]» por una lista como esta (sin los «#»):",
    ),
    "template.head": (
        "Rapport de mission Mission4City. Remplacez chaque « TODO », puis lancez « m4c validate ».\nUn "
        "brouillon (status: draft) n'est jamais publié : un « TODO » y est un avertissement.\nPour "
        "publier, écrivez « status: published » : un « TODO » restant est alors une erreur.\nLe récit de "
        "la mission suit le second « --- », en Markdown.",
        "Mission4City mission report. Replace each 'TODO', then run 'm4c validate'.\nA draft (status: "
        "draft) is never published: a 'TODO' in it is a warning.\nTo publish, write 'status: published': a "
        "'TODO' left is then an error.\nThe account of the mission follows the second '---', in Markdown.",
        "Informe de misión Mission4City. Sustituya cada «TODO» y ejecute «m4c validate».\nUn borrador "
        "(status: draft) nunca se publica: un «TODO» en él es una advertencia.\nPara publicar, escriba "
        "«status: published»: un «TODO» restante es entonces un error.\nEl relato de la misión sigue al "
        "segundo «---», en Markdown.",
    ),
    "template.body": (
        "## Contexte\n\nTODO: la situation de la ville et la question posée.\n\n## Déroulement\n\nTODO: ce "
        "que les experts et la ville ont fait, jour par jour.\n\n## Résultats\n\nTODO: ce que la mission a "
        "changé, et ce qui reste à faire.\n",
        "## Context\n\nTODO: the city's situation and the question it asked.\n\n## The mission\n\nTODO: "
        "what the experts and the city did, day by day.\n\n## Results\n\nTODO: what the mission changed, "
        "and what remains to be done.\n",
        "## Situación inicial\n\nTODO: la situación de la ciudad y la pregunta planteada.\n\n## La "
        "misión\n\nTODO: lo que hicieron los expertos y la ciudad, día a día.\n\n## Resultados\n\nTODO: lo "
        "que cambió la misión y lo que queda por hacer.\n",
    ),
    "prompt.city": ("Ville de la mission", "City of the mission", "Ciudad de la misión"),
    "prompt.date": (
        "Premier jour de la mission (AAAA-MM-JJ)",
        "First day of the mission (YYYY-MM-DD)",
        "Primer día de la misión (AAAA-MM-DD)",
    ),
    "prompt.title": ("Titre de la mission", "Title of the mission", "Título de la misión"),
    "prompt.themes": (
        "Thèmes (un ou plusieurs, séparés par des virgules)",
        "Themes (one or more, separated by commas)",
        "Temas (uno o varios, separados por comas)",
    ),
    "prompt.type": ("Type de mission", "Mission type", "Tipo de misión"),
    "prompt.pick": ("Numéro ou clé", "Number or key", "Número o clave"),
    "prompt.not_in_list": (
        "« {0} » n'est pas dans la liste",
        "'{0}' is not in the list",
        "«{0}» no está en la lista",
    ),
    "prompt.did_you_mean": (
        " : vouliez-vous dire « {0} » ?",
        ": did you mean '{0}'?",
        ": ¿quiso decir «{0}»?",
    ),
    "prompt.bad_date": (
        "« {0} » n'est pas une date AAAA-MM-JJ",
        "'{0}' is not a date like YYYY-MM-DD",
        "«{0}» no es una fecha AAAA-MM-DD",
    ),
    "prompt.empty": ("Une réponse est nécessaire", "An answer is needed", "Se necesita una respuesta"),
    "prompt.language": (
        "Langue du rapport / Report language / Idioma del informe",
        "Langue du rapport / Report language / Idioma del informe",
        "Langue du rapport / Report language / Idioma del informe",
    ),
}
