"""End to end: the files a build publishes beside its pages (open data, feeds, schemas,
downloads) and what each page's head carries (feed links, Open Graph, JSON-LD)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import frictionless
import pytest
import yaml
from docx import Document
from jsonschema import Draft202012Validator
from sitekit import (
    PNG,
    SHIPPED,
    Built,
    Elements,
    base_report,
    build_site,
    link_card,
    report,
    write_config,
    write_content,
)

from m4c_build.outputs.feeds import ATOM

SITE_URL = "https://example.org/m4c/"
TRICKY = 'Québec </script><script>alert("x")</script> & <b>remparts</b>'
FORMULAS = ['=HYPERLINK("https://evil.example","x")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+2", "-2+3+cmd"]
"""Cells a spreadsheet would run (OWASP's CSV injection list)."""
DRAFT = "2025-kazan-brouillon"
THEMES = list(yaml.safe_load((SHIPPED / "vocabulary.yml").read_text(encoding="utf-8"))["themes"])

FILES: dict[str, str | bytes] = {
    "missions/2024/2024-quebec-hiver.md": report(**base_report(
        title=TRICKY, city="quebec", date="2024-02-06", end_date="2024-02-07",
        themes=["tourism"], photos=[{"file": "media/remparts.png", "alt": "Les remparts"}],
        contact={"name": "Marie Secret", "email": "marie.secret@city.example"},
    )),
    "missions/2023/2023-evora-rentals.md": report(**base_report(
        title="Évora: rentals", city="evora", date="2023-05-10", language="en", themes=["housing"],
        summary=FORMULAS[0], lessons=[FORMULAS[1]], follow_up=[FORMULAS[3]],
        experts=[{"name": FORMULAS[2], "origin": "Lisboa"}],
    )),
    f"missions/2025/{DRAFT}.md": report(**base_report(
        title="Brouillon", city="kazan", date="2025-01-10", status="draft", themes=["governance"],
    )),
    "media/remparts.png": PNG,
    **{f"pages/{p.name}": p.read_text(encoding="utf-8")
       for p in sorted((SHIPPED / "pages").glob("*.md"))},
    "pages/pictured.md": "---\ndescription: A page with its own picture.\nimage: pictured.png\n---\n\n# Pictured\n",
    "pages/pictured.png": PNG,
}
DATA_FILES = [
    "data/missions.json", "data/missions.csv", "data/missions.schema.json", "data/datapackage.json",
    "data/lessons.json", "data/lessons.csv", "data/lessons.schema.json",
    "schema/report.schema.json", "schema/cities.schema.json", "schema/vocabulary.schema.json",
    "feeds/missions.xml", *[f"feeds/themes/{theme}.xml" for theme in THEMES],
    "downloads/fiche-technique-m4c.md", "downloads/fiche-technique-m4c.docx",
    "downloads/report-template.md", "downloads/report-template.docx", "assets/m4c/card.png",
]
PROGRAMME = {f"{p.stem}/" for p in (SHIPPED / "pages").glob("*.md") if "." not in p.stem}
"""The addresses of the shipped programme pages (content/pages/)."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("site-data")
    content = write_content(folder / "content", FILES)
    return build_site(write_config(folder, content, search=False))


def html_pages(built: Built) -> list[Path]:
    return list(built.site.rglob("index.html"))


def test_build_writes_every_data_file(built: Built) -> None:
    assert not [line for line in built.log if line.startswith(("WARNING", "ERROR"))], built.log
    missing = [path for path in DATA_FILES if not (built.site / path).is_file()]
    assert missing == []
    assert not (built.site / "downloads" / "report-template").exists(), "a download is no page"


def test_open_data_validates_against_the_published_schema(built: Built) -> None:
    schema = json.loads((built.site / "data/missions.schema.json").read_text(encoding="utf-8"))
    data = json.loads((built.site / "data/missions.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(data)
    assert schema["$id"] == f"{SITE_URL}data/missions.schema.json"
    assert [m["slug"] for m in data["missions"]] == ["2024-quebec-hiver", "2023-evora-rentals"]
    assert data["missions"][0]["url"] == f"{SITE_URL}missions/2024-quebec-hiver/"


def test_the_data_package_is_valid_and_reads_the_csv_typed(built: Built) -> None:
    """What a data tool gets: frictionless validates the package with no error, reads the
    accents (UTF-8 with a byte-order mark, which Excel needs) and the coordinates as numbers."""
    package_path = built.site / "data/datapackage.json"
    report = frictionless.validate(str(package_path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["errors"] == 0
    raw = (built.site / "data/missions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfslug,"), "the byte-order mark, then the header"
    rows = frictionless.Package(str(package_path)).get_resource("missions").read_rows()
    data = json.loads((built.site / "data/missions.json").read_text(encoding="utf-8"))["missions"]
    assert [row["slug"] for row in rows] == [m["slug"] for m in data]
    for row, mission in zip(rows, data, strict=True):
        assert isinstance(row["latitude"], Decimal) and isinstance(row["longitude"], Decimal)
        assert [float(row["latitude"]), float(row["longitude"])] == mission["location"]
        assert row["city_name"] == mission["city_name"] and row["date"].isoformat() == mission["date"]
    assert rows[0]["city_name"] == "Québec" and rows[1]["city_name"] == "Évora"
    lessons = frictionless.Package(str(package_path)).get_resource("lessons").read_rows()
    assert [(row["mission"], row["kind"], row["number"]) for row in lessons] == [
        ("2024-quebec-hiver", "lesson", 1), ("2023-evora-rentals", "lesson", 1)]
    assert lessons[1]["url"] == f"{SITE_URL}missions/2023-evora-rentals/#lesson-1"


def test_lessons_json_validates_against_its_published_schema(built: Built) -> None:
    schema = json.loads((built.site / "data/lessons.schema.json").read_text(encoding="utf-8"))
    data = json.loads((built.site / "data/lessons.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(data)
    assert schema["$id"] == f"{SITE_URL}data/lessons.schema.json"
    assert [r["id"] for r in data["lessons"]] == ["2024-quebec-hiver#lesson-1", "2023-evora-rentals#lesson-1"]


def test_no_csv_cell_starts_a_formula(built: Built) -> None:
    """A text a spreadsheet would run as a formula starts with an apostrophe in the CSV (and
    stays itself in the JSON); negative numbers stay numbers."""
    text = (built.site / "data/missions.csv").read_bytes().decode("utf-8-sig")
    lessons = (built.site / "data/lessons.csv").read_bytes().decode("utf-8-sig")
    cells = [cell for data in (text, lessons) for row in csv.reader(io.StringIO(data, newline=""))
             for cell in row]
    runs = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@") and not re.fullmatch(r"-?\d+(\.\d+)?", cell)]
    assert runs == []
    lesson = next(row for row in csv.DictReader(io.StringIO(lessons, newline="")) if row["city"] == "evora")
    assert lesson["text"] == "'" + FORMULAS[1]
    evora = next(row for row in csv.DictReader(io.StringIO(text, newline="")) if row["city"] == "evora")
    assert evora["summary"] == "'" + FORMULAS[0] and evora["lessons"] == "'" + FORMULAS[1]
    assert evora["follow_up"] == "'" + FORMULAS[3] and evora["experts"] == f"'{FORMULAS[2]} (Lisboa)"
    assert float(evora["longitude"]) < 0, "Évora is west of Greenwich: a negative number, as it is"


def test_report_schema_completes_the_known_keys(built: Built) -> None:
    schema = json.loads((built.site / "schema/report.schema.json").read_text(encoding="utf-8"))
    cities = yaml.safe_load((SHIPPED / "cities.yml").read_text(encoding="utf-8"))
    assert schema["$id"] == f"{SITE_URL}schema/report.schema.json"
    assert schema["properties"]["city"]["enum"] == sorted(cities)


def test_every_page_links_to_the_feed(built: Built) -> None:
    for path in html_pages(built):
        links = Elements(path.read_text(encoding="utf-8")).find(
            "link", rel="alternate", type="application/atom+xml")
        assert links, path
        target = (path.parent / links[0][1]["href"]).resolve()
        assert target == (built.site / "feeds/missions.xml").resolve(), path


def test_theme_pages_link_their_own_feed(built: Built) -> None:
    doc = Elements(built.html("themes/tourism"))
    feeds = doc.find("link", rel="alternate", type="application/atom+xml")
    hrefs = [attrs["href"] for _, attrs, _ in feeds]
    assert hrefs == ["../../feeds/missions.xml", "../../feeds/themes/tourism.xml"]
    feed = ET.parse(built.site / "feeds/themes/tourism.xml").getroot()
    assert feed.tag == f"{{{ATOM}}}feed"
    titles = [e.findtext(f"{{{ATOM}}}title") for e in feed.findall(f"{{{ATOM}}}entry")]
    assert titles == [TRICKY]


def test_every_page_has_a_whole_card(built: Built) -> None:
    """A link to any page (generated or a programme page) shows a title, a text and a picture
    whose file exists."""
    checked = 0
    for path in html_pages(built):
        url = path.parent.relative_to(built.site).as_posix() + "/"
        url = "" if url == "./" else url
        if url.startswith("404"):
            continue
        tags = link_card(path.read_text(encoding="utf-8"))
        for key in ("og:title", "og:description", "og:url", "og:image", "og:type", "og:locale",
                    "og:site_name", "og:image:alt", "twitter:card"):
            assert len(tags.get(key, [])) == 1 and tags[key][0].strip(), (url, key)
        assert tags["og:url"] == [SITE_URL + url], url
        image = tags["og:image"][0]
        assert image.startswith(SITE_URL), image
        assert (built.site / image.removeprefix(SITE_URL)).is_file(), (url, image)
        assert tags["og:locale"] == ["fr_FR"] and tags["twitter:card"] == ["summary_large_image"]
        checked += 1
    assert checked >= 20, checked
    evora = link_card(built.html("missions/2023-evora-rentals"))
    assert evora["og:image"] == [f"{SITE_URL}assets/m4c/card.png"], "no photo: the site's card"
    assert evora["og:title"] == ["Évora: rentals"] and evora["og:type"] == ["article"]
    home = link_card(built.html(""))
    assert home["og:type"] == ["website"] and home["og:image:width"] == ["1200"]
    assert "og:locale:alternate" not in home, "a site in one language"
    assert all(f"{SITE_URL}{url}" in {link_card(built.html(url.rstrip("/")))["og:url"][0]} for url in PROGRAMME)
    pictured = link_card(built.html("pictured"))
    assert pictured["og:image"] == [f"{SITE_URL}pictured.png"], "a page's own picture"
    assert pictured["og:image:alt"] == ["Pictured"] and pictured["og:description"] == ["A page with its own picture."]


def test_a_missions_json_ld_dates_are_its_feed_entrys(built: Built) -> None:
    """datePublished and dateModified of a report's page are its feed entry's published and
    updated; it is written by its city, and has a picture."""
    feed = ET.parse(built.site / "feeds/missions.xml").getroot()
    entries = feed.findall(f"{{{ATOM}}}entry")
    assert len(entries) == 2
    for entry in entries:
        url = entry.findtext(f"{{{ATOM}}}id") or ""
        html = built.html(url.removeprefix(SITE_URL).rstrip("/"))
        (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = json.loads(script)
        assert data["url"] == url
        assert f"{data['datePublished']}T00:00:00Z" == entry.findtext(f"{{{ATOM}}}published")
        assert f"{data['dateModified']}T00:00:00Z" == entry.findtext(f"{{{ATOM}}}updated")
        author = data["author"]
        assert author["@type"] == "Organization" and author["name"] == data["about"]["name"]
        assert (built.site / author["url"].removeprefix(SITE_URL) / "index.html").is_file()
        assert (built.site / data["image"].removeprefix(SITE_URL)).is_file()


def test_mission_page_has_open_graph_and_json_ld(built: Built) -> None:
    html = built.html("missions/2024-quebec-hiver")
    doc = Elements(html)
    og = {a["property"]: a["content"] for _, a, _ in doc.find("meta", property="*")}
    assert og["og:title"] == TRICKY
    assert og["og:type"] == "article"
    assert og["og:url"] == f"{SITE_URL}missions/2024-quebec-hiver/"
    assert og["og:image"] == f"{SITE_URL}media/remparts.png"
    assert og["og:image:alt"] == "Les remparts"
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    assert "</" not in scripts[0] and "<script" not in scripts[0], "escaped by | tojson"
    data = json.loads(scripts[0])
    assert data["@type"] == "Report" and data["name"] == TRICKY
    assert data["about"]["geo"]["latitude"] == 46.8123
    home = Elements(built.html(""))
    assert {a["property"] for _, a, _ in home.find("meta", property="*")} >= {"og:title", "og:url"}
    assert '<script type="application/ld+json">' not in built.html("")


def test_downloads_are_linked_from_how_to_apply(built: Built) -> None:
    doc = Elements(built.html("how-to-apply"))
    page = built.site / "how-to-apply" / "index.html"
    links = [a["href"] for _, a, _ in doc.find("a") if "downloads/" in (a.get("href") or "")]
    # Step 1 and the Downloads section both link the Fiche: each download is linked, once or more.
    assert sorted({urlsplit(link).path.rsplit("/", 1)[1] for link in links}) == [
        "fiche-technique-m4c.docx", "fiche-technique-m4c.md",
        "report-template.docx", "report-template.md"]
    for link in links:
        assert (page.parent / link).resolve().is_file(), link
    fiche = Document(io.BytesIO((built.site / "downloads/fiche-technique-m4c.docx").read_bytes()))
    assert fiche.paragraphs[0].text == "Fiche technique M4C"
    template = (built.site / "downloads/report-template.md").read_text(encoding="utf-8")
    assert f"$schema={SITE_URL}schema/report.schema.json" in template
    assert "quebec (Québec)" in template, "the template lists the site's cities"


def test_sitemap_lists_published_pages_only(built: Built) -> None:
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        raw = (built.site / name).read_bytes()
        text = (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")
        assert f"{SITE_URL}missions/2024-quebec-hiver/" in text
        assert DRAFT not in text
        assert "downloads/" not in text and "data/" not in text
    draft_leaks = [p for p in built.files() if DRAFT.encode() in p.read_bytes()]
    assert draft_leaks == []
