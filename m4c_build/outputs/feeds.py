"""Atom feeds (RFC 4287) of the newest published missions: one for all, one per theme.

A feed is in the build's language: an entry's title and summary are a report's translation into
it when a person wrote one (``translations``), else the report's own, each marked ``xml:lang``.

Built with ``xml.etree``, which escapes every text and attribute: report texts never reach the
XML unescaped. Reports carry no publication time: an entry is ``published`` and ``updated`` on
the days the model gives (``Mission.published``, ``Mission.modified``, the JSON-LD's too), at
midnight UTC: stable from build to build, so readers do not see old entries as new.
"""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from m4c_build.i18n.texts import Strings
from m4c_build.model import Content, Mission
from m4c_build.schema.classes import LANGUAGES
from m4c_build.site.urls import FEEDS, absolute, group_url, mission_url

ATOM = "http://www.w3.org/2005/Atom"
FEED = f"{FEEDS}/missions.xml"
THEME_FEEDS = f"{FEEDS}/themes"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_ENTRIES = 50
"""Newest missions a feed carries: a feed says what is new (readers keep what they fetched
before); the open data lists every mission. Its size stays the same at any number of reports."""
EPOCH = dt.date(2000, 1, 1)
"""``updated`` of a feed with no entry: RFC 4287 requires one, and it must not change."""

PUBLISHER: dict[str, str] = {language: Strings(language)("publisher") for language in LANGUAGES}
"""The Organization's name by language (the ``publisher`` text of ``i18n``)."""

ET.register_namespace("", ATOM)


def theme_feed(theme: str) -> str:
    """Site path of a theme's feed."""
    return f"{THEME_FEEDS}/{theme}.xml"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _id(base_url: str, path: str) -> str:
    """An entry or feed id: its absolute address, or a URN when the site has no address."""
    return absolute(base_url, path) if base_url else f"urn:m4c:{path.strip('/')}"


def _entry(feed: ET.Element, mission: Mission, content: Content, base_url: str,
           language: str) -> None:
    report = mission.report
    reading = mission.reading(language)
    vocabulary = content.registry.vocabulary
    city = content.registry.cities[report.city]
    entry = _el(feed, "entry")
    _el(entry, "id", _id(base_url, mission_url(mission.slug)))
    _el(entry, "title", reading.title, **{XML_LANG: reading.lang("title")})
    _el(entry, "updated", _stamp(mission.modified))
    _el(entry, "published", _stamp(mission.published))
    _el(entry, "link", rel="alternate", type="text/html",
        href=absolute(base_url, mission_url(mission.slug)), hreflang=report.language)
    _el(entry, "summary", f"{city.name} — {reading.summary}", **{XML_LANG: reading.summary_lang})
    for theme in report.themes:
        _el(entry, "category", term=theme, label=vocabulary.themes[theme].labels.get(language),
            scheme=absolute(base_url, group_url("themes")))


def atom_feed(content: Content, base_url: str, language: str, theme: str | None = None) -> str:
    """The Atom feed of the newest published missions (of one theme), newest first."""
    missions = [m for m in content.public_missions if theme is None or theme in m.report.themes][:FEED_ENTRIES]
    t = Strings(language)
    path = FEED if theme is None else theme_feed(theme)
    title = t("site_name")
    if theme is not None:
        title = f"{title} — {content.registry.vocabulary.themes[theme].labels.get(language)}"
    page = group_url("missions") if theme is None else group_url("themes", theme)

    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})
    _el(feed, "id", _id(base_url, path))
    _el(feed, "title", title)
    newest = max((m.modified for m in missions), default=EPOCH)
    _el(feed, "updated", _stamp(newest))
    author = _el(feed, "author")
    _el(author, "name", PUBLISHER.get(language, PUBLISHER["en"]))
    _el(feed, "link", rel="self", type="application/atom+xml", href=absolute(base_url, path))
    _el(feed, "link", rel="alternate", type="text/html", href=absolute(base_url, page))
    _el(feed, "generator", "m4c")
    for mission in missions:
        _entry(feed, mission, content, base_url, language)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def theme_feeds(content: Content, base_url: str, language: str) -> dict[str, str]:
    """Site path -> feed, for every theme of vocabulary.yml (an empty one stays valid)."""
    return {theme_feed(key): atom_feed(content, base_url, language, key)
            for key in content.registry.vocabulary.themes}
