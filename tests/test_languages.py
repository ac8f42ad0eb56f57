"""The site in three languages: one `m4c build` writes fr/, en/ and es/, with the root pages, the
switcher and hreflang links between a page's versions, and no interface text of another language."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitekit import base_report, link_card, report, write_config, write_content

from m4c_build.adapters.mkdocs.languages import build_languages
from m4c_build.i18n.texts import catalogue
from m4c_build.schema.classes import LANGUAGES

BASE = "https://example.org/m4c/"
MISSION = "missions/2024-quebec-a/"

PROGRAMME_FR = "# Le programme\n\nLe programme envoie des experts.\n\n[Postuler](apply.md)\n"
PROGRAMME_EN = "# The programme\n\nThe programme sends experts.\n\n[Apply](apply.md)\n"
APPLY_FR = "# Postuler\n\nÉcrivez au Secrétariat.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("languages")
    content = write_content(root / "content", {
        "missions/2024-quebec-a.md": report(**base_report(title="Québec : une mission", language="fr")),
        "missions/2023-quebec-b.md": report(**base_report(title="Québec : une autre", date="2023-05-02")),
        "pages/programme.md": PROGRAMME_FR,
        "pages/programme.en.md": PROGRAMME_EN,
        "pages/apply.md": APPLY_FR,
    })
    config = write_config(root, content, search=False, page_size=1)  # groups of two pages
    site_dir = root / "site"
    results = build_languages(str(config), site_dir, BASE, LANGUAGES, workers=2)
    assert [(r.language, r.error) for r in results] == [(lang, "") for lang in LANGUAGES]
    return site_dir


def read(site: Path, path: str) -> str:
    return (site / path / "index.html" if not path.endswith((".html", ".xml")) else site / path).read_text(
        encoding="utf-8")


def test_the_root_tells_how_to_cite_the_knowledge_base_as_its_first_language(site: Path) -> None:
    cff = (site / "CITATION.cff").read_text(encoding="utf-8")
    assert cff == (site / "fr" / "CITATION.cff").read_text(encoding="utf-8")
    assert [(site / lang / "CITATION.cff").is_file() for lang in LANGUAGES] == [True] * len(LANGUAGES)
    assert f"url: {BASE}fr/" in cff


def test_every_language_is_a_site_and_the_root_sends_to_them(site: Path) -> None:
    for lang in LANGUAGES:
        page = read(site, f"{lang}/{MISSION}")
        assert f'<html lang="{lang}"' in page
        assert '<div lang="fr"' in page or 'lang="fr"' in page, "the report keeps its own language"
    root = read(site, "index.html")
    assert [m for m in re.findall(r'<a href="([a-z]{2}/)"', root)] == ["fr/", "en/", "es/"]
    assert "navigator.languages" in root
    not_found = read(site, "404.html")
    for lang in LANGUAGES:
        assert f'href="{BASE}{lang}/"' in not_found
    assert re.findall(r"<loc>([^<]+)</loc>", read(site, "sitemap.xml")) == [
        f"{BASE}{lang}/sitemap.xml" for lang in LANGUAGES]


def test_the_root_and_every_language_have_their_card(site: Path) -> None:
    """A link to the root or to a page shows a card in its language, naming the others."""
    root = link_card(read(site, "index.html"))
    assert root["og:url"] == [BASE] and root["og:type"] == ["website"]
    assert root["og:title"] == ["Mission4City — Base de connaissances · Mission4City — Knowledge base · "
                                "Mission4City — Base de conocimientos"]
    assert root["og:locale"] == ["fr_FR"] and root["og:locale:alternate"] == ["en_GB", "es_ES"]
    assert root["og:image"] == [f"{BASE}fr/assets/m4c/card.png"]
    assert root["og:description"][0] and root["twitter:card"] == ["summary_large_image"]
    assert "og:title" not in link_card(read(site, "404.html"))
    for lang, locale in (("fr", "fr_FR"), ("en", "en_GB"), ("es", "es_ES")):
        page = link_card(read(site, f"{lang}/{MISSION}"))
        assert page["og:url"] == [f"{BASE}{lang}/{MISSION}"] and page["og:locale"] == [locale]
        assert sorted(page["og:locale:alternate"]) == sorted({"fr_FR", "en_GB", "es_ES"} - {locale})
        assert page["og:image"] == [f"{BASE}{lang}/assets/m4c/card.png"]
        for tags in (root, page):
            assert (site / tags["og:image"][0].removeprefix(BASE)).is_file()
    cards = {(site / lang / "assets/m4c/card.png").read_bytes() for lang in LANGUAGES}
    assert len(cards) == len(LANGUAGES), "each language's card says the site's name in it"


def test_a_page_links_its_versions_in_every_language(site: Path) -> None:
    page = read(site, f"en/{MISSION}")
    links = dict((lang, href) for href, lang in re.findall(
        r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', page))
    assert links == {"fr": f"{BASE}fr/{MISSION}", "en": f"{BASE}en/{MISSION}",
                     "es": f"{BASE}es/{MISSION}", "x-default": f"{BASE}fr/{MISSION}"}
    assert switcher_links(page) == [(f"../../../{lang}/{MISSION}", lang) for lang in LANGUAGES], \
        "the switcher stays on the host it was opened from"
    sitemap = read(site, "es/sitemap.xml")
    entry = sitemap.split(f"<loc>{BASE}es/{MISSION}</loc>", 1)[1].split("</url>", 1)[0]
    assert re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry) == [
        *[(lang, f"{BASE}{lang}/{MISSION}") for lang in LANGUAGES], ("x-default", f"{BASE}fr/{MISSION}")]


def switcher_links(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]+)" hreflang="([a-z]{2})" lang="\2" class="md-select__link"', page)


def hreflang_links(page: str) -> dict[str, str]:
    return {lang: href for href, lang in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', page)}


def test_on_every_page_the_switcher_is_relative_and_hreflang_absolute(site: Path) -> None:
    pages = [path for lang in LANGUAGES for path in (site / lang).rglob("*.html")
             if path.name == "index.html" or path.name == "404.html"]
    assert len(pages) > 30
    for path in pages:
        page = path.read_text(encoding="utf-8")
        switcher = switcher_links(page)
        assert [lang for _, lang in switcher] == list(LANGUAGES), path
        for href, lang in switcher:
            if path.name == "404.html":  # served at any address: from the host's root
                assert href == f"/m4c/{path.parent.name}/../{lang}/", (path, href)
                continue
            assert not re.match(r"[a-z]+:|/", href), (path, href)
            target = (path.parent / href).resolve()
            assert target.is_relative_to(site / lang), (path, href)
            assert (target / "index.html").is_file(), (path, href)
        alternates = hreflang_links(page)
        assert set(alternates) == {*LANGUAGES, "x-default"}, path
        assert all(href.startswith(BASE) for href in alternates.values()), (path, alternates)


def test_the_root_is_the_x_default_of_the_homes_and_they_list_each_other(site: Path) -> None:
    root = read(site, "index.html")
    listed = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', root))
    assert listed == {**{lang: f"{BASE}{lang}/" for lang in LANGUAGES}, "x-default": BASE}
    assert f'<link rel="canonical" href="{BASE}">' in root
    description = re.search(r'<meta name="description" content="([^"]+)">', root)
    assert description and "Mission4City" in description.group(1)
    for lang in LANGUAGES:
        home = hreflang_links(read(site, f"{lang}/"))
        assert home == listed, f"{lang}/ lists the same versions as the root, the root among them"
        assert hreflang_links(read(site, f"{lang}/{MISSION}"))["x-default"] == f"{BASE}fr/{MISSION}", \
            "a page with no root version: the x-default is its first language's"


def test_sitemaps_date_each_page_by_its_content_never_by_the_build(site: Path) -> None:
    for lang in LANGUAGES:
        sitemap = read(site, f"{lang}/sitemap.xml")
        dates = dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
        assert dates[f"{BASE}{lang}/{MISSION}"] == "2024-03-12", "a mission: its last day"
        assert dates[f"{BASE}{lang}/"] == "2024-03-12", "the home: its newest mission's"
        assert dates[f"{BASE}{lang}/cities/quebec/"] == "2024-03-12"
        assert f"{BASE}{lang}/programme/" not in dates, "no history of the file (not in git): no date"
        assert dt.date.today().isoformat() not in sitemap

class Alternates(HTMLParser):
    """The ``<link rel="alternate" hreflang>`` links of a page: hreflang -> href."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "alternate" and found.get("hreflang"):
            self.links[str(found["hreflang"])] = str(found.get("href"))


