"""End to end: a tiny content folder in tmp_path, a strict MkDocs build, assertions on the HTML a
visitor gets."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sitekit import (
    PNG,
    Built,
    Elements,
    base_report,
    build_site,
    count_compiled,
    readable,
    report,
    write_config,
    write_content,
)

from m4c_build.site.paging import PAGE_SIZE

TRICKY_TITLE = 'Québec : l\'hiver <b>&amp;</b> "les remparts" & <script>x</script>'
DRAFT_WORD = "zorglubdraft"
CONTACT_EMAIL = "secret.contact@city.example"

QUEBEC = base_report(
    title=TRICKY_TITLE,
    summary="Rendre les remparts accessibles en hiver.",
    city="quebec",
    date="2024-02-06",
    end_date="2024-02-08",
    language="fr",
    themes=["tourism", "participation"],
    heritage_topics=["fortifications"],
    issue="Les remparts sont fermés l'hiver & les habitants <protestent>.",
    objectives=["Rouvrir le chemin de ronde", "Associer les riverains"],
    plan="Le plan de mise en valeur des fortifications 2020-2030.",
    expertise=["Ingénierie de la viabilité hivernale"],
    experts=[
        {"name": "Ana Ferreira", "role": "Architecte", "origin": "Évora, Portugal"},
        {"name": "Jean Tremblay", "role": "Ingénieur municipal", "international": False},
    ],
    actors=["Service des travaux publics", {"name": "Comité des riverains", "role": "Usagers"}],
    assistance={"summary": "Un atelier et une visite de terrain.", "formats": ["workshop", "site-visit"]},
    programme=[
        {"date": "2024-02-06", "time": "09:30", "activity": "Visite du chemin de ronde", "with": "Services"},
        {"date": "2024-02-07", "activity": "Atelier de conception"},
    ],
    photos=[{"file": "media/remparts.png", "alt": "Le chemin de ronde sous la neige",
             "caption": "Le chemin de ronde", "credit": "Ville de Québec"}],
    lessons=["Le déneigement se planifie avec les riverains : ils connaissent les passages.",
             "Un itinéraire d'hiver balisé vaut mieux qu'une fermeture."],
    solutions=["Baliser un itinéraire d'hiver"],
    difficulties=["Le budget de déneigement était déjà engagé"],
    follow_up=[
        {"action": "Tester le balisage", "owner": "Travaux publics", "due": "2025-12-01", "status": "in-progress"},
        {"action": "Publier le bilan", "owner": "Urbanisme", "due": "2025-06-01", "status": "done"},
        "Revoir le budget",
    ],
    contact={"name": "Marie Secret", "title": "Cheffe de projet", "email": CONTACT_EMAIL},
    example=True,
    body="## Déroulement\n\nUne mission de **trois jours** à Québec.\n",
)
EVORA = base_report(
    title="Évora: short-term rentals in the historic centre",
    city="evora", date="2023-05-10", language="en", themes=["tourism", "housing"],
    heritage_topics=["historic-urban-landscape"], type="exploratory",
    lessons=["Register every rental before regulating it."],
    contact={"name": "Rui Secret", "email": CONTACT_EMAIL},
)
CUENCA = base_report(
    title="Cuenca: participación ciudadana en el centro histórico",
    city="cuenca", date="2025-09-01", language="es", themes=["participation"],
    heritage_topics=["earthen-architecture"],
    lessons=["La participación empieza en el barrio."],
    assistance={"summary": "Una mesa redonda.", "formats": ["round-table"]},
)
DRAFT = base_report(
    title=f"Brouillon {DRAFT_WORD}", city="kazan", date="2025-01-10", status="draft",
    themes=["governance"], lessons=[f"Leçon {DRAFT_WORD}"],
    photos=[{"file": "media/draft-only.png", "alt": "draft"}],
    contact={"name": "Draft Secret", "email": "draft.secret@city.example"},
)

FILES: dict[str, str | bytes] = {
    "missions/2024/2024-quebec-hiver.md": report(**QUEBEC),
    "missions/2023/2023-evora-rentals.md": report(**EVORA),
    "missions/2025/2025-cuenca-participacion.md": report(**CUENCA),
    "missions/2025/2025-kazan-draft.md": report(**DRAFT),
    "media/remparts.png": PNG,
    "media/draft-only.png": PNG,
    "pages/how-to-apply.md": "# Comment demander une mission\n\nÉcrivez à {{ contact_name }} : {{ contact_email }}.\n",
    "pages/eligibility.md": "# Admissibilité\n\nToute ville membre.\n",
    "pages/programme.md": "# Le programme\n\nL'aperçu du programme.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("site")
    content = write_content(folder / "content", FILES)
    return build_site(write_config(folder, content))


def page(built: Built, url: str) -> Elements:
    return Elements(built.html(url))


def test_build_prints_what_it_published(built: Built) -> None:
    assert "INFO: published 3 missions, 3 themes, 3 cities; 1 drafts held back" in built.log
    assert not [line for line in built.log if line.startswith(("WARNING", "ERROR"))]


def test_mission_page_shows_every_section_in_order(built: Built) -> None:
    html = built.html("missions/2024-quebec-hiver")
    doc = Elements(html)
    assert doc.texts("h1") == [TRICKY_TITLE]
    assert doc.texts("p", class_="m4c-place") == ["Québec, Canada"]
    assert "6–8 février 2024" in doc.texts("time", datetime="2024-02-06")
    assert "3 jours" in doc.texts("dd")
    assert doc.texts("p", class_="m4c-kicker")[0] == "Assistance technique"
    theme_links = [a["href"] for _, a, _ in doc.find("a", class_="m4c-chip")][:3]
    assert theme_links == ["../../themes/tourism/", "../../themes/participation/", "../../topics/fortifications/"]
    headings = doc.texts("h2")
    # The lessons come right after the issue they answer, before people, programme and narrative.
    expected = ["Enjeu initial", "Leçons apprises", "Projet ou plan d'action global", "Experts",
                "Aide obtenue", "Programme de la mission", "Compte rendu", "Photos",
                "Pistes de solutions", "Ce qui n'a pas fonctionné", "Suivi"]
    assert headings[: len(expected)] == expected
    h3 = doc.texts("h3")
    assert {"Objectifs", "Expertise demandée", "Experts internationaux", "Experts locaux",
            "Acteurs impliqués"} <= set(h3)
    people = doc.texts("ul", class_="m4c-people")
    assert "Ana Ferreira — Architecte (Évora, Portugal)" in people[0]
    assert "Jean Tremblay — Ingénieur municipal" in people[1]
    assert "Comité des riverains — Usagers" in people[2]
    assert doc.texts("span", class_="m4c-chip--plain") == ["Atelier de travail", "Visite de terrain"]
    assert "6 février 2024, 09:30 Visite du chemin de ronde — Services" in doc.texts("ol", class_="m4c-programme")[0]
    assert "Une mission de trois jours à Québec." in doc.texts("section", id="narrative")[0]
    assert doc.find("strong") and "trois jours" in doc.texts("strong")


def test_report_content_carries_its_language(built: Built) -> None:
    doc = page(built, "missions/2023-evora-rentals")
    assert doc.find("html", lang="fr"), "the page keeps the interface language"
    assert doc.find("div", class_="m4c-report")[0][1]["lang"] == "en"
    assert doc.find("h1")[0][1]["lang"] == "en"


def test_photos_are_lazy_with_alt_caption_and_credit(built: Built) -> None:
    doc = page(built, "missions/2024-quebec-hiver")
    (_, img, _), = doc.find("img", alt="*", loading="lazy")
    assert img["alt"] == "Le chemin de ronde sous la neige"
    assert img["src"] == "../../media/remparts.png"
    assert (built.site / "media" / "remparts.png").read_bytes() == PNG
    figure = doc.texts("figcaption")[0]
    assert figure == "Le chemin de ronde Crédit : Ville de Québec"
    assert doc.find("a", class_="m4c-lightbox")


def test_lessons_are_highlighted_and_follow_up_is_a_checklist(built: Built) -> None:
    doc = page(built, "missions/2024-quebec-hiver")
    lessons = doc.find("section", class_="m4c-lessons")
    assert "Le déneigement se planifie avec les riverains" in lessons[0][2]
    items = doc.find("li", class_="m4c-check")
    texts = [text for _, _, text in items]
    assert texts[0].startswith("☐ Tester le balisage État : en cours Responsable : Travaux publics "
                               "Échéance : 1 décembre 2025")
    assert "en retard" in texts[0], "due 2025-12-01, not done, build day 2026-01-15: overdue"
    assert "m4c-check--overdue" in items[0][1]["class"]
    assert texts[1].startswith("☑ Publier le bilan") and "en retard" not in texts[1]
    assert texts[2] == "☐ Revoir le budget"


def test_mission_links_to_missions_of_the_same_city_and_themes(built: Built) -> None:
    doc = page(built, "missions/2024-quebec-hiver")
    related = doc.find("aside", class_="m4c-related")[0][2]
    assert "Missions sur les mêmes thèmes" in related
    assert "Évora: short-term rentals" in related and "Cuenca: participación" in related


def test_example_reports_have_a_banner(built: Built) -> None:
    assert page(built, "missions/2024-quebec-hiver").find("p", class_="m4c-banner")
    assert not page(built, "missions/2023-evora-rentals").find("p", class_="m4c-banner")


def test_theme_page_lists_missions_and_the_lessons_digest(built: Built) -> None:
    doc = page(built, "themes/tourism")
    assert doc.texts("h1") == ["Tourisme"]
    cards = [a["href"] for _, a, _ in doc.find("a") if a.get("href", "").startswith("../../missions/2")
             and "#" not in a["href"]]
    assert cards[:2] == ["../../missions/2024-quebec-hiver/", "../../missions/2023-evora-rentals/"], "newest first"
    digest = " ".join(text for _, _, text in doc.find("ul", class_="m4c-digest__list"))
    for lesson in QUEBEC["lessons"] + EVORA["lessons"]:  # type: ignore[operator]
        assert lesson in digest
    sources = doc.texts("p", class_="m4c-digest__source")
    assert sources[0].startswith(TRICKY_TITLE + ", Québec (2024)")
    links = [a["href"] for _, a, _ in doc.find("a") if "#lesson-" in (a.get("href") or "")]
    lessons = len(QUEBEC["lessons"])  # type: ignore[arg-type]
    assert [f"../../missions/2024-quebec-hiver/#lesson-{n}" for n in range(1, lessons + 1)] == links[:lessons], \
        "each quoted lesson links to its own address"
    mission = page(built, "missions/2024-quebec-hiver")
    for n, lesson in enumerate(QUEBEC["lessons"], 1):  # type: ignore[arg-type]
        assert mission.texts("li", id=f"lesson-{n}") == [lesson]


def test_grouping_pages(built: Built) -> None:
    city = page(built, "cities/quebec")
    assert city.texts("h1") == ["Québec"]
    facts = " ".join(city.texts("dl", class_="m4c-facts"))
    assert "Canada" in facts and "Amérique du Nord" in facts and "46.8" in facts
    assert [t for t in page(built, "regions/latin-america-caribbean").texts("h3")] == [CUENCA["title"]]
    assert page(built, "topics/fortifications").texts("h3") == [TRICKY_TITLE]
    assert page(built, "years/2023").texts("h3", class_="m4c-card__title") == [EVORA["title"]]  # after its review
    themes_index = page(built, "themes").texts("li")
    assert any(text.startswith("Tourisme 2 missions") for text in themes_index)
    assert any(text.startswith("Mobilité aucune mission") for text in themes_index)


def test_catalogue_lists_every_published_mission(built: Built) -> None:
    doc = page(built, "missions")
    assert sorted(doc.texts("h3")) == sorted([TRICKY_TITLE, EVORA["title"], CUENCA["title"]])


def test_home_has_latest_counts_coverage_map_and_programme(built: Built) -> None:
    html = built.html("")
    doc = Elements(html)
    assert doc.texts("h3")[:3] == [CUENCA["title"], TRICKY_TITLE, EVORA["title"]]
    assert doc.texts("ul", class_="m4c-stats")[0].startswith("3 missions 3 villes 3 pays")
    rows = {row.split(" ")[0]: row for row in doc.texts("tr")}
    assert rows  # the coverage table exists
    cells = doc.find("td", class_="m4c-hit")
    assert len(cells) == 5  # quebec: tourism+participation, evora: tourism+housing, cuenca: participation
    assert [a["href"] for _, a, _ in doc.find("a") if a.get("href", "").startswith("cities/")][:3]
    city_list = doc.texts("ul", id="m4c-map-list")[0]
    assert "Québec" in city_list and "Évora" in city_list and "Kazan" not in city_list
    assert "Comment demander une mission" in doc.texts("a")


def test_contact_tokens_are_filled_in_programme_pages(built: Built) -> None:
    text = " ".join(page(built, "how-to-apply").texts("article"))
    assert "Responsable du programme : programme@example.org" in text
    links = page(built, "how-to-apply").find("a", href="mailto:programme@example.org")
    assert [text for _, _, text in links] == ["programme@example.org"], "the address is a link"


def test_home_title_is_the_site_name_once_and_other_pages_add_it(built: Built) -> None:
    home = Elements(built.html(""))
    site_name = home.texts("h1")[0]  # the home page's title is the (interface's) site name
    assert home.texts("title")[0] == site_name
    assert page(built, "missions").texts("title")[0] == f"Missions - {site_name}"
    assert page(built, "programme").texts("title")[0] == f"Le programme - {site_name}"


def test_programme_section_opens_on_the_overview(built: Built) -> None:
    html = built.html("")
    nav = html[:html.index('<div class="md-content"')]
    pages = re.findall(r'href="((?:programme|eligibility|how-to-apply)/)"', nav)
    assert list(dict.fromkeys(pages)) == ["programme/", "eligibility/", "how-to-apply/"]


def test_coverage_table_has_themes_down_and_regions_across(built: Built) -> None:
    doc = Elements(built.html(""))
    head = doc.texts("thead")[0]
    assert head.startswith("Thème Afrique et Moyen-Orient") and head.endswith("Total")
    regions = [a["href"] for _, a, _ in doc.find("a") if (a.get("href") or "").startswith("regions/")]
    row_heads = [text for _, a, text in doc.find("th", scope="row")]
    assert len(row_heads) == 12 + 1, "a row per theme of the vocabulary, then the totals"
    assert row_heads[-1] == "Total"
    tourism = next(text for text in doc.texts("tr") if text.startswith("Tourisme"))
    assert tourism.split() == ["Tourisme", "1", "1", "2"], "Évora (Europe du Sud), Québec, total 2"
    totals = doc.texts("tfoot")[0].split()
    assert totals == ["Total", "0", "1", "1", "0", "0", "0", "0", "1", "3"], "missions per region"
    assert len(regions) >= 8


def test_frontmatter_text_is_escaped(built: Built) -> None:
    html = built.html("missions/2024-quebec-hiver")
    assert "<script>x</script>" not in html
    assert "<b>&amp;amp;</b>" not in html
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in html
    assert "&lt;protestent&gt;" in html
    for path in built.site.rglob("*.html"):
        assert "<script>x</script>" not in path.read_text(encoding="utf-8"), path


def test_drafts_and_contacts_appear_in_no_output_file(built: Built) -> None:
    assert not (built.site / "missions" / "2025-kazan-draft").exists()
    assert not (built.site / "media" / "draft-only.png").exists(), "a draft's photo stays private"
    leaks = []
    for path in built.files():
        data = readable(path)
        for secret in (DRAFT_WORD, "kazan-draft", CONTACT_EMAIL, "draft.secret@", "Marie Secret", "Rui Secret"):
            if secret.encode() in data:
                leaks.append((path.relative_to(built.site), secret))
    assert leaks == []
    assert list((built.site / "pagefind").rglob("*.pf_fragment")), "the search index was checked too"


def _internal_targets(built: Built) -> list[tuple[Path, str, Path]]:
    targets = []
    for path in built.site.rglob("*.html"):
        if path.name == "404.html":  # served at any depth, so its links are absolute by design
            continue
        doc = Elements(path.read_text(encoding="utf-8"))
        for _, attrs, _ in doc.items:
            for name in ("href", "src"):
                link = attrs.get(name)
                if not link or link.startswith(("#", "mailto:", "data:", "javascript:")):
                    continue
                parts = urlsplit(link)
                if parts.scheme or parts.netloc:
                    continue
                target = (path.parent / unquote(parts.path)).resolve()
                targets.append((path, link, target))
    return targets


def test_no_broken_internal_link(built: Built) -> None:
    broken = []
    for source, link, target in _internal_targets(built):
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append((str(source.relative_to(built.site)), link))
    assert broken == []


def test_sitemap_lists_missions_not_drafts(built: Built) -> None:
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "missions/2024-quebec-hiver/" in sitemap
    assert "kazan-draft" not in sitemap


def test_navigation_does_not_list_missions(built: Built) -> None:
    html = built.html("missions/2024-quebec-hiver")
    nav = html[:html.index('<div class="md-content"')]  # header, tabs and the navigation drawer
    assert "2023-evora-rentals" not in nav
    assert len(re.findall(r'class="md-nav__link', nav)) < 20, "the navigation lists sections only"


def test_a_content_error_refuses_to_publish(tmp_path: Path) -> None:
    broken = dict(FILES)
    broken["missions/2024/2024-quebec-hiver.md"] = report(**{**QUEBEC, "themes": ["turism"]})
    content = write_content(tmp_path / "content", broken)
    config = write_config(tmp_path, content, search=False)
    built = build_site(config, may_fail=True)
    assert built.failed
    errors = [line for line in built.log if line.startswith("ERROR")]
    assert errors[0].endswith("2024-quebec-hiver.md:6:3: error: unknown theme 'turism': did you mean "
                              "'tourism'? (known theme keys are listed in 'themes' of vocabulary.yml)")
    assert "refusing to publish: 1 error(s)" in errors[1]
    assert not (tmp_path / "site").exists(), "nothing was written"


def test_interface_language_is_a_parameter(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", FILES)
    built = build_site(write_config(tmp_path, content, language="en", search=False))
    doc = page(built, "missions/2024-quebec-hiver")
    assert doc.find("html", lang="en")
    assert "Lessons learned" in doc.texts("h2") and "Follow-up" in doc.texts("h2")
    assert page(built, "themes/tourism").texts("h1") == ["Tourism"]


def test_a_second_build_in_one_process_compiles_no_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Material's templates and m4c's blocks over them, and m4c's page templates, are compiled
    once per process: a preview's rebuild, or the second language a several-language build's
    process builds, renders the same site without compiling any of them again."""
    content = write_content(tmp_path / "content", FILES)
    first = build_site(write_config(tmp_path, content, search=False, site_dir=tmp_path / "first"))
    compiled = count_compiled(monkeypatch)
    second = build_site(write_config(tmp_path, content, search=False, site_dir=tmp_path / "second"))
    assert compiled == []
    url = "missions/2024-quebec-hiver"
    assert second.html(url) == first.html(url) and page(second, url).texts("h1") == [TRICKY_TITLE]


