"""The web editor (admin/): Decap CMS's configuration generated from the schema, and what a build
publishes of it (its own files only, never indexed, outside the pages' weight)."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import REPO, Built, Elements, base_report, build_site, report, write_config, write_content
from test_weight import heaviest

from m4c_build.adapters import decap
from m4c_build.i18n.texts import Strings
from m4c_build.model import Content
from m4c_build.outputs import editor
from m4c_build.outputs.editor import EditorSettings, editor_config, field_paths
from m4c_build.schema import walk
from m4c_build.schema.classes import LANGUAGES, PageMeta, Report, spec
from m4c_build.validate.content import validate_content

pytestmark = pytest.mark.skipif(not (REPO / editor.PACKAGE_DIST / editor.BUNDLE).is_file(),
                                reason="Decap CMS's npm package is not installed (npm ci)")

GITHUB = EditorSettings(repo="owhc/m4c", branch="main")


@pytest.fixture(scope="module")
def shipped() -> Content:
    content = validate_content(REPO / "content").content
    assert content is not None
    return content


def config(content: Content, language: str = "fr", settings: EditorSettings = GITHUB) -> dict[str, Any]:
    return editor_config(content.registry, content.pages, settings, language)


def fields_by_path(fields: list[dict[str, Any]], prefix: str = "") -> dict[str, dict[str, Any]]:
    found = {}
    for f in fields:
        found[prefix + f["name"]] = f
        found |= fields_by_path(f.get("fields", []), f"{prefix}{f['name']}.")
    return found


def reports_form(cfg: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return fields_by_path(next(c for c in cfg["collections"] if c["name"] == "reports")["fields"])


def schema_paths(cls: type) -> set[str]:
    """Every field path of ``cls`` as the form nests it: a translation's fields under each language."""
    paths = set()
    for f in walk.tree(cls):
        head, _, rest = f.path.partition(".")
        if head == "translations":
            paths |= {head, *(f"{head}.{lang}" for lang in LANGUAGES)}
            if rest:
                paths |= {f"{head}.{lang}.{rest}" for lang in LANGUAGES}
        else:
            paths.add(f.path)
    return paths


def test_the_reports_form_names_every_schema_field(shipped: Content) -> None:
    cfg = config(shipped)
    assert field_paths(cfg, "reports") == schema_paths(Report) | {"body"}
    assert len(schema_paths(Report)) > 60
    for lang in LANGUAGES:
        pages = next(c for c in cfg["collections"] if c["name"] == f"pages-{lang}")
        for page in pages["files"]:
            assert [f["name"] for f in page["fields"]] == [f.name for f in walk.fields(PageMeta)] + ["body"]


