"""The site's own scripts build the page with the DOM (createElement, textContent, setAttribute):
no script m4c ships hands a string to the HTML parser or to the JavaScript compiler, so no text
from content (a city's name, a search excerpt) can become markup or code in a visitor's browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "m4c_build"
SCRIPTS = sorted((PACKAGE / "assets" / "m4c").glob("*.js"))
"""m4c's scripts (vendor/ holds Leaflet, which m4c hands elements only, never HTML)."""
TEMPLATES = sorted([*(PACKAGE / "templates").rglob("*.html"), *(PACKAGE / "theme").rglob("*.html")])

SINKS = re.compile(r"\b(?:innerHTML|outerHTML|insertAdjacentHTML|document\s*\.\s*write(?:ln)?|eval\s*\("
                   r"|new\s+Function\b|Function\s*\(|createContextualFragment|DOMParser|srcdoc)")
"""What parses a string as HTML or runs it as code."""


def inline_scripts(html: str) -> str:
    return "\n".join(re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S | re.I))


def sinks(source: str) -> list[str]:
    return [match.group(0) for match in SINKS.finditer(source)]


def test_the_shipped_scripts_are_found() -> None:
    assert {path.name for path in SCRIPTS} >= {"m4c-map.js", "m4c-search.js", "m4c-catalogue.js"}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_a_shipped_script_never_parses_a_string_as_html_or_code(script: Path) -> None:
    assert sinks(script.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_a_template_s_inline_script_never_parses_a_string_as_html_or_code(template: Path) -> None:
    assert sinks(inline_scripts(template.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("line", [
    "box.innerHTML = name;", "node.outerHTML=x", "el.insertAdjacentHTML('beforeend', s)",
    "document.write(s)", "document . writeln(s)", "eval (s)", "new Function('return 1')",
    "range.createContextualFragment(s)", "new DOMParser().parseFromString(s, 'text/html')",
])
def test_the_check_sees_each_sink(line: str) -> None:
    assert sinks(line), line
