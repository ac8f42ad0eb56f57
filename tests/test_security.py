"""Safe by construction: hostile content goes into a full build with the validator switched off,
and no built page may run it or be taken over by it. These tests attack the output, so they
hold whatever the validator's patterns miss."""

from __future__ import annotations

import html
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from payloads import FIELDS, HEADINGS, PAYLOADS, Inspector, payload_files, unsafe, without_validator, write_payload_site
from sitekit import Built, base_report, build_site, readable, report

from m4c_build.load.titles import heading_text
from m4c_build.site.render import render_markdown
from m4c_build.site.sanitize import clean
from m4c_build.validate.content import validate_content


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("hostile")
    with without_validator():
        return build_site(write_payload_site(root))


def html_files(built: Built) -> list[Path]:
    return sorted(p for p in built.files() if p.suffix == ".html")


def test_the_validator_would_refuse_most_payloads(tmp_path: Path) -> None:
    """The payloads are real: without the bypass the build would not even start."""
    validation = validate_content(write_payload_site(tmp_path).parent / "content")
    refused = {str(p.path.name) for p in validation.problems.errors}
    assert len(refused) > 40


def test_every_payload_reached_the_build(built: Built) -> None:
    for key in PAYLOADS:
        assert (built.site / "missions" / f"2024-{key}" / "index.html").is_file(), key
        assert (built.site / f"p-{key}" / "index.html").is_file(), key


@pytest.mark.parametrize("kind", ["missions/2024-{}", "p-{}"])
@pytest.mark.parametrize("key", list(PAYLOADS))
def test_no_payload_survives_on_its_page(built: Built, key: str, kind: str) -> None:
    page = built.html(kind.format(key))
    assert unsafe(page) == []
    assert "__pwned" not in "".join(v or "" for v in _attribute_values(page))


def _attribute_values(page: str) -> list[str | None]:
    values: list[str | None] = []

    class Collect(Inspector):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            # Text may quote a payload (alt, title, an id or anchor made from a heading's words).
            values.extend(v for n, v in attrs if n not in ("alt", "title", "content", "id", "data-pagefind-meta")
                          and not (n == "href" and (v or "").startswith("#")))

    Collect(page)
    return values


def test_no_built_page_holds_unsafe_markup(built: Built) -> None:
    found = {str(p.relative_to(built.site)): unsafe(p.read_text(encoding="utf-8")) for p in html_files(built)}
    assert len(found) > 2 * len(PAYLOADS)
    assert {page: f for page, f in found.items() if f} == {}


