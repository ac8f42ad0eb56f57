"""Printable downloads: the *Fiche technique M4C* (the request form) and the report template.

Each comes as Markdown and as Word (.docx, python-docx), in the site's language. The report
template is the scaffold of ``m4c new`` with nothing filled in, and its Word version lists the
same fields, so both follow the schema. The Fiche's rubrics name the report fields they feed,
which a test checks against the schema.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt

from m4c_build.authoring.prompts import Request, field_doc, report_fields, report_text, words
from m4c_build.model import Registry

FICHE = "downloads/fiche-technique-m4c"
TEMPLATE = "downloads/report-template"
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)
"""Zip entry times in the .docx: the same bytes from build to build."""


@dataclass(frozen=True)
class Rubric:
    """A rubric of the Fiche technique: its label and hint in fr/en/es, and the report fields
    it feeds (the mayor's letter, which is no field, comes after the rubrics)."""

    labels: dict[str, str]
    hints: dict[str, str]
    fields: dict[str, dict[str, str]]
    """Report field path -> its label on the form, by language; one line to write each."""


RUBRICS: tuple[Rubric, ...] = (
    Rubric(
        {"fr": "Ville requérante", "en": "Requesting city", "es": "Ciudad solicitante"},
        {"fr": "Le nom de la ville qui présente la demande.",
         "en": "The name of the city that makes the request.",
         "es": "El nombre de la ciudad que presenta la solicitud."},
        {"city": {"fr": "Ville", "en": "City", "es": "Ciudad"}},
    ),
    Rubric(
        {"fr": "Personne contact", "en": "Contact person", "es": "Persona de contacto"},
        {"fr": "L'interlocuteur du Secrétariat pendant toute la préparation.",
         "en": "The Secretariat's contact throughout the preparation.",
         "es": "El interlocutor de la Secretaría durante toda la preparación."},
        {"contact.name": {"fr": "Nom", "en": "Name", "es": "Nombre"},
         "contact.title": {"fr": "Titre", "en": "Title", "es": "Cargo"},
         "contact.email": {"fr": "Adresse électronique", "en": "E-mail",
                           "es": "Correo electrónico"}},
    ),
    Rubric(
        {"fr": "Description de la situation", "en": "Description of the situation",
         "es": "Descripción de la situación"},
        {"fr": "Un exposé clair et bref de la situation qui motive la demande : le problème à "
               "résoudre ou les connaissances à acquérir.",
         "en": "A clear and brief account of the situation behind the request: the problem to "
               "solve or the knowledge to acquire.",
         "es": "Una exposición clara y breve de la situación que motiva la solicitud: el "
               "problema por resolver o los conocimientos por adquirir."},
        {"issue": {}},
    ),
    Rubric(
        {"fr": "Projet ou plan d'action global", "en": "Global project or action plan",
         "es": "Proyecto o plan de acción global"},
        {"fr": "Le projet, ou le plan de gestion d'ensemble, dans lequel la demande s'insère.",
         "en": "The project, or the overall management plan, the request belongs to.",
         "es": "El proyecto, o el plan de gestión de conjunto, en el que se inscribe la "
               "solicitud."},
        {"plan": {}},
    ),
    Rubric(
        {"fr": "Expertise demandée", "en": "Expertise requested", "es": "Pericia solicitada"},
        {"fr": "Les profils d'experts recherchés et leurs principales compétences.",
         "en": "The expert profiles sought and their main skills.",
         "es": "Los perfiles de expertos buscados y sus principales competencias."},
        {"expertise": {}},
    ),
)

_FICHE_TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Fiche technique M4C",
        "intro": "Programme Mission4City (M4C) de l'Organisation des villes du patrimoine "
                 "mondial (OVPM) : demande d'assistance technique.",
        "letter": "Lettre du maire",
        "letter_text": "Joignez à cette fiche une lettre signée par le maire de la ville "
                       "requérante : elle atteste l'engagement de la municipalité. Une demande "
                       "sans cette lettre n'est pas complète. Adressez la fiche et la lettre "
                       "ensemble au Secrétaire général de l'OVPM.",
        "check": "La lettre signée du maire est jointe",
        "template": "Modèle de rapport de mission M4C",
        "template_intro": "Chaque rubrique est un champ du rapport publié dans la base de "
                          "connaissances. Les rubriques facultatives peuvent rester vides.",
        "narrative": "Récit de la mission",
    },
    "en": {
        "title": "M4C technical form",
        "intro": "Mission4City (M4C) programme of the Organization of World Heritage Cities "
                 "(OWHC): request for technical assistance.",
        "letter": "Letter from the mayor",
        "letter_text": "Attach to this form a letter signed by the mayor of the requesting "
                       "city: it shows the municipality's commitment. A request without this "
                       "letter is not complete. Send the form and the letter together to the "
                       "Secretary General of the OWHC.",
        "check": "The mayor's signed letter is attached",
        "template": "M4C mission report template",
        "template_intro": "Each section is a field of the report published in the knowledge "
                          "base. Optional sections may stay empty.",
        "narrative": "Account of the mission",
    },
    "es": {
        "title": "Ficha técnica M4C",
        "intro": "Programa Mission4City (M4C) de la Organización de las Ciudades del "
                 "Patrimonio Mundial (OCPM): solicitud de asistencia técnica.",
        "letter": "Carta del alcalde",
        "letter_text": "Adjunte a esta ficha una carta firmada por el alcalde de la ciudad "
                       "solicitante: acredita el compromiso del municipio. Una solicitud sin "
                       "esta carta no está completa. Envíe la ficha y la carta juntas al "
                       "Secretario General de la OCPM.",
        "check": "Se adjunta la carta firmada del alcalde",
        "template": "Plantilla de informe de misión M4C",
        "template_intro": "Cada sección es un campo del informe publicado en la base de "
                          "conocimientos. Las secciones opcionales pueden quedar vacías.",
        "narrative": "Relato de la misión",
    },
}

