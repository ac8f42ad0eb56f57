"""The statistics page and a year in review: their numbers are the open data's.

A tiny site is built once; each test counts the published ``data/missions.json`` and
``data/lessons.json`` itself (not with m4c's counting) and compares with what the pages show:
every chart's table, the numbers and labels drawn in its SVG, the key figures, a year's review.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sitekit import Built, Elements, base_report, build_site, report, write_config, write_content

from m4c_build.i18n.texts import Strings
from m4c_build.outputs.charts import WRAP, bar_chart
from m4c_build.site.context import SiteSettings
from m4c_build.site.pages import build_pages
from m4c_build.validate.content import validate_content

TODAY = dt.date(2026, 1, 15)
"""The build's ``today`` (sitekit's default): what is overdue."""
FR = Strings("fr")

MISSIONS = {
    # Québec twice (2022, 2024): a city with more than one mission; 2023 has none (a gap).
    "missions/2022-quebec.md": base_report(
        title="Québec 2022", city="quebec", date="2022-03-01", end_date="2022-03-03",
        themes=["tourism", "housing"], heritage_topics=["fortifications"], factors=["housing", "industrial-areas"],
        assistance={"summary": "Un atelier.", "formats": ["workshop", "site-visit"]},
        experts=["Ana Ferreira", "Rui Costa", {"name": "Jean Tremblay", "international": False}],
        lessons=["Leçon A1.", "Leçon A2."],
        follow_up=[{"action": "À temps", "due": "2023-01-01", "status": "done", "done": "2022-12-01"},
                   {"action": "En retard", "due": "2023-01-01", "status": "done", "done": "2023-02-01"}]),
    "missions/2024-quebec.md": base_report(
        title="Québec 2024", city="quebec", date="2024-05-10", themes=["tourism"], type="exploratory",
        lessons=["Leçon B1.", "Leçon B2.", "Leçon B3.", "Leçon B4."],
        follow_up=[{"action": "Échue", "due": "2025-01-01", "status": "planned"}, "Sans date"]),
    "missions/2024-evora.md": base_report(
        title="Évora 2024", city="evora", date="2024-06-01", end_date="2024-06-02",
        themes=["tourism", "governance"], factors=["ground-transport-infrastructure"],
        assistance={"summary": "Une table ronde.", "formats": ["round-table"]},
        experts=[{"name": "Local", "international": False}, {"name": "Autre local", "international": False}],
        lessons=["Leçon C1."],
        follow_up=[{"action": "Ouverte", "due": "2027-01-01", "status": "planned"},
                   {"action": "Faite", "due": "2024-12-01", "status": "done", "done": "2024-09-01"}]),
    "missions/2025-kazan.md": base_report(
        title="Kazan 2025", city="kazan", date="2025-02-01", themes=["housing"], heritage_topics=["waterfront"],
        lessons=["Leçon D1."]),
    "missions/2023-sintra-draft.md": base_report(
        title="Brouillon", city="sintra", date="2023-04-01", status="draft", themes=["governance"],
        lessons=["Brouillon."]),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("statistics")
    content = write_content(folder / "content", {name: report(**fields) for name, fields in MISSIONS.items()})
    return build_site(write_config(folder, content, search=False, page_size=1))


def published(built: Built, name: str) -> list[dict[str, Any]]:
    data = json.loads((built.site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    return list(data[name])


def section(html: str, id: str) -> str:
    """The HTML of the page's ``<section ... id="{id}">``, up to the next such section."""
    start = html.find(f'<section class="m4c-section" id="{id}">')
    assert start >= 0, f"no section {id}"
    end = html.find('<section class="m4c-section"', start + 1)
    return html[start:end if end > 0 else len(html)]


