"""`m4c import`: Word reports into draft reports. The template's round trip in every language,
free-form reports from Word, Google Docs and LibreOffice, and what the author is told."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CliResult
from PIL import Image
from sitekit import write_content
from wordkit import FreeForm, Section, fill_template, free_form_docx, google_docs, picture, soffice, through_libreoffice

from m4c_build.authoring.headings import HEADINGS, field_of
from m4c_build.authoring.wordimport import find_dates
from m4c_build.schema import walk
from m4c_build.schema.classes import LANGUAGES, PHOTO_MAX_SIDE, Report

Run = Callable[..., CliResult]

TITLES = {"fr": "Flux touristiques dans la basse-ville", "en": "Tourist flows in the lower town",
          "es": "Flujos turísticos en la ciudad baja"}


def filled(language: str) -> dict[str, Any]:
    """Every field of a report, as a test fills the template in ``language``."""
    other = "es" if language != "es" else "en"
    return {
        "title": TITLES[language],
        "summary": "Spreading visitors over the day.",
        "city": "quebec",
        "date": dt.date(2024, 3, 12),
        "end_date": dt.date(2024, 3, 13),
        "type": "exploratory",
        "language": language,
        "example": False,
        "themes": ["tourism", "mobility"],
        "heritage_topics": ["historic-urban-landscape"],
        "factors": ["impacts-of-tourism-visitor-recreation"],
        "issue": "Tour coaches crowd a few streets.\n\nCruise passengers arrive at the same hour.",
        "objectives": ["Measure the visitor flows", "Spread visits over the day"],
        "plan": "The management plan of the historic district",
        "expertise": ["Visitor flow management"],
        "experts": [{"name": "Ana Ferreira", "role": "Architect", "origin": "Évora, Portugal", "international": True},
                    {"name": "Luc Tremblay", "international": False}],
        "actors": [{"name": "Tourism office", "role": "Runs the coach parking"}, {"name": "City planning"}],
        "assistance": {"summary": "A site visit and a workshop.", "formats": ["workshop", "site-visit"]},
        "programme": [{"date": dt.date(2024, 3, 12), "time": "09:30", "activity": "Site visit",
                       "with": "Tourism office"}],
        "photos": [{"file": "PHOTO", "alt": "Experts around a map.", "caption": "The workshop.", "credit": "City"}],
        "lessons": ["Count the visitors before regulating them.", "Talk to the coach companies early."],
        "solutions": ["Time slots for tour coaches"],
        "difficulties": ["Few counting data before the mission"],
        "results": ["Coaches now arrive in three time slots."],
        "success_factors": ["A dedicated municipal team"],
        "transferability": "A booking system and two people for six months.",
        "follow_up": [{"action": "Test a booking system", "owner": "Tourism office", "due": dt.date(2024, 9, 30),
                       "status": "planned"}],
        "translations": {other: {"title": "Otro título", "summary": "Un resumen.",
                                 "lessons": ["Contar primero.", "Hablar pronto."]}},
        "contact": {"name": "Marie Tremblay", "title": "Heritage adviser", "email": "heritage@city.example"},
    }


def frontmatter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    front = text.split("\n---\n", 1)[0].removeprefix("---\n")
    data = yaml.safe_load(front)
    assert isinstance(data, dict)
    return data


def imported(root: Path) -> Path:
    (path,) = (root / "missions").rglob("*.md")
    return path


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_template_filled_in_comes_back_field_for_field(language: str, tmp_path: Path, run_cli: Run) -> None:
    root = write_content(tmp_path / "content", {})
    values = filled(language)
    as_written = {**values, "themes": ["Tourisme", "Mobilité"] if language == "fr" else ["tourism", "mobility"]}
    source = tmp_path / "rapport.docx"
    source.write_bytes(fill_template(language, as_written, (picture(),)))
    result = run_cli("import", str(source), "--content", str(root))
    assert result.code == 0, result
    path = imported(root)
    slug = f"2024-quebec-{path.stem.split('-', 2)[2]}"
    assert path == root / "missions" / "2024" / f"{slug}.md"
    data = frontmatter(path)
    assert data.pop("status") == "draft"
    values["photos"][0]["file"] = f"media/{slug}-1.png"
    assert data == values
    assert (root / values["photos"][0]["file"]).read_bytes()[:4] == b"\x89PNG"
    assert result.out.splitlines()[-2] == "1 file checked: no problems"
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: published"),
                    encoding="utf-8")
    checked = run_cli("validate", str(root), "--no-cache")
    assert checked.code == 0 and "no problems" in checked.out, checked


def test_the_template_with_nothing_filled_in_leaves_placeholders(tmp_path: Path, run_cli: Run) -> None:
    root = write_content(tmp_path / "content", {})
    source = tmp_path / "vide.docx"
    source.write_bytes(fill_template("fr", {}))
    result = run_cli("import", str(source), "--content", str(root), "--city", "quebec")
    assert result.code == 0, result
    text = imported(root).read_text(encoding="utf-8")
    assert 'date: "TODO: AAAA-MM-JJ"' in text and "city: quebec" in text
    assert "'date' is still to fill" in result.out and ": 0 errors, " in result.out


# --- Free-form reports ---------------------------------------------------------------------------------

BIG = picture(2400, 1200, "JPEG")

REPORTS = {
    "fr": FreeForm(
        title="Québec : flux touristiques dans la basse-ville", language="fr",
        lines=["Ville : Québec", "Dates : 12-13 mars 2024", "Thèmes : Tourisme, Mobilité"],
        hidden="TEXTE-MASQUÉ", deleted="MOT-SUPPRIMÉ", inserted="mot-ajouté", comment="COMMENTAIRE-RELECTEUR",
        sections=[
            Section("1. Enjeu initial", paragraphs=["Les autocars saturent quelques rues."]),
            Section("Objectifs", items=["Mesurer les flux", "Étaler les visites"]),
            Section("Experts", items=["Ana Ferreira"]),
            Section("Acteurs impliqués", items=["Office du tourisme", "Service de l'urbanisme"]),
            Section("Aide obtenue", paragraphs=["Un atelier de travail et une visite de terrain."],
                    picture=(BIG, "Les experts autour d'une carte.", "L'atelier à l'hôtel de ville.")),
            Section("Enseignements", items=["Compter avant de réguler.", "Parler tôt aux autocaristes."]),
            Section("Annexes", paragraphs=["Liste des participants."],
                    table=[["Nom", "Service"], ["Marie", "Tourisme"]]),
            Section("Suivi", items=["Tester une réservation des autocars"]),
        ]),
    "en": FreeForm(
        title="Lower town tourist flows", language="en",
        lines=["City: Quebec", "Dates: 12-13 March 2024", "Themes: Tourism"],
        sections=[
            Section("Initial issue", paragraphs=["Tour coaches crowd a few streets of **the** lower town."]),
            Section("Objectives", items=["Measure the flows"]),
            Section("The experts", items=["Ana Ferreira"]),
            Section("Stakeholders", items=["Tourism office"]),
            Section("Help obtained", paragraphs=["A workshop with the city services."],
                    picture=(picture(), "A map of the lower town.", "The lower town.")),
            Section("Lessons learnt", items=["Count the visitors first."]),
            Section("Budget annex", paragraphs=["Costs were shared."], table=[["Item", "Cost"], ["Coaches", "10"]]),
            Section("Next steps", items=["Test a booking system"]),
        ]),
    "es": FreeForm(
        title="Flujos turísticos en la ciudad baja", language="es",
        lines=["Ciudad: Québec", "Fechas: del 12 al 13 de marzo de 2024", "Temas: Turismo"],
        sections=[
            Section("Problema inicial", paragraphs=["Los autocares saturan unas pocas calles."]),
            Section("Objetivos", items=["Medir los flujos"]),
            Section("Expertos", items=["Ana Ferreira"]),
            Section("Actores", items=["Oficina de turismo"]),
            Section("Ayuda obtenida", paragraphs=["Un taller con los servicios municipales."],
                    picture=(picture(), "Un mapa de la ciudad baja.", "La ciudad baja.")),
            Section("Lecciones aprendidas", items=["Contar a los visitantes primero."]),
            Section("Anexos", paragraphs=["Coste compartido."], table=[["Partida", "Coste"], ["Autocares", "10"]]),
            Section("Seguimiento", items=["Probar un sistema de reservas"]),
        ]),
}

EXPECTED = {
    "fr": {"city": "quebec", "date": dt.date(2024, 3, 12), "end_date": dt.date(2024, 3, 13),
           "themes": ["tourism", "mobility"], "objectives": ["Mesurer les flux", "Étaler les visites"],
           "experts": ["Ana Ferreira"], "actors": ["Office du tourisme", "Service de l'urbanisme"],
           "assistance": {"summary": "Un atelier de travail et une visite de terrain.",
                          "formats": ["workshop", "site-visit"]},
           "lessons": ["Compter avant de réguler.", "Parler tôt aux autocaristes."],
           "follow_up": ["Tester une réservation des autocars"]},
    "en": {"city": "quebec", "date": dt.date(2024, 3, 12), "end_date": dt.date(2024, 3, 13), "themes": ["tourism"],
           "issue": r"Tour coaches crowd a few streets of \*\*the\*\* lower town.",
           "objectives": ["Measure the flows"], "experts": ["Ana Ferreira"], "actors": ["Tourism office"],
           "assistance": {"summary": "A workshop with the city services.", "formats": ["workshop"]},
           "lessons": ["Count the visitors first."], "follow_up": ["Test a booking system"]},
    "es": {"city": "quebec", "date": dt.date(2024, 3, 12), "end_date": dt.date(2024, 3, 13), "themes": ["tourism"],
           "issue": "Los autocares saturan unas pocas calles.", "objectives": ["Medir los flujos"],
           "experts": ["Ana Ferreira"], "actors": ["Oficina de turismo"],
           "assistance": {"summary": "Un taller con los servicios municipales.", "formats": ["workshop"]},
           "lessons": ["Contar a los visitantes primero."], "follow_up": ["Probar un sistema de reservas"]},
}
NOTES = {
    "fr": ["paragraph 10 under 'Annexes' was kept in the narrative",
           "table 11 under 'Annexes' was kept in the narrative"],
    "en": ["paragraph 10 under 'Budget annex' was kept in the narrative",
           "table 11 under 'Budget annex' was kept in the narrative"],
    "es": ["paragraph 10 under 'Anexos' was kept in the narrative",
           "table 11 under 'Anexos' was kept in the narrative"],
}
MADE_WITH = {"fr": "Word (python-docx)", "en": "Google Docs", "es": "LibreOffice"}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The three reports: fr as Word writes it, en as Google Docs exports it, es saved by LibreOffice."""
    made = {"fr": free_form_docx(REPORTS["fr"]), "en": google_docs(free_form_docx(REPORTS["en"]))}
    if soffice() is None:
        pytest.fail("LibreOffice is needed for the import tests: bash scripts/bootstrap.sh --browser")
    made["es"] = through_libreoffice(free_form_docx(REPORTS["es"]), tmp_path_factory.mktemp("libreoffice"))
    return made


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_free_form_report_imports_with_its_fields(language: str, documents: dict[str, bytes], tmp_path: Path,
                                                    run_cli: Run) -> None:
    root = write_content(tmp_path / "content", {})
    source = tmp_path / f"{language}.docx"
    source.write_bytes(documents[language])
    result = run_cli("import", str(source), "--content", str(root))
    assert result.code == 0, (MADE_WITH[language], result)
    notes = [line.split(": note: ", 1)[1] for line in result.lines if ": note: " in line]
    assert notes == NOTES[language], MADE_WITH[language]
    path = imported(root)
    data = frontmatter(path)
    for name, value in EXPECTED[language].items():
        assert data[name] == value, (MADE_WITH[language], name)
    assert data["language"] == language and data["status"] == "draft"
    assert data["title"] == REPORTS[language].title
    (photo,) = data["photos"]
    section = next(s for s in REPORTS[language].sections if s.picture)
    assert section.picture is not None
    assert photo["file"] == f"media/{path.stem}-1{'.jpg' if language == 'fr' else '.png'}"
    assert (photo["alt"], photo["caption"]) == section.picture[1:]
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    unknown = REPORTS[language].sections[6]
    assert f"## {unknown.heading}" in body and unknown.paragraphs[0] in body
    assert "| " + " | ".join(unknown.table[1]) + " |" in body, body
    assert "Ana Ferreira" not in body and "!" + "[" not in body  # placed in the frontmatter, pictures as photos
    assert path.name.startswith("2024-quebec-")
    assert " 0 errors" in result.out, result.out


