"""Validate passes => build passes: content `m4c validate` accepts is published, whole.

Hypothesis writes content folders whose names are drawn among those the site writes itself
(``index``, ``README``, ``sitemap.xml``, ``Missions``, a picture's name...), odd characters and
plain names, links between them (to pages, anchors, folders, generated pages), photos, other
reports' file names and registry keys that may name a grouping's own page; when
``validate_content`` finds no error, a strict one-language build must succeed, publish every
programme page, picture, mission and photo at its address, and publish no two files whose
addresses differ only in case (a host or a checkout that ignores case would lose one). The
``@example`` cases are what a check of ``validate/addresses.py`` or ``validate/links.py``
refuses: without that check each one fails.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from conftest import CITIES_YML, VALID_REPORT, VALID_REPORT_PATH
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sitekit import PNG, build_site, write_config, write_content

from m4c_build.site import urls
from m4c_build.validate.content import validate_content

PLAIN = ("programme", "Programme", "about", "a", "A", "x.y", "guide-2", "readme", "page", "robots.txt",
         "a.png", "sub/a", "Sub/b", "sub/index", "a/index", "page/2", "a/b", "plan.en", "themes-2")
"""Names a page or picture may have, some of them at one address once case or index.md counts."""
TAKEN = ("index", "README", "sub/README", "sitemap.xml", "404", "Missions", "themes/x", "feeds", "media/a",
         "assets/a", "Search", "index.en", "a b", "a#b", "café", "50%")
"""Names the site writes itself, in some case or with a suffix, and names that are no address."""
LINKS = ("", "", "a.md", "A.md", "about.md#page-number-0", "#page-number-1", "#nope", "a/", "sub/a.md", "../a.md",
         "themes/tourism.md", "themes/page.md", "missions/index.md", "missions/2024-quebec-valid.md",
         "reference/report.md", "nothere.md", "a.png", "sub/a.png", "https://example.org/x.md", "index.md",
         "page/2.md#page-number-2", "plan.en.md", "x.y.md#page-number-0", "data/missions.json",
         "missions/2023-quebec-draft.md", "years/2024.md", "years/2023.md", "themes/tourism/page/2.md",
         "downloads/report-template.md", "downloads/report-template.docx", "http://[x")
"""What a page links to: other pages (maybe), anchors (maybe), folders, generated pages, pictures..."""
REPORTS = ("2024-quebec-b", "2024/2024-quebec-b", "index", "page", "feeds", "2024-Quebec-c", "a b", "2024-quebec-valid")
"""Other reports' file names under missions/: plain, the same slug in a folder, names the site or
an address refuses."""
PHOTOS = ("port", "Port", "harbour/view", "Harbour/view", "Harbour/plan")
"""Photos of media/ the valid report shows: some differ from another only in case."""
KEYS = ("page", "feeds", "housing-2", "missions", "page-2", "years", "index", "Index")
"""Extra theme and city keys: one that is its grouping's own page, ordinary ones, a bad one."""

DRAFT_PATH = "missions/2023-quebec-draft.md"
DRAFT = VALID_REPORT.replace("date: 2024-03-12", "date: 2023-03-12\nstatus: draft")
"""A draft: its page, and its year's, are not published."""

VOCABULARY = """\
regions:
  north-america:
    labels: {{fr: Amérique du Nord, en: North America}}
  southern-europe:
    labels: {{fr: Europe du Sud, en: Southern Europe}}
themes:
  tourism:
    labels: {{fr: Tourisme, en: Tourism, es: Turismo}}
{themes}heritage_topics:
  earthen-architecture:
    labels: {{fr: Architecture de terre, en: Earthen architecture}}
assistance_formats:
  workshop:
    labels: {{fr: Atelier, en: Workshop}}
"""


@dataclass(frozen=True)
class Case:
    """A content folder: the valid report and a draft, pages under pages/ (each with its own
    heading and a link from ``links``), pictures beside them, extra theme and city keys, and
    more reports."""

    pages: tuple[str, ...] = ()
    pictures: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()
    photos: tuple[str, ...] = ()

    def files(self) -> dict[str, str | bytes]:
        valid = VALID_REPORT
        if self.photos:  # the valid report shows them
            shown = "".join(f"  - {{file: media/{name}.png, alt: A photo}}\n" for name in dict.fromkeys(self.photos))
            valid = VALID_REPORT.replace("\n---\n", f"\nphotos:\n{shown}---\n", 1)
        files: dict[str, str | bytes] = {VALID_REPORT_PATH: valid, DRAFT_PATH: DRAFT}
        files |= {f"media/{name}.png": PNG for name in self.photos}
        files |= {f"missions/{name}.md": VALID_REPORT for name in self.reports}
        links = self.links
        for i, name in enumerate(self.pages):
            link = f"[link]({links[i % len(links)]})" if links and links[i % len(links)] else ""
            files[f"pages/{name}.md"] = f"# Page number {i}\n\nText of page {i}. {link}\n"
        for name in self.pictures:
            files[f"pages/{name}.png"] = PNG
        extra = "".join(f"  {key}:\n    labels: {{fr: T {key}, en: T {key}}}\n" for key in dict.fromkeys(self.themes))
        files["vocabulary.yml"] = VOCABULARY.format(themes=extra)
        files["cities.yml"] = CITIES_YML + "".join(
            f"{key}:\n  name: C {key}\n  country: \"PT\"\n  region: southern-europe\n  location: [38.5, -7.9]\n"
            for key in dict.fromkeys(self.cities))
        return files