def table(html: str) -> list[list[str]]:
    """The rows of the first table of ``html``'s body: each row's header, then its cells."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    assert body
    rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    return [Elements(f"<tr>{row}</tr>").texts("th") + Elements(f"<tr>{row}</tr>").texts("td") for row in rows]


def number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def drawn(html: str) -> list[tuple[int, str]]:
    """Each bar of the chart's SVG: the number written on it and the rest of its text."""
    svg = Elements(html[html.index("<svg"):html.index("</svg>") + 6])
    assert svg.find("svg", aria_hidden="true"), "the table, not the picture, is for screen readers"
    bars = []
    for text in svg.texts("text", class_="m4c-chart__text"):
        value, _, label = text.partition(" ")
        bars.append((number(value), label))
    assert len(bars) == len(svg.find("rect")), "a bar (or a zero's mark) under each text"
    return bars


def chart(built: Built, id: str) -> dict[str, int]:
    """A chart's table as label -> its bar's number, after checking that its SVG draws the same
    numbers with the same labels in the same order."""
    html = section(built.html("statistics"), f"chart-{id}")
    rows = table(html)
    bars = drawn(html)
    assert [n for n, _ in bars] == [number(row[1]) for row in rows]
    if id != "years":
        assert [label for _, label in bars] == [row[0] for row in rows]
    return {row[0]: number(row[1]) for row in rows}


def counted(records: list[dict[str, Any]], field: str) -> Counter[str]:
    """How many records name each French name of ``field`` (a list of names per record)."""
    return Counter(name for record in records for name in record[field]["fr"])


def same(shown: dict[str, int], expected: Counter[str]) -> None:
    """The chart shows every counted value, and 0 for the registry's others."""
    assert {label: n for label, n in shown.items() if n} == dict(expected)


def test_each_chart_counts_what_the_open_data_holds(built: Built) -> None:
    missions = published(built, "missions")
    assert len(missions) == 4, "the draft is in neither"
    same(chart(built, "regions"), Counter(m["region_name"]["fr"] for m in missions))
    same(chart(built, "themes"), counted(missions, "theme_names"))
    same(chart(built, "topics"), counted(missions, "topic_names"))
    same(chart(built, "factors"), counted(missions, "primary_factor_names"))
    same(chart(built, "formats"), counted(missions, "format_names"))
    same(chart(built, "types"), Counter(FR(f"type_{m['type']}") for m in missions))
    international = sum(e["international"] for m in missions for e in m["experts"])
    local = sum(not e["international"] for m in missions for e in m["experts"])
    assert chart(built, "experts") == {FR("international_experts"): international, FR("local_experts"): local}
    assert (international, local) == (4, 3)


def days(mission: dict[str, Any]) -> int:
    return (dt.date.fromisoformat(mission["end_date"]) - dt.date.fromisoformat(mission["date"])).days + 1


def test_missions_and_their_days_per_year_every_year_between_the_first_and_the_last(built: Built) -> None:
    missions = published(built, "missions")
    per_year: dict[str, list[int]] = {}
    for mission in missions:
        per_year.setdefault(mission["date"][:4], []).append(days(mission))
    html = section(built.html("statistics"), "chart-years")
    rows = table(html)
    assert [row[0] for row in rows] == ["2022", "2023", "2024", "2025"], "a year without a mission is a gap"
    assert {row[0]: (number(row[1]), number(row[2])) for row in rows} == {
        year: (len(found), sum(found)) for year, found in per_year.items()} | {"2023": (0, 0)}
    assert chart(built, "years") == {row[0]: number(row[1]) for row in rows}
    assert [label for _, label in drawn(html)] == [
        "mission en 2022, 3 jours", "mission en 2023, 0 jour", "missions en 2024, 3 jours", "mission en 2025, 1 jour"]


