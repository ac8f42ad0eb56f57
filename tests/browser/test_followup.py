"""The follow-up board as the Secretariat uses it: a status facet lists exactly the actions in that
state and keeps the filter in the address; a mission page's link opens the board on that mission's
actions alone, a filter of the address that no facet shows; and the board's pages at 390 and 1280 px."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from m4c_build.followup import STATES, actions
from m4c_build.i18n.texts import Strings

from .conftest import BuiltSite

pytestmark = pytest.mark.browser

T = Strings("fr")
QUEBEC = "2024-quebec-remparts-hiver"
TODAY = dt.date(2025, 6, 1)
"""The test site's ``today`` (write_site_sources)."""


def result_texts(page: Any) -> list[str]:
    return page.locator(".m4c-results__list .m4c-record__text").all_text_contents()


def test_the_status_facet_lists_exactly_the_actions_in_that_state(page: Any, site_en: BuiltSite) -> None:
    """In English, where the alphabet would put 'No due date' before 'Overdue'."""
    site, t = site_en, Strings("en")
    found = actions(site.content, TODAY)
    overdue = [a.item.action for a in found if a.state == "overdue"]
    assert 0 < len(overdue) < len(found)  # a filter that filters
    page.goto(site.page("follow-up/"))
    expect(page.locator("#m4c-all")).to_be_visible()
    box = page.locator("details[data-facet=state]")
    box.locator("summary").click()
    box.get_by_role("checkbox", name=re.compile("^" + re.escape(t("state_overdue")) + r" \(")).check()
    expect(page.locator(".m4c-results__list li")).to_have_count(len(overdue))
    assert result_texts(page) == overdue
    expect(page.locator("#m4c-all")).to_be_hidden()
    assert "state=overdue" in page.url
    expect(page.locator(".m4c-results__list .m4c-state").first).to_have_text(t("state_overdue"))


def test_the_states_are_listed_in_the_board_s_order(page: Any, shipped: BuiltSite) -> None:
    """Overdue, open, no due date, done: neither the alphabet of the labels nor of the keys."""
    found = actions(shipped.content, TODAY)
    present = [state for state in STATES if any(a.state == state for a in found)]
    assert len(present) == 4
    page.goto(shipped.page("follow-up/"))
    box = page.locator("details[data-facet=state]")
    box.locator("summary").click()
    expect(box.locator("label")).to_have_count(4)
    shown = [re.sub(r"\s*\(\d+\)$", "", text.strip()) for text in box.locator("label").all_text_contents()]
    assert shown == [T(f"state_{state}") for state in present]


def test_a_mission_page_opens_the_board_on_its_actions_alone(page: Any, site: BuiltSite) -> None:
    own = [a.item.action for a in actions(site.content, TODAY) if a.mission.slug == QUEBEC]
    page.goto(site.page(f"missions/{QUEBEC}/"))
    page.get_by_role("link", name=T("board_of_mission")).click()
    expect(page).to_have_url(re.compile(rf"/m4c/follow-up/\?mission={QUEBEC}$"))
    expect(page.locator(".m4c-results__list li")).to_have_count(len(own))
    assert result_texts(page) == own
    expect(page.locator(".m4c-board__only")).to_be_visible()
    link = page.locator(".m4c-results__list .m4c-record__source a").first
    expect(link).to_have_text(site.title(QUEBEC))
    # A facet narrows within the mission, and the address keeps both.
    box = page.locator("details[data-facet=state]")
    box.locator("summary").click()
    box.get_by_role("checkbox", name=re.compile("^" + re.escape(T("state_overdue")) + r" \(")).check()
    expect(page).to_have_url(re.compile(rf"state=overdue&mission={QUEBEC}$"))
    page.get_by_role("link", name=T("board_show_all")).click()
    expect(page).to_have_url(re.compile(r"/m4c/follow-up/$"))
    expect(page.locator("#m4c-all")).to_be_visible()
    page.goto(site.page(f"follow-up/?mission={QUEBEC}"))
    page.locator(".m4c-results__list .m4c-record__source a").first.click()
    expect(page).to_have_url(re.compile(rf"/missions/{QUEBEC}/#follow-up-1$"))


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_the_board(new_page: Any, shipped: BuiltSite, width: int, tmp_path: Path,
                                  request: pytest.FixtureRequest) -> None:
    """The board of the shipped content as a visitor sees it (saved for a person to look at:
    M4C_SCREENSHOTS=<folder>); nothing wider than the screen."""
    page = new_page(width=width, height=900)
    page.goto(shipped.page("follow-up/"))
    expect(page.locator(".m4c-board__counts")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    folder = Path(os.environ.get("M4C_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"follow-up-{width}.png"), full_page=False)
