"""Take a list away: on the catalogue, the lessons explorer and the follow-up board, "download these results" gives the
list the page shows, as CSV and JSON, made in Chromium from the published open data: the same
records as the list (filtered by facets, or found by words), the published rows byte for byte,
and the filter in the file's name and in the JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from jsonschema import Draft202012Validator
from playwright.sync_api import expect

from m4c_build.followup import actions

from .conftest import BuiltSite
from .test_accessibility import violations

pytestmark = pytest.mark.browser

RESULT_LINKS = ".m4c-results__list .m4c-result__title a, .m4c-results__list .m4c-record__source a"


def shown(page: Any) -> list[str]:
    """The addresses the list shows, from the site's root, once "more" has shown them all."""
    expect(page.locator(".m4c-results__count")).not_to_be_empty()
    expect(page.locator(".m4c-takeaway")).to_be_visible()
    more = page.locator(".m4c-results__more")
    while more.is_visible():
        more.click()
    links = page.locator(RESULT_LINKS)
    return [urljoin(page.url, links.nth(i).get_attribute("href")) for i in range(links.count())]


def download(page: Any, form: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(f".m4c-takeaway button[data-format={form}]").click()
    got = info.value
    path = got.path()
    assert path is not None
    expect(page.locator(".m4c-takeaway__status")).to_contain_text(got.suggested_filename)
    return got.suggested_filename, Path(path).read_bytes()


def published_rows(site: BuiltSite, name: str) -> tuple[bytes, dict[str, bytes]]:
    """The published CSV's header line and each row's bytes by its ``url`` (one line each here)."""
    data = (site.site_dir / "data" / f"{name}.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header, *rows = data[3:].split(b"\r\n")[:-1]
    column = header.decode().split(",").index("url")
    return header, {next(csv.reader([row.decode()]))[column]: row for row in rows}


def relative(site: BuiltSite, url: str) -> str:
    """An address from the site's root, whatever host it was published or served at."""
    return url.split("/m4c/", 1)[1]


def check_csv(site: BuiltSite, name: str, data: bytes, expected: list[str]) -> None:
    header, rows = published_rows(site, name)
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    lines = data[3:].split(b"\r\n")[:-1]
    assert lines[0] == header
    by_address = {relative(site, url): row for url, row in rows.items()}
    assert sorted(lines[1:]) == sorted(by_address[address] for address in expected)  # the published rows, as they are
    got = [relative(site, row["url"]) for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))]
    assert sorted(got) == sorted(expected)