def test_key_figures_and_the_share_of_follow_up_done_on_time(built: Built) -> None:
    missions = published(built, "missions")
    doc = Elements(section(built.html("statistics"), "figures"))
    figures = dict(zip(doc.texts("dt"), doc.texts("dd"), strict=True))
    cities = Counter(m["city"] for m in missions)
    on_time = late = overdue = 0
    for item in (item for m in missions for item in m["follow_up"]):
        if item["status"] == "done" and item["due"] and item["done"]:
            on_time += item["done"] <= item["due"]
            late += item["done"] > item["due"]
        elif item["status"] != "done" and item["due"] and dt.date.fromisoformat(item["due"]) < TODAY:
            overdue += 1
    assert (on_time, late, overdue) == (2, 1, 1)
    assert figures == {
        FR("missions"): "4", FR("stat_days"): str(sum(days(m) for m in missions)),
        FR("stat_cities"): str(len(cities)), FR("stat_repeated_cities"): str(sum(n > 1 for n in cities.values())),
        FR("countries"): str(len({m["country"] for m in missions})),
        FR("international_experts"): "4", FR("local_experts"): "3",
        FR("stat_on_time_share"): " ".join(FR.percent(on_time / (on_time + late + overdue)).split()),
    }
    assert figures[FR("stat_on_time_share")] == "50 %"
    assert chart(built, "follow-up") == {FR("stat_on_time"): on_time, FR("stat_late"): late,
                                         FR("state_overdue"): overdue}


def test_every_chart_has_its_table_named_by_its_heading(built: Built) -> None:
    html = built.html("statistics")
    ids = re.findall(r'<section class="m4c-section" id="(chart-[\w-]+)">', html)
    assert ids == ["chart-years", "chart-regions", "chart-themes", "chart-topics", "chart-factors", "chart-formats",
                   "chart-types", "chart-follow-up", "chart-experts"]
    for id in ids:
        part = Elements(section(html, id))
        assert part.texts("h2", id=f"{id}-title")
        assert len(part.find("svg")) == 1 and part.find("table", aria_labelledby=f"{id}-title"), id
        assert part.find("th", scope="col") and part.find("th", scope="row"), id


def test_the_page_is_in_the_navigation_and_links_each_row_to_its_page(built: Built) -> None:
    home = Elements(built.html(""))
    assert "statistics/" in [a.get("href") for _, a, _ in home.find("a", class_="md-tabs__link")]
    themes = Elements(section(built.html("statistics"), "chart-themes"))
    assert "../themes/tourism/" in [a.get("href") for _, a, _ in themes.find("a")]
    head = Elements(built.html("statistics"))
    assert "../assets/m4c/m4c-charts.css" in [a.get("href") for _, a, _ in head.find("link", rel="stylesheet")]


def lessons_of(built: Built, year: int) -> list[dict[str, Any]]:
    return [r for r in published(built, "lessons") if r["kind"] == "lesson" and r["year"] == year]


def test_a_year_in_review_against_the_previous_year(built: Built) -> None:
    missions = published(built, "missions")

    def figures(year: str) -> list[int]:
        found = [m for m in missions if m["date"][:4] == year]
        return [len(found), len({m["city"] for m in found}), sum(days(m) for m in found),
                len(lessons_of(built, int(year)))]

    for year in ("2024", "2025"):
        rows = table(section(built.html(f"years/{year}"), "review-compare"))
        this, before = figures(year), figures(str(int(year) - 1))
        assert [row[0] for row in rows] == [FR("year_figure_missions"), FR("year_figure_cities"),
                                            FR("year_figure_days"), FR("year_figure_lessons")]
        pairs = [[a, b] for a, b in zip(this, before, strict=True)]
        assert [[number(cell) for cell in row[1:3]] for row in rows] == pairs
        assert [row[3] for row in rows] == [FR.difference(a - b) for a, b in zip(this, before, strict=True)]
    assert [row[3] for row in table(section(built.html("years/2025"), "review-compare"))] == ["-1", "-1", "-2", "-4"]


