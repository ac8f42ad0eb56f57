"""The pure page generator, called without any site engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sitekit import Elements, base_report, count_compiled, report, write_content

from m4c_build.i18n.texts import Strings
from m4c_build.site.context import SiteSettings
from m4c_build.site.pages import build_pages
from m4c_build.site.publish import publish
from m4c_build.site.urls import page_url, relative
from m4c_build.validate.content import validate_content


@pytest.fixture
def content(tmp_path: Path):
    files = {
        "missions/a.md": report(**base_report(title="A", city="quebec", date="2024-01-02",
                                              themes=["tourism", "housing"])),
        "missions/b.md": report(**base_report(title="B", city="evora", date="2023-05-06",
                                              themes=["housing"], heritage_topics=["waterfront"])),
        "missions/c.md": report(**base_report(title="C", city="quebec", date="2022-01-01",
                                              status="draft")),
        "pages/programme.md": "# Le programme\n\nTexte.\n",
    }
    validation = validate_content(write_content(tmp_path / "content", files))
    assert validation.ok, validation.problems
    return validation.content


def test_every_grouping_gets_a_page_and_drafts_none(content) -> None:
    pages = {page.src_uri: page for page in build_pages(content)}
    assert {"index.md", "missions/index.md", "missions/a.md", "missions/b.md"} <= set(pages)
    assert "missions/c.md" not in pages
    for grouping in ("themes", "topics", "cities", "regions", "years"):
        assert f"{grouping}/index.md" in pages
    assert {"themes/tourism.md", "themes/mobility.md", "topics/waterfront.md", "cities/evora.md",
            "regions/north-america.md", "years/2024.md", "years/2023.md"} <= set(pages)
    assert "years/2022.md" not in pages, "the draft's year has no published mission"
    assert pages["missions/a.md"].url == "missions/a/"


def test_publication_holds_nav_summary_and_only_published_media(content) -> None:
    publication = publish(content, language="en")
    assert str(publication.summary) == "published 2 missions, 2 themes, 2 cities; 1 drafts held back"
    titles = [next(iter(item)) for item in publication.nav]
    assert titles == ["Home", "Missions", "Lessons explorer", "Follow-up", "Themes", "Heritage topics",
                      "World Heritage factors", "Cities", "Regions", "Years", "Statistics", "The programme"]
    assert publication.nav[-1] == {"The programme": [{"Le programme": "programme.md"},
                                                     {"Writing a report: the fields": "reference/report.md"}]}
    assert "assets/m4c/m4c.css" in publication.static_files


def test_overdue_is_relative_to_the_given_day(tmp_path: Path) -> None:
    follow = [{"action": "Act", "due": "2025-03-01", "status": "planned"}]
    validation = validate_content(write_content(tmp_path / "c", {
        "missions/a.md": report(**base_report(follow_up=follow))}))
    assert validation.content is not None
    before = build_pages(validation.content, SiteSettings(today=dt.date(2025, 2, 1)))
    after = build_pages(validation.content, SiteSettings(today=dt.date(2025, 3, 2)))
    page = {p.src_uri: p for p in before}["missions/a.md"]
    assert not Elements(page.html).find("strong", class_="m4c-overdue")
    page = {p.src_uri: p for p in after}["missions/a.md"]
    assert Elements(page.html).texts("strong", class_="m4c-overdue") == ["en retard"]


@pytest.mark.parametrize(("today", "status", "late"), [
    ("2025-02-28", "planned", False),  # the day before it is due
    ("2025-03-01", "planned", False),  # the day it is due: still on time
    ("2025-03-02", "planned", True),  # the day after
    ("2025-03-02", "in-progress", True),
    ("2025-03-02", "done", False),  # done is never late
    ("2026-03-01", "done", False),
    ("2026-03-01", None, True),  # no status: planned
])
def test_overdue_starts_the_day_after_the_due_day(tmp_path: Path, today: str, status: str | None,
                                                  late: bool) -> None:
    item = {"action": "Act", "due": "2025-03-01", **({"status": status} if status else {})}
    follow = [item, {"action": "Undated", **({"status": status} if status else {})}]
    validation = validate_content(write_content(tmp_path / "c", {
        "missions/a.md": report(**base_report(follow_up=follow))}))
    assert validation.content is not None, validation.problems
    pages = build_pages(validation.content, SiteSettings(today=dt.date.fromisoformat(today)))
    html = {p.src_uri: p for p in pages}["missions/a.md"].html
    assert Elements(html).texts("strong", class_="m4c-overdue") == (["en retard"] if late else []), \
        "an item without a due day is never late"


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", "1 mars 2025"), ("en", "1 March 2025"), ("es", "1 de marzo de 2025")])
def test_dates_in_each_interface_language(language: str, expected: str) -> None:
    """CLDR's long dates (French CLDR writes '1 mars', not '1er mars'; English is CLDR's
    international English)."""
    assert Strings(language).date(dt.date(2025, 3, 1)) == expected


THIN = "\u2009"


@pytest.mark.parametrize(("language", "start", "end", "expected"), [
    ("fr", (2025, 10, 14), (2025, 10, 16), "14–16 octobre 2025"),
    ("fr", (2025, 9, 30), (2025, 10, 2), f"30 septembre{THIN}–{THIN}2 octobre 2025"),
    ("fr", (2025, 12, 30), (2026, 1, 2), f"30 décembre 2025{THIN}–{THIN}2 janvier 2026"),
    ("en", (2025, 10, 14), (2025, 10, 16), "14–16 October 2025"),
    ("en", (2025, 9, 30), (2025, 10, 2), f"30 September{THIN}–{THIN}2 October 2025"),
    ("es", (2025, 10, 14), (2025, 10, 16), "14–16 de octubre de 2025"),
    ("es", (2025, 12, 30), (2026, 1, 2), f"30 de diciembre de 2025{THIN}–{THIN}2 de enero de 2026"),
    ("es", (2025, 10, 14), (2025, 10, 14), "14 de octubre de 2025"),
])
def test_date_ranges_are_cldr_intervals_with_full_month_names(
        language: str, start: tuple[int, int, int], end: tuple[int, int, int], expected: str) -> None:
    assert Strings(language).date_range(dt.date(*start), dt.date(*end)) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", ["aucune mission", "1 mission", "2 missions", "1000000 de missions", "1 jour", "0 jour", "3 jours"]),
    ("en", ["no missions", "1 mission", "2 missions", "1000000 missions", "1 day", "0 days", "3 days"]),
    ("es", ["ninguna misión", "1 misión", "2 misiones", "1000000 de misiones", "1 día", "0 días", "3 días"]),
])
def test_plurals_follow_the_catalogues_plural_forms(language: str, expected: list[str]) -> None:
    """Plural rules are the catalogue's Plural-Forms (CLDR's): French counts 0 as singular,
    French and Spanish have a form for millions."""
    t = Strings(language)
    assert [t.count(0), t.count(1), t.count(2), t.count(10**6), t.days(1), t.days(0), t.days(3)] == expected


def test_unknown_interface_language_is_refused() -> None:
    with pytest.raises(ValueError, match="use fr, en or es"):
        Strings("de")


@pytest.mark.parametrize(("target", "page", "expected"), [
    ("themes/x/", "missions/a/", "../../themes/x/"),
    ("themes/x/", "", "themes/x/"),
    ("", "missions/a/", "../../"),
    ("media/p.png", "missions/a/", "../../media/p.png"),
    ("missions/a/#lessons", "themes/x/", "../../missions/a/#lessons"),
    ("https://example.org/", "missions/a/", "https://example.org/"),
])
def test_links_are_relative(target: str, page: str, expected: str) -> None:
    assert relative(target, page) == expected


@pytest.mark.parametrize(("src", "url"), [
    ("index.md", ""), ("missions/index.md", "missions/"), ("missions/a.md", "missions/a/"),
    ("reindex.md", "reindex/"), ("index-of-cities.md", "index-of-cities/"),
    ("guide/index.md", "guide/"), ("guide/reindex.md", "guide/reindex/"), ("a/b/c.md", "a/b/c/")])
def test_page_url(src: str, url: str) -> None:
    assert page_url(src) == url


def test_a_page_named_like_index_is_linked_where_it_is_served(tmp_path: Path) -> None:
    files = {"missions/a.md": report(**base_report()), "pages/reindex.md": "# Réindexer\n\nTexte.\n"}
    validation = validate_content(write_content(tmp_path / "c", files))
    assert validation.content is not None
    home = next(p for p in build_pages(validation.content) if p.src_uri == "index.md")
    assert "reindex/" in [attrs.get("href") for _, attrs, _ in Elements(home.html).find("a")]


def test_a_large_group_lists_every_mission_cards_first(tmp_path: Path) -> None:
    files = {f"missions/m-{i:02d}.md": report(**base_report(title=f"M{i:02d}", date=f"2020-01-{i + 1:02d}"))
             for i in range(30)}
    validation = validate_content(write_content(tmp_path / "c", files))
    assert validation.content is not None
    pages = {p.src_uri: p for p in build_pages(validation.content, SiteSettings(cards=24))}
    doc = Elements(pages["themes/tourism.md"].html)
    assert len(doc.find("li", class_="m4c-card")) == 24
    compact = doc.find("ul", class_="m4c-compact")[0][2]
    assert compact.startswith("M05 Québec · 2020-01-06") and "M00 Québec · 2020-01-01" in compact
    assert "Missions précédentes" in doc.texts("h3")


def _paged_content(tmp_path: Path, count: int):
    files = {f"missions/m-{i:02d}.md": report(**base_report(
        title=f"M{i:02d}", date=f"2020-01-{i + 1:02d}", lessons=[f"Leçon {i:02d}a", f"Leçon {i:02d}b"]))
        for i in range(count)}
    validation = validate_content(write_content(tmp_path / "c", files))
    assert validation.content is not None
    return validation.content


def test_a_long_group_is_split_into_linked_pages_that_lose_no_mission(tmp_path: Path) -> None:
    content = _paged_content(tmp_path, 12)
    pages = {p.src_uri: p for p in build_pages(content, SiteSettings(per_page=5))}
    sources = ["themes/tourism.md", "themes/tourism/page/2.md", "themes/tourism/page/3.md"]
    assert [uri for uri in pages if uri.startswith("themes/tourism")] == sources
    listed = []
    for number, uri in enumerate(sources, 1):
        doc = Elements(pages[uri].html)
        titles = doc.texts("h3", class_="m4c-card__title")
        assert len(titles) == (5 if number < 3 else 2)
        listed += titles
        digest = [text for _, a, text in doc.find("a") if "#lesson-" in (a.get("href") or "")]
        assert digest == [f"Leçon {t[1:]}{x}" for t in titles for x in "ab"], "the page's missions' lessons"
        links = [a["href"] for _, a, _ in doc.find("a") if "#lesson-" in (a.get("href") or "")]
        assert all(href.startswith(relative("missions/", pages[uri].url)) for href in links), \
            "a mission's records, made once, link from each page's own depth"
        nav = doc.find("nav", class_="m4c-pager")
        assert nav and nav[0][1]["aria-label"] == "Pages"
        current = doc.find("a", aria_current="page")
        assert [text for _, _, text in current] == [str(number)]
        steps = {a["rel"]: a["href"] for _, a, _ in doc.find("a") if a.get("rel") in ("prev", "next")}
        here = pages[uri].url
        expected = {}
        if number > 1:
            expected["prev"] = relative(page_url(sources[number - 2]), here)
        if number < 3:
            expected["next"] = relative(page_url(sources[number]), here)
        assert steps == expected
    assert listed == [f"M{i:02d}" for i in range(11, -1, -1)], "every mission once, newest first"
    assert pages["themes/tourism.md"].title == "Tourisme"
    assert pages["themes/tourism/page/2.md"].title == "Tourisme — page 2 sur 3"
    second = Elements(pages["themes/tourism/page/2.md"].html)
    assert second.texts("h1") == ["Tourisme — page 2 sur 3"]
    assert second.texts("p", class_="m4c-count") == ["12 missions"], "the header counts the whole group"
    assert "data-pagefind-body" not in pages["themes/tourism/page/2.md"].html, "Pagefind indexes missions"
    assert "cities/quebec/page/3.md" in pages and "years/2020/page/3.md" in pages
    assert "themes/housing/page/2.md" not in pages, "an empty or short group has one page"


def test_a_page_of_many_links_its_neighbours_and_both_ends(tmp_path: Path) -> None:
    pages = {p.src_uri: p for p in build_pages(_paged_content(tmp_path, 20), SiteSettings(per_page=1))}
    doc = Elements(pages["themes/tourism/page/10.md"].html)
    items = doc.texts("ul", class_="m4c-pager__list")[0]
    assert items == "← Page précédente 1 … 8 9 10 11 12 … 20 Page suivante →"
    labels = [a.get("aria-label") for _, a, _ in doc.find("a", class_="m4c-pager__page")]
    assert labels[0] == "Page 1" and labels[-1] == "Page 20"


def test_pages_of_a_group_are_numbered_in_every_language(tmp_path: Path) -> None:
    content = _paged_content(tmp_path, 6)
    titles = {language: {p.src_uri: p.title for p in build_pages(content, SiteSettings(language=language,
                                                                                          per_page=5))}
              for language in ("en", "es")}
    assert titles["en"]["themes/tourism/page/2.md"] == "Tourism — page 2 of 2"
    assert titles["es"]["themes/tourism/page/2.md"] == "Turismo — página 2 de 2"
    assert set(titles["en"]) == set(titles["es"]), "page N exists in every language (hreflang)"


# --- Reports in other languages ------------------------------------------------------------------

SPANISH = base_report(
    title="Flujos turísticos", language="es", themes=["tourism"], issue="Demasiados visitantes.",
    lessons=["Contar antes de regular.", "Hablar con los transportistas."],
    translations={"en": {"title": "Tourist flows", "issue": "Too many visitors.",
                         "lessons": ["Count before regulating.", "Talk to the coach operators."]}},
)


@pytest.fixture
def translated(tmp_path: Path):
    root = write_content(tmp_path / "content", {"missions/2024/2024-quebec-flujos.md": report(**SPANISH)})
    validation = validate_content(root)
    assert validation.ok, [p.format() for p in validation.problems]
    return validation.content


def pages_by_uri(content, language: str) -> dict[str, object]:
    return {p.src_uri: p for p in build_pages(content, SiteSettings(language=language))}


def test_a_translation_is_read_in_its_language_with_the_original_one_click_away(translated) -> None:
    mission = pages_by_uri(translated, "en")["missions/2024-quebec-flujos.md"]
    assert mission.title == "Tourist flows" and mission.description == "Too many visitors."
    html = Elements(mission.html)
    assert [t.strip() for t in html.texts("h1")] == ["Tourist flows"] and html.find("h1")[0][1]["lang"] == "en"
    assert "Flujos turísticos" in html.texts("p", **{"class": "m4c-original-title"})[0]
    assert html.texts("span", **{"class": "m4c-tag"})[0] == "Report written in Spanish"
    assert html.texts("p", **{"class": "m4c-translated"}) == ["Translated from Spanish"] * 2  # issue, lessons
    originals = html.find("details", **{"class": "m4c-original"})
    assert len(originals) == 2
    assert "Contar antes de regular." in originals[1][2] and "Read the original" in originals[1][2]
    assert "Count before regulating." in mission.html


def test_a_report_without_a_translation_into_the_interface_is_shown_as_written(translated) -> None:
    for language, marker in (("fr", "Rapport rédigé en espagnol"), ("es", "Informe redactado en español")):
        mission = pages_by_uri(translated, language)["missions/2024-quebec-flujos.md"]
        html = Elements(mission.html)
        assert [t.strip() for t in html.texts("h1")] == ["Flujos turísticos"] and html.find("h1")[0][1]["lang"] == "es"
        assert html.find("details", **{"class": "m4c-original"}) == []
        assert marker in mission.html


def test_digests_and_cards_use_the_translation_into_their_language(translated) -> None:
    english, french = pages_by_uri(translated, "en"), pages_by_uri(translated, "fr")
    def lessons(html: str) -> list[tuple[str, dict[str, str | None]]]:
        return [(text, a) for _, a, text in Elements(html).find("a") if "#lesson-" in (a.get("href") or "")]

    quotes = lessons(english["themes/tourism.md"].html)
    assert [text for text, _ in quotes] == ["Count before regulating.", "Talk to the coach operators."]
    assert all(a["lang"] == "en" for _, a in quotes)
    assert "Translated from Spanish" in english["themes/tourism.md"].html
    assert [text for text, _ in lessons(french["themes/tourism.md"].html)] == [
        "Contar antes de regular.", "Hablar con los transportistas."]
    card = Elements(english["index.md"].html)
    assert "Tourist flows" in card.texts("h3", **{"class": "m4c-card__title"})
    assert "Translated from Spanish" in card.texts("span", **{"class": "m4c-tag m4c-tag--language"})


def test_pages_rendered_in_worker_processes_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page (and the build's other work, ``also``) rendered by forked workers: the same
    pages in the same order as in one process."""
    import os

    from m4c_build.site import pages as pages_module

    content = _paged_content(tmp_path, 30)
    settings = SiteSettings(today=dt.date(2025, 1, 1))
    alone = build_pages(content, settings)
    monkeypatch.setattr(pages_module, "PARALLEL_FROM", 10)
    started: list[int] = []
    real = pages_module.run_jobs
    monkeypatch.setattr(pages_module, "run_jobs", lambda *a, **k: started.append(1) or real(*a, **k))
    together, ((pid, given),) = pages_module.generate(content, settings, workers=2,
                                                      also=[lambda site: (os.getpid(), site.settings)])
    assert started == [1]  # the workers did render them
    assert pid != os.getpid()
    assert given == settings, "the build's other work is given the pages' site"
    assert [(p.src_uri, p.title, p.kind, p.meta, p.html) for p in together] == \
        [(p.src_uri, p.title, p.kind, p.meta, p.html) for p in alone]
    assert sum(p.kind == "mission" for p in together) == 30
    assert {p.kind for p in together} >= {"home", "catalogue", "mission", "lessons", "followup", "statistics",
                                          "reference", "group", "group-index"}