def check_json(site: BuiltSite, name: str, data: bytes, expected: list[str], wanted: dict[str, Any]) -> None:
    got = json.loads(data)
    schema = json.loads((site.site_dir / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(got)
    assert got["filter"] == wanted
    published = json.loads((site.site_dir / "data" / f"{name}.json").read_text(encoding="utf-8"))
    assert (got["version"], got["language"], got["source"]) == (published["version"], published["language"],
                                                               published["source"])
    by_address = {relative(site, record["url"]): record for record in published[name]}
    assert sorted(relative(site, r["url"]) for r in got[name]) == sorted(expected)
    assert all(record == by_address[relative(site, record["url"])] for record in got[name])


def addresses(site: BuiltSite, urls: list[str]) -> list[str]:
    return [relative(site, url) for url in urls]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_filtered_catalogue_downloads_exactly_the_missions_shown(new_page: Any, site: BuiltSite,
                                                                   width: int) -> None:
    page = new_page(width=width, height=844, accept_downloads=True)
    page.goto(site.page("missions/?theme=housing&theme=mobility&year=2023"))
    expected = sorted(f"missions/{m.slug}/" for m in site.content.public_missions
                      if {"housing", "mobility"} & set(m.report.themes) and m.year == 2023)
    assert expected  # the filter keeps some missions and leaves others out
    assert len(expected) < len(site.content.public_missions)
    assert sorted(addresses(site, shown(page))) == expected
    name, data = download(page, "csv")
    assert name == "missions-fr-theme-housing+mobility-year-2023.csv"
    check_csv(site, "missions", data, expected)
    name, data = download(page, "json")
    assert name == "missions-fr-theme-housing+mobility-year-2023.json"
    check_json(site, "missions", data, expected, {"theme": ["housing", "mobility"], "year": ["2023"]})
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width  # nothing wider than the phone


def test_words_searched_download_the_missions_found(new_page: Any, site: BuiltSite) -> None:
    page = new_page(accept_downloads=True)
    page.goto(site.page("missions/?q=remparts"))
    found = addresses(site, shown(page))
    assert found == ["missions/2024-quebec-remparts-hiver/"]
    name, data = download(page, "csv")
    assert name == "missions-fr-q-remparts.csv"
    check_csv(site, "missions", data, found)
    _, data = download(page, "json")
    check_json(site, "missions", data, found, {"q": "remparts"})


def test_the_lessons_explorer_downloads_the_records_shown(new_page: Any, site: BuiltSite) -> None:
    page = new_page(width=390, height=844, accept_downloads=True)
    page.goto(site.page("lessons/?kind=lesson&theme=housing"))
    expected = sorted(f"missions/{m.slug}/#lesson-{i}" for m in site.content.public_missions
                      if "housing" in m.report.themes for i in range(1, len(m.report.lessons) + 1))
    assert expected and sorted(addresses(site, shown(page))) == expected
    name, data = download(page, "csv")
    assert name == "lessons-fr-kind-lesson-theme-housing.csv"
    check_csv(site, "lessons", data, expected)
    _, data = download(page, "json")
    check_json(site, "lessons", data, expected, {"kind": ["lesson"], "theme": ["housing"]})


@pytest.mark.parametrize(("query", "wanted"), [
    ("state=overdue&mission=2024-quebec-remparts-hiver",
     {"state": ["overdue"], "mission": ["2024-quebec-remparts-hiver"]}),
    ("q=regulation", {"q": "regulation"}),
])
def test_the_follow_up_board_downloads_the_actions_shown(new_page: Any, site: BuiltSite, query: str,
                                                         wanted: dict[str, Any]) -> None:
    """The board's filters (a facet, the mission a mission page links with) or its words: the
    files hold the actions it lists, in the published rows."""
    page = new_page(width=390, height=844, accept_downloads=True)
    page.goto(site.page(f"follow-up/?{query}"))
    everything = actions(site.content, dt.date(2025, 6, 1))  # the test site's today
    if "q" in wanted:
        expected = [a for a in everything if "regulation" in a.item.action.casefold()]
    else:
        expected = [a for a in everything if a.state == "overdue" and a.mission.slug == "2024-quebec-remparts-hiver"]
    urls = sorted(f"missions/{a.mission.slug}/#follow-up-{a.number}" for a in expected)
    assert urls and len(urls) < len(everything)  # the filter keeps some actions and leaves others out
    assert sorted(addresses(site, shown(page))) == urls
    name, data = download(page, "csv")
    assert name.startswith("followup-fr-") and name.endswith(".csv")
    check_csv(site, "followup", data, urls)
    _, data = download(page, "json")
    check_json(site, "followup", data, urls, wanted)


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_the_download_and_the_citation_work_and_pass_axe(new_page: Any, language: str,
                                                         request: pytest.FixtureRequest) -> None:
    """The list once a file is made (its status shown), and a report's citation opened, each format
    saved and copied, at 390 px."""
    from axe_playwright_python.sync_playwright import Axe

    site = request.getfixturevalue({"fr": "site", "en": "site_en", "es": "site_es"}[language])
    page = new_page(width=390, height=844, accept_downloads=True, permissions=["clipboard-read", "clipboard-write"])
    axe = Axe()
    page.goto(site.page("missions/?theme=tourism"))
    shown(page)
    name, _ = download(page, "csv")
    assert name == f"missions-{language}-theme-tourism.csv"
    found = violations(axe, page)
    assert not found, "\n".join(found)
    page.goto(site.page("missions/2024-quebec-remparts-hiver/"))
    page.locator("#cite summary").click()
    formats = page.locator("#cite .m4c-cite__format")
    expect(formats).to_have_count(3)
    for i, extension in enumerate(("bib", "ris", "csl.json")):
        text = formats.nth(i).locator("pre").text_content()
        assert text and "remparts" in text.lower()
        with page.expect_download() as info:
            formats.nth(i).locator("button[data-save]").click()
        assert info.value.suggested_filename == f"2024-quebec-remparts-hiver.{extension}"
        path = info.value.path()
        assert path is not None and Path(path).read_text(encoding="utf-8") == text
        formats.nth(i).locator("button[data-copy]").click()
        expect(page.locator(".m4c-cite__status")).not_to_be_empty()
        assert page.evaluate("navigator.clipboard.readText()") == text
    found = violations(axe, page)
    assert not found, "\n".join(found)
