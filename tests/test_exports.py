"""Open data, Atom feeds, JSON-LD and Open Graph: pure functions over a tiny content folder.

Every published mission is there, no draft and no private field anywhere."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from sitekit import PNG, base_report, report, write_content

from m4c_build.model import Content
from m4c_build.outputs.cards import CARD, Picture, card_text, page_card
from m4c_build.outputs.feeds import ATOM, XML_LANG, atom_feed, theme_feed, theme_feeds
from m4c_build.outputs.linkeddata import mission_jsonld, with_linked_data
from m4c_build.outputs.opendata import (
    FIELDS,
    LESSON_FIELDS,
    LIST_SEPARATOR,
    _cell,
    data_package,
    export_schema,
    lesson_records,
    lessons_csv,
    lessons_json,
    lessons_schema,
    lessons_table_schema,
    missions_csv,
    missions_json,
    records,
    table_schema,
)
from m4c_build.site.packing import pack
from m4c_build.site.pages import SitePage
from m4c_build.validate.content import validate_content

BASE = "https://example.org/m4c/"
EMAIL = "private.person@city.example"
DRAFT_SLUG = "2025-kazan-brouillon-secret"
DRAFT_TITLE = "Brouillon zorglub"
A = f"{{{ATOM}}}"

TRICKY = 'Québec <b>&amp;</b> "remparts" </script><script>alert(1)</script>'
FILES: dict[str, str | bytes] = {
    "missions/2024/2024-quebec-hiver.md": report(**base_report(
        title=TRICKY, city="quebec", date="2024-02-06", end_date="2024-02-08",
        summary="Rendre les remparts accessibles en hiver.", themes=["tourism", "participation"],
        heritage_topics=["fortifications"],
        experts=[{"name": "Ana Ferreira", "origin": "Évora, Portugal"},
                 {"name": "Jean Tremblay", "international": False}],
        lessons=["=SUM(A1) n'est pas une formule", "Deux | leçons"],
        solutions=["Baliser le chemin de ronde"], difficulties=["-Le gel"],
        factors=["impacts-of-tourism-visitor-recreation", "housing"],
        results=["Le chemin est ouvert tout l'hiver (2025)."], success_factors=["Un service dédié"],
        transferability="Deux personnes pendant un hiver.",
        translations={"es": {"title": "Quebec en invierno", "difficulties": ["-La helada"]}},
        follow_up=[{"action": "Baliser", "owner": "Travaux publics", "due": "2025-12-01",
                    "status": "in-progress"}, "Revoir le budget"],
        photos=[{"file": "media/remparts.png", "alt": "Le chemin de ronde sous la neige"}],
        contact={"name": "Marie Secret", "email": EMAIL},
    )),
    "missions/2023/2023-evora-rentals.md": report(**base_report(
        title="Évora: short-term rentals", city="evora", date="2023-05-10", language="en",
        themes=["housing"], type="exploratory", contact={"name": "Rui Secret", "email": EMAIL},
        lessons=["Count the rentals block by block."], solutions=["A register", "A quota"],
        translations={"fr": {"title": "Évora : les locations de courte durée",
                             "lessons": ["Compter les locations îlot par îlot."]}},
    )),
    f"missions/2025/{DRAFT_SLUG}.md": report(**base_report(
        title=DRAFT_TITLE, city="kazan", date="2025-01-10", status="draft", themes=["tourism"],
        contact={"name": "Draft Secret", "email": EMAIL},
    )),
    "media/remparts.png": PNG,
}
PUBLISHED = ["2024-quebec-hiver", "2023-evora-rentals"]


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    root = write_content(tmp_path_factory.mktemp("exports") / "content", FILES)
    validation = validate_content(root)
    assert validation.ok, [p.format() for p in validation.problems]
    assert validation.content is not None
    assert [m.slug for m in validation.content.drafts] == [DRAFT_SLUG]
    return validation.content


def assert_private_nothing(text: str) -> None:
    for secret in (EMAIL, "Secret", DRAFT_SLUG, DRAFT_TITLE, "kazan"):
        assert secret not in text, secret


# --- JSON and CSV ------------------------------------------------------------------------------


def test_json_has_every_published_mission_and_validates(content: Content) -> None:
    text = missions_json(content, BASE, "fr")
    assert_private_nothing(text)
    data = json.loads(text)
    Draft202012Validator(export_schema(BASE), format_checker=FormatChecker()).validate(data)
    assert [m["slug"] for m in data["missions"]] == PUBLISHED, "newest first"
    assert data["source"] == BASE and data["language"] == "fr"
    quebec = data["missions"][0]
    assert quebec["url"] == f"{BASE}missions/2024-quebec-hiver/"
    assert quebec["title"] == TRICKY
    assert quebec["city_name"] == "Québec" and quebec["country"] == "CA"
    assert quebec["country_name"] == "Canada" and quebec["region"] == "north-america"
    assert quebec["location"] == [46.8123, -71.2065]
    assert (quebec["date"], quebec["end_date"]) == ("2024-02-06", "2024-02-08")
    assert quebec["themes"] == ["tourism", "participation"]
    assert quebec["theme_names"] == {"fr": ["Tourisme", "Participation citoyenne"],
                                     "en": ["Tourism", "Public participation"],
                                     "es": ["Turismo", "Participación ciudadana"]}
    assert quebec["region_name"] == {"fr": "Amérique du Nord", "en": "North America",
                                     "es": "América del Norte"}
    assert set(quebec["topic_names"]) == set(quebec["format_names"]) == {"fr", "en", "es"}
    assert quebec["translated"] == []
    assert quebec["topics"] == ["fortifications"] and quebec["formats"] == ["workshop"]
    assert quebec["experts"] == [
        {"name": "Ana Ferreira", "origin": "Évora, Portugal", "international": True},
        {"name": "Jean Tremblay", "origin": None, "international": False},
    ]
    assert quebec["international_experts"] == 1
    assert quebec["follow_up"][0] == {"action": "Baliser", "owner": "Travaux publics",
                                      "due": "2025-12-01", "status": "in-progress", "done": None}
    assert quebec["summary"] == "Rendre les remparts accessibles en hiver."
    assert "contact" not in quebec
    assert data["missions"][1]["summary"] == "Une question.", "the issue stands in for a summary"
    assert data["missions"][1]["type"] == "exploratory"


def test_every_export_property_has_a_description() -> None:
    """data/missions.schema.json is the open data's documentation: each column says what it is."""
    schema = export_schema()
    for name, prop in [*schema["properties"].items(), *schema["$defs"]["mission"]["properties"].items()]:
        if name not in ("version", "missions"):
            assert prop.get("description", "").strip(), name


