"""What only a browser shows on the other pages: the map, phone widths, the photo lightbox."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import BuiltSite

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844, "is_mobile": True, "has_touch": True}
QUEBEC = "2024-quebec-remparts-hiver"


def test_home_map_without_tiles_has_markers_and_a_working_city_list(page: Any,
                                                                     site: BuiltSite) -> None:
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(site.page())
    cities = {m.report.city for m in site.content.public_missions}
    expect(page.locator(".leaflet-marker-icon")).to_have_count(len(cities))
    links = page.locator("#m4c-map-list a")
    expect(links).to_have_count(len(cities))
    names = {site.content.registry.cities[key].name for key in cities}
    assert set(links.all_text_contents()) == names
    links.filter(has_text="Évora").click()
    page.wait_for_url(site.page("cities/evora/"))
    expect(page.locator("h1")).to_have_text("Évora")


@pytest.mark.parametrize("path", ["", f"missions/{QUEBEC}/", "missions/"],
                         ids=["home", "mission", "catalogue"])
def test_phone_width_has_no_horizontal_scroll(new_page: Any, site: BuiltSite, path: str) -> None:
    page = new_page(**PHONE)
    page.goto(site.page(path))
    if path == "":
        expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
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