def test_a_mission_page_offers_a_few_related_missions_and_its_city_page(tmp_path: Path) -> None:
    """Under a report: a few others of its city and of its themes, and a link to the city's
    page that lists them all (not every one of a city with hundreds)."""
    import re
    import sys

    from sitekit import REPO

    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import generate

    from m4c_build.site.groups import RELATED

    generate(tmp_path / "content", 120)
    validation = validate_content(tmp_path / "content")
    assert validation.ok and validation.content is not None, validation.problems
    pages = [p for p in build_pages(validation.content) if p.kind == "mission"]
    crowded = 0
    for mission in pages:
        aside = mission.html.split('<aside class="m4c-related">', 1)[1]
        lists = re.findall(r'<ul class="m4c-cards">(.*?)</ul>\s*(?:<p|<h2|$)', aside, re.S)
        assert lists and all(0 < part.count('<li class="m4c-card">') <= RELATED for part in lists), mission.src_uri
        city = re.search(r'<a href="([^"]*cities/[^"/]+/)" data-pagefind-filter', mission.html)
        assert city is not None
        if 'class="m4c-more"' in aside:
            crowded += 1
            assert f'<p class="m4c-more"><a href="{city.group(1)}">' in aside, mission.src_uri
    assert crowded > len(pages) // 2, "with 120 reports in 18 cities, most cities have more to show"


