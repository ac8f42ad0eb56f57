"""The report and registry schema: declared once, typed, documented.

Everything else is derived from these classes, through the one walk over their fields
(``schema.walk``): validation (``validate.binding``), the JSON Schema for editors
(``outputs.editor_schemas``), the field reference for authors (``site.reference``), the
``m4c new`` template (``authoring.template``) and the exports. Field order here is the order
authors see.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from dataclasses import dataclass
from typing import Any, Literal

KEY_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Keys of cities and vocabulary terms, and mission slugs."""

Language = Literal["fr", "en", "es"]
MissionType = Literal["technical-assistance", "exploratory"]
Status = Literal["published", "draft"]
FollowUpStatus = Literal["planned", "in-progress", "done"]
PagePart = Literal["toc", "navigation", "footer"]

LANGUAGES: tuple[str, ...] = typing.get_args(Language)
"""The programme's languages, French first (the default of reports and of the interface)."""
MISSION_TYPES: tuple[str, ...] = typing.get_args(MissionType)
"""Mission types, the default first."""
STATUSES: tuple[str, ...] = typing.get_args(Status)
FOLLOW_UP_STATUSES: tuple[str, ...] = typing.get_args(FollowUpStatus)


def spec(
    doc: str,
    *,
    default: Any = dataclasses.MISSING,
    factory: Any = dataclasses.MISSING,
    ref: str | None = None,
    min_items: int = 0,
    max_items: int | None = None,
    pattern: str | None = None,
    pattern_hint: str | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    alias: str | None = None,
    example: Any = None,
    example_key: str | None = None,
    private: bool = False,
    max_length: int | None = None,
    input: Literal["lines", "image"] | None = None,
) -> Any:
    """A documented field. ``ref`` names the registry its keys must exist in; ``example_key``
    is the key of a mapping field's example, whose value is built from the class it holds;
    ``input`` says how a form asks for a text: several lines, or a picture under media/."""
    metadata = {
        "doc": doc,
        "ref": ref,
        "min_items": min_items,
        "max_items": max_items,
        "pattern": pattern,
        "pattern_hint": pattern_hint,
        "minimum": minimum,
        "maximum": maximum,
        "alias": alias,
        "example": example,
        "example_key": example_key,
        "private": private,
        "max_length": max_length,
        "input": input,
    }
    return dataclasses.field(default=default, default_factory=factory, metadata=metadata)


# --- Reports -------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Expert:
    """An expert who took part in the mission."""

    __shorthand__ = "name"

    name: str = spec("Full name.", example="Ana Ferreira")
    role: str | None = spec("Role in the mission or profession.", default=None,
                            example="Architect, heritage conservation")
    origin: str | None = spec("City, country or organisation the expert comes from.",
                              default=None, example="Évora, Portugal")
    international: bool = spec(
        "True for an international expert (funded by the Secretariat), false for a local one.",
        default=True,
    )


@dataclass(frozen=True, kw_only=True)
class Actor:
    """A local actor involved: a service, an association, a body. A plain string is the name."""

    __shorthand__ = "name"

    name: str = spec("Name of the person, service or organisation.", example="Municipal urban planning department")
    role: str | None = spec("What they did or represent.", default=None,
                            example="Manages the public spaces of the historic centre")


@dataclass(frozen=True, kw_only=True)
class Assistance:
    """The help obtained and in what format."""

    summary: str = spec("What help the experts gave, in a few sentences.",
                         example="A site visit and a workshop with the city services on visitor flows.",
                         input="lines")
    formats: list[str] = spec(
        "Formats of the help: keys of 'assistance_formats' in vocabulary.yml.",
        ref="assistance_formats", min_items=1, example=["workshop", "site-visit"],
    )


@dataclass(frozen=True, kw_only=True)
class ProgrammeItem:
    """One item of the mission's agenda."""

    date: dt.date = spec("Day of the activity (YYYY-MM-DD).", example="2024-03-12")
    time: str | None = spec("Start time, 24-hour HH:MM (quote it).", default=None,
                            pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$", pattern_hint="like \"09:30\"",
                            example="09:30")
    activity: str = spec("What happened.", example="Site visit of the lower town")
    with_: str | None = spec("Who took part.", default=None, alias="with",
                             example="Tourism office")


PHOTO_MAX_SIDE = 1600
"""Pixels on the longest side of a photo as the site publishes it: a mission page shows photos
at most 800 CSS pixels wide, 1600 on a high-density screen. ``m4c import`` scales larger
pictures down to it."""


