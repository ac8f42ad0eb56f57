"""What only a browser shows on the other pages: the map, phone widths, the photo lightbox."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import BuiltSite

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844, "is_mobile": True, "has_touch": True}
QUEBEC = "2024-quebec-remparts-hiver"


def test_home_map_is_drawn_offline_with_markers_and_a_working_city_list(page: Any,
                                                                        site: BuiltSite) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(site.page(), wait_until="networkidle")
    land = page.locator(".m4c-worldmap__land").first
    box = land.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100, "no basemap drawn"
    assert failed == [], f"requests failed (another host?): {failed}"
    cities = {m.report.city for m in site.content.public_missions}
    expect(page.locator("a.m4c-worldmap__city")).to_have_count(len(cities))
    links = page.locator("#m4c-map-list a")
    expect(links).to_have_count(len(cities))
    names = {site.content.registry.cities[key].name for key in cities}
    assert set(links.all_text_contents()) == names
    links.filter(has_text="Évora").click()
    page.wait_for_url(site.page("cities/evora/"))
    expect(page.locator("h1")).to_have_text("Évora")


def test_keyboard_reaches_a_city_marker_and_shows_its_focus(page: Any, site: BuiltSite) -> None:
    page.goto(site.page())
    marker = page.locator("a.m4c-worldmap__city").first
    circle = marker.locator("circle")
    resting = circle.evaluate("c => [getComputedStyle(c).stroke, getComputedStyle(c).r]")
    page.locator("#m4c-home-q").focus()  # start from the search box, above the map
    for _ in range(200):
        page.keyboard.press("Tab")
        if marker.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached a marker on the map")
    assert marker.evaluate("a => a.matches(':focus-visible')")
    focused = circle.evaluate("c => [getComputedStyle(c).stroke, getComputedStyle(c).r]")
    assert focused != resting, "the focused marker looks the same as the others"
    page.keyboard.press("Enter")
    page.wait_for_url("**/m4c/cities/*/")
    expect(page.locator(".m4c-worldmap__city.is-current")).to_have_count(1)


@pytest.mark.parametrize("path", ["", f"missions/{QUEBEC}/", "missions/"],
                         ids=["home", "mission", "catalogue"])
def test_phone_width_has_no_horizontal_scroll(new_page: Any, site: BuiltSite, path: str) -> None:
    page = new_page(**PHONE)
    page.goto(site.page(path))
    if path == "":
        expect(page.locator(".m4c-worldmap__land").first).to_be_visible()
    if path == "missions/":
        expect(page.locator("details[data-facet=theme]")).to_be_visible()
    expect(page.locator("h1").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide on a {PHONE['width']}px screen"


def test_phone_width_search_still_works(new_page: Any, site: BuiltSite) -> None:
    page = new_page(**PHONE)
    page.goto(site.page(f"missions/{QUEBEC}/"))
    page.locator(".m4c-hsearch__icon").tap()
    box = page.get_by_role("combobox")
    expect(box).to_be_focused()
    page.keyboard.type("evora")
    first = page.locator(".m4c-hsearch__list a").first
    expect(first).to_be_visible()
    panel = page.locator("#m4c-hsearch-panel").bounding_box()
    assert panel is not None and panel["x"] >= 0 and panel["x"] + panel["width"] <= PHONE["width"]
    first.tap()
    page.wait_for_url(site.page("missions/2023-evora-rentals/"))

    page.goto(site.page("missions/"))
    page.locator("#m4c-q").fill("participacion")
    expect(page.locator(".m4c-result__title")).to_have_text([site.title("2025-valparaiso-ascensores")])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_lightbox_opens_on_a_photo(page: Any, site: BuiltSite) -> None:
    page.goto(site.page(f"missions/{QUEBEC}/"))
    page.locator("a.m4c-lightbox").first.click()
    dialog = page.locator("dialog.m4c-lightbox-dialog")
    expect(dialog).to_be_visible()
    image = dialog.locator("img")
    expect(image).to_have_attribute("alt", "Les remparts de la ville sous la neige.")
    expect(dialog.locator("figcaption")).to_have_text("Les remparts en hiver.")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


# The words of the coverage table's headers that the browser broke across two lines. Hyphens
# separate words here: "Asie-Pacifique" may break after its hyphen, "Gouvernance" may not break.
BROKEN_WORDS = """table => [...table.querySelectorAll('th a')].flatMap(link => {
  const text = link.firstChild;
  return [...text.textContent.matchAll(/[^\\s-]+/g)].filter(word => {
    const range = document.createRange();
    range.setStart(text, word.index);
    range.setEnd(text, word.index + word[0].length);
    return range.getClientRects().length > 1;
  }).map(word => word[0]);
})"""


@pytest.mark.parametrize("width", [360, 1280])
def test_coverage_table_fits_and_keeps_words_whole(new_page: Any, site: BuiltSite, width: int) -> None:
    page = new_page(width=width, height=900)
    page.goto(site.page())
    table = page.locator("table.m4c-coverage")
    expect(table).to_be_visible()
    assert table.evaluate(BROKEN_WORDS) == []
    scroll = page.locator(".m4c-table-scroll")
    assert scroll.evaluate("box => box.scrollWidth <= box.clientWidth"), "the table needs scrolling"


def test_open_facet_takes_the_full_width_on_a_phone(new_page: Any, site: BuiltSite) -> None:
    page = new_page(**PHONE)
    page.goto(site.page("missions/"))
    facet = page.locator("details[data-facet=theme]")
    expect(facet).to_be_visible()
    closed = facet.bounding_box()
    facet.locator("summary").tap()
    expect(facet.locator("input").first).to_be_visible()
    grid = page.locator(".m4c-facets__grid").bounding_box()
    opened = facet.bounding_box()
    assert closed is not None and grid is not None and opened is not None
    assert closed["width"] < grid["width"] / 2 + 1, "closed facets share a row"
    assert abs(opened["width"] - grid["width"]) < 1, "an open facet takes the whole row"
    values = facet.locator("ul.m4c-facet__values")
    assert values.evaluate("list => list.scrollHeight <= list.clientHeight"), "no box scrolling inside"
