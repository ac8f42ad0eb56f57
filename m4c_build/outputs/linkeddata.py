"""What search engines and link previews read: schema.org JSON-LD, and each page's card.

Pure functions returning plain dicts; the theme prints them (``| tojson`` for JSON-LD, which
escapes ``<``, ``>`` and ``&`` so a report text cannot close the script element; ``| e`` for the
card, ``outputs.cards``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from m4c_build.i18n.texts import Strings
from m4c_build.model import Content, Mission, Registry
from m4c_build.outputs.cards import CARD, Picture, page_card
from m4c_build.outputs.citations import dataset_jsonld
from m4c_build.outputs.feeds import PUBLISHER, theme_feed
from m4c_build.site.pages import SitePage
from m4c_build.site.urls import absolute, group_url, mission_source, mission_url

WHC_URL = "https://whc.unesco.org/en/list/{0}/"
GEONAMES_URL = "https://www.geonames.org/{0}/"


def mission_jsonld(mission: Mission, registry: Registry, base_url: str) -> dict[str, Any]:
    """A schema.org ``Report`` about the city (a ``Place`` with coordinates), written by the
    city (an ``Organization`` at its page of the site).

    ``datePublished`` and ``dateModified`` are the feeds' ``published`` and ``updated``
    (``Mission.published``, ``Mission.modified``); ``temporalCoverage`` the mission's days (an
    ISO 8601 interval). ``image``: the report's first photo, else the site's card.
    """
    report = mission.report
    city = registry.cities[report.city]
    vocabulary = registry.vocabulary
    url = absolute(base_url, mission_url(mission.slug))
    latitude, longitude = city.location
    place: dict[str, Any] = {
        "@type": "Place",
        "name": city.name,
        "address": {"@type": "PostalAddress", "addressLocality": city.name,
                    "addressCountry": city.country},
        "geo": {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude},
    }
    same_as = [template.format(number) for template, number in
               ((WHC_URL, city.whc_id), (GEONAMES_URL, city.geonames)) if number is not None]
    if same_as:
        place["sameAs"] = same_as
    coverage = report.date.isoformat()
    if mission.end != report.date:
        coverage += "/" + mission.end.isoformat()
    keywords = [vocabulary.themes[k].labels.get(report.language) for k in report.themes]
    keywords += [vocabulary.heritage_topics[k].labels.get(report.language)
                 for k in report.heritage_topics]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": url,
        "url": url,
        "name": report.title,
        "headline": report.title,
        "description": mission.summary,
        "inLanguage": report.language,
        "datePublished": mission.published.isoformat(),
        "dateModified": mission.modified.isoformat(),
        "temporalCoverage": coverage,
        "about": place,
        "author": {"@type": "Organization", "name": city.name,
                   "url": absolute(base_url, group_url("cities", report.city))},
        "keywords": ", ".join(keywords),
        "publisher": {"@type": "Organization", "name": PUBLISHER[report.language]},
        "image": absolute(base_url, report.photos[0].file if report.photos else CARD),
        "isAccessibleForFree": True,
    }
    return data


def with_linked_data(pages: list[SitePage], content: Content, base_url: str,
                     language: str, languages: Sequence[str] = (), licence_url: str = "") -> list[SitePage]:
    """The pages with their card (``outputs.cards``), a mission's JSON-LD, the open data's
    (a ``Dataset``, on the field reference, whose last section documents it), and a theme's own
    feed. ``languages``: the languages the site is published in; ``licence_url``: the open data's.

    Page meta reaches the theme (``theme/m4c/base.html``) as ``m4c_og``, ``m4c_jsonld`` and
    ``m4c_feed``.
    """
    missions = {mission_source(m.slug): m for m in content.public_missions}
    t = Strings(language)
    site_name = t("site_name")
    result = []
    for page in pages:
        meta = dict(page.meta)
        mission = missions.get(page.src_uri) if page.kind == "mission" else None
        picture = None
        if mission is not None:
            meta["m4c_jsonld"] = mission_jsonld(mission, content.registry, base_url)
            if mission.report.photos:
                photo = mission.report.photos[0]
                picture = Picture(photo.file, photo.alt)
        if page.kind == "reference":
            meta["m4c_jsonld"] = dataset_jsonld(
                base_url, language, title=site_name, description=t("site_description"), publisher=t("publisher"),
                licence_url=licence_url, modified=max((m.modified for m in content.public_missions), default=None))
        meta["m4c_og"] = page_card(title=page.title, description=page.description, path=page.url,
                                   language=language, base_url=base_url, languages=languages,
                                   article=page.kind == "mission", picture=picture)
        folder, _, name = page.src_uri.rpartition("/")
        if page.kind == "group" and folder == "themes":
            meta["m4c_feed"] = {"href": theme_feed(name.removesuffix(".md")),
                                "title": f"{site_name} — {page.title}"}
        result.append(dataclasses.replace(page, meta=meta))
    return result