@dataclass(frozen=True, kw_only=True)
class Photo:
    """A photo from the mission, stored under content/media/."""

    file: str = spec("Path of the image, under media/.", pattern=r"^media/",
                     pattern_hint="a path under media/, like media/2024-quebec-workshop.jpg",
                     example="media/2024-quebec-workshop.jpg", input="image")
    alt: str = spec("Text alternative describing the image for people who cannot see it (required).",
                    example="Experts and city staff around a map of the historic centre.")
    caption: str | None = spec("Caption shown under the photo.", default=None,
                               example="The workshop on visitor flows at city hall.")
    credit: str | None = spec("Photographer or rights holder.", default=None, example="City of Québec")


@dataclass(frozen=True, kw_only=True)
class FollowUp:
    """A follow-up action. A plain string is the action."""

    __shorthand__ = "action"

    action: str = spec("What is to be done.", example="Test a booking system for tour coaches")
    owner: str | None = spec("Who is responsible.", default=None, example="Tourism office")
    due: dt.date | None = spec("Due date (YYYY-MM-DD).", default=None, example="2024-09-30")
    status: FollowUpStatus | None = spec("planned, in-progress or done.", default=None,
                                         example="done")
    done: dt.date | None = spec("With status done: the day it was done (YYYY-MM-DD), on or after the mission's "
                                "first day; the follow-up board counts it on time when it is not after 'due'.",
                                default=None, example="2024-09-15")


@dataclass(frozen=True, kw_only=True)
class Contact:
    """The city's contact person: used by the Secretariat, never published."""

    name: str = spec("Full name.", example="Marie Tremblay")
    title: str | None = spec("Job title.", default=None, example="Heritage planning adviser")
    email: str = spec("E-mail address.", pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                      pattern_hint="like name@city.example", example="heritage@city.example")


@dataclass(frozen=True, kw_only=True)
class Translation:
    """The report's main texts in another language, translated by a person."""

    title: str = spec("The title in that language.",
                      example="Gestionar los flujos turísticos en el centro histórico")
    summary: str | None = spec("The one-line summary in that language.", default=None,
                               example="Repartir los flujos de visitantes en el barrio histórico.")
    issue: str | None = spec("The initial issue in that language.", default=None,
                             example="Autocares y cruceristas saturan unas pocas calles de la ciudad baja.",
                             input="lines")
    lessons: list[str] = spec(
        "The lessons in that language: one for each lesson of the report, in the same order.",
        factory=list, example=["Contar a los visitantes antes de regularlos."],
    )
    solutions: list[str] = spec(
        "The solution paths in that language: one for each of the report, in the same order.",
        factory=list, example=["Franjas horarias para los autocares"],
    )
    difficulties: list[str] = spec(
        "The difficulties in that language: one for each of the report, in the same order.",
        factory=list, example=["Pocos datos de conteo antes de la misión"],
    )
    results: list[str] = spec(
        "The results in that language: one for each of the report, in the same order.",
        factory=list, example=["Los autocares se reparten ahora en tres franjas horarias."],
    )
    success_factors: list[str] = spec(
        "The success factors in that language: one for each of the report, in the same order.",
        factory=list, example=["Un equipo municipal dedicado a los flujos"],
    )
    transferability: str | None = spec("What another city needs to reuse it, in that language.", default=None,
                                       example="Un sistema de reservas y dos personas durante seis meses.",
                                       input="lines")


