"""The follow-up board (follow-up/), `m4c followup` and the on-time share, on a corpus whose
follow-up is known: the test computes every action's state, the board's order, the counts and the
share itself, from the corpus as written here, and the site, the command and the model must agree
with it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import CliResult
from sitekit import Built, Elements, base_report, build_site, report, write_config, write_content

from m4c_build.adapters import cli
from m4c_build.followup import actions, on_time
from m4c_build.site.followup import FACETS, HIDDEN_FACETS
from m4c_build.validate.content import validate_content

TODAY = dt.date(2026, 1, 15)
"""write_config's ``today``: the day the site's states are computed for."""
PAGE_SIZE = 2
"""8 actions a board page (4 x page_size): the corpus's 17 actions on 3 pages."""

# (mission slug, city, mission date) -> its follow-up, as the report writes it.
MISSIONS: dict[tuple[str, str, str], list[dict[str, Any]]] = {
    ("2024-quebec-remparts", "quebec", "2024-03-12"): [
        {"action": "Baliser les remparts", "owner": "Travaux publics", "due": "2025-06-30", "status": "planned"},
        {"action": "Publier le guide d'hiver", "owner": "Office du tourisme", "due": "2026-03-01",
         "status": "in-progress"},
        {"action": "Former les guides", "owner": "Office du tourisme", "due": "2024-09-30", "status": "done",
         "done": "2024-09-15"},
    ],
    ("2023-evora-alojamento", "evora", "2023-05-02"): [
        {"action": "Ouvrir l'observatoire", "owner": "Université d'Évora", "due": "2024-03-31", "status": "done",
         "done": "2024-06-01"},
        {"action": "Réviser le règlement", "due": "2025-12-31"},
        {"action": "Consulter les habitants"},
    ],
    ("2025-cuenca-bahareque", "cuenca", "2025-02-10"): [
        {"action": "Publicar el catálogo", "owner": "Dirección de Áreas Históricas", "due": "2026-01-15",
         "status": "planned"},
        {"action": "Organizar dos mingas", "owner": "Asociación de maestros", "status": "done"},
        {"action": "Abrir la ventanilla", "owner": "Municipio", "due": "2025-10-01", "status": "done",
         "done": "2025-10-01"},
        {"action": "Medir las humedades", "status": "in-progress"},
    ],
    ("2024-bergen-bryggen", "bergen", "2024-11-04"): [
        {"action": "Pilot water mist", "owner": "Wharf foundation", "due": "2025-10-31", "status": "in-progress"},
        {"action": "Fire chapter in the plan", "owner": "City of Bergen", "due": "2025-03-31", "status": "done",
         "done": "2025-05-02"},
        {"action": "Train the volunteers", "owner": "Fire brigade", "due": "2027-01-01", "status": "done",
         "done": "2025-12-01"},
    ],
    ("2022-krakow-heritage", "krakow", "2022-06-20"): [
        {"action": "Monthly pre-consultation desk", "owner": "Regional conservator", "status": "done",
         "done": "2023-01-10"},
        {"action": "Heritage impact checklist", "owner": "City planning office", "due": "2027-06-30"},
        {"action": "Yearly review", "owner": "City planning office"},
        {"action": "Share the method", "owner": "Regional conservator", "due": "2022-12-31", "status": "done"},
    ],
}
DRAFT = ("2025-quebec-brouillon", "quebec", "2025-04-01")
"""A draft whose overdue action is never listed."""

ORDER = ("overdue", "open", "undated", "done")
LABELS = {"overdue": "En retard", "open": "En cours", "undated": "Sans échéance", "done": "Faites"}


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def expected(today: dt.date = TODAY) -> list[dict[str, Any]]:
    """Every published action with its state on ``today``, in the board's order, computed here:
    overdue (not done, due before today) by due date, open by due date, undated, then done with
    the day it was done the latest first (without one last); ties by slug and place."""
    rows = []
    for (slug, city, _), items in MISSIONS.items():
        for number, item in enumerate(items, 1):
            due, done = _day(item.get("due")), _day(item.get("done"))
            if item.get("status") == "done":
                state = "done"
            elif due is None:
                state = "undated"
            else:
                state = "overdue" if due < today else "open"
            rows.append({"id": f"{slug}#follow-up-{number}", "action": item["action"], "state": state,
                         "city": city, "due": due, "done": done, "mission": slug, "number": number})

    def key(row: dict[str, Any]) -> tuple[int, int, str, int]:
        if row["state"] in ("overdue", "open"):
            day = row["due"].toordinal()
        elif row["state"] == "done":
            day = -row["done"].toordinal() if row["done"] else 0
        else:
            day = 0
        return ORDER.index(row["state"]), day, row["mission"], row["number"]

    return sorted(rows, key=key)


