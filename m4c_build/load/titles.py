"""The title of a Markdown page as plain text: what ``<title>``, menus and feeds may show.

A heading may hold emphasis, links, entities or raw HTML; a title is only its text. Entities
are decoded here (``&lt;b&gt;`` is the text ``<b>``) and every consumer escapes the result, so
no heading can turn into markup in a title or a navigation label.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_FENCE = re.compile(r"^[ ]{0,3}(```|~~~).*?^[ ]{0,3}\1", re.M | re.S)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
MAX_TITLE = 200
"""Characters kept of a title: a heading is a line, not a paragraph."""


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> str:
    """The visible text of an HTML fragment, blanks folded, invisible characters dropped."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(_CONTROL.sub("", "".join(parser.parts)).split())


def plain_title(text: str, stem: str) -> str:
    """The first level-1 heading of a Markdown text as plain text, or a title made of ``stem``."""
    heading = _HEADING.search(_FENCE.sub("", text))
    title = ""
    if heading:
        title = text_of(markdown.markdown(heading.group(1)[:MAX_TITLE * 4]))[:MAX_TITLE]
    return title or stem.replace("-", " ").capitalize()