def _many(n: int) -> dict[str, str | bytes]:
    cities = ["quebec", "evora", "cuenca", "tunis", "kazan", "bergen"]
    files: dict[str, str | bytes] = {}
    for i in range(n):
        fields = base_report(title=f"Mission {i:03d}", city=cities[i % len(cities)],
                             date=f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}",
                             themes=["tourism", "housing"][: 1 + i % 2])
        files[f"missions/m-{i:03d}.md"] = report(**fields)
    return files


def test_page_weight_stays_flat_as_reports_grow(tmp_path: Path) -> None:
    sizes = {}
    for n in (60, 180):  # both past the point where the related lists are full
        content = write_content(tmp_path / f"c{n}", _many(n))
        built = build_site(write_config(tmp_path / f"c{n}", content, search=False))
        sizes[n] = len(built.html("missions/m-005").encode())
    assert abs(sizes[180] - sizes[60]) < 0.02 * sizes[60], sizes


def test_a_long_group_continues_on_linked_pages(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", _many(PAGE_SIZE + 20))  # every one on tourism
    built = build_site(write_config(tmp_path, content, search=False))
    first, second = page(built, "themes/tourism"), page(built, "themes/tourism/page/2")
    listed = [re.findall(r"Mission \d{3}", " ".join(doc.texts("h3", class_="m4c-card__title") +
                                                   doc.texts("ul", class_="m4c-compact")))
              for doc in (first, second)]
    assert [len(names) for names in listed] == [PAGE_SIZE, 20]
    assert sorted(listed[0] + listed[1]) == [f"Mission {i:03d}" for i in range(PAGE_SIZE + 20)], "each once"
    assert [a["href"] for _, a, _ in first.find("a", rel="next")] == ["../../themes/tourism/page/2/"]
    assert [a["href"] for _, a, _ in second.find("a", rel="prev")] == ["../../../../themes/tourism/"]
    assert not first.find("a", rel="prev") and not second.find("a", rel="next")
    site_name = Elements(built.html("")).texts("h1")[0]
    assert second.texts("title")[0] == f"Tourisme — page 2 sur 2 - {site_name}"
    assert first.texts("title")[0] == f"Tourisme - {site_name}"
    assert "themes/tourism/page/2/" in (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert not (built.site / "themes/housing/page/2").exists(), "30 missions fit on one page"
    broken = [link for source, link, target in _internal_targets(built)
              if "/page/" in source.as_posix() and not (target / "index.html" if target.is_dir() else target).is_file()]
    assert broken == []


def test_field_reference_for_authors_is_published(built: Built) -> None:
    import dataclasses

    from m4c_build.schema.classes import Report

    doc = page(built, "reference/report")
    code = set(doc.texts("code"))
    missing = [f.name for f in dataclasses.fields(Report) if f.name not in code]
    assert missing == []


def test_content_warnings_do_not_fail_a_strict_build(tmp_path: Path) -> None:
    """The build refuses exactly when `m4c validate` does: on errors, not on warnings."""
    files = dict(FILES)
    files["missions/2025/2025-kazan-draft.md"] = report(**{**DRAFT, "lessons": ["TODO: les leçons"]})
    files["missions/2023/2023-evora-rentals.md"] = report(**{**EVORA, "end_date": "2023-05-14"})
    content = write_content(tmp_path / "content", files)
    built = build_site(write_config(tmp_path, content, search=False))
    assert not built.failed
    assert any(line.startswith("INFO: ") and line.endswith("warning: lessons item 1 is still to fill "
                                                           "(replace the TODO text before publishing)")
               for line in built.log)
    assert any(line.startswith("INFO: ") and "warning: the mission lasts 5 days" in line for line in built.log)
    assert (built.site / "missions" / "2023-evora-rentals" / "index.html").is_file()


def test_field_reference_has_a_table_of_contents(built: Built) -> None:
    toc = page(built, "reference/report").find("nav", class_="md-nav--secondary")
    assert toc and "title" in toc[0][2] and "experts.name" in toc[0][2]


def _m4c_head_and_search(doc: Elements) -> None:
    """What m4c's Material overrides put on a mission page: feeds, previews, search, scripts."""
    assert doc.find("link", rel="alternate", href="../../feeds/missions.xml")
    assert doc.find("meta", property="og:title") and doc.find("meta", property="og:image")
    assert doc.find("script", type="application/ld+json")
    form = doc.find("form", class_="m4c-hsearch", role="search", action="../")
    assert form and form[0][1]["method"] == "get"
    assert doc.find("label", for_="m4c-hsearch-q") and doc.find("input", id="m4c-hsearch-q", name="q")
    scripts = {attrs["src"] for _, attrs, _ in doc.find("script", src="*")}
    assert {"../../assets/m4c/m4c-search.js", "../../assets/m4c/m4c-lightbox.js"} <= scripts


def test_the_plugin_alone_gives_a_complete_site(tmp_path: Path) -> None:
    """No custom_dir: the m4c plugin and the material theme are enough."""
    content = write_content(tmp_path / "content", FILES)
    built = build_site(write_config(tmp_path, content, search=False, theme_dir=None))
    assert "custom_dir" not in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    _m4c_head_and_search(page(built, "missions/2024-quebec-hiver"))


def test_a_project_theme_overrides_and_extends_m4c(tmp_path: Path) -> None:
    """A project's theme/ comes before m4c's overrides, and can extend them with super()."""
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.html").write_text(
        '{% extends "m4c/base.html" %}\n'
        '{% block extrahead %}{{ super() }}<meta name="project" content="ovpm">{% endblock %}\n',
        encoding="utf-8")
    content = write_content(tmp_path / "content", FILES)
    built = build_site(write_config(tmp_path, content, search=False, theme_dir=theme))
    doc = page(built, "missions/2024-quebec-hiver")
    assert doc.find("meta", name="project", content="ovpm")
    _m4c_head_and_search(doc)


def test_the_contact_name_may_be_given_per_language(tmp_path: Path) -> None:
    root = write_content(tmp_path / "content", {
        "missions/a.md": report(**base_report()),
        "pages/how-to-apply.md": "# Comment demander\n\nÉcrivez à {{ contact_name }}.\n",
        "pages/how-to-apply.en.md": "# How to apply\n\nWrite to {{ contact_name }}.\n",
        "pages/how-to-apply.es.md": "# Cómo solicitar\n\nEscriba a {{ contact_name }}.\n",
    })
    names = "{fr: Responsable du programme, en: Programme manager}"
    built = build_site(write_config(tmp_path, root, language="en", search=False, contact_name=names))
    assert "Write to Programme manager." in built.html("how-to-apply")
    built = build_site(write_config(tmp_path, root, language="es", search=False, contact_name=names))
    assert "Escriba a Responsable du programme." in built.html("how-to-apply"), "a missing language uses the first"


def test_search_index_holds_every_page_written_for_it(built: Built) -> None:
    """Pagefind reads only the pages m4c names (a glob); the index still has each page written
    with a part to index (missions and programme pages), and no other."""
    import json

    marked = [p for p in built.site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert any("missions" in p.parts for p in marked) and any("missions" not in p.parts for p in marked)
    entry = json.loads((built.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert [lang["page_count"] for lang in entry["languages"].values()] == [len(marked)]


def test_search_glob_names_the_pages_and_mission_folder() -> None:
    from m4c_build.adapters.pagefind import MAX_GLOB, glob_of

    assert (glob_of(["about/index.html"], patterns=["missions/*/index.html"])
            == "{about/index.html,missions/*/index.html}")
    assert glob_of([]) is None, "nothing named: every page"
    assert glob_of(["a{b}/index.html"]) is None, "a name Pagefind would read as a pattern"
    assert glob_of([f"p{i:06}/index.html" for i in range(MAX_GLOB // 10)]) is None, "too long for a command line"


def test_a_narrative_cannot_take_the_address_of_a_section_or_a_record(tmp_path: Path) -> None:
    """Headings 'Results', 'Lessons', 'Lesson 2' and an explicit id in a narrative keep their
    text; the page's own sections and records keep their addresses, each id once."""
    body = "## Results\n\nA.\n\n## Lessons\n\nB.\n\n## Lesson 2\n\nC.\n\n## Solution 1 {: #solution-1 }\n\nD.\n"
    files = {"missions/2024/2024-quebec-ids.md": report(**base_report(
        lessons=["One.", "Two."], solutions=["Sol."], results=["Done."]), body=body)}
    built = build_site(write_config(tmp_path, write_content(tmp_path / "content", files), search=False))
    doc = page(built, "missions/2024-quebec-ids")
    ids = [attrs["id"] for _, attrs, _ in doc.find() if attrs.get("id")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert doc.texts("li", id="lesson-2") == ["Two."] and doc.texts("li", id="solution-1") == ["Sol."]
    assert doc.find("section", id="results") and doc.find("h3", id="results-text")
    assert doc.find("h3", id="lesson-2-text") and doc.find("h3", id="solution-1-text")
