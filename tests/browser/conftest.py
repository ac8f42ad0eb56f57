"""Fixtures for the browser tests: a small site built once, served under a sub-path, and Chromium.

The site is built from a tiny content folder (reports in fr, en and es, with accents) and the
shipped registries, with the real theme. It is served as http://127.0.0.1:<port>/m4c/ — like a
GitHub Pages project site — so a link that assumes the site root breaks a test.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sitekit import write_config

from m4c_build.model import Content
from m4c_build.validate.content import validate_content

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SUB_PATH = "m4c"

QUEBEC = """\
---
title: "Québec : rendre les remparts praticables en hiver"
city: quebec
date: 2024-02-20
end_date: 2024-02-22
language: fr
summary: Des passages sûrs le long des fortifications pendant tout l'hiver.
themes: [public-space, tourism]
heritage_topics: [fortifications]
issue: >-
  Les escaliers et les portes des remparts deviennent glissants et dangereux dès les
  premières neiges ; les habitants comme les visiteurs évitent alors la vieille ville.
objectives: [Recenser les passages dangereux, Proposer un entretien hivernal adapté]
experts:
  - {name: Ana Ferreira, role: Architecte du patrimoine, origin: "Lisbonne, Portugal"}
actors:
  - {name: Service de l'urbanisme, role: Ville requérante}
assistance:
  summary: Une visite de terrain le long des remparts et un atelier avec les services municipaux.
  formats: [site-visit, workshop]
lessons:
  - Le quillonnage des marches doit précéder tout déneigement mécanique.
follow_up:
  - {action: Publier le guide d'entretien hivernal, owner: Ville, due: 2025-03-31, status: planned}
photos:
  - file: media/remparts.png
    alt: Les remparts de la ville sous la neige.
    caption: Les remparts en hiver.
---

## Déroulement

Trois jours sur les remparts avec les équipes d'entretien.
"""

EVORA = """\
---
title: "Évora: short-term rentals in the walled town"
city: evora
date: 2023-03-14
language: en
themes: [housing, tourism]
heritage_topics: [historic-urban-landscape]
issue: Short-term rentals push the last residents out of the walled town.
objectives: [Measure the growth of short-term rentals]
experts:
  - {name: Ana Ferreira, role: Housing policy expert, origin: "Lisbon, Portugal"}
actors:
  - {name: Brackwater Housing Cooperative, role: Residents' association}
assistance:
  summary: A round table with residents, landlords and the city services.
  formats: [round-table]
lessons: [Count the rentals before regulating them.]
follow_up: [Draft a municipal regulation on short-term rentals]
---
"""

VALPARAISO = """\
---
title: "Valparaíso: ascensores y movilidad en los cerros"
city: valparaiso
date: 2025-05-06
end_date: 2025-05-07
language: es
themes: [mobility, participation]
heritage_topics: [industrial-heritage]
issue: >-
  Los ascensores históricos están cerrados y los vecinos de los cerros dependen de
  escaleras empinadas.
objectives: [Diseñar un mecanismo de participación de las juntas de vecinos]
experts:
  - {name: Ana Ferreira, role: Experta en movilidad, origin: "Lisboa, Portugal"}
actors:
  - {name: Municipalidad, role: Ciudad anfitriona}
assistance:
  summary: Un taller con las juntas de vecinos y los operadores de los ascensores.
  formats: [workshop]
lessons: [Los vecinos deben participar en la gestión desde el inicio.]
follow_up:
  - action: Licitar la tejavana del ascensor de la plaza
    owner: Municipalidad
    status: in-progress
translations:
  en:
    title: "Valparaíso: funiculars and mobility on the hills"
    lessons: [Residents must take part in the management from the start.]
---
"""

KAZAN = """\
---
title: "Kazan: protected views of the skyline"
city: kazan
date: 2024-04-16
language: en
themes: [heritage-impact-assessment, urban-planning]
heritage_topics: [fortifications, religious-heritage]
issue: Tall buildings are proposed across the river from the walls and towers.
objectives: [Agree on a common method for visual impact studies]
experts: [Claire Ashdown]
actors: [Chief Architect's Office]
assistance:
  summary: A training and a peer review of one project.
  formats: [training, peer-review]
lessons: [Fix the viewpoints before comparing projects.]
follow_up: [Adopt the list of protected viewpoints]
---
"""

CUENCA = """\
---
title: "Cuenca : aides à la réhabilitation des maisons en terre"
city: cuenca
date: 2023-09-19
language: fr
themes: [housing]
heritage_topics: [earthen-architecture]
issue: Les maisons en bahareque du centre se dégradent faute d'aides adaptées.
objectives: [Concevoir un dispositif d'aide à la réhabilitation]
experts: [Jorge Salinas]
actors: [Direction municipale du patrimoine]
assistance: {summary: Un atelier sur les dispositifs d'aide., formats: [workshop, technical-note]}
lessons: [Une aide simple à demander touche plus de propriétaires.]
follow_up: [Lancer un appel à candidatures pilote]
---
"""

DRAFT = """\
---
title: "Sintra : brouillon sur le tourisme"
city: sintra
date: 2025-01-10
status: draft
themes: [tourism]
heritage_topics: [fortifications]
issue: Brouillon.
objectives: [Brouillon]
experts: [Personne]
actors: [Personne]
assistance: {summary: Brouillon., formats: [workshop]}
lessons: [Brouillon.]
follow_up: [Brouillon]
---
"""

PROGRAMME = """\
# Le programme

Le programme envoie des experts aider une ville membre ; les venelles et les traboules
de la ville comptent aussi.
"""

REPORTS = {
    "missions/2024/2024-quebec-remparts-hiver.md": QUEBEC,
    "missions/2023/2023-evora-rentals.md": EVORA,
    "missions/2025/2025-valparaiso-ascensores.md": VALPARAISO,
    "missions/2024/2024-kazan-skyline.md": KAZAN,
    "missions/2023/2023-cuenca-terre.md": CUENCA,
    "missions/2025/2025-sintra-draft.md": DRAFT,
}



@dataclass(frozen=True)
class BuiltSite:
    url: str
    """The site's root URL, ending with '/m4c/'."""
    content: Content
    site_dir: Path

    def page(self, path: str = "") -> str:
        return self.url + path

    def title(self, slug: str) -> str:
        return next(m.report.title for m in self.content.public_missions if m.slug == slug)

    def missions_where(self, field: str, key: str) -> set[str]:
        """Titles of the published missions whose report lists ``key`` under ``field``."""
        return {m.report.title for m in self.content.public_missions if key in getattr(m.report, field)}

    def label(self, vocabulary: str, key: str) -> str:
        return getattr(self.content.registry.vocabulary, vocabulary)[key].labels.get("fr")


def write_site_sources(root: Path, language: str = "fr", page_size: int | None = None) -> tuple[Path, Path]:
    """The content folder and mkdocs.yml of the test site; returns (mkdocs.yml, site_dir).
    ``page_size`` (missions on a page of a group) lets a tiny site have groups of several pages."""
    content = root / "content"
    for name in ("cities.yml", "vocabulary.yml"):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "content" / name, content / name)
    for name, text in {**REPORTS, "pages/programme.md": PROGRAMME}.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (content / "media").mkdir(exist_ok=True)
    photo = REPO / "content" / "media" / "quebec-remparts-neige.png"
    shutil.copy(photo, content / "media" / "remparts.png")
    site_dir = root / "www" / SUB_PATH
    return write_config(root, content, language=language, today="2025-06-01", site_dir=site_dir,
                        page_size=page_size), site_dir


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 while the block runs; yields its root URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def built_and_served(root: Path, config_file: Path, site_dir: Path) -> Iterator[BuiltSite]:
    """The site of ``config_file`` built with mkdocs and served on 127.0.0.1 under /m4c/."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(config_file)))
    assert (site_dir / "pagefind" / "pagefind.js").is_file(), "Pagefind did not index the site"
    validation = validate_content(root / "content")
    assert validation.content is not None

    with serving(site_dir.parent) as root_url:
        yield BuiltSite(url=f"{root_url}{SUB_PATH}/", content=validation.content, site_dir=site_dir)


@contextlib.contextmanager
def built_site(root: Path, language: str) -> Iterator[BuiltSite]:
    """The test site in the interface ``language``, built and served under /m4c/."""
    config_file, site_dir = write_site_sources(root, language)
    with built_and_served(root, config_file, site_dir) as built:
        yield built


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The test site, in French (the default interface)."""
    with built_site(tmp_path_factory.mktemp("browser-site"), "fr") as built:
        yield built


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The reports shipped in the repository's content/, built and served the same way."""
    root = tmp_path_factory.mktemp("shipped-site")
    shutil.copytree(REPO / "content", root / "content")
    site_dir = root / "www" / SUB_PATH
    config_file = write_config(root, root / "content", today="2025-06-01", site_dir=site_dir)
    with built_and_served(root, config_file, site_dir) as built:
        yield built


@pytest.fixture(scope="session")
def site_en(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The same content built with the English interface."""
    with built_site(tmp_path_factory.mktemp("browser-site-en"), "en") as built:
        yield built


@pytest.fixture(scope="session")
def site_es(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The same content built with the Spanish interface."""
    with built_site(tmp_path_factory.mktemp("browser-site-es"), "es") as built:
        yield built


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():  # a requirement, not an option: fail loudly rather than skip
        pytest.fail(f"{CHROMIUM} is not installed: run 'bash scripts/bootstrap.sh --browser'")
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _offline(route: Any) -> None:
    """Nothing leaves 127.0.0.1: map tiles and anything else external fail fast."""
    if route.request.url.startswith("http://127.0.0.1:"):
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def new_page(chromium: Any) -> Iterator[Any]:
    """``new_page(width=1280, height=900)`` -> a page in a fresh context; closed after the test."""
    contexts: list[Any] = []
    errors: list[str] = []

    def make(width: int = 1280, height: int = 900, **options: Any) -> Any:
        context = chromium.new_context(viewport={"width": width, "height": height}, **options)
        context.set_default_timeout(10_000)
        context.route("**/*", _offline)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def page(new_page: Any) -> Any:
    return new_page()
