"""Related lessons under a mission page's report: the lessons of other missions that share the
most themes, heritage topics and factors, ranked as the README says, each a link to its address."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitekit import Elements, base_report, report, write_content

from m4c_build.model import Content
from m4c_build.site.context import SiteSettings
from m4c_build.site.groups import LESSONS_PER_MISSION, RELATED_LESSONS, Groups
from m4c_build.site.pages import build_pages
from m4c_build.validate.content import validate_content


def mission(slug: str, **fields: object) -> tuple[str, str]:
    return f"missions/{slug[:4]}/{slug}.md", report(**base_report(**fields))


TARGET = "2024-quebec-target"
FILES = dict([
    # The page under test: tourism, fortifications, housing (and its primary, buildings-and-development).
    mission(TARGET, city="quebec", date="2024-01-10", themes=["tourism"], heritage_topics=["fortifications"],
            factors=["housing"], lessons=["Target's own lesson"]),
    # 3 shared (tourism, fortifications, buildings-and-development): three lessons, two shown.
    mission("2022-evora-three", city="evora", date="2022-05-01", themes=["tourism", "housing"],
            heritage_topics=["fortifications"], factors=["commercial-development"],
            lessons=["Three old one", "Three old two", "Three old three"]),
    # 3 shared too (tourism, housing, buildings-and-development), newer: it comes first.
    mission("2023-sintra-three", city="sintra", date="2023-05-01", themes=["tourism"], factors=["housing"],
            lessons=["Three new one"]),
    # 2 shared (tourism, fortifications), newer than both.
    mission("2025-cordoba-two", city="cordoba", date="2025-02-01", themes=["tourism"],
            heritage_topics=["fortifications"], lessons=["Two one", "Two two"]),
    # 1 shared (tourism), the newest; translated into English by a person.
    mission("2026-cuenca-one", city="cuenca", date="2026-01-05", themes=["tourism"], language="es",
            lessons=["Uno"], translations={"en": {"title": "One", "lessons": ["One, translated"]}}),
    # 0 shared.
    mission("2026-oaxaca-none", city="oaxaca", date="2026-03-01", themes=["mobility"], lessons=["None"]),
    # 1 shared but a draft: never.
    mission("2026-valparaiso-draft", city="valparaiso", date="2026-04-01", themes=["tourism"], status="draft",
            lessons=["Draft lesson"]),
])
EXPECTED = [("2023-sintra-three", "lesson-1", "Three new one"), ("2022-evora-three", "lesson-1", "Three old one"),
            ("2022-evora-three", "lesson-2", "Three old two"), ("2025-cordoba-two", "lesson-1", "Two one"),
            ("2025-cordoba-two", "lesson-2", "Two two")]


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    root = write_content(tmp_path_factory.mktemp("related") / "content", FILES)
    validation = validate_content(root)
    assert validation.ok and validation.content is not None, [p.format() for p in validation.problems]
    return validation.content


def related(html: str) -> list[tuple[str, dict[str, str | None], str]]:
    aside = html.split('<aside class="m4c-related">', 1)[1]
    part = aside.split('<ul class="m4c-findings m4c-related-lessons">', 1)[1].split("</ul>", 1)[0]
    return Elements(part).find("a")


def test_the_ranking_is_shared_subjects_then_date_then_slug(content: Content) -> None:
    target = next(m for m in content.public_missions if m.slug == TARGET)
    found = Groups(content).related_lessons(target, "fr")
    assert [(f.mission.slug, f.anchor, f.text) for f in found] == EXPECTED
    assert len(found) == RELATED_LESSONS and LESSONS_PER_MISSION == 2


def test_a_mission_page_shows_the_expected_lessons_in_order(content: Content) -> None:
    pages = {p.src_uri: p for p in build_pages(content, SiteSettings(language="fr"))}
    links = related(pages[f"missions/{TARGET}.md"].html)
    assert [(a["href"], text.strip()) for _, a, text in links] == [
        (f"../../missions/{slug}/#{anchor}", text) for slug, anchor, text in EXPECTED]
    assert [a["lang"] for _, a, _ in links] == ["fr"] * 5
    sources = Elements(pages[f"missions/{TARGET}.md"].html).texts("span", **{"class": "m4c-related-lessons__source"})
    assert [s.strip() for s in sources] == ["Sintra · 2023", "Évora · 2022", "Évora · 2022", "Córdoba · 2025",
                                            "Córdoba · 2025"]
    headings = [h.strip() for h in Elements(pages[f"missions/{TARGET}.md"].html).texts("h2")]
    assert "Leçons d'autres missions sur les mêmes sujets" in headings


def test_a_lesson_is_read_in_its_translation_with_its_language(content: Content) -> None:
    """On the page of the mission sharing nothing but tourism with the others, Cuenca's lesson
    comes in the English a person wrote, marked English; in French, as written, marked Spanish."""
    for language, text, lang in (("en", "One, translated", "en"), ("fr", "Uno", "es")):
        pages = {p.src_uri: p for p in build_pages(content, SiteSettings(language=language))}
        links = related(pages["missions/2025-cordoba-two.md"].html)
        cuenca = [(a["lang"], t.strip()) for _, a, t in links if "2026-cuenca-one" in str(a["href"])]
        assert cuenca == [(lang, text)]


def test_no_page_shows_its_own_lessons_nor_a_drafts(content: Content) -> None:
    for page in build_pages(content, SiteSettings(language="es")):
        if page.kind != "mission":
            continue
        slug = page.src_uri.removeprefix("missions/").removesuffix(".md")
        hrefs = [str(a["href"]) for _, a, _ in related(page.html)] if "m4c-related-lessons" in page.html else []
        assert not [h for h in hrefs if h.startswith(f"../../missions/{slug}/")], slug
        assert "Draft lesson" not in page.html and "valparaiso-draft" not in page.html
        assert len(hrefs) <= RELATED_LESSONS
        for href in hrefs:
            assert re.fullmatch(r"\.\./\.\./missions/[a-z0-9-]+/#lesson-\d+", href), href
    alone = next(m for m in content.public_missions if m.slug == "2026-oaxaca-none")
    assert Groups(content).related_lessons(alone, "fr") == [], "nothing in common: nothing shown"


def test_candidates_are_bounded(tmp_path: Path) -> None:
    """Only the newest ``CANDIDATES`` missions of each subject are ranked, so a page costs the
    same at any size: an old mission sharing both themes is left out once each theme has that
    many newer ones (the trade-off the README states)."""
    from m4c_build.site import groups

    n = groups.CANDIDATES + 1
    files = dict([
        mission("2024-quebec-target", city="quebec", date="2024-06-01", themes=["tourism", "housing"]),
        mission("2000-evora-old", city="evora", date="2000-01-01", themes=["tourism", "housing"], lessons=["Old"]),
        *(mission(f"20{10 + i}-sintra-t{i}", city="sintra", date=f"20{10 + i}-01-01", themes=["tourism"],
                  lessons=[f"T{i}"]) for i in range(n)),
        *(mission(f"20{10 + i}-cuenca-h{i}", city="cuenca", date=f"20{10 + i}-02-01", themes=["housing"],
                  lessons=[f"H{i}"]) for i in range(n)),
    ])
    root = write_content(tmp_path / "content", files)
    validation = validate_content(root)
    assert validation.content is not None, validation.problems
    content = validation.content
    target = next(m for m in content.public_missions if m.slug == "2024-quebec-target")
    texts = [f.text for f in Groups(content).related_lessons(target, "fr")]
    assert "Old" not in texts
    assert texts == [f"{kind}{i}" for i in range(n - 1, n - 4, -1) for kind in "HT"][:RELATED_LESSONS]
    old = next(m for m in content.public_missions if m.slug == "2000-evora-old")
    found = [f.mission.slug for f in Groups(content).related_lessons(old, "fr")]
    assert found[:2] == ["2024-quebec-target", f"20{10 + n - 1}-cuenca-h{n - 1}"], "two shared, then newest"
