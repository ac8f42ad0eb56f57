"""What search engines and link previews read: schema.org JSON-LD and Open Graph.

Pure functions returning plain dicts; the theme prints them (``| tojson`` for JSON-LD, which
escapes ``<``, ``>`` and ``&`` so a report text cannot close the script element).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from m4c_build.i18n.texts import Strings
from m4c_build.model import Content, Mission, Registry
from m4c_build.outputs.feeds import PUBLISHER, theme_feed
from m4c_build.site.pages import SitePage
from m4c_build.site.urls import absolute, mission_source, mission_url

OG_LOCALES = {"fr": "fr_FR", "en": "en_GB", "es": "es_ES"}
WHC_URL = "https://whc.unesco.org/en/list/{0}/"
GEONAMES_URL = "https://www.geonames.org/{0}/"


def mission_jsonld(mission: Mission, registry: Registry, base_url: str) -> dict[str, Any]:
    """A schema.org ``Report`` about the city (a ``Place`` with coordinates).

    Reports carry no publication date: ``datePublished`` is the mission's last day, and
    ``temporalCoverage`` the mission's days (an ISO 8601 interval).
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
        "datePublished": mission.end.isoformat(),
        "temporalCoverage": coverage,
        "about": place,
        "keywords": ", ".join(keywords),
        "publisher": {"@type": "Organization", "name": PUBLISHER[report.language]},
        "isAccessibleForFree": True,
    }
    if report.photos:
        data["image"] = absolute(base_url, report.photos[0].file)
    return data


def og_tags(page: SitePage, base_url: str, language: str, *, site_name: str,
            image: tuple[str, str] | None = None) -> dict[str, str]:
    """Open Graph properties of a generated page; ``image`` is (site path, alt text)."""
    tags = {
        "og:type": "article" if page.kind == "mission" else "website",
        "og:title": page.title,
        "og:site_name": site_name,
        "og:url": absolute(base_url, page.url),
        "og:locale": OG_LOCALES.get(language, language),
    }
    if page.description:
        tags["og:description"] = page.description
    if image is not None:
        tags["og:image"] = absolute(base_url, image[0])
        tags["og:image:alt"] = image[1]
    return tags


def with_linked_data(pages: list[SitePage], content: Content, base_url: str,
                     language: str) -> list[SitePage]:
    """The pages with their Open Graph data, a mission's JSON-LD, and a theme's own feed.

    Page meta reaches the theme (``theme/main.html``) as ``m4c_og``, ``m4c_jsonld`` and
    ``m4c_feed``.
    """
    missions = {mission_source(m.slug): m for m in content.public_missions}
    site_name = Strings(language)("site_name")
    result = []
    for page in pages:
        meta = dict(page.meta)
        mission = missions.get(page.src_uri) if page.kind == "mission" else None
        image = None
        if mission is not None:
            meta["m4c_jsonld"] = mission_jsonld(mission, content.registry, base_url)
            if mission.report.photos:
                photo = mission.report.photos[0]
                image = (photo.file, photo.alt)
        meta["m4c_og"] = og_tags(page, base_url, language, site_name=site_name, image=image)
        folder, _, name = page.src_uri.rpartition("/")
        if page.kind == "group" and folder == "themes":
            meta["m4c_feed"] = {"href": theme_feed(name.removesuffix(".md")),
                                "title": f"{site_name} — {page.title}"}
        result.append(dataclasses.replace(page, meta=meta))
    return result
