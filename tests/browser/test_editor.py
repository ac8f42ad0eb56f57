"""The web editor in Chromium: ``m4c serve`` on a copy of the shipped content offers admin/ against
decap-server; a report filled in through the form (city and theme from their lists, a lesson, a
photo) is written under missions/<year>/, validates and builds. Nothing is fetched from another
host than the preview and its local backend."""

from __future__ import annotations

import re
import shutil
import socket
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import PNG, REPO, base_report, build_site, report, write_config

from m4c_build.outputs import editor
from m4c_build.validate.content import validate_content

sys.path.insert(0, str(REPO / "benchmarks"))
from serve import serving  # the benchmark's m4c serve on a free port

pytestmark = pytest.mark.skipif(not (REPO / editor.PACKAGE_DIST / editor.BUNDLE).is_file(),
                                reason="Decap CMS's npm package is not installed (npm ci)")

SHORT = "2024-quebec-formes-courtes.md"
TIMEOUT = 30_000
"""Milliseconds for each step of Decap's React interface (a shared 2-core machine is slow)."""


@dataclass
class Served:
    url: str
    content: Path
    backend: str
    """decap-server's API address, as the served config.yml names it."""


def _config_yml(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url + "admin/config.yml", timeout=5) as response:
        loaded: dict[str, Any] = yaml.safe_load(response.read())
        return loaded


