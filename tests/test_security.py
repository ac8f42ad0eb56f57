"""Safe by construction: hostile content goes into a full build with the validator switched off,
and no built page may run it or be taken over by it. These tests attack the output, so they
hold whatever the validator's patterns miss."""

from __future__ import annotations

import html
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from payloads import (
    ALLOWED_FRONT_MATTER,
    FIELDS,
    FRONT_MATTER,
    HEADINGS,
    LAX,
    PAYLOADS,
    Inspector,
    errors_ignored,
    front_matter_pages,
    payload_files,
    unsafe,
    without_validator,
    write_payload_site,
)
from sitekit import Built, base_report, build_site, readable, report, write_config, write_content

from m4c_build.load.titles import heading_text
from m4c_build.site.render import render_markdown
from m4c_build.site.sanitize import clean, safe_markup
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


def test_the_lessons_explorer_shows_a_hostile_lesson_and_title_as_text(built: Built) -> None:
    """The explorer quotes every lesson with its mission's title: both stay text there too."""
    pages = [built.html("lessons"), *(built.html(p.parent.relative_to(built.site).as_posix())
                                      for p in built.site.glob("lessons/page/*/index.html"))]
    assert all(unsafe(page) == [] for page in pages)
    text = html.unescape("".join(pages))
    assert FIELDS["issue"] in text and FIELDS["title"] in text


def test_the_follow_up_board_shows_a_hostile_action_owner_and_title_as_text(built: Built) -> None:
    """The board quotes every action with its owner and its mission's title: all stay text."""
    pages = built.numbered_pages("follow-up")
    assert all(unsafe(page) == [] for page in pages)
    text = html.unescape("".join(pages))
    assert FIELDS["title"] in text and FIELDS["summary"] in text


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


@pytest.fixture(scope="module", params=["fr", "en", "es"])
def front_matter_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Programme pages whose front matter sets every key Material or m4c reads, in YAML with
    escapes (the French source), in MultiMarkdown lines (English) and in plain YAML (Spanish),
    built in that language with every validation error dropped; and a page whose hostile title
    and description pass validation."""
    root = tmp_path_factory.mktemp(f"front-matter-{request.param}")
    files = {**front_matter_pages("fm"), **front_matter_pages("fm-text", ALLOWED_FRONT_MATTER),
             "pages/bomb.md": ALIAS_BOMB}
    content = write_content(root / "content", files)
    with errors_ignored():
        return build_site(write_config(root, content, language=request.param, search=False, extra=LAX))


ALIAS_BOMB = "---\n" + "".join(
    f"{name}: &{name} [{', '.join([previous] * 9)}]\n"
    for previous, name in zip(['"lol"', *(f"*{c}" for c in "abcdefgh")], "abcdefghi", strict=True)
) + "title: *i\n---\n# Bombe\n"
"""Nine levels of nine aliases: 9^9 strings for a loader that expands them (MkDocs' own took
2.5 GB and died); m4c's refuses it, and a build never hands it to MkDocs."""


def test_an_alias_bomb_in_a_page_is_published_as_its_body_only(front_matter_site: Built) -> None:
    page = front_matter_site.html("bomb")
    assert "lol" not in page
    assert Inspector(page).title.startswith("Bombe - ")


def test_front_matter_keys_outside_the_allowlist_are_errors_at_their_line(tmp_path: Path) -> None:
    files = front_matter_pages("fm")
    validation = validate_content(write_payload_site(tmp_path, files).parent / "content")
    errors = {(p.path.name, p.line) for p in validation.problems.errors}
    for name, text in files.items():
        assert isinstance(text, str)
        starts = {t.split(":", 1)[0].lower(): i for i, t in enumerate(text.split("\n"), 1)
                  if t[:1].isalpha() and ":" in t}
        ends = sorted(starts.values())
        checked = set(FRONT_MATTER) - {"title", "description"} & set(starts)
        assert len(checked) >= 8, name
        for key in checked:  # an error on the key's line or on a line of its value
            first = starts[key]
            last = next((line for line in ends if line > first), first + 1) - 1
            assert any((Path(name).name, line) in errors for line in range(first, last + 1)), (name, key)