def test_a_year_in_review_shows_its_new_lessons_follow_up_cities_and_map(built: Built) -> None:
    html = built.html("years/2024")
    lessons = lessons_of(built, 2024)
    by_theme = Counter(name for r in lessons for name in r["theme_names"]["fr"])
    parts = re.findall(r'<section class="m4c-knowledge">(.*?)</section>', section(html, "review-lessons"), re.S)
    shown = {Elements(part).texts("a")[0]: Elements(part) for part in parts}
    assert {label: number(part.texts("span", class_="m4c-knowledge__count")[0]) for label, part in shown.items()} \
        == dict(by_theme)
    tourism, governance = shown["Tourisme"], shown["Gouvernance"]
    assert [str(a.get("href")) for _, a, _ in tourism.find("a") if "missions/" in str(a.get("href"))] == [
        "../../missions/2024-evora/#lesson-1", "../../missions/2024-quebec/#lesson-1",
        "../../missions/2024-quebec/#lesson-2"], "three lessons quoted, newest mission first"
    assert tourism.find("a", href="../../lessons/?theme=tourism&year=2024&kind=lesson"), "the others one link away"
    assert not governance.find("li"), "Évora's lesson is quoted once, under the theme with the most lessons"
    assert governance.find("a", href="../../lessons/?theme=governance&year=2024&kind=lesson")

    follow = dict(zip(*(Elements(section(html, "review-follow-up")).texts(tag) for tag in ("dt", "dd")), strict=True))
    promised = [i for m in published(built, "missions") if m["date"].startswith("2024") for i in m["follow_up"]]
    done_in_2024 = [i for m in published(built, "missions") for i in m["follow_up"] if (i["done"] or "")[:4] == "2024"]
    assert follow == {FR("year_promised", year=2024): str(len(promised)),
                      FR("year_promised_done"): str(sum(i["status"] == "done" for i in promised)),
                      FR("year_done", year=2024): str(len(done_in_2024))}
    assert (len(promised), len(done_in_2024)) == (4, 1)

    first: dict[str, str] = {}
    for mission in sorted(published(built, "missions"), key=lambda m: m["date"]):
        first.setdefault(mission["city_name"], mission["date"][:4])
    cities = Elements(section(html, "review-cities")).texts("a")
    assert cities == [city for city, year in first.items() if year == "2024"] == ["Évora"]

    marked = Elements(section(html, "review-map")).find("a", class_="is-highlighted")
    assert sorted(str(a.get("href")) for _, a, _ in marked) == ["../../cities/evora/", "../../cities/quebec/"]


def test_a_year_keeps_its_paginated_list_and_reviews_on_its_first_page_only(built: Built) -> None:
    first, second = built.html("years/2024"), built.html("years/2024/page/2")
    assert 'id="review-compare"' in first and 'id="review-compare"' not in second
    assert "m4c-pager" in first and "m4c-pager" in second
    assert "Évora 2024" in first and "Québec 2024" in second, "one mission a page (page_size 1), newest first"


def test_no_factor_chart_without_a_report_naming_a_factor(tmp_path: Path) -> None:
    files = {"missions/a.md": report(**base_report(title="A", date="2024-01-02"))}
    validation = validate_content(write_content(tmp_path / "content", files))
    assert validation.content is not None
    pages = {page.src_uri: page.html for page in build_pages(validation.content, SiteSettings(language="en"))}
    html = pages["statistics/index.md"]
    assert 'id="chart-themes"' in html and 'id="chart-factors"' not in html
    assert "no action due yet" in html, "no share to give when no action is due"


def test_numbers_are_written_the_language_s_way() -> None:
    assert [Strings(lang).number(12345) for lang in ("fr", "en", "es")] == ["12\u202f345", "12,345", "12.345"]
    assert [Strings(lang).percent(2 / 3) for lang in ("fr", "en", "es")] == ["67\xa0%", "67%", "67\xa0%"]
    assert [FR.difference(n) for n in (3, 0, -1234)] == ["+3", "0", "-1\u202f234"]


def test_a_long_label_wraps_above_its_bar_and_bars_scale_to_the_largest() -> None:
    label = "Conditions locales affectant le tissu physique du bien"
    geometry = bar_chart([(label, 12, "12"), ("Court", 3, "3"), ("Rien", 0, "0")])
    long, short, zero = geometry.bars
    assert len(long.lines) > 1 and " ".join(long.lines) == label
    assert len("12 " + long.lines[0]) <= WRAP and all(len(line) <= WRAP for line in long.lines)
    assert (long.width, short.width, zero.width) == (100.0, 25.0, 0.0)
    assert long.baselines[-1] < long.y < short.baselines[0] < short.y < zero.y < geometry.height
