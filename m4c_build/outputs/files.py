"""The files a build publishes beside its pages: open data, feeds, schemas, downloads and the
site's card (link previews).

Site path -> text or bytes. Like the pages, they hold published missions only.
"""

from __future__ import annotations

import datetime as dt

from m4c_build.i18n.texts import Strings
from m4c_build.model import Content
from m4c_build.outputs.cards import CARD, card_png
from m4c_build.outputs.citations import CITATION_CFF, citation_cff
from m4c_build.outputs.downloads import (
    FICHE,
    TEMPLATE,
    fiche_docx,
    fiche_markdown,
    template_docx,
    template_markdown,
)
from m4c_build.outputs.editor_schemas import (
    CITIES_SCHEMA,
    DEFAULT_BASE_URL,
    REPORT_SCHEMA,
    VOCABULARY_SCHEMA,
    cities_schema,
    dump_schema,
    registry_keys,
    report_schema,
    vocabulary_schema,
)
from m4c_build.outputs.feeds import FEED, atom_feed, theme_feeds
from m4c_build.outputs.followupdata import followup_csv, followup_json, followup_resources, followup_schema
from m4c_build.outputs.opendata import (
    DATA_PACKAGE,
    data_package,
    export_schema,
    lesson_groups,
    lessons_csv,
    lessons_json,
    lessons_schema,
    missions_csv,
    missions_json,
    records,
)
from m4c_build.outputs.searchterms import SEARCH_TERMS, search_terms
from m4c_build.site.urls import DATA, SCHEMAS, absolute


def data_files(content: Content, *, base_url: str, language: str, licence: str = "",
               licence_url: str = "", today: dt.date | None = None) -> dict[str, str | bytes]:
    """Everything a build writes beside its pages, by site path (``licence``: the published
    reports', named in the data package; ``today``: the build's day, that of the follow-up's
    states and CITATION.cff's release)."""
    today = today or dt.date.today()
    registry = content.registry
    keys = registry_keys(registry)
    schema_base = absolute(base_url, f"{SCHEMAS}/") if base_url else DEFAULT_BASE_URL
    rows = records(content, base_url, language)
    lessons = lesson_groups(content, base_url, language, rows)
    t = Strings(language)
    package = data_package(base_url, language, title=t("site_name"), description=t("site_description"),
                           licence=licence, licence_url=licence_url)
    package["resources"] += followup_resources()
    files: dict[str, str | bytes] = {
        f"{DATA}/missions.json": missions_json(content, base_url, language, rows),
        f"{DATA}/missions.csv": missions_csv(content, base_url, language, rows),
        f"{DATA}/missions.schema.json": dump_schema(export_schema(base_url)),
        f"{DATA}/lessons.json": lessons_json(content, base_url, language, lessons),
        f"{DATA}/lessons.csv": lessons_csv(content, base_url, language, lessons),
        f"{DATA}/lessons.schema.json": dump_schema(lessons_schema(base_url)),
        f"{DATA}/followup.json": followup_json(content, base_url, language, today, rows),
        f"{DATA}/followup.csv": followup_csv(content, base_url, language, today, rows),
        f"{DATA}/followup.schema.json": dump_schema(followup_schema(base_url)),
        f"{DATA}/{DATA_PACKAGE}": dump_schema(package),
        FEED: atom_feed(content, base_url, language),
        **theme_feeds(content, base_url, language),
        SEARCH_TERMS: search_terms(content, language),
        CARD: card_png(language),
        CITATION_CFF: citation_cff(base_url, title=t("site_name"), abstract=t("site_description"),
                                   publisher=t("publisher"), today=today, licence_url=licence_url),
    }
    for name, build in ((REPORT_SCHEMA, report_schema), (CITIES_SCHEMA, cities_schema),
                        (VOCABULARY_SCHEMA, vocabulary_schema)):
        files[f"{SCHEMAS}/{name}"] = dump_schema(build(keys, base_url=schema_base))
    schema_url = schema_base.rstrip("/") + "/" + REPORT_SCHEMA
    files[f"{FICHE}.md"] = fiche_markdown(language)
    files[f"{FICHE}.docx"] = fiche_docx(language)
    files[f"{TEMPLATE}.md"] = template_markdown(language, registry, schema_url)
    files[f"{TEMPLATE}.docx"] = template_docx(language)
    return files