def test_hreflang_links_are_absolute_on_every_kind_of_page(site: Path) -> None:
    """Search engines read hreflang as absolute addresses under site_url (the switcher may be
    relative; these may not), each to a page that exists, from every page of every language."""
    checked = []
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        links = Alternates(path.read_text(encoding="utf-8")).links
        if name.split("/")[0] in LANGUAGES:
            assert set(links) == {*LANGUAGES, "x-default"}, name
        for lang, href in links.items():
            assert href.startswith(BASE), (name, lang, href)
            target = site / href.removeprefix(BASE)
            assert (target / "index.html" if href.endswith("/") else target).is_file(), (name, lang, href)
        checked.append(name)
    kinds = ["index.html", "404.html", "fr/index.html", "en/404.html", f"es/{MISSION}index.html",
             "en/themes/tourism/index.html", "es/themes/tourism/page/2/index.html", "fr/cities/index.html",
             "en/programme/index.html", "es/missions/index.html", "fr/reference/report/index.html"]
    assert set(kinds) <= set(checked), sorted(set(kinds) - set(checked))


def test_the_site_name_and_footer_are_in_the_interface_language(site: Path) -> None:
    page = read(site, f"es/{MISSION}")
    assert "Mission4City — Base de conocimientos</title>" in page
    assert "Made with" not in page and "Material for MkDocs" not in page
    assert "Datos abiertos" in page and 'href="../../data/missions.json"' in page
    assert "<h1>Página no encontrada</h1>" in read(site, "es/404.html")