def test_narratives_converted_ahead_give_the_same_sanitised_html(monkeypatch: pytest.MonkeyPatch) -> None:
    """A several-language build converts and sanitises the narratives once, in worker
    processes, before it forks the languages; each page then reads back what the sanitiser
    gave for the same text, level and page ids, and converts anything else."""
    from m4c_build.site import render
    from m4c_build.site.render import forget_prerendered, prerender, render_markdown

    texts = [f"## Part {i}\n\nText *{i}* with [a link](https://example.org/{i}).\n\n| a | b |\n|---|---|\n| {i} | x |\n"
             for i in range(40)]
    hostile = "Hello <script>window.__pwned = 1</script><img src=x onerror=alert(1)>\n"
    taken = frozenset({"issue"})
    clash = "## Issue\n\nA heading that would take the page's id.\n"
    expected = [render_markdown(text, baselevel=2) for text in [*texts, hostile]]
    kept_apart = render_markdown(clash, baselevel=2, taken=taken)
    assert 'id="issue"' in render_markdown(clash, baselevel=2) and 'id="issue"' not in kept_apart
    try:
        prerender([(text, 2, None) for text in [*texts, hostile]] + [(clash, 2, taken)], workers=2)
        converted: list[str] = []
        convert = render._convert
        monkeypatch.setattr(render, "_convert", lambda text, level: converted.append(text) or convert(text, level))
        assert [render_markdown(text, baselevel=2) for text in [*texts, hostile]] == expected
        assert render_markdown(clash, baselevel=2, taken=taken) == kept_apart
        assert not converted, "read back, not converted again"
        assert 'id="issue"' in render_markdown(clash, baselevel=2), "other page ids: converted anew"
        assert converted == [clash]
        assert "script" not in expected[-1] and "onerror" not in expected[-1]
    finally:
        forget_prerendered()


