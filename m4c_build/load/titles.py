"""The title of a Markdown page as plain text: what ``<title>``, menus and feeds may show.

A heading may hold emphasis, links, entities or raw HTML; a title is only its text. Entities
are decoded here (``&lt;b&gt;`` is the text ``<b>``) and every consumer escapes the result, so
no heading can turn into markup in a title or a navigation label.
"""

from __future__ import annotations

import html
import re

import nh3

from m4c_build.problems import HIDDEN

_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_FENCE = re.compile(r"^[ ]{0,3}(```|~~~).*?^[ ]{0,3}\1", re.M | re.S)
MAX_TITLE = 200
"""Characters kept of a title: a heading is a line, not a paragraph."""


def text_of(fragment: str) -> str:
    """The text a reader sees in an HTML fragment: no tags (nor the content of scripts and
    style sheets), entities decoded, blanks folded, invisible characters dropped. It is plain
    text: escape it wherever it is printed."""
    text = nh3.clean(fragment, tags=set())
    return " ".join(HIDDEN.sub("", html.unescape(text)).split())


def heading_text(source: str) -> str:
    """The plain text of a Markdown heading's source (after ``# ``, attribute list and all)."""
    import markdown  # here: a validation of reports alone never loads it

    return text_of(markdown.markdown("# " + source[:MAX_TITLE * 4], extensions=["attr_list"]))[:MAX_TITLE]


def plain_title(text: str, stem: str) -> str:
    """The first level-1 heading of a Markdown text as plain text, or a title made of ``stem``."""
    heading = _HEADING.search(_FENCE.sub("", text))
    title = heading_text(heading.group(1)) if heading else ""
    return title or stem.replace("-", " ").capitalize()
