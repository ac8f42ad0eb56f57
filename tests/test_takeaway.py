"""What a list page tells its "download these results" control (site/takeaway.py): every facet
of its search box is declared, and each declared field is a column of the published CSV and a
key of the published JSON (the browser side is tests/browser/test_takeaway.py)."""

from __future__ import annotations

import html
import json
import re

import pytest
from sitekit import base_report, report, write_content

from m4c_build.model import Content
from m4c_build.outputs.followupdata import FOLLOW_UP_FIELDS
from m4c_build.outputs.opendata import FIELDS, LESSON_FIELDS, LIST_SEPARATOR, ExportField
from m4c_build.site.pages import build_pages
from m4c_build.site.takeaway import BOARD, CATALOGUE, EXPLORER, TakeAway
from m4c_build.validate.content import validate_content


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    files = {"missions/2024/2024-quebec-x.md": report(**base_report(
        factors=["housing"], heritage_topics=["fortifications"],
        follow_up=[{"action": "Publier le guide", "owner": "Ville", "due": "2024-09-30"}]))}
    validation = validate_content(write_content(tmp_path_factory.mktemp("takeaway") / "content", files))
    assert validation.content is not None, [p.format() for p in validation.problems]
    return validation.content


@pytest.mark.parametrize(("takeaway", "fields", "src_uri"), [
    (CATALOGUE, FIELDS, "missions/index.md"), (EXPLORER, LESSON_FIELDS, "lessons/index.md"),
    (BOARD, FOLLOW_UP_FIELDS, "follow-up/index.md")])
def test_a_list_declares_every_facet_of_its_box_with_fields_of_its_open_data(
        content: Content, takeaway: TakeAway, fields: tuple[ExportField, ...], src_uri: str) -> None:
    page = next(p for p in build_pages(content) if p.src_uri == src_uri)
    facets = set(re.findall(r'data-facet="([a-z]+)"', page.html))
    assert facets and facets <= {facet.name for facet in takeaway.facets}
    (raw,) = re.findall(r'data-takeaway="([^"]+)"', page.html)
    declaration = json.loads(html.unescape(raw))
    assert declaration["separator"] == LIST_SEPARATOR and declaration["records"] == takeaway.file
    assert declaration["paths"] == {"csv": f"data/{takeaway.file}.csv", "json": f"data/{takeaway.file}.json"}
    assert declaration["files"] == {form: f"../data/{takeaway.file}.{form}" for form in ("csv", "json")}
    names = {f.name for f in fields}
    columns = {column.name for f in fields for column in f.columns()}
    for facet in takeaway.facets:
        assert set(facet.fields) <= names & columns, facet  # the same name in the JSON and the CSV
    assert "url" in names & columns  # how a result found by words is matched to its record