def test_pages_keep_their_html_packed_and_say_whether_it_has_its_own_heading(content) -> None:
    """A page's HTML is held compressed from its making to its writing and given back whole;
    whether it has its own <h1> (the engine's theme adds one otherwise) is known without
    unpacking it."""
    from m4c_build.site.packing import pack, unpack

    text = "<h1>Évora — 日本語 😀 &amp; <b>x</b></h1>\n" + "<p>Le chemin de ronde sous la neige.</p>\n" * 200
    assert unpack(pack(text)) == text and len(pack(text)) < len(text.encode("utf-8")) / 4
    pages = build_pages(content, SiteSettings(language="fr", today=dt.date(2026, 1, 15)))
    assert {page.heading for page in pages} == {True, False}, "pages with and without their own heading"
    for page in pages:
        if page.markdown is None:
            assert page.heading == ("<h1" in page.html), page.src_uri


def test_templates_are_compiled_once_per_process_and_again_when_edited(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second build in one process (a preview's rebuild, a several-language build's next
    language) reuses the templates compiled by the first; a template edited in between is
    compiled again, and its new text is what the page shows."""
    from jinja2 import Environment

    from m4c_build.site.render import make_environment

    theme = tmp_path / "theme"
    (theme / "m4c").mkdir(parents=True)
    override = theme / "m4c" / "statistics.html"
    override.write_text("first {{ 1 + 1 }}", encoding="utf-8")
    compiled = count_compiled(monkeypatch)
    for _ in range(2):
        assert make_environment([theme]).get_template("m4c/statistics.html").render() == "first 2"
    assert compiled == ["m4c/statistics.html"]
    override.write_text("second {{ 2 + 2 }}", encoding="utf-8")
    assert make_environment([theme]).get_template("m4c/statistics.html").render() == "second 4"
    assert compiled == ["m4c/statistics.html"] * 2
    # The same file through an environment that compiles otherwise (MkDocs' theme: no autoescape,
    # no block trimming) is compiled by it, not given m4c's code.
    override.write_text("{% if true %}\n<b>{{ '<i>' }}</b>\n{% endif %}", encoding="utf-8")
    env = make_environment([theme])
    assert env.get_template("m4c/statistics.html").render() == "<b>&lt;i&gt;</b>\n"
    other = Environment(loader=env.loader, autoescape=False, bytecode_cache=env.bytecode_cache)
    assert other.get_template("m4c/statistics.html").render() == "\n<b><i></b>\n"
    assert compiled == ["m4c/statistics.html"] * 4