def test_hostile_titles_and_descriptions_pass_as_plain_text(tmp_path: Path) -> None:
    validation = validate_content(write_payload_site(tmp_path, front_matter_pages("fm-text", ALLOWED_FRONT_MATTER))
                                  .parent / "content")
    assert validation.problems.errors == []


@pytest.mark.parametrize("page", ["fm", "fm-text", ""])
def test_no_front_matter_value_reaches_a_page_as_markup(front_matter_site: Built, page: str) -> None:
    assert unsafe(front_matter_site.html(page)) == []


def test_no_built_file_takes_markup_or_a_destination_from_front_matter(front_matter_site: Built) -> None:
    files = [p for p in front_matter_site.files() if p.suffix in (".html", ".xml", ".json", ".js")]
    assert len(files) > 20
    for path in files:
        text = readable(path).decode("utf-8", "replace")
        if path.suffix == ".html":
            assert unsafe(text) == [], path
            links = _links(text)
            assert not [link for link in links if "evil.example" in link], path
        else:
            assert "<script>window.__pwned" not in text, path
            assert "evil.example" not in text, path


def _links(page: str) -> list[str]:
    """Every address a page loads or leads to (href, src, a meta refresh's, og:url and og:image)."""
    found: list[str] = []

    class Collect(Inspector):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            super().handle_starttag(tag, attrs)
            attributes = dict(attrs)
            found.extend(v for n, v in attrs if n in ("href", "src", "action", "data-tiles") and v)
            address = (attributes.get("property") or "") in ("og:url", "og:image", "og:image:secure_url")
            if tag == "meta" and (address or attributes.get("http-equiv")):
                found.append(attributes.get("content") or "")

    Collect(page)
    return found


def test_the_page_keeps_m4c_template_and_its_own_meta_only(front_matter_site: Built) -> None:
    page = front_matter_site.html("fm")
    doc = Inspector(page)
    assert re.match(r"(Page|Página) fm( en)? - ", doc.title), "the heading, not a hostile title, names the page"
    assert 'data-pagefind-body' in page, "m4c's template for programme pages, not one the page chose"
    assert "m4c-map.js" not in page and "m4c-catalogue.js" not in page and "m4c-lightbox.js" not in page
    assert "application/ld+json" not in page
    assert "md-status" not in page and "<small>" not in page


def test_an_allowed_hostile_title_is_the_text_of_title_and_navigation(front_matter_site: Built) -> None:
    title = str(ALLOWED_FRONT_MATTER["title"])
    page = front_matter_site.html("fm-text")
    assert Inspector(page).title.startswith(f"{title} - ")
    home = front_matter_site.html("")
    assert unsafe(home) == []
    labels = re.findall(r'href="fm-text/">([^<]*)</a>', home)
    assert labels and {html.unescape(label) for label in labels} == {title}, "the navigation label is the text"
    description = " ".join(str(ALLOWED_FRONT_MATTER["description"]).split())
    shown = re.findall(r'<meta name="description" content="([^"]*)"', page)
    assert [html.unescape(value) for value in shown] == [description]

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


def test_a_fragment_cannot_take_the_ids_of_the_page_it_goes_in() -> None:
    """A narrative's ids that a mission page gives itself (its sections, its records) are moved
    aside; other ids, and other attributes with the same text, stay; without ``taken`` nothing
    moves (programme pages and generated texts keep their anchors)."""
    fragment = ('<h3 id="results">R</h3><h3 id="lesson-2">L</h3><h3 id="solution-10">S</h3>'
                '<h4 id="other">o</h4><abbr title="results">t</abbr><h3 id="__drawer">d</h3>')
    moved = clean(fragment, frozenset({"results"}))
    assert 'id="results-text"' in moved and 'id="lesson-2-text"' in moved and 'id="solution-10-text"' in moved
    assert 'id="other"' in moved and 'title="results"' in moved
    assert "__drawer" not in moved, "the page's own __ ids are dropped, as without taken"
    assert safe_markup(fragment, frozenset({"results"})) == moved
    kept = clean(fragment)
    assert 'id="results"' in kept and 'id="lesson-2"' in kept and "-text" not in kept
    assert "__drawer" not in kept
    assert 'id="lessons-2"' in clean('<h3 id="lessons-2">x</h3>', frozenset()), "only a record's own form moves"