def csv_rows(content: Content, language: str) -> list[dict[str, str]]:
    data = missions_csv(content, BASE, language)
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for spreadsheets"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_mission(content: Content) -> None:
    assert_private_nothing(missions_csv(content, BASE, "en").decode("utf-8"))
    rows = csv_rows(content, "en")
    assert [r["slug"] for r in rows] == PUBLISHED
    assert list(rows[0]) == [column.name for f in FIELDS for column in f.columns()]
    assert "theme_names" not in rows[0] and "theme_names_fr" in rows[0]
    quebec = rows[0]
    assert quebec["title"] == TRICKY
    assert quebec["themes"] == "tourism | participation"
    assert quebec["theme_names_en"] == "Tourism | Public participation"
    assert quebec["theme_names_fr"] == "Tourisme | Participation citoyenne"
    assert quebec["theme_names_es"] == "Turismo | Participación ciudadana"
    assert quebec["region_name_es"] == "América del Norte"
    assert quebec["experts"] == "Ana Ferreira (Évora, Portugal) | Jean Tremblay"
    assert quebec["follow_up"] == "Baliser (in-progress) | Revoir le budget"
    assert "location" not in quebec
    assert (quebec["latitude"], quebec["longitude"]) == ("46.8123", "-71.2065"), "two numbers"
    assert quebec["lessons"].startswith("'=SUM(A1)"), "a formula never reaches a spreadsheet"
    assert quebec["country_name"] == "Canada"


def test_json_and_csv_agree(content: Content) -> None:
    records = json.loads(missions_json(content, BASE, "es"))["missions"]
    rows = csv_rows(content, "es")
    for record, row in zip(records, rows, strict=True):
        for key in ("slug", "url", "title", "city", "date", "end_date", "type", "language"):
            assert row[key] == record[key]
        assert row["themes"].split(LIST_SEPARATOR) == record["themes"]


