"""Text from content stays text in the browser: the scripts build the map's markers and the search
excerpts with the DOM, so a city's name or a report's text holding markup and quotes is shown as
written, creates no element and runs nothing (dialogs are recorded; there must be none)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import REPO, BuiltSite, built_and_served, write_site_sources

pytestmark = pytest.mark.browser

MARKUP_NAME = '"><img src=x onerror=alert(1)>'
QUOTES_NAME = "O'Brien \"x\""
ATTRIBUTION = '© <b>Tiles</b> & "co"'
TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"
"""A loopback address nothing listens on: the test answers the tile requests itself."""

TAGS = """\
---
title: "Québec : balisage des sentiers"
city: quebec
date: 2024-06-11
language: fr
themes: [public-space]
heritage_topics: [fortifications]
issue: Des sentiers sans balisage.
objectives: [Baliser les sentiers]
experts: [Ana Ferreira]
actors: [Ville]
assistance: {summary: Une visite., formats: [site-visit]}
lessons: [Baliser tôt.]
follow_up: [Poser les balises]
---

Le jalonnage écrit `<b>gras</b>` et `<mark>faux</mark>` puis `&amp;` reste du texte.
"""


@pytest.fixture(scope="module")
def tiled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The test site with map tiles set, two cities named with markup and quotes, and a report
    whose text shows tags."""
    root = tmp_path_factory.mktemp("browser-inert")
    config, site_dir = write_site_sources(root)
    cities = root / "content" / "cities.yml"
    text = cities.read_text(encoding="utf-8")
    quoted = {name: '"' + name.replace('"', '\\"') + '"' for name in (MARKUP_NAME, QUOTES_NAME)}
    text = text.replace("name: Québec", f"name: {quoted[MARKUP_NAME]}", 1)
    cities.write_text(text.replace("name: Évora", f"name: {quoted[QUOTES_NAME]}", 1), encoding="utf-8")
    (root / "content" / "missions" / "2024" / "2024-quebec-balisage.md").write_text(TAGS, encoding="utf-8")
    options = config.read_text(encoding="utf-8").replace(
        "      contact_email: programme@example.org\n",
        "      contact_email: programme@example.org\n"
        f"      map_tiles: '{TILES}'\n      map_attribution: '{ATTRIBUTION}'\n")
    config.write_text(options, encoding="utf-8")
    with built_and_served(root, config, site_dir) as built:
        yield built


TILE = (REPO / "content" / "media" / "quebec-remparts-neige.png").read_bytes()


def with_tiles(page: Any) -> list[str]:
    """Answer the tile requests with a picture; returns the dialogs the page opens."""
    page.route("http://127.0.0.1:9/**", lambda route: route.fulfill(body=TILE, content_type="image/png"))
    dialogs: list[str] = []

    def record(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return dialogs


def test_map_markers_show_names_with_markup_and_quotes_as_text(page: Any, tiled: BuiltSite) -> None:
    dialogs = with_tiles(page)
    page.goto(tiled.page())
    page.locator(".m4c-worldmap").first.scroll_into_view_if_needed()  # the tiles come when it shows
    expect(page.locator(".m4c-worldmap__tiles.is-ready")).to_have_count(1)
    markers = page.locator(".m4c-worldmap__tiles .m4c-tilemarker__link")
    expect(markers.first).to_be_visible()
    page.wait_for_timeout(300)  # an image with a failing source calls its handler at once
    assert page.locator('img[src="x"], [onerror]').count() == 0, "a city's name became an element"
    assert dialogs == []
    for name in (MARKUP_NAME, QUOTES_NAME):
        marker = page.locator(f".m4c-worldmap__tiles .m4c-tilemarker__link[aria-label^={_css_string(name + ', ')}]")
        expect(marker).to_have_count(1)
        marker.hover()
        tooltip = page.locator(".leaflet-tooltip").last
        expect(tooltip).to_have_text(re.compile("^" + re.escape(name + ", ") + r"\w+ · \d mission"))
        assert tooltip.locator("*").count() == 1, "the tooltip holds one element of text"
        page.mouse.move(0, 0)
    credit = page.locator(".leaflet-control-attribution")
    expect(credit).to_have_text(ATTRIBUTION)
    assert credit.locator("b").count() == 0
    assert dialogs == []


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_a_search_excerpt_shows_tags_in_the_text_as_text(page: Any, tiled: BuiltSite) -> None:
    dialogs = with_tiles(page)
    page.goto(tiled.page("missions/?q=jalonnage"))
    excerpt = page.locator(".m4c-result__excerpt").first
    expect(excerpt).to_contain_text("<b>gras</b>")
    expect(excerpt).to_contain_text("<mark>faux</mark>")
    expect(excerpt).to_contain_text("&amp;")
    assert excerpt.locator("b").count() == 0
    assert [mark.inner_text() for mark in excerpt.locator("mark").all()] == ["jalonnage"], \
        "only the word found is marked"

    page.locator(".m4c-hsearch__input").fill("jalonnage")
    header = page.locator(".m4c-hsearch__excerpt").first
    expect(header).to_contain_text("<b>gras</b>")
    assert header.locator("b").count() == 0
    assert [mark.inner_text() for mark in header.locator("mark").all()] == ["jalonnage"]
    assert dialogs == []