def expected_share(today: dt.date = TODAY) -> tuple[int, int, int]:
    """(on time, late, overdue): done with done <= due, done with done > due, and overdue."""
    rows = expected(today)
    on = sum(1 for r in rows if r["state"] == "done" and r["due"] and r["done"] and r["done"] <= r["due"])
    late = sum(1 for r in rows if r["state"] == "done" and r["due"] and r["done"] and r["done"] > r["due"])
    return on, late, sum(1 for r in rows if r["state"] == "overdue")


def write_corpus(root: Path) -> Path:
    files: dict[str, str | bytes] = {}
    for (slug, city, date), items in MISSIONS.items():
        files[f"missions/{slug}.md"] = report(**base_report(title=f"Mission {slug}", city=city, date=date,
                                                            follow_up=items))
    slug, city, date = DRAFT
    files[f"missions/{slug}.md"] = report(**base_report(
        title="Brouillon", city=city, date=date, status="draft",
        follow_up=[{"action": "Action du brouillon", "due": "2025-05-01"}]))
    return write_content(root, files)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Path]:
    folder = tmp_path_factory.mktemp("followup")
    content = write_corpus(folder / "content")
    return build_site(write_config(folder, content, search=True, today=TODAY.isoformat(), page_size=PAGE_SIZE)), content


def board_pages(built: Built) -> list[str]:
    """The board's pages in order: follow-up/, then follow-up/page/2/..."""
    return built.numbered_pages("follow-up")


def test_the_corpus_has_every_case() -> None:
    """Overdue, open, without a date, done on time, done late, done without its day: the
    expectations below are about something."""
    rows = expected()
    states = [r["state"] for r in rows]
    assert {s: states.count(s) for s in ORDER} == {"overdue": 3, "open": 3, "undated": 3, "done": 8}
    assert expected_share() == (3, 2, 3)
    assert next(r["action"] for r in expected() if r["state"] == "open") == "Publicar el catálogo", "due today: open"


def test_the_board_lists_every_published_action_once_in_order(corpus: tuple[Built, Path]) -> None:
    built, _ = corpus
    pages = board_pages(built)
    assert len(pages) == 3
    rows = [(Elements(page).texts("p", class_="m4c-record__text"), page) for page in pages]
    shown = [text for texts, _ in rows for text in texts]
    assert shown == [r["action"] for r in expected()]
    assert "Action du brouillon" not in "".join(pages)
    states = [label for page in pages for label in Elements(page).texts("span", class_="m4c-state")]
    assert states == [LABELS[r["state"]] for r in expected()]


def test_the_board_counts_each_state_at_the_top_of_every_page(corpus: tuple[Built, Path]) -> None:
    built, _ = corpus
    states = [r["state"] for r in expected()]
    for page in board_pages(built):
        counts = Elements(page).texts("li", class_="m4c-board__count")
        assert counts == [f"{states.count(s)} {LABELS[s]}" for s in ORDER]
        assert "15 janvier 2026" in Elements(page).texts("h2", id="m4c-board-counts")[0]


def test_each_row_links_to_its_action_on_its_mission_page(corpus: tuple[Built, Path]) -> None:
    built, _ = corpus
    links = re.findall(r'<p class="m4c-record__source"><a href="\.\./([^"]+)"', built.html("follow-up"))
    assert [link.replace("missions/", "").replace("/#", "#") for link in links] == [r["id"] for r in expected()[:8]]
    for link in links:
        page, anchor = link.split("#")
        assert anchor in {attrs.get("id") for _, attrs, _ in Elements(built.html(page)).find("li")}


def test_a_mission_page_links_to_the_board_filtered_to_it(corpus: tuple[Built, Path]) -> None:
    built, _ = corpus
    page = built.html("missions/2023-evora-alojamento")
    assert 'href="../../follow-up/?mission=2023-evora-alojamento"' in page
    assert "Faite : 1 juin 2024" in " ".join(Elements(page).texts("li", class_="m4c-check"))