_WRITE_LINES = 4
"""Empty lines left to write in under a free-text rubric of the printed form."""


def phrase(language: str, key: str) -> str:
    """One of the downloads' own texts (titles, intro, the mayor's letter) in ``language``."""
    return _FICHE_TEXT.get(language, _FICHE_TEXT["fr"])[key]


def fiche_headings(language: str) -> list[str]:
    """The Fiche's section headings, in order (the rubrics, then the mayor's letter)."""
    return [r.labels[language] for r in RUBRICS] + [phrase(language, "letter")]


def fiche_markdown(language: str) -> str:
    """The Fiche technique as Markdown, to fill in with any text editor."""
    lines = [f"# {phrase(language, 'title')}", "", phrase(language, "intro"), ""]
    for rubric in RUBRICS:
        lines += [f"## {rubric.labels[language]}", "", f"_{rubric.hints[language]}_", ""]
        labelled = [(path, labels[language]) for path, labels in rubric.fields.items() if labels]
        if labelled:
            colon = " :" if language == "fr" else ":"
            lines += [f"- **{label}{colon}** …" for _, label in labelled]
        else:
            lines += ["…"]
        lines.append("")
    lines += [f"## {phrase(language, 'letter')}", "", phrase(language, "letter_text"), "",
              f"- [ ] {phrase(language, 'check')}", ""]
    return "\n".join(lines)


def _save(document: DocxDocument, title: str, language: str) -> bytes:
    document.core_properties.title = title
    document.core_properties.language = language
    document.core_properties.author = "m4c"
    raw = io.BytesIO()
    document.save(raw)
    stable = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(stable, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(entry, source.read(info.filename))
    return stable.getvalue()


def _box(document: DocxDocument, rows: list[str]) -> None:
    """A bordered table to write in: one row per label, or one tall empty cell."""
    if rows:
        table = document.add_table(rows=len(rows), cols=2)
        table.style = "Table Grid"
        for row, label in zip(table.rows, rows, strict=True):
            row.cells[0].text = label
    else:
        table = document.add_table(rows=1, cols=1)
        table.style = "Table Grid"
        table.rows[0].cells[0].text = "\n" * (_WRITE_LINES - 1)


def _document(title: str, intro: str) -> DocxDocument:
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(title, level=0)
    document.add_paragraph(intro)
    return document


def fiche_docx(language: str) -> bytes:
    """The Fiche technique as a Word document, to print or fill in."""
    document = _document(phrase(language, "title"), phrase(language, "intro"))
    for rubric in RUBRICS:
        document.add_heading(rubric.labels[language], level=1)
        document.add_paragraph(rubric.hints[language]).runs[0].italic = True
        _box(document, [labels[language] for labels in rubric.fields.values() if labels])
    document.add_heading(phrase(language, "letter"), level=1)
    document.add_paragraph(phrase(language, "letter_text"))
    document.add_paragraph(f"☐ {phrase(language, 'check')}")
    return _save(document, phrase(language, "title"), language)


def template_markdown(language: str, registry: Registry | None, schema_url: str) -> str:
    """The report template: what ``m4c new`` writes, with nothing filled in."""
    return report_text(Request(language=language), registry, schema_ref=schema_url)


def template_headings(language: str) -> list[str]:
    """The Word template's field headings: every report field path, in schema order."""
    return [f.path for f in report_fields()]


def template_docx(language: str) -> bytes:
    """The report template as a Word document: one section per report field."""
    text = words(language)
    document = _document(phrase(language, "template"), phrase(language, "template_intro"))
    for f in report_fields():
        level = 1 + f.path.count(".")
        document.add_heading(f.path, level=min(level, 3))
        word = text["optional" if f.optional else "required"]
        doc = field_doc(f, language)
        line = doc if f"({word})" in doc else f"{doc} ({word})"
        document.add_paragraph(line).runs[0].italic = True
        if f.record is None:
            _box(document, [])
    document.add_heading(phrase(language, "narrative"), level=1)
    for block in text["body"].split("\n\n"):
        if block.startswith("## "):
            document.add_heading(block[3:].strip(), level=2)
            _box(document, [])
    return _save(document, phrase(language, "template"), language)