def test_hidden_text_deleted_changes_and_comments_are_dropped(documents: dict[str, bytes], tmp_path: Path,
                                                    run_cli: Run) -> None:
    root = write_content(tmp_path / "content", {})
    source = tmp_path / "fr.docx"
    source.write_bytes(documents["fr"])
    assert run_cli("import", str(source), "--content", str(root)).code == 0
    data = frontmatter(imported(root))
    assert data["issue"] == "Les autocars saturent quelques rues. mot-ajouté"
    text = imported(root).read_text(encoding="utf-8")
    assert "TEXTE-MASQUÉ" not in text and "MOT-SUPPRIMÉ" not in text and "COMMENTAIRE" not in text
    assert b"COMMENTAIRE-RELECTEUR" in zipfile.ZipFile(io.BytesIO(documents["fr"])).read("word/comments.xml")


def test_the_template_saved_by_libreoffice_comes_back_too(tmp_path: Path, run_cli: Run) -> None:
    """Its bookmarks survive LibreOffice (opened, saved as .odt, saved again as .docx)."""
    root = write_content(tmp_path / "content", {})
    values = filled("fr")
    source = tmp_path / "rapport.docx"
    source.write_bytes(through_libreoffice(fill_template("fr", values, (picture(),)), tmp_path / "libreoffice"))
    result = run_cli("import", str(source), "--content", str(root))
    assert result.code == 0 and result.out.splitlines()[-2] == "1 file checked: no problems", result
    data = frontmatter(imported(root))
    assert data.pop("status") == "draft"
    values["photos"][0]["file"] = data["photos"][0]["file"]
    assert data == values


