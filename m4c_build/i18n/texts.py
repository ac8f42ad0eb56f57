"""The translator of every interface text (``Strings``), and the site's own texts.

All interface texts live in ``i18n/``, keyed by stable ids, one tuple per id in ``LANGUAGES``
order: the site's here, the field reference's and type names' in ``reference_texts``, ``m4c
new``'s in ``authoring_texts``, the downloads' in ``downloads_texts``. ``Strings(language)``
reads them all. (The report texts are the cities' own; the field docs are in
``report_fields.yml``, read by ``fielddocs``.)
"""

from __future__ import annotations

import datetime as dt

from m4c_build.i18n import authoring_texts, downloads_texts, reference_texts
from m4c_build.schema.classes import LANGUAGES

_STRINGS: dict[str, tuple[str, str, str]] = {
    # key: (fr, en, es)
    "site_name": ("Mission4City — Base de connaissances", "Mission4City — Knowledge base",
                  "Mission4City — Base de conocimientos"),
    "home": ("Accueil", "Home", "Inicio"),
    "missions": ("Missions", "Missions", "Misiones"),
    "mission": ("Mission", "Mission", "Misión"),
    "all_missions": ("Toutes les missions", "All missions", "Todas las misiones"),
    "themes": ("Thèmes", "Themes", "Temas"),
    "theme": ("Thème", "Theme", "Tema"),
    "topics": ("Sujets patrimoniaux", "Heritage topics", "Temas patrimoniales"),
    "topic": ("Sujet patrimonial", "Heritage topic", "Tema patrimonial"),
    "cities": ("Villes", "Cities", "Ciudades"),
    "city": ("Ville", "City", "Ciudad"),
    "regions": ("Régions", "Regions", "Regiones"),
    "region": ("Région", "Region", "Región"),
    "years": ("Années", "Years", "Años"),
    "year": ("Année", "Year", "Año"),
    "country": ("Pays", "Country", "País"),
    "countries": ("Pays", "Countries", "Países"),
    "type": ("Type de mission", "Mission type", "Tipo de misión"),
    "format": ("Format d'assistance", "Assistance format", "Formato de asistencia"),
    "language": ("Langue du rapport", "Report language", "Idioma del informe"),
    "programme_pages": ("Le programme", "The programme", "El programa"),
    "type_technical-assistance": ("Assistance technique", "Technical assistance", "Asistencia técnica"),
    "type_exploratory": ("Mission exploratoire", "Exploratory mission", "Misión exploratoria"),
    "lang_fr": ("français", "French", "francés"),
    "lang_en": ("anglais", "English", "inglés"),
    "lang_es": ("espagnol", "Spanish", "español"),
    "example_banner": (
        "Ce rapport illustre le format des rapports M4C ; ce n'est pas le compte rendu d'une mission réelle.",
        "This report illustrates the M4C report format; it does not describe a real mission.",
        "Este informe ilustra el formato de los informes M4C; no describe una misión real.",
    ),
    "example": ("Exemple", "Example", "Ejemplo"),
    "dates": ("Dates", "Dates", "Fechas"),
    "duration": ("Durée", "Duration", "Duración"),
    "day": ("jour", "day", "día"),
    "days": ("jours", "days", "días"),
    "issue": ("Enjeu initial", "Initial issue", "Problemática inicial"),
    "objectives": ("Objectifs", "Objectives", "Objetivos"),
    "plan": ("Projet ou plan d'action global", "Global project or action plan",
             "Proyecto o plan de acción global"),
    "expertise": ("Expertise demandée", "Expertise requested", "Pericia solicitada"),
    "experts": ("Experts", "Experts", "Expertos"),
    "international_experts": ("Experts internationaux", "International experts", "Expertos internacionales"),
    "local_experts": ("Experts locaux", "Local experts", "Expertos locales"),
    "actors": ("Acteurs impliqués", "Actors involved", "Actores implicados"),
    "assistance": ("Aide obtenue", "Help obtained", "Ayuda obtenida"),
    "formats": ("Formats", "Formats", "Formatos"),
    "programme": ("Programme de la mission", "Mission programme", "Programa de la misión"),
    "narrative": ("Compte rendu", "Account of the mission", "Relato de la misión"),
    "photos": ("Photos", "Photos", "Fotos"),
    "lessons": ("Leçons apprises", "Lessons learned", "Lecciones aprendidas"),
    "solutions": ("Pistes de solutions", "Solution paths", "Vías de solución"),
    "difficulties": ("Ce qui n'a pas fonctionné", "What did not work", "Lo que no funcionó"),
    "follow_up": ("Suivi", "Follow-up", "Seguimiento"),
    "owner": ("Responsable", "Owner", "Responsable"),
    "due": ("Échéance", "Due", "Plazo"),
    "status": ("État", "Status", "Estado"),
    "status_planned": ("prévu", "planned", "previsto"),
    "status_in-progress": ("en cours", "in progress", "en curso"),
    "status_done": ("fait", "done", "hecho"),
    "overdue": ("en retard", "overdue", "atrasado"),
    "same_city": ("Autres missions à {city}", "Other missions in {city}", "Otras misiones en {city}"),
    "same_themes": ("Missions sur les mêmes thèmes", "Missions on the same themes",
                    "Misiones sobre los mismos temas"),
    "credit": ("Crédit", "Credit", "Crédito"),
    "digest": ("Bonnes pratiques : les leçons apprises", "Best practices: the lessons learned",
               "Buenas prácticas: las lecciones aprendidas"),
    "digest_intro": (
        "Toutes les leçons apprises des missions sur ce thème, chacune avec sa mission et sa ville.",
        "Every lesson learned from the missions on this theme, each with its mission and city.",
        "Todas las lecciones aprendidas de las misiones sobre este tema, cada una con su misión y su ciudad.",
    ),
    "no_missions": ("Aucune mission publiée pour l'instant.", "No mission published yet.",
                    "Ninguna misión publicada por ahora."),
    "mission_count_0": ("aucune mission", "no missions", "ninguna misión"),
    "mission_count_1": ("1 mission", "1 mission", "1 misión"),
    "mission_count_n": ("{n} missions", "{n} missions", "{n} misiones"),
    "all_by_year": ("Toutes les missions, par année", "All missions, by year", "Todas las misiones, por año"),
    "earlier_missions": ("Missions précédentes", "Earlier missions", "Misiones anteriores"),
    "latest": ("Dernières missions", "Latest missions", "Últimas misiones"),
    "coverage": ("Couverture : missions par région et par thème",
                 "Coverage: missions by region and theme", "Cobertura: misiones por región y tema"),
    "coverage_intro": (
        "Les cases vides montrent les sujets encore sans mission dans une région.",
        "Empty cells show the themes no mission has covered yet in a region.",
        "Las casillas vacías muestran los temas aún sin misión en una región.",
    ),
    "total": ("Total", "Total", "Total"),
    "map": ("Carte des villes des missions", "Map of the mission cities", "Mapa de las ciudades de las misiones"),
    "map_fallback": (
        "La carte nécessite JavaScript ; la liste des villes ci-dessous reste disponible.",
        "The map needs JavaScript; the list of cities below stays available.",
        "El mapa necesita JavaScript; la lista de ciudades de abajo sigue disponible.",
    ),
    "browse": ("Parcourir", "Browse", "Explorar"),
    "by_theme": ("Par thème", "By theme", "Por tema"),
    "by_region": ("Par région", "By region", "Por región"),
    "home_intro": (
        "Le programme Mission4City (M4C) de l'Organisation des villes du patrimoine mondial envoie des "
        "experts internationaux, pendant un à trois jours, aider une ville membre à débloquer une question "
        "de gestion du patrimoine ou de planification urbaine. Cette base réunit les rapports de ces "
        "missions et les leçons qu'elles ont permis de tirer.",
        "The Mission4City (M4C) programme of the Organization of World Heritage Cities sends international "
        "experts, for one to three days, to help a member city unblock a heritage-management or "
        "urban-planning question. This knowledge base gathers the reports of these missions and the "
        "lessons they taught.",
        "El programa Mission4City (M4C) de la Organización de las Ciudades del Patrimonio Mundial envía "
        "expertos internacionales, durante uno a tres días, a ayudar a una ciudad miembro a desbloquear "
        "una cuestión de gestión del patrimonio o de planificación urbana. Esta base reúne los informes "
        "de esas misiones y las lecciones aprendidas.",
    ),
    "search": ("Rechercher", "Search", "Buscar"),
    "search_placeholder": ("Rechercher dans les missions", "Search the missions", "Buscar en las misiones"),
    "search_intro": (
        "Cherchez un mot dans tous les rapports, en français, en anglais ou en espagnol, et affinez par "
        "thème, sujet, région, pays, ville, année, type, format ou langue.",
        "Search a word across all reports, in French, English or Spanish, and narrow down by theme, topic, "
        "region, country, city, year, type, format or language.",
        "Busque una palabra en todos los informes, en francés, inglés o español, y filtre por tema, tema "
        "patrimonial, región, país, ciudad, año, tipo, formato o idioma.",
    ),
    "search_nojs": (
        "La recherche nécessite JavaScript ; toutes les missions sont listées ci-dessous.",
        "Search needs JavaScript; every mission is listed below.",
        "La búsqueda necesita JavaScript; todas las misiones se listan abajo.",
    ),
    "search_clear": ("Effacer", "Clear", "Borrar"),
    "search_filters": ("Affiner", "Narrow down", "Filtrar"),
    "search_more": ("Plus de résultats", "More results", "Más resultados"),
    "search_failed": (
        "La recherche n'a pas pu être chargée ; toutes les missions restent listées ci-dessous.",
        "Search could not be loaded; every mission is still listed below.",
        "No se pudo cargar la búsqueda; todas las misiones siguen listadas abajo.",
    ),
    "location": ("Localisation", "Location", "Ubicación"),
    "whc": ("Bien du patrimoine mondial", "World Heritage property", "Bien del Patrimonio Mundial"),
    "see_uri": ("Référence du terme", "Term reference", "Referencia del término"),
    "from_city": ("{title} — {city}", "{title} — {city}", "{title} — {city}"),
    "read_more": ("Lire le rapport", "Read the report", "Leer el informe"),
    "reference_nav": ("Rédiger un rapport : les champs", "Writing a report: the fields",
                      "Redactar un informe: los campos"),
    "reference_intro": (
        "Tous les champs d'un rapport de mission, générés à partir du schéma que vérifie m4c validate.",
        "Every field of a mission report, generated from the schema m4c validate checks.",
        "Todos los campos de un informe de misión, generados a partir del esquema que comprueba m4c validate.",
    ),
    "local": ("local", "local", "local"),
    "international": ("international", "international", "internacional"),
    "publisher": (
        "Organisation des villes du patrimoine mondial (OVPM)",
        "Organization of World Heritage Cities (OWHC)",
        "Organización de las Ciudades del Patrimonio Mundial (OCPM)",
    ),
}

_MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
}

_INDEX = {language: i for i, language in enumerate(LANGUAGES)}

_CATALOGUE: dict[str, tuple[str, str, str]] = {}
for _table in (_STRINGS, reference_texts.TEXTS, authoring_texts.TEXTS, downloads_texts.TEXTS):
    assert not _CATALOGUE.keys() & _table.keys(), "an id in two tables"
    _CATALOGUE.update(_table)


def text_ids(prefix: str = "") -> list[str]:
    """The ids of every interface text (starting with ``prefix``), for checks and translators."""
    return sorted(key for key in _CATALOGUE if key.startswith(prefix))


class Strings:
    """The interface texts of one language: ``t('lessons')``, ``t('same_city', city='Évora')``.

    Texts with positional fields (``type.or``: '{0} or {1}') are formatted by the caller.
    """

    def __init__(self, language: str) -> None:
        if language not in _INDEX:
            raise ValueError(f"unsupported interface language {language!r}: "
                             f"use {', '.join(LANGUAGES[:-1])} or {LANGUAGES[-1]}")
        self.language = language
        self._i = _INDEX[language]

    def __call__(self, key: str, **values: object) -> str:
        text = _CATALOGUE[key][self._i]
        return text.format(**values) if values else text

    def lbl(self, key: str) -> str:
        """A label before a value: 'Échéance :' in French, 'Due:' in English."""
        return f"{self(key)}{' :' if self.language == 'fr' else ':'}"

    def count(self, n: int) -> str:
        key = "mission_count_0" if n == 0 else "mission_count_1" if n == 1 else "mission_count_n"
        return self(key, n=n)

    def date(self, day: dt.date) -> str:
        month = _MONTHS[self.language][day.month - 1]
        if self.language == "en":
            return f"{day.day} {month} {day.year}"
        first = "1er" if self.language == "fr" and day.day == 1 else str(day.day)
        joiner = " de " if self.language == "es" else " "
        return f"{first}{joiner}{month}{joiner}{day.year}"

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """'14–16 octobre 2025', '30 septembre – 2 octobre 2025'."""
        if start == end:
            return self.date(start)
        if (start.year, start.month) == (end.year, end.month):
            first = "1er" if self.language == "fr" and start.day == 1 else str(start.day)
            return f"{first}–{self.date(end)}"
        if start.year == end.year:
            head = self.date(start).rsplit(" ", 2 if self.language == "es" else 1)[0]
            return f"{head} – {self.date(end)}"
        return f"{self.date(start)} – {self.date(end)}"

    def days(self, n: int) -> str:
        return f"{n} {self('day') if n == 1 else self('days')}"
