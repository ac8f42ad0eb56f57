"""The one allowlist every HTML fragment from content passes before it reaches a page.

Reports and pages come from some 300 cities through pull requests, and the deploy job holds
credentials: Markdown is rendered freely, then this allowlist (the Rust ``ammonia`` sanitiser
through ``nh3``) decides what may stay. The validator explains mistakes to authors; this
guarantees. What is not listed here is removed: scripts, styles, frames, forms, SVG, MathML,
event handlers, ``style`` attributes, and URLs other than http(s), mailto and relative ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3
from markupsafe import Markup

TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "a", "img", "figure", "figcaption",
    "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "pre", "code", "kbd", "samp",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "q", "cite",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "div", "span", "details", "summary",
})
"""What Markdown and the extensions in use (tables, fenced_code, sane_lists, attr_list, toc,
admonition) produce, plus the few plain tags authors write by hand."""

ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
"""Attributes per tag: never ``style`` (a report could cover the page around it) nor ``on*``.
``id`` only on headings, for the table of contents and its permalinks."""

_ALIGN = {"align": {"left", "right", "center"}}
ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {"th": _ALIGN, "td": _ALIGN}
"""Table column alignment: Markdown's tables extension writes it as ``align`` when
``use_align_attribute`` is on (``style`` otherwise, which is removed)."""

_ADMONITIONS = {"admonition", "note", "abstract", "summary", "info", "tip", "success", "question",
                "warning", "failure", "danger", "bug", "example", "quote", "important", "caution",
                "hint", "error", "attention", "seealso"}
CLASSES: dict[str, set[str]] = {
    "div": _ADMONITIONS,
    "p": {"admonition-title"},
    "a": {"headerlink"},
}
"""The only classes content keeps: admonition boxes and the table of contents' permalinks.
Other classes (a ``{: .md-button}`` attribute list, ``language-x`` on code) are dropped."""

URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Relative URLs (pages, photos, anchors) pass as they are; any other scheme is removed."""

REMOVED_WITH_CONTENT = frozenset({"script", "style", "svg", "math", "template", "noscript", "textarea",
                                  "title", "iframe", "object"})
"""Tags dropped together with what they hold (their text is code, not prose)."""

LINK_REL = "noopener noreferrer"
"""Added to every link of content, internal ones too: nh3 cannot tell them apart, and neither
value changes how a same-site link works; an outbound link then leaks neither the reader's page
nor a handle on it."""


RESERVED_IDS = ("__", "m4c-")
"""Prefixes of the page's own ids: Material's (``__drawer``, ``__search``, ``__nav_1``...) and
m4c's (``m4c-hsearch-q`` in every header, ``m4c-content``): content taking one would steer the
page's scripts and toggles."""


def _attribute(tag: str, attribute: str, value: str) -> str | None:
    """Keep an ``id`` off the page's own ids."""
    if attribute == "id" and value.startswith(RESERVED_IDS):
        return None
    return value


def _beside(taken: frozenset[str]) -> Callable[[str, str, str], str | None]:
    """``_attribute``, and an ``id`` the page itself gives (``taken``) moved aside ('results' ->
    'results-text'), so that a narrative's heading 'Results' does not take the address of the
    page's own section or of a record (``lesson-2``)."""
    def attribute(tag: str, name: str, value: str) -> str | None:
        kept = _attribute(tag, name, value)  # (its tag unused: passing None is an equivalent mutant)
        if name == "id" and kept is not None and (kept in taken or RECORD_ID.match(kept)):
            return f"{kept}-text"
        return kept
    return attribute


RECORD_ID = re.compile(r"^(?:lesson|solution|difficulty|follow-up)-\d+$")
"""The ids of a mission page's records (``model.Finding.anchor``) and follow-up actions
(``followup.Action.anchor``)."""


def clean(fragment: str, taken: frozenset[str] | None = None) -> str:
    """``fragment`` with only what the allowlist keeps. ``taken``: the ids of the page it goes
    in (with those of its records), which the fragment may not take."""
    return nh3.clean(
        fragment,
        tags=set(TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes=ATTRIBUTES,
        attribute_filter=_attribute if taken is None else _beside(taken),
        tag_attribute_values=ATTRIBUTE_VALUES,
        allowed_classes=CLASSES,
        url_schemes=set(URL_SCHEMES),
        # nh3's defaults today, written out so that the guarantee does not rest on a default:
        # a mutant that drops either is equivalent (benchmarks/mutation.py).
        link_rel=LINK_REL,
        strip_comments=True,
    )


def safe_markup(fragment: str, taken: frozenset[str] | None = None) -> Markup:
    """A sanitised fragment that Jinja may print as it is (``taken``: see ``clean``)."""
    return Markup(clean(fragment, taken))  # noqa: S704 - sanitised by allowlist just above