def test_a_large_picture_is_scaled_to_the_published_size(documents: dict[str, bytes], tmp_path: Path,
                                                        run_cli: Run) -> None:
    root = write_content(tmp_path / "content", {})
    source = tmp_path / "fr.docx"
    source.write_bytes(documents["fr"])
    assert run_cli("import", str(source), "--content", str(root)).code == 0
    (photo,) = (root / "media").iterdir()
    with Image.open(photo) as image:
        assert image.size == (PHOTO_MAX_SIDE, PHOTO_MAX_SIDE // 2) and image.format == "JPEG"


def test_dry_run_writes_nothing_and_an_import_never_overwrites(documents: dict[str, bytes], tmp_path: Path,
                                                              run_cli: Run) -> None:
    root = write_content(tmp_path / "content", {})
    source = tmp_path / "en.docx"
    source.write_bytes(documents["en"])
    before = sorted(root.rglob("*"))
    dry = run_cli("import", str(source), "--content", str(root), "--dry-run")
    assert dry.code == 0 and sorted(root.rglob("*")) == before
    assert dry.lines[-1].startswith("nothing written (--dry-run): the draft would be ")
    written = run_cli("import", str(source), "--content", str(root))
    assert written.code == 0 and written.lines[-1].startswith("draft written: ")
    after = sorted(root.rglob("*"))
    again = run_cli("import", str(source), "--content", str(root))
    assert again.code == 1 and again.err.count("\n") == 1 and "already exists" in again.err
    assert sorted(root.rglob("*")) == after


def test_messages_speak_the_chosen_language(documents: dict[str, bytes], tmp_path: Path, run_cli: Run) -> None:
    root = write_content(tmp_path / "content", {})
    source = tmp_path / "fr.docx"
    source.write_bytes(documents["fr"])
    result = run_cli("import", str(source), "--content", str(root), "--lang", "fr")
    assert "le paragraphe 10 sous « Annexes » a été gardé dans le récit" in result.out
    assert result.lines[-1].startswith("brouillon écrit : ")


# --- The pieces ---------------------------------------------------------------------------------------


def test_every_heading_variant_names_a_schema_field_and_is_found() -> None:
    names = {f.name for f in walk.fields(Report)}
    assert set(HEADINGS) <= names
    for name, languages in HEADINGS.items():
        for variants in languages.values():
            for variant in variants:
                found = field_of(variant.upper() + " :")
                assert found is not None and found[0] == name, variant
    assert field_of("Leçons apprises") == ("lessons", "fr")
    assert field_of("Lessons learnt from the workshop") == ("lessons", "en")
    assert field_of("Annexes") is None


@pytest.mark.parametrize(("text", "dates"), [
    ("2024-03-12", (dt.date(2024, 3, 12), None)),
    ("du 12 au 14 mars 2024", (dt.date(2024, 3, 12), dt.date(2024, 3, 14))),
    ("12–13 March 2024", (dt.date(2024, 3, 12), dt.date(2024, 3, 13))),
    ("March 12, 2024", (dt.date(2024, 3, 12), None)),
    ("del 12 al 14 de marzo de 2024", (dt.date(2024, 3, 12), dt.date(2024, 3, 14))),
    ("1er février 2025", (dt.date(2025, 2, 1), None)),
    ("12/03/2024", (dt.date(2024, 3, 12), None)),
    ("31 février 2024", None),
    ("no date here", None),
])
def test_dates_are_recognised_in_every_language(text: str, dates: tuple[dt.date, dt.date | None] | None) -> None:
    assert find_dates(text) == dates


def test_pictures_keep_their_format_when_small() -> None:
    data = picture(10, 10)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"


def test_a_folder_that_cannot_be_written_is_one_line_and_leaves_nothing(
        documents: dict[str, bytes], tmp_path: Path, run_cli: Run) -> None:
    root = write_content(tmp_path / "content", {})
    (root / "media").write_text("a file where the media folder should be", encoding="utf-8")
    source = tmp_path / "fr.docx"
    source.write_bytes(documents["fr"])
    before = sorted(root.rglob("*"))
    result = run_cli("import", str(source), "--content", str(root))
    assert result.code == 1 and result.out == "", result
    (line,) = result.err.splitlines()
    assert ": error: cannot write the imported report: " in line and line.endswith("(nothing was written)")
    assert sorted(root.rglob("*")) == before


def test_usage_errors(tmp_path: Path, run_cli: Run) -> None:
    root = write_content(tmp_path / "content", {})
    missing = run_cli("import", str(tmp_path / "none.docx"), "--content", str(root))
    assert missing.code == 1 and missing.err == f"{tmp_path / 'none.docx'}: error: cannot read the document: " \
                                                "No such file or directory\n"
    city = run_cli("import", str(tmp_path / "none.docx"), "--content", str(root), "--city", "atlantis")
    assert city.code == 2 and city.err == "m4c import: error: --city: 'atlantis' is not a key of cities.yml\n"
    folder = run_cli("import", "x.docx", "--content", str(tmp_path / "nowhere"))
    assert folder.code == 2 and "content folder not found" in folder.err