plain = st.lists(st.sampled_from(PLAIN), max_size=4)
with_taken = st.tuples(st.lists(st.sampled_from(PLAIN), max_size=2), st.sampled_from(TAKEN))
names = st.one_of(plain, plain, plain, with_taken.map(lambda drawn: [*drawn[0], drawn[1]]))
"""Page names: plain ones mostly, sometimes with one the site takes (validation must refuse it)."""


def assert_published(root: Path) -> None:
    """When the content folder at ``root`` passes validation, the strict build publishes all of it."""
    validation = validate_content(root)
    assume(validation.ok)  # nothing to build otherwise: hypothesis draws again
    assert validation.content is not None
    with tempfile.TemporaryDirectory(prefix="m4c-vb-") as folder:
        built = build_site(write_config(Path(folder), root, search=False))
        site = built.site
        for page in validation.content.pages:
            html = (site / urls.page_url(page.src_uri) / "index.html").read_text(encoding="utf-8")
            assert f"Text of page {page.title.removeprefix('Page number ')}." in html, page.src_uri
        assert validation.content.files is not None
        for picture in validation.content.files.page_assets:
            assert (site / picture.relative_to(root / "pages")).read_bytes() == PNG
        for mission in validation.content.public_missions:
            assert (site / urls.mission_url(mission.slug) / "index.html").is_file()
            assert all((site / photo.file).read_bytes() == PNG for photo in mission.report.photos)
        assert_no_case_clash(site)
        # What the site writes at its root is what validation keeps content from: urls.SITE_ROOT.
        own = {urls.page_url(page.src_uri).split("/")[0] for page in validation.content.pages}
        own |= {p.relative_to(root / "pages").parts[0] for p in validation.content.files.page_assets}
        assert {entry.name.casefold() for entry in site.iterdir()} - {name.casefold() for name in own} <= urls.SITE_ROOT


def assert_no_case_clash(site: Path) -> None:
    """No file of the site is at the address of another file or folder once case is ignored
    (folders differing in case only merge without loss)."""
    files = [p.relative_to(site).as_posix().casefold() for p in site.rglob("*") if p.is_file()]
    folders = {p.relative_to(site).as_posix().casefold() for p in site.rglob("*") if p.is_dir()}
    assert len(set(files)) == len(files), sorted({f for f in files if files.count(f) > 1})
    assert not folders.intersection(files), sorted(folders.intersection(files))


def tuples(strategy: st.SearchStrategy[str], size: int) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(strategy, max_size=size).map(tuple)


@settings(max_examples=12, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.builds(Case, pages=names.map(tuple), pictures=tuples(st.sampled_from(PLAIN * 4 + TAKEN), 2),
                 themes=tuples(st.sampled_from(KEYS), 1), cities=tuples(st.sampled_from(KEYS), 1),
                 links=tuples(st.sampled_from(LINKS), 3), reports=tuples(st.sampled_from(REPORTS), 2),
                 photos=tuples(st.sampled_from(PHOTOS), 2)))
@example(Case(pages=("sitemap.xml",)))  # a folder over MkDocs' sitemap.xml
@example(Case(pages=("a.png",), pictures=("a",)))  # a page's folder over a picture
@example(Case(pages=("a", "a/index")))  # two pages at a/
@example(Case(pages=("README", "sub/README")))  # MkDocs' index pages
@example(Case(pages=("Programme", "programme")))  # one address once case is ignored
@example(Case(pages=("Missions", "my page"), pictures=("media/photo",)))
@example(Case(themes=("index",), cities=("index",)))  # a key that is its grouping's page
@example(Case(pages=("a",), links=("nothere.md",)))  # a broken link
@example(Case(pages=("a", "b"), links=("", "a.md#nope")))  # a missing anchor
@example(Case(pages=("a",), links=("missions/2023-quebec-draft.md",)))  # a draft
@example(Case(pages=("a",), links=("years/2023.md",)))  # a year of drafts only
@example(Case(pages=("a",), links=("http://[x",)))  # no address: MkDocs stopped
@example(Case(photos=("port", "Port")))  # one photo's address once case is ignored
def test_content_that_validates_is_published(case: Case) -> None:
    with tempfile.TemporaryDirectory(prefix="m4c-vb-") as folder:
        assert_published(write_content(Path(folder) / "content", case.files()))