def test_the_table_schema_describes_every_csv_column(content: Content) -> None:
    """One source: the Table Schema's fields are the CSV's columns, typed, each described."""
    schema = table_schema()
    header = next(csv.reader(io.StringIO(missions_csv(content, BASE, "fr").decode("utf-8-sig"))))
    assert [f["name"] for f in schema["fields"]] == header
    assert all(f["description"].strip() and f["type"] for f in schema["fields"])
    types = {f["name"]: f["type"] for f in schema["fields"]}
    assert (types["latitude"], types["longitude"], types["date"], types["international_experts"]) == (
        "number", "number", "date", "integer")
    assert types["themes"] == "string" and types["theme_names_es"] == "string", "lists: joined text"
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["type"]["constraints"]["enum"] == ["technical-assistance", "exploratory"]
    assert LIST_SEPARATOR in fields["lessons"]["description"]
    assert schema["primaryKey"] == ["slug"] and schema["missingValues"] == [""]


def test_the_data_package_names_its_files_their_encoding_and_licence() -> None:
    package = data_package(BASE, "es", title="T", description="D", licence="CC BY 4.0",
                           licence_url="https://creativecommons.org/licenses/by/4.0/")
    assert package["licenses"] == [{"path": "https://creativecommons.org/licenses/by/4.0/",
                                    "title": "CC BY 4.0"}]
    assert package["homepage"] == BASE and package["name"] == "mission4city-missions-es"
    table, whole, lessons, lessons_whole = package["resources"]
    assert (table["path"], table["encoding"], table["dialect"]["lineTerminator"]) == (
        "missions.csv", "utf-8", "\r\n")
    assert table["schema"] == table_schema()
    assert (whole["path"], whole["jsonSchema"]) == ("missions.json", "missions.schema.json")
    assert (lessons["path"], lessons["dialect"], lessons["schema"]) == (
        "lessons.csv", table["dialect"], lessons_table_schema())
    assert lessons["schema"]["foreignKeys"] == [
        {"fields": ["mission"], "reference": {"resource": "missions", "fields": ["slug"]}}]
    assert (lessons_whole["path"], lessons_whole["jsonSchema"]) == ("lessons.json", "lessons.schema.json")
    assert "licenses" not in data_package("", "fr", title="T", description="D")


def test_no_base_url_gives_site_paths(content: Content) -> None:
    data = json.loads(missions_json(content, "", "fr"))
    assert data["source"] is None
    assert data["missions"][0]["url"] == "missions/2024-quebec-hiver/"


# --- Lessons ----------------------------------------------------------------------------------

LESSON_IDS = ["2024-quebec-hiver#lesson-1", "2024-quebec-hiver#lesson-2", "2024-quebec-hiver#solution-1",
              "2024-quebec-hiver#difficulty-1", "2023-evora-rentals#lesson-1",
              "2023-evora-rentals#solution-1", "2023-evora-rentals#solution-2"]


