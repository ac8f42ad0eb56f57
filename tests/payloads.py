"""Hostile content and an inspector of built HTML: what tests/test_security.py and the browser
test attack the site with, and what they look for in the output.

Every script payload sets ``window.__pwned`` (or ``top.__pwned``): the browser test traps it.
The build bypasses the validator (``without_validator``): the guarantee is the sanitiser's.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

from sitekit import base_report, report, write_config, write_content

P = "window.__pwned=1"

PAYLOADS: dict[str, str] = {
    # attr_list: handlers and style on images, links, headings, paragraphs, code blocks
    "attr-image": f'![x](nope.png){{: onerror="{P}" onload="{P}" style="position:fixed;inset:0" }}',
    "attr-link": f'[click](https://example.org){{: onclick="{P}" onmouseover="{P}" '
                 'style="position:fixed;top:0;left:0;width:100%;height:100%" }',
    "attr-heading": f'## Heading {{: onclick="{P}" onmouseover="{P}" style="position:fixed;inset:0" }}',
    "attr-paragraph": f'A paragraph.\n{{: onmouseover="{P}" style="position:fixed;inset:0" }}',
    "attr-fenced": f'```{{ .python onclick="{P}" style="position:fixed" }}\nprint(1)\n```',
    "attr-class": "[over](https://example.org){: .md-dialog .md-dialog--active .md-overlay }",
    # raw HTML whose quoted attribute hides the rest of the tag from a pattern
    "gt-in-attr-img": f'<img title="a>b" src=x onerror={P}>',
    "gt-in-attr-a": f"<a title='x>y' href=javascript:{P} onmouseover={P}>t</a>",
    "gt-in-attr-div": f'<div data-x="a>b" onmouseover="{P}" style="position:fixed;inset:0">cover</div>',
    # reference definitions the validator's pattern does not see
    "ref-blockquote": f"> [go][r]\n>\n> [r]: javascript:{P}",
    "ref-list": f"- [go][l]\n\n    [l]: javascript:{P}",
    "ref-nested": f"> - [go][n]\n>\n>     [n]: <javascript:{P}>",
    # encoded, blank-prefixed and mixed-case schemes
    "entity-md": f"[x](&#106;avascript:{P})",
    "entity-html": f'<a href="&#106;avascript:{P}">x</a>',
    "entity-hex": f'<a href="&#x6A;avascript&#58;{P}">x</a>',
    "entity-colon": f'<a href="javascript&colon;{P}">x</a>',
    "entity-tab": f'<a href="java&#0000009;script:{P}">x</a>',
    "blank-lead": f'<a href=" javascript:{P}">x</a>',
    "tab-newline": f'<a href="\tjava\nscript:{P}">x</a>',
    "mixed-case-md": f"[x](JaVaScRiPt:{P})",
    "upper-html": f'<a href="JAVASCRIPT:{P}">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data-html": "[x](data:text/html;base64,PHNjcmlwdD50b3AuX19wd25lZD0xPC9zY3JpcHQ+)",
    "data-html-raw": '<a href="data:text/html,<script>top.__pwned=1</script>">x</a>',
    "autolink": f"<javascript:{P}>",
    "image-in-link": f"[![img](x.png)](javascript:{P})",
    "link-in-alt": f"![[a](javascript:{P})](x.png)",
    # SVG, MathML and embedding
    "svg-set": f'<svg><a><set attributeName="href" to="javascript:{P}"/><text y="20">t</text></a></svg>',
    "svg-animate": f'<svg><a><animate attributeName="href" values="javascript:{P}"/>'
                   '<text y="20">t</text></a></svg>',
    "svg-foreign": f"<svg><foreignObject><img src=x onerror={P}></foreignObject></svg>",
    "svg-onload": f"<svg onload={P}></svg>",
    "math-mtext": f"<math><mtext><img src=x onerror={P}></mtext></math>",
    "math-href": f'<math href="javascript:{P}">m</math>',
    "iframe-srcdoc": '<iframe srcdoc="<script>top.__pwned=1</script>"></iframe>',
    "object": f'<object data="javascript:{P}"></object>',
    "embed": f'<embed src="javascript:{P}">',
    # tags that take over the page
    "base": '<base href="javascript:window.__pwned=1//">[rel](page)',
    "meta-refresh": f'<meta http-equiv="refresh" content="0;url=javascript:{P}">',
    "form": f'<form action="javascript:{P}"><button>go</button></form>',
    "formaction": f'<button formaction="javascript:{P}">b</button>',
    "style-element": "<style>body{display:none}</style>",
    "style-overlay": '<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;background:red">cover</div>',
    "script": f"<script>{P}</script>",
    "script-split": f"<scr<script>ipt>{P}</script>",
    "srcset": f'<img srcset="javascript:{P} 1x" src=x>',
    "input-autofocus": f"<input onfocus={P} autofocus>",
    "details-ontoggle": f"<details open ontoggle={P}><summary>s</summary>d</details>",
    "video-poster": f"<video poster=javascript:{P} onerror={P}><source onerror={P}></video>",
    "table-background": f'<table background="javascript:{P}"><tr><td>t</td></tr></table>',
    "md-table-cell": f"| a |\n|---|\n| <img src=x onerror={P}> |",
    "admonition-title": f'!!! note "<img src=x onerror={P}>"\n    Body.',
    "comment-trick": f"<!--><img src=x onerror={P}>-->",
    "noscript-mxss": f'<noscript><p title="</noscript><img src=x onerror={P}>"></noscript>',
    "xmp": f"<xmp><img src=x onerror={P}></xmp>",
    "dom-clobber": "## Drawer {: #__drawer }\n\n<h3 id=__search>s</h3>",
    "dom-clobber-theme": "## Search {: #m4c-hsearch-q }\n\n<h3 id=\"m4c-content\">c</h3>\n\n"
                         "<h4 id=__palette_0>p</h4>\n\n### __toc\n\n## Nav {: #__nav_1 }",
}
"""Markdown (with raw HTML) that must never run or take over a page, one class per group."""

HEADINGS: dict[str, str] = {
    "heading-entities": f"&lt;img src=x onerror={P}&gt;",
    "heading-raw-html": f"<img src=x onerror={P}>Raw",
    "heading-script": f"*Em* &amp; <script>{P}</script> {{: onclick={P} }}",
    "heading-title-break": f"&lt;/title&gt;&lt;script&gt;{P}&lt;/script&gt;",
}
"""``pages/`` headings: each becomes a page title and a navigation label, as plain text."""

FIELDS: dict[str, str] = {
    "title": f"<img src=x onerror={P}> &lt;b&gt;",
    "summary": f"</script><script>{P}</script>",
    "issue": f"<a href=javascript:{P}>x</a>",
}
"""Plain text fields of a report (printed escaped; the title reaches <title>, OG, JSON-LD, feeds)."""


CITATION_TITLES: tuple[str, ...] = (
    "Remparts } @misc{evil, title={pwn}",
    "{{{ unbalanced braces",
    "Line one\nER  - \nTY  - JOUR\nT2  - injected",
    "Tab\tand\r\nCRLF \u2028 separator",
    f"</script><script>{P}</script>",
    "back\\slash \\end{document} % comment $math$ & # _ ~ ^",
    "@comment{ x } @string{a = b} @preamble{\"\\input{/etc/passwd}\"}",
    '"quoted", comma = equals; semicolon',
    "Québec, Évora, Valparaíso, Казань, 京都",
)
"""Titles (and city names) of a report's citations (tests/test_citations.py): each must stay one
value of one entry in BibTeX, one line of RIS and one string of CSL-JSON."""

EVIL = "https://evil.example/"
"""Where a hostile page would send its visitors: no built file may point there."""

FRONT_MATTER: dict[str, object] = {
    # keys a page may set, with values that try to leave their attribute or element
    "title": f'"><script>{P}</script><img src=x onerror={P}>',
    "description": f'"><meta http-equiv="refresh" content="0;url={EVIL}"><script>{P}</script>',
    "image": f'x.png" onerror="{P}',
    "hide": ["toc", f'"><script>{P}</script>'],
    # keys Material reads: a template, icons (file paths), nav texts and classes, robots, search
    "template": "../../../../../../etc/passwd",
    "icon": "../../../../../../etc/hostname",
    "status": f'new" onmouseover="{P}',
    "subtitle": f"<img src=x onerror={P}>",
    "robots": f'"><meta http-equiv="refresh" content="0;url={EVIL}">',
    "search": {"boost": f'2" onmouseover="{P}', "exclude": True},
    "author": f"<script>{P}</script>",
    "tags": [f"<img src=x onerror={P}>"],
    "social": {"cards": False},
    "comments": True,
    # m4c's own keys: what generated pages set for the theme
    "m4c": "mission",
    "m4c_og": {"og:url": EVIL, "og:image": f"{EVIL}x.png"},
    "m4c_jsonld": {"name": f"</script><script>{P}</script>"},
    "m4c_feed": {"href": f"{EVIL}feed.xml", "title": f'"><script>{P}</script>'},
    "m4c_map": {"tiles": f"{EVIL}{{z}}/{{x}}/{{y}}.png", "attribution": f"<img src=x onerror={P}>"},
    "m4c_search": True,
    "m4c_lightbox": True,
    "redirect": EVIL,
}
"""A programme page's front matter with every key Material or m4c reads, hostile values."""


