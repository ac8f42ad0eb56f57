"""The themes and heritage topics a search box may offer when a query finds nothing.

A small JSON the search scripts fetch only then: for each term its label in the interface
language, the labels in every language (what a query is compared with, so ``turismo`` offers
Tourisme too), its descriptions (compared too, after the labels: ``incendie`` offers Risks and
climate change, whose description names fires) and the address of its page from the site root.
"""

from __future__ import annotations

import json

from m4c_build.i18n.texts import Strings
from m4c_build.model import Content
from m4c_build.schema.classes import LANGUAGES
from m4c_build.site.urls import DATA, group_url

SEARCH_TERMS = f"{DATA}/search-terms.json"

# grouping of the pages -> (vocabulary, text id of its kind)
_KINDS = (("themes", "themes", "theme"), ("topics", "heritage_topics", "topic"))


def search_terms(content: Content, language: str) -> str:
    """The JSON of every theme and heritage topic, in vocabulary order."""
    t = Strings(language)
    vocabulary = content.registry.vocabulary
    terms = []
    for grouping, field, kind in _KINDS:
        for key, term in getattr(vocabulary, field).items():
            labels = dict.fromkeys(filter(None, (getattr(term.labels, lang) for lang in LANGUAGES)))
            about = term.description
            notes = dict.fromkeys(filter(None, (getattr(about, lang) for lang in LANGUAGES))) if about else {}
            terms.append({"label": term.labels.get(language), "kind": t(kind), "labels": list(labels),
                          "about": list(notes), "url": group_url(grouping, key)})
    return json.dumps({"terms": terms}, ensure_ascii=False, separators=(",", ":"))