def lesson_rows(content: Content, language: str) -> list[dict[str, str]]:
    data = lessons_csv(content, BASE, language)
    assert data.startswith(b"\xef\xbb\xbfid,"), "the dialect of missions.csv: a byte-order mark"
    assert b"\r\n" in data and data.count(b"\r\n") == data.count(b"\n")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_lessons_json_has_every_published_record_once_and_validates(content: Content) -> None:
    text = lessons_json(content, BASE, "en")
    assert_private_nothing(text)
    data = json.loads(text)
    Draft202012Validator(lessons_schema(BASE), format_checker=FormatChecker()).validate(data)
    assert (data["version"], data["language"], data["source"]) == (4, "en", BASE)
    assert [r["id"] for r in data["lessons"]] == LESSON_IDS, "newest mission first, then in page order"
    first = data["lessons"][0]
    assert first["url"] == f"{BASE}missions/2024-quebec-hiver/#lesson-1"
    assert (first["kind"], first["number"], first["language"]) == ("lesson", 1, "fr")
    assert first["text"] == "=SUM(A1) n'est pas une formule", "the JSON keeps the text as written"
    assert first["translation"] == {"fr": None, "en": None, "es": None}
    assert (first["mission"], first["mission_title"], first["year"]) == ("2024-quebec-hiver", TRICKY, 2024)
    assert (first["city"], first["city_name"], first["country"], first["region"]) == (
        "quebec", "Québec", "CA", "north-america")
    assert first["region_name"]["es"] == "América del Norte"
    assert first["themes"] == ["tourism", "participation"] and first["topics"] == ["fortifications"]
    assert first["theme_names"]["fr"] == ["Tourisme", "Participation citoyenne"]
    assert first["factors"] == ["impacts-of-tourism-visitor-recreation", "housing"]
    assert first["primary_factors"] == ["social-cultural-uses-of-heritage", "buildings-and-development"]
    assert first["factor_names"]["en"][1] == "Housing"
    assert first["primary_factor_names"]["fr"][1] == "Bâtiments et développement"
    assert (first["type"], first["formats"], first["format_names"]["en"]) == (
        "technical-assistance", ["workshop"], ["Workshop"])
    assert not {"results", "success_factors", "transferability"} & set(first), (
        "what transfers is the mission's, in missions.*: each lesson does not repeat it")
    evora = data["lessons"][-1]
    assert (evora["kind"], evora["number"], evora["text"], evora["language"]) == (
        "solution", 2, "A quota", "en")
    assert evora["translation"] == {"fr": None, "en": None, "es": None}
    assert data["lessons"][3]["translation"] == {"fr": None, "en": None, "es": "-La helada"}, (
        "only what a person wrote")
    assert evora["factors"] == []
    assert data["lessons"][4]["translation"]["fr"] == "Compter les locations îlot par îlot."
    assert data["lessons"][4]["mission_title"] == "Évora: short-term rentals"
    french = json.loads(lessons_json(content, BASE, "fr"))["lessons"][4]
    assert french["mission_title"] == "Évora : les locations de courte durée"
    assert french["text"] == "Count the rentals block by block.", "as written in every export"


def test_lessons_csv_agrees_with_the_json_and_its_table_schema(content: Content) -> None:
    rows = lesson_rows(content, "es")
    assert [r["id"] for r in rows] == LESSON_IDS
    assert list(rows[0]) == [c.name for f in LESSON_FIELDS for c in f.columns()]
    assert list(rows[0]) == [f["name"] for f in lessons_table_schema()["fields"]]
    assert rows[0]["url"] == f"{BASE}missions/2024-quebec-hiver/#lesson-1"
    assert rows[0]["text"].startswith("'=SUM(A1)"), "a formula never reaches a spreadsheet"
    assert rows[1]["text"] == "Deux | leçons"
    assert rows[3]["text"] == "'-Le gel"
    assert rows[3]["translation_es"] == "'-La helada" and rows[3]["translation_fr"] == ""
    assert rows[0]["primary_factor_names_es"] == "Usos sociales/culturales del patrimonio | Edificios y desarrollo"
    assert rows[0]["year"] == "2024" and rows[0]["number"] == "1"
    records = lesson_records(content, BASE, "es")
    for record, row in zip(records, rows, strict=True):
        for key in ("id", "url", "kind", "mission", "city", "date", "type", "language"):
            assert row[key] == str(record[key])


def test_every_lessons_column_is_described() -> None:
    schema = lessons_schema()
    assert all(p["description"].strip() for p in schema["$defs"]["lesson"]["properties"].values())
    table = lessons_table_schema()
    assert all(f["description"].strip() for f in table["fields"])
    types = {f["name"]: f["type"] for f in table["fields"]}
    assert (types["number"], types["year"], types["date"]) == ("integer", "integer", "date")
    assert table["primaryKey"] == ["id"]


def test_missions_carry_factors_and_what_transfers(content: Content) -> None:
    quebec = json.loads(missions_json(content, BASE, "fr"))["missions"][0]
    assert quebec["factors"] == ["impacts-of-tourism-visitor-recreation", "housing"]
    assert quebec["primary_factors"] == ["social-cultural-uses-of-heritage", "buildings-and-development"]
    assert quebec["results"] == ["Le chemin est ouvert tout l'hiver (2025)."]
    assert (quebec["success_factors"], quebec["transferability"]) == (
        ["Un service dédié"], "Deux personnes pendant un hiver.")
    row = csv_rows(content, "en")[0]
    assert row["factor_names_en"] == "Impacts of tourism / visitor / recreation | Housing"
    assert row["transferability"] == "Deux personnes pendant un hiver."