def yaml_escaped(value: object) -> str:
    """``value`` as YAML flow whose markup is written with escapes ('\\u003c' for '<'): what a
    check of the raw file text would not see."""
    import json

    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")


ALLOWED_FRONT_MATTER = {key: FRONT_MATTER[key] for key in ("title", "description")}
"""The hostile values that pass validation: plain text that must be printed inert."""


def front_matter_pages(name: str = "fm", front: dict[str, object] = FRONT_MATTER) -> dict[str, str | bytes]:
    """A page with the hostile front matter in YAML (with escapes), its English translation with
    it as MultiMarkdown meta lines, its Spanish one in plain YAML."""
    import yaml

    escaped = "".join(f"{key}: {yaml_escaped(value)}\n" for key, value in front.items())
    lines = "".join(f"{key.capitalize()}: {value}\n" for key, value in front.items() if isinstance(value, str))
    plain = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return {
        f"pages/{name}.md": f"---\n{escaped}---\n\n# Page {name}\n\nTexte.\n",
        f"pages/{name}.en.md": f"{lines}\n# Page {name} en\n\nText.\n",
        f"pages/{name}.es.md": f"---\n{plain}---\n\n# Página {name}\n\nTexto.\n",
    }


@contextlib.contextmanager
def errors_ignored() -> Iterator[None]:
    """Every error of the validation dropped: the build publishes whatever it can of content the
    validator refused, so that a test attacks what the build does with it, not the validator."""
    from m4c_build.adapters.mkdocs import plugin

    real = plugin.validate_content

    def lax(root: Path, **options: object) -> object:
        validation = real(root, **options)  # type: ignore[arg-type]
        validation.problems[:] = validation.problems.warnings
        return validation

    with mock.patch.object(plugin, "validate_content", lax):
        yield


