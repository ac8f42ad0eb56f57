"""What people title a report's sections in Word, keyed by the schema field they fill.

``m4c import`` reads a free-form report by its headings ("Leçons apprises", "Lessons learnt",
"Lecciones aprendidas" are all ``lessons``) and by its labelled lines ("Ville : Québec").
This table is the one place for the variants; the interface's own label of each field (the
catalogue text whose id is the field's name, "Enseignements" and the like) counts too
(``synonyms``). Every key is a field of ``schema.Report`` (a test says so).
"""

from __future__ import annotations

import re
from functools import cache

from m4c_build.authoring.template import folded
from m4c_build.i18n.texts import Strings, text_ids
from m4c_build.schema import walk
from m4c_build.schema.classes import LANGUAGES, Report

HEADINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "title": {"fr": ("titre", "titre de la mission"), "en": ("title", "mission title"),
              "es": ("titulo", "titulo de la mision")},
    "summary": {"fr": ("resume", "en bref", "synthese"), "en": ("summary", "abstract", "in short"),
                "es": ("resumen", "sintesis")},
    "city": {"fr": ("ville", "ville requerante", "ville hote"), "en": ("city", "host city", "requesting city"),
             "es": ("ciudad", "ciudad solicitante", "ciudad anfitriona")},
    "date": {"fr": ("date", "dates", "date de la mission", "dates de la mission"),
             "en": ("date", "dates", "mission dates", "date of the mission"),
             "es": ("fecha", "fechas", "fechas de la mision", "fecha de la mision")},
    "themes": {"fr": ("themes", "theme", "thematiques"), "en": ("themes", "theme", "topics"),
               "es": ("temas", "tema", "tematicas")},
    "heritage_topics": {"fr": ("sujets patrimoniaux", "enjeux patrimoniaux"), "en": ("heritage topics",),
                        "es": ("temas patrimoniales",)},
    "issue": {"fr": ("enjeu initial", "probleme initial", "problematique", "contexte et enjeu",
                     "situation initiale", "la question posee"),
              "en": ("initial issue", "the issue", "issue", "problem", "initial problem", "background and issue"),
              "es": ("problema inicial", "problematica", "situacion inicial", "cuestion inicial")},
    "objectives": {"fr": ("objectifs", "objectifs de la demande", "objectifs de la mission"),
                   "en": ("objectives", "goals", "aims", "objectives of the request"),
                   "es": ("objetivos", "objetivos de la solicitud", "objetivos de la mision")},
    "plan": {"fr": ("projet global", "plan d'action", "projet ou plan d'action global"),
             "en": ("action plan", "global project", "overall plan"),
             "es": ("plan de accion", "proyecto global")},
    "expertise": {"fr": ("expertise demandee", "expertise sollicitee", "profils recherches"),
                  "en": ("expertise requested", "expertise sought", "expert profiles"),
                  "es": ("experiencia solicitada", "perfiles solicitados", "pericia solicitada")},
    "experts": {"fr": ("experts", "experts mobilises", "les experts"), "en": ("experts", "the experts"),
                "es": ("expertos", "los expertos")},
    "actors": {"fr": ("acteurs", "acteurs impliques", "acteurs locaux", "partenaires"),
               "en": ("actors", "stakeholders", "local actors", "actors involved", "partners"),
               "es": ("actores", "actores implicados", "actores locales", "socios")},
    "assistance": {"fr": ("aide obtenue", "aide apportee", "assistance recue", "appui obtenu"),
                   "en": ("help obtained", "assistance received", "help received", "support received"),
                   "es": ("ayuda obtenida", "asistencia recibida", "apoyo recibido")},
    "programme": {"fr": ("programme", "programme de la mission", "deroulement", "agenda"),
                  "en": ("programme", "program", "agenda", "mission programme"),
                  "es": ("programa", "programa de la mision", "agenda")},
    "lessons": {"fr": ("lecons apprises", "lecons", "enseignements", "lecons tirees", "retours d'experience"),
                "en": ("lessons learned", "lessons learnt", "lessons", "key lessons"),
                "es": ("lecciones aprendidas", "lecciones", "ensenanzas", "aprendizajes")},
    "solutions": {"fr": ("pistes de solutions", "solutions", "solutions identifiees", "pistes"),
                  "en": ("solutions", "solution paths", "possible solutions", "proposed solutions"),
                  "es": ("soluciones", "pistas de solucion", "soluciones propuestas", "vias de solucion")},
    "difficulties": {"fr": ("difficultes", "ce qui n'a pas fonctionne", "obstacles", "limites"),
                     "en": ("difficulties", "what did not work", "obstacles", "challenges"),
                     "es": ("dificultades", "lo que no funciono", "obstaculos")},
    "results": {"fr": ("resultats", "resultats obtenus", "effets"),
                "en": ("results", "outcomes", "impact"), "es": ("resultados", "resultados obtenidos")},
    "success_factors": {"fr": ("facteurs de reussite", "facteurs de succes", "ce qui a fait reussir",
                               "cles du succes"),
                        "en": ("success factors", "what made it work", "keys to success"),
                        "es": ("factores de exito", "claves del exito", "lo que funciono")},
    "transferability": {"fr": ("transferabilite", "transferabilite de l'experience", "reproductibilite"),
                        "en": ("transferability", "replicability", "what another city needs"),
                        "es": ("transferibilidad", "replicabilidad")},
    "follow_up": {"fr": ("suivi", "suites", "suites a donner", "actions de suivi", "prochaines etapes"),
                  "en": ("follow-up", "follow up", "next steps", "follow-up actions"),
                  "es": ("seguimiento", "proximos pasos", "acciones de seguimiento")},
}
"""Field -> language -> headings, written folded (lower case, no accents): ``normal`` of what
an author writes."""

_NUMBERING = re.compile(r"^(?:(?:[0-9]+|[ivxlc]+|[a-z])[.)]\s*)+(?:[0-9]+[.)]?\s*)*|^[0-9]+(?:\.[0-9]+)*\s+")
_PUNCTUATION = re.compile(r"[\s:;.,!?()\"'«»“”’*_\u2013\u2014-]+")


def normal(text: str) -> str:
    """'2. Leçons apprises :' -> 'lecons apprises': how headings are compared."""
    text = folded(text).strip()
    text = _NUMBERING.sub("", text)
    text = text.replace("’", "'")
    return " ".join(w for w in _PUNCTUATION.split(text.replace("'", " ' ")) if w).replace(" ' ", "'")


@cache
def synonyms() -> dict[str, dict[str, str]]:
    """normal heading -> (field, language) for every variant: the table's and the catalogues'
    labels of the fields (their ids are the field names)."""
    found: dict[str, dict[str, str]] = {}
    fields = [f.name for f in walk.fields(Report)]
    labels = set(text_ids(""))
    for language in LANGUAGES:
        words = Strings(language)
        for name in fields:
            if name in labels:
                found.setdefault(normal(words(name)), {"field": name, "language": language})
            for variant in HEADINGS.get(name, {}).get(language, ()):
                found.setdefault(normal(variant), {"field": name, "language": language})
    return found


def field_of(heading: str) -> tuple[str, str] | None:
    """(field, language) that a heading names, or None: equal after ``normal``, or the
    variant followed by more words ('Lessons learned from the workshop')."""
    key = normal(heading)
    if not key:
        return None
    table = synonyms()
    if key in table:
        return table[key]["field"], table[key]["language"]
    best = max((v for v in table if key.startswith(v + " ")), key=len, default=None)
    return (table[best]["field"], table[best]["language"]) if best else None