def test_a_generated_corpus_has_each_published_record_once(tmp_path: Path) -> None:
    """In a generated corpus of 2,000 reports, one in seven a draft: rows = the lessons, solution
    paths and difficulties of the published reports, each once; a draft's never, in the JSON as
    in the CSV."""
    import sys

    from sitekit import REPO

    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import generate

    generate(tmp_path / "content", 2000)
    reports = sorted((tmp_path / "content" / "missions").rglob("*.md"))
    for path in reports[::7]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\ncity:", "\nstatus: draft\ncity:", 1), encoding="utf-8")
    validation = validate_content(tmp_path / "content")
    assert validation.ok and validation.content is not None, validation.problems
    content = validation.content
    assert len(content.drafts) == len(reports[::7])
    expected = sorted(f"{m.slug}#{kind}-{n}" for m in content.public_missions
                      for kind, name in (("lesson", "lessons"), ("solution", "solutions"),
                                         ("difficulty", "difficulties"))
                      for n in range(1, len(getattr(m.report, name)) + 1))
    assert len(expected) == sum(len(m.report.lessons) + len(m.report.solutions) + len(m.report.difficulties)
                                for m in content.public_missions)
    data = json.loads(lessons_json(content, "", "fr"))["lessons"]
    rows = lesson_rows(content, "fr")
    assert sorted(r["id"] for r in data) == expected == sorted(r["id"] for r in rows)
    drafts = {m.slug for m in content.drafts}
    assert not drafts & {r["mission"] for r in rows}
    assert data[0]["url"].startswith("missions/"), "no site address: the site path"


# --- Atom --------------------------------------------------------------------------------------


def parse_feed(text: str) -> ET.Element:
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(text)
    assert root.tag == f"{A}feed"
    return root


def rfc3339(text: str | None) -> dt.datetime:
    assert text is not None and text.endswith("Z")
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_rfc4287(feed: ET.Element) -> None:
    """The elements RFC 4287 section 4.1 requires, once each where it says so."""
    for tag in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{tag}")) == 1, tag
    rfc3339(feed.findtext(f"{A}updated"))
    has_author = feed.find(f"{A}author/{A}name") is not None
    links = feed.findall(f"{A}link")
    assert [link.get("href") for link in links if link.get("rel") == "self"]
    ids = []
    for entry in feed.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag
        rfc3339(entry.findtext(f"{A}updated"))
        rfc3339(entry.findtext(f"{A}published"))
        assert has_author or entry.find(f"{A}author/{A}name") is not None
        alternates = [link for link in entry.findall(f"{A}link") if link.get("rel") == "alternate"]
        assert len(alternates) == 1 and alternates[0].get("type") == "text/html"
        assert entry.find(f"{A}summary") is not None or entry.find(f"{A}content") is not None
        ids.append(entry.findtext(f"{A}id"))
    assert len(ids) == len(set(ids))