def test_programme_pages_use_their_translation_or_say_they_have_none(site: Path) -> None:
    english = read(site, "en/programme/")
    assert "The programme sends experts." in english and "not yet translated" not in english
    assert 'href="../apply/"' in english, "a link to a page goes to that language's version"
    spanish = read(site, "es/programme/")
    assert "aún no está traducida" in spanish
    assert re.search(r'<div lang="fr">\s*<h1[^>]*>Le programme', spanish)
    assert not (site / "en" / "programme.en").exists()


class VisibleText(HTMLParser):
    """The text a visitor reads, leaving out elements with their own ``lang`` (a report's text,
    a language's name in the switcher), scripts and styles."""

    SKIP = frozenset({"script", "style", "template"})
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                      "source", "track", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # per open element: is it (inside) a skipped subtree?
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        skipped = bool(self.stack and self.stack[-1]) or tag in self.SKIP or (
            tag != "html" and any(name == "lang" for name, _ in attrs))
        self.stack.append(skipped)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def interface_texts(language: str) -> dict[str, str]:
    """id -> text of a catalogue's single texts without placeholders."""
    return {str(m.id): str(m.string) for m in catalogue(language)
            if m.id and isinstance(m.string, str) and m.string and "{" not in m.string}


def foreign_texts(language: str) -> set[str]:
    """Texts of the other catalogues, long enough to mean something, that this one does not have."""
    own = set(interface_texts(language).values())
    found: set[str] = set()
    for other in LANGUAGES:
        if other != language:
            found |= {text for text in interface_texts(other).values() if len(text) > 12 and text not in own}
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_interface_text_of_another_language(site: Path, language: str) -> None:
    foreign = foreign_texts(language)
    assert len(foreign) > 100, "the check compares real texts"
    pages = sorted((site / language).rglob("*.html"))
    assert len(pages) > 20
    found: dict[str, list[str]] = {}
    for path in pages:
        parser = VisibleText()
        parser.feed(path.read_text(encoding="utf-8"))
        visible = parser.text()
        hits = [text for text in foreign if " ".join(text.split()) in visible]
        if hits:
            found[path.relative_to(site).as_posix()] = hits
    assert not found, found