@dataclass(frozen=True, kw_only=True)
class Report:
    """A Mission4City mission report: the frontmatter of one file in content/missions/."""

    title: str = spec("Title of the mission.", example="Managing tourist flows in the historic centre")
    summary: str | None = spec("One line shown on cards and in search results.", default=None,
                               example="Spreading visitor flows across the historic district.")
    city: str = spec("The member city: a key of cities.yml.", ref="cities", example="quebec")
    date: dt.date = spec("First day of the mission (YYYY-MM-DD).", example="2024-03-12")
    end_date: dt.date | None = spec("Last day, if the mission lasted more than one day (missions last 1 to 3 days).",
                                 default=None, example="2024-03-13")
    type: MissionType = spec("technical-assistance, or exploratory for a partnership mission.",
                             default="technical-assistance")
    language: Language = spec("Language the report is written in: fr, en or es.", default="fr",
                              example="en")
    status: Status = spec("published, or draft: a draft is never published.", default="published")
    example: bool = spec("True for the shipped sample reports: their page says it is an example.",
                         default=False)
    themes: list[str] = spec("Themes: keys of 'themes' in vocabulary.yml.", ref="themes", min_items=1,
                             example=["tourism"])
    heritage_topics: list[str] = spec("Heritage topics: keys of 'heritage_topics' in vocabulary.yml.",
                                      ref="heritage_topics", factory=list,
                                      example=["historic-urban-landscape"])
    factors: list[str] = spec(
        "Factors affecting the World Heritage property (UNESCO's standard list): keys of secondary "
        "factors in 'factors' in vocabulary.yml; each one's primary factor follows.",
        ref="factors", factory=list, example=["impacts-of-tourism-visitor-recreation"],
    )
    issue: str = spec("The initial issue that motivated the request.",
                      example="Tour coaches and cruise passengers crowd a few streets of the lower town.",
                      input="lines")
    objectives: list[str] = spec("Objectives of the request.", min_items=1,
                                 example=["Measure the visitor flows", "Spread visits over the day"])
    plan: str | None = spec("The global project or action plan the request belongs to.", default=None,
                            example="The management plan of the historic district", input="lines")
    expertise: list[str] = spec("Expertise requested: expert profiles and main skills.", factory=list,
                                example=["Visitor flow management in historic cities"])
    experts: list[Expert] = spec("The experts: international ones (funded by the Secretariat) and local ones.",
                                 min_items=1)
    actors: list[Actor] = spec("Local actors involved.", min_items=1)
    assistance: Assistance = spec("The help obtained and its formats.")
    programme: list[ProgrammeItem] = spec("The mission's agenda.", factory=list)
    photos: list[Photo] = spec("Photos, with alt text.", factory=list)
    lessons: list[str] = spec("Lessons learned: they feed the best-practices digest of each theme.",
                              min_items=1, example=["Count the visitors before regulating them."])
    solutions: list[str] = spec("Solution paths identified.", factory=list,
                                example=["Time slots for tour coaches"])
    difficulties: list[str] = spec("What did not work, and why.", factory=list,
                                   example=["Few counting data before the mission"])
    results: list[str] = spec("What changed afterwards, each with its evidence (a figure, a decision, a date).",
                              factory=list,
                              example=["Coaches now arrive in three time slots (city counts, summer 2024)."])
    success_factors: list[str] = spec("What made it work.", factory=list,
                                      example=["A municipal team dedicated to visitor flows"])
    transferability: str | None = spec(
        "What another city needs to reuse it: conditions, costs, people, time.", default=None,
        example="A booking system for coaches and two people for six months; works where coaches park outside "
                "the historic centre.", input="lines",
    )
    follow_up: list[FollowUp] = spec("Follow-up actions.", min_items=1)
    translations: dict[Language, Translation] = spec(
        "Translations of the main texts, written by people, under the code of their language "
        "(fr, en or es; not the report's own): visitors reading the site in that language read "
        "them, with the original one click away.",
        factory=dict, example_key="es",
    )
    contact: Contact | None = spec("The city's contact person (never published).", default=None,
                                   private=True)


# --- Registries ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class City:
    """A member city (an entry of cities.yml)."""

    name: str = spec("Name of the city, with its accents.", example="Québec")
    country: str = spec("ISO 3166-1 alpha-2 country code, in capitals (quote it).",
                        pattern=r"^[A-Z]{2}$", pattern_hint="two capital letters like \"CA\"",
                        example="CA")
    region: str = spec("OWHC region: a key of 'regions' in vocabulary.yml.", ref="regions",
                       example="north-america")
    location: list[float] = spec("[latitude, longitude] in decimal degrees.", min_items=2, max_items=2,
                                 example=[46.81, -71.21])
    whc_id: int | None = spec("UNESCO World Heritage property id.", default=None, minimum=1,
                              example=300)
    geonames: int | None = spec("GeoNames id.", default=None, minimum=1, example=6325494)


@dataclass(frozen=True, kw_only=True)
class Labels:
    """A text in the three languages of the programme; French is required."""

    fr: str = spec("French.")
    en: str | None = spec("English.", default=None)
    es: str | None = spec("Spanish.", default=None)

    def get(self, language: str) -> str:
        return getattr(self, language, None) or self.fr


@dataclass(frozen=True, kw_only=True)
class Term:
    """A term of a controlled vocabulary."""

    labels: Labels = spec("Labels in fr (required), en and es.")
    description: Labels | None = spec("A short description in fr, en and es.", default=None)
    uri: str | None = spec("UNESCO Thesaurus or Getty AAT URI.", default=None, pattern=r"^https?://",
                           pattern_hint="a full http(s) address")