def test_the_board_is_in_the_navigation_and_its_script_s_data_has_every_action(corpus: tuple[Built, Path]) -> None:
    built, _ = corpus
    assert 'href="follow-up/"' in built.html("")
    page = built.html("follow-up")
    (box,) = [attrs for _, attrs, _ in Elements(page).find("div", id="m4c-search")]
    assert (box["data-data"], box["data-root"], box["data-params"]) == ("../follow-up/actions.json", "../", "mission")
    assert "m4c-board.js" in page and "m4c-catalogue.js" not in page
    data = json.loads((built.site / "follow-up" / "actions.json").read_text(encoding="utf-8"))
    rows = [(data["missions"][a[0]][0], a[1], a[2], a[3], a[4], a[5]) for a in data["actions"]]
    assert rows == [(r["mission"], r["number"], r["action"], r["state"], _iso(r["due"]), _iso(r["done"]))
                    for r in expected()]
    assert data["dates"]["2024-06-01"] == "1 juin 2024" and data["states"]["undated"] == "Sans échéance"
    assert "Action du brouillon" not in json.dumps(data, ensure_ascii=False)


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def test_the_open_data_rows_are_the_board_s_with_the_facets_keys(corpus: tuple[Built, Path]) -> None:
    """followup.json follows its JSON Schema, lists the board's rows, and each carries the keys
    the board's facets filter on (its script's data), under the facets' names, with the same values."""
    built, _ = corpus
    data = json.loads((built.site / "data" / "followup.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((built.site / "data" / "followup.schema.json").read_text(encoding="utf-8")))
    assert data["today"] == TODAY.isoformat()
    rows = data["followup"]
    assert [(r["id"], r["state"]) for r in rows] == [(r["id"], r["state"]) for r in expected()]
    board = json.loads((built.site / "follow-up" / "actions.json").read_text(encoding="utf-8"))
    for row, action in zip(rows, board["actions"], strict=True):
        assert {*FACETS, *HIDDEN_FACETS} <= set(row)
        slug, url, _, _, city, region, year, _ = board["missions"][action[0]]
        assert (row["mission"], row["city"], row["region"], row["year"], row["state"], row["owner"] or "") == (
            slug, city, region, year, action[3], action[6]), "the keys the board's facets filter on"
        assert row["url"] == f"https://example.org/m4c/{url}#follow-up-{action[1]}"
    table = list(csv.DictReader(io.StringIO((built.site / "data" / "followup.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["id"], r["state"], r["due"], r["done"]) for r in table] == [
        (r["id"], r["state"], r["due"].isoformat() if r["due"] else "", r["done"].isoformat() if r["done"] else "")
        for r in expected()]


def test_the_on_time_share_is_done_on_time_over_done_with_dates_and_overdue(corpus: tuple[Built, Path]) -> None:
    _, content = corpus
    validation = validate_content(content)
    assert validation.content is not None
    found = on_time(actions(validation.content, TODAY))
    on, late, overdue = expected_share()
    assert (found.on_time, found.late, found.overdue) == (on, late, overdue)
    assert found.share == pytest.approx(on / (on + late + overdue))
    assert on_time([]).share is None


def followup(run_cli: Any, *args: str) -> CliResult:
    result: CliResult = run_cli("followup", *args)
    return result


def test_the_command_s_json_is_the_board_s_list(corpus: tuple[Built, Path], run_cli: Any) -> None:
    _, content = corpus
    result = followup(run_cli, str(content), "--format", "json", "--today", TODAY.isoformat(), "--lang", "fr")
    assert (result.code, result.err) == (0, "")
    data = json.loads(result.out)
    assert [(r["id"], r["state"], r["action"]) for r in data["followup"]] == [
        (r["id"], r["state"], r["action"]) for r in expected()]
    quebec = followup(run_cli, str(content), "--format", "json", "--today", TODAY.isoformat(), "--city", "quebec")
    assert [r["id"] for r in json.loads(quebec.out)["followup"]] == [
        r["id"] for r in expected() if r["city"] == "quebec"]


def test_overdue_exits_3_exactly_when_an_action_is_overdue(corpus: tuple[Built, Path], run_cli: Any) -> None:
    _, content = corpus
    late = followup(run_cli, str(content), "--overdue", "--format", "json", "--today", TODAY.isoformat())
    assert late.code == cli.OVERDUE_EXIT == 3
    overdue = [r["id"] for r in expected() if r["state"] == "overdue"]
    assert [r["id"] for r in json.loads(late.out)["followup"]] == overdue
    # The first due date of an action not done: nothing is overdue yet on that day.
    early = dt.date(2025, 6, 30)
    assert not [r for r in expected(early) if r["state"] == "overdue"]
    assert followup(run_cli, str(content), "--overdue", "--today", early.isoformat()).code == 0
    # The day after it: that action, exactly.
    first = dt.date(2025, 7, 1)
    assert [r["action"] for r in expected(first) if r["state"] == "overdue"] == ["Baliser les remparts"]
    assert followup(run_cli, str(content), "--overdue", "--today", first.isoformat()).code == 3
    # A city whose actions are all on time; and without --overdue, 0 whatever is late.
    assert not [r for r in expected() if r["state"] == "overdue" and r["city"] == "krakow"]
    assert followup(run_cli, str(content), "--overdue", "--city", "krakow", "--today", TODAY.isoformat()).code == 0
    assert followup(run_cli, str(content), "--today", TODAY.isoformat()).code == 0


def test_the_text_list_speaks_the_language_and_names_the_report(corpus: tuple[Built, Path], run_cli: Any) -> None:
    _, content = corpus
    result = followup(run_cli, str(content), "--overdue", "--today", TODAY.isoformat(), "--lang", "es")
    lines = result.out.splitlines()
    assert lines[0] == ("Estado del seguimiento al 15 de enero de 2026: "
                        "3 Atrasadas, 3 Abiertas, 3 Sin fecha límite, 8 Hechas")
    assert lines[2] == "Atrasadas (3)"
    assert lines[3] == "  - Baliser les remparts · Plazo: 2025-06-30 · Responsable: Travaux publics"
    firsts = [line.removeprefix("  - ").split(" · ")[0] for line in lines if line.startswith("  - ")]
    assert firsts == [r["action"] for r in expected() if r["state"] == "overdue"]
    assert "    Québec · Mission 2024-quebec-remparts (missions/2024-quebec-remparts.md)" in lines


def test_markdown_escapes_what_content_writes(tmp_path: Path, run_cli: Any) -> None:
    """A job summary is Markdown rendered by GitHub: an action cannot become a link, an image, HTML
    or a column of the table."""
    content = write_content(tmp_path / "content", {"missions/2024-quebec-x.md": report(**base_report(
        follow_up=[{"action": "<img src=x onerror=alert(1)> [click](https://evil.example) | `x` **b**",
                    "owner": "a|b", "due": "2024-01-01"}]))})
    result = followup(run_cli, str(content), "--overdue", "--format", "markdown", "--today", TODAY.isoformat())
    assert result.code == 3
    (row,) = [line for line in result.out.splitlines() if "img" in line]
    assert row.count(" | ") == 5, "six cells: the action's '|' stays in its cell"
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in row and "\\[click\\]\\(https\\://evil.example\\)" in row
    assert "\\`x\\` \\*\\*b\\*\\*" in row and "a\\|b" in row


def test_content_that_does_not_validate_gets_the_validator_s_problems(tmp_path: Path, run_cli: Any) -> None:
    content = write_content(tmp_path / "content", {"missions/2024-quebec-x.md": report(**base_report(
        follow_up=[{"action": "Fait", "status": "planned", "done": "2024-05-01"}]))})
    result = followup(run_cli, str(content))
    assert result.code == 1 and result.out == ""
    assert "missions/2024-quebec-x.md:" in result.err and "'done' of follow_up 1" in result.err
    assert followup(run_cli, str(tmp_path / "nowhere")).code == 2
    assert followup(run_cli, str(content), "--today", "2024-13-01").code == 2


def test_an_unknown_city_is_a_usage_error(corpus: tuple[Built, Path], run_cli: Any) -> None:
    _, content = corpus
    result = followup(run_cli, str(content), "--city", "quebek")
    assert result.code == 2 and "quebek" in result.err and result.out == ""
