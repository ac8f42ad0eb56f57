"""The statistics page's charts in Chromium: readable on a 360 px phone and on a wide screen."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import BuiltSite

pytestmark = pytest.mark.browser

MEASURE = """() => [...document.querySelectorAll('svg.m4c-chart__svg')].flatMap(svg => {
  const width = svg.getBoundingClientRect().width;
  return [...svg.querySelectorAll('text')].map(text => ({
    text: text.textContent, right: text.getBBox().x + text.getBBox().width, width,
    size: parseFloat(getComputedStyle(text).fontSize)}));
})"""


@pytest.mark.parametrize("width", [360, 1280])
def test_every_bar_s_text_fits_its_chart_at_reading_size(new_page: Any, shipped: BuiltSite, width: int) -> None:
    """The shipped vocabulary's longest labels (World Heritage factors) wrap inside the chart,
    and the text keeps the page's size: no scaled picture of text."""
    page = new_page(width=width, height=800)
    page.goto(shipped.page("statistics/"))
    expect(page.locator("#chart-factors svg")).to_be_visible()
    texts = page.evaluate(MEASURE)
    assert len(texts) > 40
    assert [t["text"] for t in texts if t["right"] > t["width"] + 0.5] == []
    assert min(t["size"] for t in texts) >= 12
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing scrolls sideways"


def test_a_screen_reader_gets_each_chart_as_its_table(page: Any, site: BuiltSite) -> None:
    page.goto(site.page("statistics/"))
    expect(page.locator("h1")).to_be_visible()
    tree = page.locator("#chart-themes").aria_snapshot()
    assert "img" not in tree, "the picture is hidden from the accessibility tree"
    table = page.get_by_role("table", name=page.locator("#chart-themes h2").inner_text())
    expect(table.get_by_role("row", name="Tourisme 2")).to_be_visible()
