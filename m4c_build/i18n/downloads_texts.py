"""Words of the printable downloads: the Fiche technique M4C, its rubrics, the Word template.

Keyed by stable ids (``fiche.*``; a rubric's label, ``fiche.<rubric>.hint`` and
``fiche.<rubric>.<field path>`` for its labelled lines) and read through ``texts.Strings``; each
tuple is in ``LANGUAGES`` order.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str, str]] = {
    "fiche.title": ("Fiche technique M4C", "M4C technical form", "Ficha técnica M4C"),
    "fiche.intro": (
        "Programme Mission4City (M4C) de l'Organisation des villes du patrimoine mondial (OVPM) : demande "
        "d'assistance technique.",
        "Mission4City (M4C) programme of the Organization of World Heritage Cities (OWHC): request for "
        "technical assistance.",
        "Programa Mission4City (M4C) de la Organización de las Ciudades del Patrimonio Mundial (OCPM): "
        "solicitud de asistencia técnica.",
    ),
    "fiche.letter": ("Lettre du maire", "Letter from the mayor", "Carta del alcalde"),
    "fiche.letter_text": (
        "Joignez à cette fiche une lettre signée par le maire de la ville requérante : elle atteste "
        "l'engagement de la municipalité. Une demande sans cette lettre n'est pas complète. Adressez la "
        "fiche et la lettre ensemble au Secrétaire général de l'OVPM.",
        "Attach to this form a letter signed by the mayor of the requesting city: it shows the "
        "municipality's commitment. A request without this letter is not complete. Send the form and the "
        "letter together to the Secretary General of the OWHC.",
        "Adjunte a esta ficha una carta firmada por el alcalde de la ciudad solicitante: acredita el "
        "compromiso del municipio. Una solicitud sin esta carta no está completa. Envíe la ficha y la "
        "carta juntas al Secretario General de la OCPM.",
    ),
    "fiche.check": (
        "La lettre signée du maire est jointe",
        "The mayor's signed letter is attached",
        "Se adjunta la carta firmada del alcalde",
    ),
    "fiche.template": (
        "Modèle de rapport de mission M4C",
        "M4C mission report template",
        "Plantilla de informe de misión M4C",
    ),
    "fiche.template_intro": (
        "Chaque rubrique est un champ du rapport publié dans la base de connaissances. Les rubriques "
        "facultatives peuvent rester vides.",
        "Each section is a field of the report published in the knowledge base. Optional sections may stay "
        "empty.",
        "Cada sección es un campo del informe publicado en la base de conocimientos. Las secciones "
        "opcionales pueden quedar vacías.",
    ),
    "fiche.narrative": ("Récit de la mission", "Account of the mission", "Relato de la misión"),
    "fiche.requesting_city": ("Ville requérante", "Requesting city", "Ciudad solicitante"),
    "fiche.requesting_city.hint": (
        "Le nom de la ville qui présente la demande.",
        "The name of the city that makes the request.",
        "El nombre de la ciudad que presenta la solicitud.",
    ),
    "fiche.requesting_city.city": ("Ville", "City", "Ciudad"),
    "fiche.contact": ("Personne contact", "Contact person", "Persona de contacto"),
    "fiche.contact.hint": (
        "L'interlocuteur du Secrétariat pendant toute la préparation.",
        "The Secretariat's contact throughout the preparation.",
        "El interlocutor de la Secretaría durante toda la preparación.",
    ),
    "fiche.contact.contact.name": ("Nom", "Name", "Nombre"),
    "fiche.contact.contact.title": ("Titre", "Title", "Cargo"),
    "fiche.contact.contact.email": ("Adresse électronique", "E-mail", "Correo electrónico"),
    "fiche.situation": (
        "Description de la situation",
        "Description of the situation",
        "Descripción de la situación",
    ),
    "fiche.situation.hint": (
        "Un exposé clair et bref de la situation qui motive la demande : le problème à résoudre ou les "
        "connaissances à acquérir.",
        "A clear and brief account of the situation behind the request: the problem to solve or the "
        "knowledge to acquire.",
        "Una exposición clara y breve de la situación que motiva la solicitud: el problema por resolver o "
        "los conocimientos por adquirir.",
    ),
    "fiche.plan": (
        "Projet ou plan d'action global",
        "Global project or action plan",
        "Proyecto o plan de acción global",
    ),
    "fiche.plan.hint": (
        "Le projet, ou le plan de gestion d'ensemble, dans lequel la demande s'insère.",
        "The project, or the overall management plan, the request belongs to.",
        "El proyecto, o el plan de gestión de conjunto, en el que se inscribe la solicitud.",
    ),
    "fiche.expertise": ("Expertise demandée", "Expertise requested", "Pericia solicitada"),
    "fiche.expertise.hint": (
        "Les profils d'experts recherchés et leurs principales compétences.",
        "The expert profiles sought and their main skills.",
        "Los perfiles de expertos buscados y sus principales competencias.",
    ),
}