@dataclass(frozen=True, kw_only=True)
class Factor:
    """A factor of UNESCO's standard list of factors affecting World Heritage properties: a
    primary factor, or a secondary one under its primary."""

    code: str = spec("UNESCO's number: '1' for a primary factor, '1.1' for one of its secondary factors.",
                     pattern=r"^[1-9][0-9]?(?:\.[1-9][0-9]?)?$", pattern_hint="like \"4\" or \"4.2\" (quote it)",
                     example="8.6")
    primary: str | None = spec("For a secondary factor: the key of its primary factor.", default=None,
                               example="social-cultural-uses-of-heritage")
    labels: Labels = spec("UNESCO's names: English and French official, Spanish translated.")
    description: Labels | None = spec("A short description in fr, en and es.", default=None)
    uri: str | None = spec("Where UNESCO defines it.", default=None, pattern=r"^https?://",
                           pattern_hint="a full http(s) address")


@dataclass(frozen=True, kw_only=True)
class Vocabulary:
    """vocabulary.yml: the controlled vocabularies."""

    regions: dict[str, Term] = spec("OWHC regions.", min_items=1, example={
        "north-america": {"labels": {"fr": "Amérique du Nord", "en": "North America",
                                     "es": "América del Norte"}},
    })
    themes: dict[str, Term] = spec("Themes of the missions.", min_items=1, example={
        "tourism": {"labels": {"fr": "Tourisme", "en": "Tourism", "es": "Turismo"}},
    })
    heritage_topics: dict[str, Term] = spec("Heritage topics.", min_items=1, example={
        "historic-urban-landscape": {"labels": {"fr": "Paysage urbain historique",
                                                "en": "Historic urban landscape",
                                                "es": "Paisaje urbano histórico"}},
    })
    assistance_formats: dict[str, Term] = spec("Formats of assistance.", min_items=1, example={
        "workshop": {"labels": {"fr": "Atelier de travail", "en": "Workshop", "es": "Taller"}},
        "site-visit": {"labels": {"fr": "Visite de terrain", "en": "Site visit",
                                  "es": "Visita de campo"}},
    })
    factors: dict[str, Factor] = spec(
        "UNESCO's standard list of factors affecting World Heritage properties: primary factors, and "
        "secondary ones naming their primary.", factory=dict, example={
            "social-cultural-uses-of-heritage": {"code": "8", "labels": {
                "fr": "Utilisations sociales/culturelles du patrimoine",
                "en": "Social/cultural uses of heritage",
                "es": "Usos sociales/culturales del patrimonio"}},
            "impacts-of-tourism-visitor-recreation": {"code": "8.6", "primary": "social-cultural-uses-of-heritage",
                                                      "labels": {
                "fr": "Impacts des activités touristiques / de loisirs des visiteurs",
                "en": "Impacts of tourism / visitor / recreation",
                "es": "Impactos del turismo / de los visitantes / de las actividades recreativas"}},
        })


# --- Programme pages ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PageMeta:
    """The front matter of a programme page (pages/<name>.md and its translations): every key a
    page may set. Nothing else is read: a page cannot choose its template, set the site's own
    keys or hand a theme a value it would print as markup."""

    title: str | None = spec("Title in the menu, the browser tab and link previews, as plain text "
                             "(default: the page's first '# ' heading).", default=None, max_length=120,
                             example="How to ask for a mission")
    description: str | None = spec("One or two sentences for search engines and link previews, as plain "
                                   "text (default: the site's description).", default=None, max_length=300,
                                   example="The documents a city sends to ask for a mission, and when.",
                                   input="lines")
    image: str | None = spec("A picture beside the page in pages/, shown by link previews (default: the "
                             "site's card).", default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$",
                             pattern_hint="a file name in pages/, like how-to-apply.jpg",
                             example="how-to-apply.jpg")
    hide: list[PagePart] = spec("Parts of the page not to show: toc (its table of contents), navigation "
                                "(the menu beside it), footer.", factory=list, example=["toc"])


REGISTRY_KINDS: dict[str, str] = {
    "cities": "city",
    "regions": "region",
    "themes": "theme",
    "heritage_topics": "heritage topic",
    "assistance_formats": "assistance format",
    "factors": "factor",
}
"""Registries a field can refer to, with the singular noun used in messages."""