def _listening(url: str) -> bool:
    port = int(re.sub(r"^\w+://[^/:]+:(\d+).*", r"\1", url))
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``m4c serve`` (in French, as the benchmark runs it) on a copy of the shipped content."""
    root = tmp_path_factory.mktemp("editor-serve")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    # experts, actors and follow-up given in the schema's short form (plain texts)
    (content / "missions" / "2024" / SHORT).write_text(report(**base_report(
        title="Formes courtes", experts=["Ana Ferreira"])), encoding="utf-8")
    config_file = write_config(root, content, search=False, editor=True)
    with serving(content, config_file, timeout=120) as base:
        url = f"{base}m4c/"
        config = _config_yml(url)
        assert "local_backend" in config, "m4c serve started decap-server"
        backend = config["local_backend"]["url"]
        assert _listening(backend)
        yield Served(url, content, backend)
    assert not _listening(backend), "decap-server stopped with m4c serve"


@pytest.fixture
def recorded(served: Served, chromium: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page whose every request is recorded; any to another host than 127.0.0.1 is refused (in
    the session's Chromium: a second Playwright in one process would find the first's loop)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT)
    requested: list[str] = []

    def route(request_route: Any) -> None:
        requested.append(request_route.request.url)
        if request_route.request.url.startswith(("http://127.0.0.1:", "blob:", "data:")):
            request_route.continue_()
        else:
            request_route.abort()

    context.route("**/*", route)
    yield context.new_page(), requested
    context.close()


def control(page: Any, name: str) -> Any:
    """The widget of the form's field ``name`` (its label's target), the first one shown."""
    label = page.locator("label:visible", has_text=re.compile(rf"^{name}( \(optionnel\))?$")).first
    return page.locator(f"[id='{label.get_attribute('for')}']")


def choose(page: Any, name: str, scope: Any, text: str) -> None:
    """Pick ``text`` in a select list (react-select: open it, type, take the first match)."""
    scope.locator("label:visible", has_text=re.compile(rf"^{name}( \(optionnel\))?$")).first.click()
    page.keyboard.type(text)
    page.get_by_role("option", name=text).first.click()


def test_a_report_written_in_the_form_validates_and_builds(served: Served, recorded: tuple[Any, list[str]],
                                                           tmp_path: Path) -> None:
    page, requested = recorded
    before = set((served.content / "missions").rglob("*.md"))
    page.goto(served.url + "admin/")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name=re.compile("Rapports de mission")).first.wait_for()
    page.goto(served.url + "admin/#/collections/reports/new")

    page.get_by_role("textbox", name="title", exact=True).fill("Les flux de visiteurs de la basse-ville")
    choose(page, "city", page, "Québec")
    page.get_by_label("date", exact=True).fill("2024-03-12")
    choose(page, "themes", page, "Tourisme")
    page.get_by_label("issue", exact=True).fill("Coaches crowd a few streets of the lower town.")
    for name in ("objectives", "lessons", "actors", "follow_up"):
        control(page, name).get_by_role("button", name=f"Ajouter {name}").click()
    control(page, "objectives").get_by_role("textbox").last.fill("Measure the visitor flows")
    control(page, "lessons").get_by_role("textbox").last.fill("Count the visitors before regulating them.")
    control(page, "experts").get_by_label("name", exact=True).fill("Ana Ferreira")
    control(page, "actors").get_by_label("name", exact=True).fill("Tourism office")
    control(page, "follow_up").get_by_label("action", exact=True).fill("Test time slots for coaches")
    assistance = control(page, "assistance")
    assistance.get_by_label("summary", exact=True).fill("A workshop with the city services.")
    choose(page, "formats", assistance, "Atelier de travail")

    photos = control(page, "photos")
    photos.get_by_role("button", name="Ajouter photos").click()
    photos.get_by_label("alt", exact=True).fill("Experts around a map of the lower town.")
    photos.get_by_role("button", name=re.compile("Choisir une image")).click()
    picture = tmp_path / "lower-town-workshop.png"
    picture.write_bytes(PNG)
    with page.expect_file_chooser() as chooser:
        page.get_by_text(re.compile("^Téléverser")).first.click()
    chooser.value.set_files(str(picture))
    page.get_by_role("button", name=re.compile("Choisir les éléments sélectionnés")).click()
    photos.locator("img").first.wait_for()

    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text(re.compile("^Modifications enregistrées$", re.IGNORECASE)).wait_for()

    deadline = time.monotonic() + TIMEOUT / 1000
    while not (written := set((served.content / "missions").rglob("*.md")) - before) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert [p.relative_to(served.content).as_posix() for p in written] == [
        "missions/2024/2024-quebec-les-flux-de-visiteurs-de-la-basse-ville.md"]
    (path,) = written
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert (front["city"], front["themes"], front["lessons"]) == (
        "quebec", ["tourism"], ["Count the visitors before regulating them."])
    assert front["photos"][0]["file"] == "media/lower-town-workshop.png"
    assert (served.content / "media" / "lower-town-workshop.png").read_bytes() == PNG

    validation = validate_content(served.content)
    assert [str(p) for p in validation.problems.errors] == []
    assert validation.content is not None
    built = build_site(write_config(tmp_path, served.content, search=False))
    html = built.html("missions/2024-quebec-les-flux-de-visiteurs-de-la-basse-ville")
    assert "Count the visitors before regulating them." in html
    assert (built.site / "media" / "lower-town-workshop.png").is_file()

    origins = {origin(url) for url in requested if url.startswith("http")}
    assert origins == {origin(served.url), origin(served.backend)}, "nothing from another host"


def origin(url: str) -> str:
    return re.sub(r"^(\w+://[^/]+).*", r"\1", url)


def test_a_report_in_short_forms_opens_and_is_saved_in_long_forms(served: Served,
                                                                 recorded: tuple[Any, list[str]]) -> None:
    page, _ = recorded
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url + "admin/")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name=re.compile("Rapports de mission")).first.wait_for()
    page.goto(served.url + f"admin/#/collections/reports/entries/2024/{SHORT.removesuffix('.md')}")
    assert control(page, "actors").get_by_label("name", exact=True).input_value() == "Service de l'urbanisme"
    assert control(page, "experts").get_by_label("name", exact=True).input_value() == "Ana Ferreira"
    title = page.get_by_role("textbox", name="title", exact=True)
    title.fill("Formes longues")
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text(re.compile("^Modifications enregistrées$", re.IGNORECASE)).wait_for()
    text = (served.content / "missions" / "2024" / SHORT).read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert (front["title"], front["experts"], front["actors"], front["follow_up"]) == (
        "Formes longues", [{"name": "Ana Ferreira"}], [{"name": "Service de l'urbanisme"}],
        [{"action": "Une suite"}])
    assert text.endswith("---\n\nLe récit de la mission.\n"), "the narrative as written"
    assert errors == []
    assert validate_content(served.content).problems.errors == []