def test_feed_is_atom_with_every_published_mission_newest_first(content: Content) -> None:
    text = atom_feed(content, BASE, "fr")
    assert_private_nothing(text)
    feed = parse_feed(text)
    check_rfc4287(feed)
    assert feed.get(XML_LANG) == "fr"
    assert feed.findtext(f"{A}id") == f"{BASE}feeds/missions.xml"
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}id") for e in entries] == [f"{BASE}missions/{s}/" for s in PUBLISHED]
    updated = [rfc3339(e.findtext(f"{A}updated")) for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{A}updated") == "2024-02-08T00:00:00Z", "the newest entry's"
    first = entries[0]
    assert first.findtext(f"{A}title") == TRICKY, "markup in a title is text, escaped once"
    assert first.findtext(f"{A}summary") == "Québec — Rendre les remparts accessibles en hiver."
    assert [c.get("term") for c in first.findall(f"{A}category")] == ["tourism", "participation"]
    assert "<script>" not in text


def test_an_export_uses_the_translations_into_its_language(content: Content) -> None:
    """A report's translation stands in for its title and lessons in the export of that
    language, saying so; the export of the report's own language keeps the originals."""
    def evora(language: str) -> dict[str, object]:
        data = json.loads(missions_json(content, BASE, language))
        Draft202012Validator(export_schema(BASE)).validate(data)
        mission: dict[str, object] = data["missions"][1]
        return mission

    french, english = evora("fr"), evora("en")
    assert french["title"] == "Évora : les locations de courte durée"
    assert french["lessons"] == ["Compter les locations îlot par îlot."]
    assert french["translated"] == ["title", "lessons"], "the summary stays the original's"
    assert french["summary"] == "Une question." and french["language"] == "en"
    assert english["title"] == "Évora: short-term rentals" and english["translated"] == []
    assert evora("es")["title"] == "Évora: short-term rentals", "no Spanish translation"
    rows = csv_rows(content, "fr")
    assert rows[1]["title"] == "Évora : les locations de courte durée"
    assert rows[1]["translated"] == "title | lessons"


def test_a_feed_uses_the_translations_into_its_language(content: Content) -> None:
    def entry(language: str) -> ET.Element:
        return parse_feed(atom_feed(content, BASE, language)).findall(f"{A}entry")[1]

    french = entry("fr").find(f"{A}title")
    assert french is not None
    assert (french.text, french.get(XML_LANG)) == ("Évora : les locations de courte durée", "fr")
    summary = entry("fr").find(f"{A}summary")
    assert summary is not None and summary.get(XML_LANG) == "en", "no translated summary: the original"
    english = entry("en").find(f"{A}title")
    assert english is not None
    assert (english.text, english.get(XML_LANG)) == ("Évora: short-term rentals", "en")


def test_a_feed_keeps_the_newest_missions(content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    from m4c_build.outputs import feeds

    monkeypatch.setattr(feeds, "FEED_ENTRIES", 2)
    entries = parse_feed(atom_feed(content, BASE, "fr")).findall(f"{A}entry")
    assert [e.findtext(f"{A}id") for e in entries] == [f"{BASE}missions/{s}/" for s in PUBLISHED[:2]]


def test_one_feed_per_theme(content: Content) -> None:
    feeds = theme_feeds(content, BASE, "en")
    assert set(feeds) == {theme_feed(k) for k in content.registry.vocabulary.themes}
    for path, text in feeds.items():
        feed = parse_feed(text)
        check_rfc4287(feed)
        theme = path.rsplit("/", 1)[1].removesuffix(".xml")
        for entry in feed.findall(f"{A}entry"):
            assert theme in [c.get("term") for c in entry.findall(f"{A}category")]
    housing = parse_feed(feeds[theme_feed("housing")])
    assert [e.findtext(f"{A}title") for e in housing.findall(f"{A}entry")] == [
        "Évora: short-term rentals"]
    assert housing.findtext(f"{A}title") == "Mission4City — Knowledge base — Housing"
    empty = parse_feed(atom_feed(content, BASE, "en", "mobility"))
    assert empty.findall(f"{A}entry") == [] and empty.findtext(f"{A}updated")


def test_feed_ids_stay_ids_without_a_base_url(content: Content) -> None:
    feed = parse_feed(atom_feed(content, "", "fr"))
    check_rfc4287(feed)
    assert feed.findtext(f"{A}id") == "urn:m4c:feeds/missions.xml"


# --- JSON-LD and Open Graph --------------------------------------------------------------------


def test_mission_jsonld_is_a_report_about_a_place(content: Content) -> None:
    mission = content.public_missions[0]
    data = mission_jsonld(mission, content.registry, BASE)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Report"
    assert data["url"] == f"{BASE}missions/2024-quebec-hiver/"
    assert data["name"] == TRICKY
    assert data["inLanguage"] == "fr"
    assert data["temporalCoverage"] == "2024-02-06/2024-02-08"
    assert data["datePublished"] == data["dateModified"] == "2024-02-08", "written after the mission"
    assert data["author"] == {"@type": "Organization", "name": "Québec", "url": f"{BASE}cities/quebec/"}
    place = data["about"]
    assert place["@type"] == "Place" and place["name"] == "Québec"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 46.8123, "longitude": -71.2065}
    assert place["address"]["addressCountry"] == "CA"
    assert place["sameAs"] == ["https://whc.unesco.org/en/list/300/",
                               "https://www.geonames.org/6325494/"]
    assert data["keywords"] == "Tourisme, Participation citoyenne, Fortifications"
    assert data["image"] == f"{BASE}media/remparts.png"
    assert_private_nothing(json.dumps(data))
    one_day = mission_jsonld(content.public_missions[1], content.registry, BASE)
    assert one_day["temporalCoverage"] == "2023-05-10" and one_day["inLanguage"] == "en"
    assert one_day["image"] == f"{BASE}{CARD}", "no photo: the site's card"
    assert one_day["author"]["url"] == f"{BASE}cities/evora/"


def test_feed_and_jsonld_give_the_same_dates(content: Content) -> None:
    """One notion of a report's publication and last change, whoever reads it."""
    entries = parse_feed(atom_feed(content, BASE, "fr")).findall(f"{A}entry")
    for mission, entry in zip(content.public_missions, entries, strict=True):
        data = mission_jsonld(mission, content.registry, BASE)
        assert entry.findtext(f"{A}published") == f"{data['datePublished']}T00:00:00Z"
        assert entry.findtext(f"{A}updated") == f"{data['dateModified']}T00:00:00Z"


def test_a_page_card_has_every_property_a_preview_needs() -> None:
    tags = page_card(title="T <b>", description="D", path="missions/x/", language="es", base_url=BASE,
                     languages=["fr", "en", "es"], article=True, picture=Picture("media/a.png", "Alt"))
    assert tags == {"og:type": "article", "og:site_name": "Mission4City — Base de conocimientos",
                    "og:title": "T <b>", "og:description": "D", "og:locale": "es_ES",
                    "og:locale:alternate": ["fr_FR", "en_GB"], "og:url": f"{BASE}missions/x/",
                    "og:image": f"{BASE}media/a.png", "og:image:alt": "Alt",
                    "twitter:card": "summary_large_image"}, "plain text: the template escapes"
    home = page_card(title="Home", description="", path="", language="fr", base_url=BASE)
    assert home["og:type"] == "website" and home["og:url"] == BASE
    assert home["og:description"].startswith("Les missions d'assistance technique"), "the site's"
    assert "og:locale:alternate" not in home, "one language: no alternate"
    assert (home["og:image"], home["og:image:width"], home["og:image:height"]) == (f"{BASE}{CARD}", "1200", "630")
    assert home["og:image:alt"] == card_text("fr") == (
        "Mission4City — Base de connaissances — Organisation des villes du patrimoine mondial (OVPM)")
    bare = page_card(title="Home", description="", path="", language="fr", base_url="")
    assert "og:url" not in bare and "og:image" not in bare, "no site address: no absolute address"


def test_pages_get_their_linked_data(content: Content) -> None:
    pages = [
        SitePage(src_uri="missions/2024-quebec-hiver.md", title=TRICKY, packed=pack(""), kind="mission"),
        SitePage(src_uri="themes/tourism.md", title="Tourisme", packed=pack(""), kind="group"),
        SitePage(src_uri="cities/quebec.md", title="Québec", packed=pack(""), kind="group",
                 meta={"m4c_map": True}),
    ]
    mission, theme, city = with_linked_data(pages, content, BASE, "fr", ["fr", "en"])
    assert mission.meta["m4c_jsonld"]["@type"] == "Report"
    assert mission.meta["m4c_og"]["og:image:alt"] == "Le chemin de ronde sous la neige"
    assert mission.meta["m4c_og"]["og:type"] == "article"
    assert theme.meta["m4c_og"]["og:image"] == f"{BASE}{CARD}"
    assert theme.meta["m4c_og"]["og:locale:alternate"] == ["en_GB"]
    assert theme.meta["m4c_feed"] == {"href": "feeds/themes/tourism.xml",
                                      "title": "Mission4City — Base de connaissances — Tourisme"}
    assert "m4c_feed" not in city.meta and city.meta["m4c_map"] is True
    assert "m4c_jsonld" not in theme.meta
    json.dumps([p.meta for p in (mission, theme, city)])  # the plugin serialises page meta
    assert pages[0].meta == {}, "the pages given are not changed"


def test_drafts_get_no_linked_data(content: Content) -> None:
    draft = SitePage(src_uri=f"missions/{DRAFT_SLUG}.md", title="x", packed=pack(""), kind="mission")
    (page,) = with_linked_data([draft], content, BASE, "fr")
    assert "m4c_jsonld" not in page.meta


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_start_a_formula(start: str) -> None:
    """OWASP's CSV injection list: a spreadsheet runs a cell starting with these as a formula."""
    assert _cell(f"{start}HYPERLINK(\"https://evil.example\")").startswith("'")
    assert _cell("Une leçon") == "Une leçon"
    assert _cell("-71.2065") == "-71.2065", "a negative number stays a number"


# A number followed by something else is no number: a spreadsheet reads "-1+1" or "+1-cmd" as a
# formula. Only a whole plain number may keep its leading sign.
NUMBER_THEN_FORMULA = [
    "-1+1", "+1-1", "-2+3+cmd|' /C calc'!A0", '-1+HYPERLINK("https://evil.example","x")',
    "-71.2065=1+1", "+33 1 40 00 00 00", "-1,5", "-1.", "-1.2.3", "-1\t=1", "-1\n=SUM(A1)", "-1\r",
    "-0x1", "- 1", "--1", "+-1", "-1)", "@1", "=1", "-٣",
]


@pytest.mark.parametrize("value", NUMBER_THEN_FORMULA)
def test_a_number_followed_by_anything_is_quoted(value: str) -> None:
    assert _cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-71.2065", "-1", "-0.5", "46.8123", "2024", "0"])
def test_a_whole_plain_number_stays_a_number(value: str) -> None:
    assert _cell(value) == value


def test_no_formula_reaches_missions_csv_behind_a_number(tmp_path: Path) -> None:
    """Through the export: every text field that starts a cell."""
    formula = '-1+HYPERLINK("https://evil.example","x")'
    root = write_content(tmp_path / "content", {"missions/2024/2024-quebec-x.md": report(**base_report(
        title=formula, summary="+2-cmd|' /C calc'!A0", lessons=["-3.5=1+1", "Deux"], follow_up=[formula],
        experts=[{"name": "-1+1", "origin": "Évora"}]))})
    validation = validate_content(root)
    assert validation.content is not None, [p.format() for p in validation.problems]
    (row,) = csv.DictReader(io.StringIO(missions_csv(validation.content, BASE, "en").decode("utf-8-sig"), newline=""))
    cells = {name: row[name] for name in ("title", "summary", "lessons", "follow_up", "experts")}
    assert all(cell.startswith("'") for cell in cells.values()), cells


def test_a_missing_value_is_an_empty_cell(content: Content) -> None:
    """Never the text 'None': a value a record lacks, alone or in a list, is an empty cell; the
    rows given are the rows written."""
    first = records(content, BASE, "en")[0]
    rows = [{**first, "summary": None, "lessons": ["Une", None, "Deux"]}]
    (row,) = csv.DictReader(io.StringIO(missions_csv(content, BASE, "en", rows).decode("utf-8-sig"), newline=""))
    assert row["slug"] == first["slug"]
    assert (row["summary"], row["lessons"]) == ("", f"Une{LIST_SEPARATOR}{LIST_SEPARATOR}Deux")


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_csv_whose_mission_columns_are_written_once_is_the_csv_of_its_rows(content: Content, language: str) -> None:
    """lessons.csv and followup.csv write a mission's columns once and join them to each of its
    records: the file is the one a CSV writer makes of the whole records, quotes, commas,
    separators and line breaks included."""
    from m4c_build.outputs.followupdata import FOLLOW_UP_FIELDS, followup_csv, followup_records

    today = dt.date(2026, 1, 1)
    for made, fields, rows in (
            (lessons_csv(content, BASE, language), LESSON_FIELDS, lesson_records(content, BASE, language)),
            (followup_csv(content, BASE, language, today), FOLLOW_UP_FIELDS,
             followup_records(content, BASE, language, today))):
        columns = [(f.name, c) for f in fields for c in f.columns()]
        expected = io.StringIO()
        writer = csv.writer(expected, lineterminator="\r\n")
        writer.writerow([c.name for _, c in columns])
        writer.writerows([_cell(c.text(row[name])) for name, c in columns] for row in rows)
        assert len(rows) > 2
        assert made.decode("utf-8-sig") == expected.getvalue()
        assert any(mark in made.decode("utf-8-sig") for mark in ('"', "\n"))