def page_text(key: str) -> str:
    return f"# Page {key}\n\n{PAYLOADS[key]}\n"


def payload_files() -> dict[str, str | bytes]:
    """One report and one page per payload, a page per hostile heading, hostile plain fields."""
    files: dict[str, str | bytes] = {}
    for key, body in PAYLOADS.items():
        files[f"missions/2024/2024-{key}.md"] = report(**base_report(title=f"Mission {key}"), body=body + "\n")
        files[f"pages/p-{key}.md"] = page_text(key)
    for key, heading in HEADINGS.items():
        files[f"pages/{key}.md"] = f"# {heading}\n\nText.\n"
    files["missions/2024/2024-fields.md"] = report(**base_report(
        **FIELDS, lessons=[FIELDS["issue"]],
        follow_up=[{"action": FIELDS["title"], "owner": FIELDS["summary"], "due": "2024-06-30"}]))
    return files


@contextlib.contextmanager
def without_validator() -> Iterator[None]:
    """The validator's markup and link checks switched off: whatever they would refuse reaches
    the build (whose lax configuration lets broken links through)."""
    with mock.patch("m4c_build.validate.markup.check_markup"), \
            mock.patch("m4c_build.validate.content.check_page_links"):
        yield


LAX = """\
strict: false
validation:
  nav: {omitted_files: info, not_found: info}
  links: {not_found: info, anchors: info, unrecognized_links: info, absolute_links: info}
markdown_extensions:
  - admonition
  - attr_list
  - tables: {use_align_attribute: true}
  - toc: {permalink: true}
"""
"""The project's Markdown extensions (mkdocs.yml); payload pages hold broken links on purpose:
MkDocs notes them without failing."""