class Ids(Inspector):
    """The ids of a page: those inside ``<article>`` (where content goes) and the others."""

    def __init__(self, html: str) -> None:
        self.inside: list[str] = []
        self.outside: list[str] = []
        super().__init__(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        value = dict(attrs).get("id")
        if value is not None:
            (self.inside if self.article and tag != "article" else self.outside).append(value)


def test_content_cannot_take_the_ids_of_the_page(built: Built) -> None:
    """Material's ids are its own (``__drawer``, ``__search``, ``__palette_0``, ``__nav_1``...)
    and m4c's start with ``m4c-``: an id from content taking one of them (a heading's
    ``{: #__drawer }``, a raw ``<h3 id=...>``) would steer the page's scripts and toggles."""
    found: dict[str, list[str]] = {}
    for path in html_files(built):
        ids = Ids(path.read_text(encoding="utf-8"))
        every = ids.inside + ids.outside
        taken = [i for i in ids.inside if i.startswith("__")] + sorted({i for i in every if every.count(i) > 1})
        if taken:
            found[str(path.relative_to(built.site))] = taken
    assert found == {}
    for page in ("missions/2024-dom-clobber", "p-dom-clobber", "missions/2024-dom-clobber-theme",
                 "p-dom-clobber-theme"):
        ids = Ids(built.html(page))
        assert not [i for i in ids.inside if i.startswith(("__", "m4c-"))], (page, ids.inside)
        assert {"__drawer", "__search", "m4c-hsearch-q", "m4c-content"} <= set(ids.outside), ids.outside


def test_feeds_carry_payloads_as_text_only(built: Built) -> None:
    """Atom feeds and the sitemap are XML in their own vocabulary: no (X)HTML element gets in."""
    feeds = [p for p in built.files() if p.suffix == ".xml"]
    assert feeds
    for path in feeds:
        tags = {element.tag.rsplit("}", 1)[-1] for element in ET.fromstring(readable(path)).iter()}
        assert not tags & {"script", "img", "a", "svg", "iframe"}, path


@pytest.mark.parametrize("key", list(HEADINGS))
def test_a_page_heading_is_plain_text_in_title_and_navigation(built: Built, key: str) -> None:
    expected = heading_text(HEADINGS[key])
    page = built.html(key)
    assert unsafe(page) == []
    assert Inspector(page).title.startswith(f"{expected} - "), "the <title> shows the heading's text"
    home = Inspector(built.html(""))
    assert home.found == []
    assert expected in html.unescape(built.html("")), "the navigation label is the same text"


def test_a_report_title_with_markup_stays_text(built: Built) -> None:
    page = built.html("missions/2024-fields")
    assert unsafe(page) == []
    assert Inspector(page).title.startswith(FIELDS["title"])


@pytest.mark.parametrize("key", list(PAYLOADS))
def test_render_markdown_alone_is_safe(key: str) -> None:
    """The core's one Markdown entry point, without any build around it."""
    assert unsafe(f"<article>{render_markdown(PAYLOADS[key])}</article>") == []


def test_what_authors_need_survives() -> None:
    """The allowlist keeps Markdown's output: tables with alignment, admonitions, permalinks."""
    out = render_markdown("## Title\n\n| a |\n|:-:|\n| b |\n\n!!! warning \"Note\"\n    Text.\n\n"
                          "[site](https://example.org) [page](../x/) ![photo](media/a.png \"t\")\n\n"
                          "mailto: <mailto:a@example.org>")
    assert '<h4 id="title">' in out and '<td align="center">' in out
    assert '<div class="admonition warning">' in out and '<p class="admonition-title">' in out
    assert 'href="https://example.org"' in out and 'href="../x/"' in out
    assert '<img alt="photo" src="media/a.png" title="t">' in out


# -- hypothesis: random Markdown and HTML ------------------------------------------------------------

_TAGS = ["a", "img", "svg", "math", "script", "iframe", "div", "p", "h2", "details", "video", "form",
         "style", "object", "base", "meta", "set", "animate", "input", "table", "noscript", "xmp", "b"]
_ATTRS = ["href", "src", "onerror", "onclick", "onload", "style", "srcset", "action", "formaction",
          "poster", "xlink:href", "attributeName", "to", "class", "id", "title", "data"]
_VALUES = ["javascript:window.__pwned=1", " JaVaScRiPt:window.__pwned=1", "&#106;avascript:window.__pwned=1",
           "java\tscript:window.__pwned=1", "data:text/html,<script>top.__pwned=1</script>",
           "vbscript:x", "window.__pwned=1", "position:fixed;inset:0", "a>b", "x", "https://example.org"]
_QUOTES = ['"', "'", ""]


@st.composite
def _html(draw: st.DrawFn) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attrs = draw(st.lists(st.tuples(st.sampled_from(_ATTRS), st.sampled_from(_VALUES), st.sampled_from(_QUOTES)),
                          max_size=4))
    inner = " ".join(f"{name}={q}{value}{q}" for name, value, q in attrs)
    return f"<{tag} {inner}>{draw(st.sampled_from(['t', '', '<b>x</b>']))}</{tag}>"


@st.composite
def _markdown(draw: st.DrawFn) -> str:
    value = draw(st.sampled_from(_VALUES))
    handler = f'{{: {draw(st.sampled_from(_ATTRS))}="{value}" }}'
    return draw(st.sampled_from([
        f"[l]({value})", f"![i]({value})", f"[l][r]\n\n[r]: {value}", f"> [l][q]\n>\n> [q]: {value}",
        f"- [l][k]\n\n    [k]: {value}", f"## H {handler}", f"[l](x){handler}", f"![i](x){handler}",
        f"p\n{handler}", f"&lt;img src=x onerror={value}&gt;", f"<{value}>",
    ]))


_PIECES = st.lists(st.one_of(_html(), _markdown(), st.sampled_from(["\n\n", "\n", " ", "> ", "- ", "    "])),
                   min_size=1, max_size=12).map("".join)


@settings(max_examples=200, deadline=None, database=None)
@given(_PIECES)
def test_render_markdown_never_lets_a_script_through(text: str) -> None:
    assert unsafe(f"<article>{render_markdown(text)}</article>") == []
    assert clean(clean(text)) == clean(text), "the sanitiser's output is a fixed point"


@settings(max_examples=12, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=_PIECES, page=_PIECES, heading=_PIECES)
def test_a_full_build_never_lets_a_script_through(tmp_path_factory: pytest.TempPathFactory, body: str,
                                                  page: str, heading: str) -> None:
    root = tmp_path_factory.mktemp("fuzz-site")
    files: dict[str, str | bytes] = {
        "missions/2024/2024-fuzz.md": report(**base_report(), body=body + "\n"),
        "pages/fuzz.md": f"# {heading.splitlines()[0] if heading.strip() else 'x'}\n\n{page}\n",
    }
    with without_validator():
        built = build_site(write_payload_site(root, files))
    for path in html_files(built):
        assert unsafe(path.read_text(encoding="utf-8")) == [], path


def test_payload_files_cover_every_class() -> None:
    assert len(PAYLOADS) >= 40 and len(payload_files()) > 2 * len(PAYLOADS)


def test_comments_never_reach_the_page() -> None:
    """An HTML comment (a note to the Secretariat, a contact's e-mail) is removed, not published."""
    assert clean("<p>a<!-- secret@city.example --></p>") == "<p>a</p>"
    assert "secret" not in render_markdown("Text.\n\n<!-- secret@city.example -->\n")


def test_every_link_of_content_leaks_neither_the_page_nor_a_handle_on_it() -> None:
    out = clean('<a href="https://example.org">x</a> <a href="../y/">y</a>')
    assert out == ('<a href="https://example.org" rel="noopener noreferrer">x</a> '
                   '<a href="../y/" rel="noopener noreferrer">y</a>')


def test_only_ids_are_kept_off_the_page_s_own() -> None:
    """Reserved prefixes are for ids alone: a link or title that starts with them is kept."""
    out = clean('<h2 id="__x">a</h2><h2 id="m4c-x">b</h2><h2 id="ok">c</h2><a href="__x" title="m4c-y">l</a>')
    assert out == ('<h2>a</h2><h2>b</h2><h2 id="ok">c</h2>'
                   '<a href="__x" title="m4c-y" rel="noopener noreferrer">l</a>')


def test_content_adds_no_landmark_nor_tag_outside_the_allowlist() -> None:
    """Tags other sanitisers keep by default (ammonia's list): landmarks that would confuse
    screen readers and the page's own structure, and the rest, leave only their text."""
    assert clean("<article>x</article><nav>n</nav><header>h</header><footer>f</footer><aside>a</aside>"
                 "<center>c</center><time>t</time>") == "xnhfact"


def test_code_like_tags_go_with_their_content() -> None:
    assert clean("<svg><text>s</text></svg><noscript>n</noscript><textarea>t</textarea><title>ti</title>"
                 "<template>te</template><iframe>i</iframe><object>o</object><math>m</math>") == ""


def test_attributes_and_schemes_outside_the_allowlist_are_dropped() -> None:
    assert clean('<p dir="rtl">x</p><a href="/x" hreflang="en">y</a><img src="a.png" alt="a" usemap="#m">') == (
        '<p>x</p><a href="/x" rel="noopener noreferrer">y</a><img src="a.png" alt="a">')
    assert clean('<a href="ftp://x">f</a><a href="tel:1">t</a>') == (
        '<a rel="noopener noreferrer">f</a><a rel="noopener noreferrer">t</a>')