def test_a_field_added_to_the_schema_appears_in_the_form(shipped: Content,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    @dataclass(frozen=True, kw_only=True)
    class Longer(Report):
        budget: int | None = spec("Budget in euros.", default=None, minimum=0)
        partners: list[str] = spec("Partner cities.", ref="cities", factory=list)

    monkeypatch.setattr(editor, "Report", Longer)
    form = reports_form(config(shipped, "en"))
    assert field_paths(config(shipped), "reports") == schema_paths(Longer) | {"body"}
    assert form["budget"] | {"hint": ""} == {"name": "budget", "label": "budget", "widget": "number",
                                             "value_type": "int", "min": 0, "required": False, "hint": ""}
    assert form["budget"]["hint"] == "Budget in euros."
    assert form["partners"]["widget"] == "select" and form["partners"]["multiple"] is True
    assert {"label": "Québec", "value": "quebec"} in form["partners"]["options"]


def test_widgets_follow_the_field_types(shipped: Content) -> None:
    form = reports_form(config(shipped))
    widgets = {path: f["widget"] for path, f in form.items()}
    assert widgets["title"] == "string" and widgets["summary"] == "string"
    assert widgets["issue"] == "text" and widgets["assistance.summary"] == "text"
    assert widgets["body"] == "markdown" and form["body"]["modes"][0] == "raw", "m4c's Markdown kept as written"
    assert widgets["date"] == widgets["follow_up.due"] == "datetime"
    assert form["date"]["format"] == "YYYY-MM-DD" and form["date"]["time_format"] is False
    assert widgets["example"] == widgets["experts.international"] == "boolean"
    assert form["experts.international"]["default"] is True
    assert widgets["photos.file"] == "image"
    assert widgets["experts"] == widgets["photos"] == "list" and widgets["assistance"] == "object"
    assert form["lessons"]["widget"] == "list" and form["lessons"]["field"]["widget"] == "string"
    assert form["programme.time"]["pattern"][0] == walk.field(walk.field(Report, "programme").record,
                                                              "time").meta["pattern"]
    assert [o["value"] for o in form["type"]["options"]] == ["technical-assistance", "exploratory"]
    assert form["type"]["default"] == "technical-assistance"


def test_required_fields_and_list_minimums(shipped: Content) -> None:
    form = reports_form(config(shipped))
    for f in walk.fields(Report):
        assert form[f.name]["required"] is f.required, f.name
        if f.meta.get("min_items"):
            assert form[f.name]["min"] == f.meta["min_items"], f.name
    assert form["experts.name"]["required"] is True, "an item's own required fields"
    # Decap would ask for an optional object's fields though it is left out: m4c validate does
    for path in ("contact.name", "contact.email", "translations.en.title"):
        assert form[path]["required"] is False, path
    assert form["translations.es"]["widget"] == "object" and form["translations.es"]["required"] is False


@pytest.mark.parametrize("language", LANGUAGES)
def test_registry_keys_are_options_labelled_in_the_editors_language(shipped: Content, language: str) -> None:
    cfg = config(shipped, language)
    form = reports_form(cfg)
    vocabulary = shipped.registry.vocabulary
    assert cfg["locale"] == language
    for path, name in (("themes", "themes"), ("heritage_topics", "heritage_topics"),
                       ("assistance.formats", "assistance_formats")):
        terms = getattr(vocabulary, name)
        assert {o["value"]: o["label"] for o in form[path]["options"]} == {
            key: term.labels.get(language) for key, term in terms.items()}, path
        assert form[path]["multiple"] is True
    factors = {o["value"]: o["label"] for o in form["factors"]["options"]}
    assert factors == {key: f.labels.get(language) for key, f in vocabulary.factors.items() if f.primary}
    cities = {o["value"]: o["label"] for o in form["city"]["options"]}
    assert cities == {key: city.name for key, city in shipped.registry.cities.items()}
    assert "multiple" not in form["city"]
    t = Strings(language)
    assert form["language"]["options"][0] == {"label": t("lang_fr"), "value": "fr"}
    assert form["follow_up.status"]["options"][0] == {"label": t("status_planned"), "value": "planned"}
    assert form["title"]["hint"] == t("field.title"), "the field's doc in the editor's language"


def test_pages_one_collection_per_language_at_their_files(shipped: Content) -> None:
    cfg = config(shipped, "en")
    files = {c["name"]: [f["file"] for f in c["files"]] for c in cfg["collections"] if "files" in c}
    assert set(files) == {"pages-fr", "pages-en", "pages-es"}
    assert "content/pages/how-to-apply.md" in files["pages-fr"]
    assert "content/pages/how-to-apply.en.md" in files["pages-en"]
    assert "content/pages/how-to-apply.es.md" in files["pages-es"]
    page = next(c for c in cfg["collections"] if c["name"] == "pages-en")["files"][0]
    hide = next(f for f in page["fields"] if f["name"] == "hide")
    assert hide["widget"] == "select" and [o["value"] for o in hide["options"]] == ["toc", "navigation", "footer"]
    assert next(c for c in cfg["collections"] if c["name"] == "pages-en")["format"] == "yaml-frontmatter"


def test_reports_folder_names_and_media(shipped: Content) -> None:
    cfg = config(shipped, settings=EditorSettings(repo="owhc/m4c", content_path="site-content"))
    reports = cfg["collections"][0]
    assert reports["folder"] == "site-content/missions" and reports["format"] == editor.REPORT_FORMAT
    assert reports["path"] == "{{year}}/{{slug}}" and reports["slug"].startswith("{{year}}-{{fields.city}}-")
    assert (reports["media_folder"], reports["public_folder"]) == ("/site-content/media", "media")
    assert cfg["slug"]["encoding"] == "ascii" and cfg["slug"]["clean_accents"] is True


def test_github_with_editorial_workflow_or_the_local_backend(shipped: Content) -> None:
    cfg = config(shipped, settings=EditorSettings(repo="owhc/m4c", branch="live", base_url="https://auth.example.org"))
    assert cfg["backend"] == {"name": "github", "repo": "owhc/m4c", "branch": "live",
                              "base_url": "https://auth.example.org"}
    assert cfg["publish_mode"] == "editorial_workflow" and "local_backend" not in cfg
    local = EditorSettings(repo="", local_backend="http://127.0.0.1:8099/api/v1")
    cfg = config(shipped, settings=local)
    assert cfg["local_backend"] == {"url": "http://127.0.0.1:8099/api/v1"} and "publish_mode" not in cfg
    assert "connect-src 'self' blob: http://127.0.0.1:8099 https://api.github.com;" in (
        editor.content_security_policy(local) + ";")


def test_short_forms_the_reports_format_opens_as_long_ones() -> None:
    assert editor.shorthands() == {"experts": "name", "actors": "name", "follow_up": "action"}
    assert 'const SHORTHANDS = {"actors": "name", "experts": "name", "follow_up": "action"};' in (
        editor.editor_script())


def test_the_repository_from_the_option_or_repo_url() -> None:
    assert decap.github_repository("owhc/m4c", "https://github.com/x/y") == "owhc/m4c"
    assert decap.github_repository("", "https://github.com/x/y.git") == "x/y"
    assert decap.github_repository("", "https://gitlab.com/x/y") == ""
    assert decap.content_location(REPO, REPO / "content") == (REPO, "content")
    assert decap.content_location(REPO / "docs", REPO / "content") == (REPO, "content")


# --- A build with the editor ------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("editor")
    content = write_content(root / "content", {
        "missions/2024/2024-quebec-a.md": report(**base_report()),
        "pages/programme.md": "# Le programme\n\nDes experts.\n",
    })
    return build_site(write_config(root, content, editor=True, extra="repo_url: https://github.com/owhc/m4c\n"))


def test_the_build_publishes_the_editor_from_the_npm_package(built: Built) -> None:
    admin = built.site / "admin"
    assert (admin / "decap-cms.js").read_bytes() == (REPO / editor.PACKAGE_DIST / editor.BUNDLE).read_bytes()
    assert len(list(admin.glob("*.decap-cms.js"))) > 10, "its chunks beside it"
    assert not list(admin.glob("*.map"))
    cfg = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert cfg["backend"]["repo"] == "owhc/m4c" and cfg["publish_mode"] == "editorial_workflow"
    page = Elements((admin / "index.html").read_text(encoding="utf-8"))
    assert page.find("meta", name="robots")[0][1]["content"] == "noindex, nofollow"
    policy = page.find("meta", http_equiv="Content-Security-Policy")[0][1]["content"] or ""
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert set(re.findall(r"https?://[^\s;]+", policy)) == {"https://api.github.com",
                                                           "https://avatars.githubusercontent.com"}
    linked = [attrs.get("src") or attrs.get("href") for _, attrs, _ in page.items if "src" in attrs or "href" in attrs]
    assert linked == ["m4c-editor.css", "m4c-editor.js"], "nothing from another host (Decap reads config.yml beside it)"
    assert "-EditorContainer" in (admin / "m4c-editor.css").read_text(encoding="utf-8")
    script = (admin / "m4c-editor.js").read_text(encoding="utf-8")
    assert 'from "./yaml/index.js"' in script and '"decap-cms.js"' in script
    assert (admin / "yaml" / "index.js").is_file() and (admin / "yaml" / "public-api.js").is_file()


def test_the_editor_is_not_indexed_or_weighed(built: Built) -> None:
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/missions/2024-quebec-a/" in sitemap and "admin" not in sitemap
    marked = [p for p in built.site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    entry = json.loads((built.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert [lang["page_count"] for lang in entry["languages"].values()] == [len(marked)]
    assert "data-pagefind-ignore=\"all\"" in (built.site / "admin" / "index.html").read_text(encoding="utf-8")
    assert "admin" not in {path.split("/")[0] for _, path in heaviest(built).values()}


def test_without_the_package_the_site_builds_without_the_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    content = write_content(tmp_path / "content", {"missions/2024-quebec-a.md": report(**base_report())})
    monkeypatch.setattr(decap, "package_roots", lambda config_dir: [tmp_path])
    with caplog.at_level(logging.WARNING, logger="m4c.editor"):
        built = build_site(write_config(tmp_path, content, editor=True, search=False,
                                        extra="repo_url: https://github.com/owhc/m4c\n"))
    assert (built.site / "missions" / "2024-quebec-a" / "index.html").is_file()
    assert not (built.site / "admin").exists()
    assert any("Decap CMS's package is not installed" in r.getMessage() and "npm ci" in r.getMessage()
               for r in caplog.records)


def test_switched_off_or_without_a_repository_no_editor(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", {"missions/2024-quebec-a.md": report(**base_report())})
    built = build_site(write_config(tmp_path, content, editor=True, search=False))
    assert not (built.site / "admin").exists()
    built = build_site(write_config(tmp_path, content, editor=False, search=False,
                                    extra="repo_url: https://github.com/owhc/m4c\n"))
    assert not (built.site / "admin").exists()