def write_payload_site(root: Path, files: dict[str, str | bytes] | None = None, *,
                       site_dir: Path | None = None, search: bool = False) -> Path:
    """The content folder and mkdocs.yml of a hostile site; returns mkdocs.yml."""
    content = write_content(root / "content", payload_files() if files is None else files)
    return write_config(root, content, search=search, extra=LAX, site_dir=site_dir)


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data",
                  "background", "lowsrc", "dynsrc", "to", "values", "from", "by"}
FORBIDDEN_IN_CONTENT = {"script", "style", "svg", "math", "iframe", "frame", "object", "embed", "base",
                        "meta", "link", "form", "input", "button", "textarea", "select", "video",
                        "audio", "source", "set", "animate", "foreignobject", "xmp", "template"}
_SCRIPT_URL = re.compile(r"^(javascript|vbscript|data|livescript):", re.I)
_TAB_NEWLINE = re.compile(r"[\t\n\r]")


def _as_browser_reads(url: str) -> str:
    """What the URL standard parses: C0 controls and spaces trimmed, tabs and newlines removed
    (entities are already decoded by the parser)."""
    return _TAB_NEWLINE.sub("", url.strip("".join(map(chr, range(0x21)))))


def _own(attributes: dict[str, str | None]) -> bool:
    """The site's own search forms, maps (an inline style sets the marker size) and map data
    carry m4c's or Material's marks (``m4c-`` ids, ``m4c-``/``md-`` classes), which the
    allowlist never lets content keep."""
    classes = (attributes.get("class") or "").split()
    return (attributes.get("id") or "").startswith("m4c-") or any(c.startswith(("m4c-", "md-")) for c in classes)


class Inspector(HTMLParser):
    """Everything unsafe in a built page. Content is what stands inside ``<article>`` (Material
    puts the page's content there, m4c's templates too): the theme's own inline styles, icons
    and scripts live outside it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.article = 0
        self._script: str | None = None
        self.title = ""
        self._in_title = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = "content" if self.article else "page"
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{where}: <{tag} {name}=>")
            if name == "style" and self.article and not _own(attributes):
                self.found.append(f"content: <{tag} style=>")
            if name in URL_ATTRIBUTES and value is not None:
                for url in (value.split(",") if name == "srcset" else [value]):
                    if _SCRIPT_URL.match(_as_browser_reads(url)):
                        self.found.append(f"{where}: <{tag} {name}={value!r}>")
        if self.article and tag in FORBIDDEN_IN_CONTENT and not _own(attributes):
            self.found.append(f"content: <{tag}>")
        if tag == "base" or (tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh"):
            self.found.append(f"page: <{tag}>")
        if tag == "script":
            src = attributes.get("src")
            kind = attributes.get("type") or ""
            if src is not None and (":" in src or not re.search(r"(^|/)(assets|pagefind)/", src)):
                self.found.append(f"page: <script src={src!r}>")
            if src is None and kind not in ("application/ld+json", "application/json", ""):
                self.found.append(f"page: <script type={kind!r}>")
            # JSON data may quote a payload: it runs only if it breaks out, which the rules see.
            self._script = None if kind in ("application/ld+json", "application/json") else ""
        if tag == "article":
            self.article += 1
        if tag == "title":
            self._in_title = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "article":
            self.article -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.article -= 1
        if tag == "script" and self._script is not None:
            if "__pwned" in self._script:
                self.found.append(f"page: a script runs {self._script[:60]!r}")
            self._script = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data
        if self._in_title:
            self.title += data


def unsafe(html: str) -> list[str]:
    return Inspector(html).found
