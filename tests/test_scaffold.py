"""`m4c new`: every schema field in schema order, commented in the chosen language; the file
validates with only its placeholders flagged; flags, questions, refusals and exit codes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CliResult
from hypothesis import given
from hypothesis import strategies as st

from m4c_build.authoring import prompts as scaffold
from m4c_build.authoring import template
from m4c_build.i18n.fielddocs import field_docs
from m4c_build.schema.classes import LANGUAGES, Report
from m4c_build.schema.walk import fields, yaml_name
from m4c_build.validate.binding import TODO

Make = Callable[..., Path]
Run = Callable[..., CliResult]

FLAGS = ("--city", "quebec", "--date", "2024-03-12",
         "--title", "Flux touristiques : la basse-ville", "--theme", "tourism", "housing", "--yes")
WRITTEN = "missions/2024/2024-quebec-flux-touristiques-la-basse-ville.md"
MODELINE = "---\n# yaml-language-server: $schema=../../../schema/report.schema.json\n"
STILL_TO_FILL = re.compile(r"^missions/2024/[^:]+:\d+:\d+: warning: .* still to fill \(")


def frontmatter(text: str) -> dict[str, Any]:
    front = text.split("\n---\n", 1)[0].removeprefix("---\n")
    data: dict[str, Any] = yaml.safe_load(front)
    return data


def commented_example(text: str, name: str, empty: str = "[]") -> Any:
    """The commented-out list (or mapping) under ``name: []`` (``{}``), uncommented and parsed."""
    lines = text.splitlines()
    start = lines.index(f"{name}: {empty}") + 2  # the field, then the line saying how to uncomment
    block = []
    for line in lines[start:]:
        if not line.startswith("# "):
            break
        block.append(line[2:])
    return yaml.safe_load(f"{name}:\n" + "\n".join(block))[name]


def names(cls: type) -> list[str]:
    return [yaml_name(f) for f in dataclasses.fields(cls) if f.init]


# --- The translations of the field docs ----------------------------------------------------------


def test_every_report_field_has_its_doc_in_three_languages() -> None:
    docs = {language: field_docs(language) for language in LANGUAGES}
    paths = [f.path for f in template.report_fields()]
    for language in LANGUAGES:
        assert sorted(docs[language]) == sorted(paths), "one field.<path> per field of the schema, no stale one"
    for f in template.report_fields():
        assert all(docs[lang][f.path].strip() for lang in LANGUAGES), f.path
        assert docs["en"][f.path] == f.doc, (
            f"the English doc of '{f.path}' changed in schema.py: update the fr and es translations "
            f"of field.{f.path} in m4c_build/i18n/locales/, then its English one"
        )


# --- The text --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_scaffold_has_every_field_in_schema_order(language: str) -> None:
    request = template.Request(language=language, city="quebec", date=dt.date(2024, 3, 12),
                               title="Tourist flows", themes=("tourism",))
    text = template.report_text(request, schema_ref="../../../schema/report.schema.json")
    assert text.startswith(MODELINE)
    data = frontmatter(text)
    assert list(data) == names(Report)
    assert data["status"] == "draft"
    assert data["title"] == "Tourist flows" and data["city"] == "quebec"
    assert data["date"] == dt.date(2024, 3, 12) and data["themes"] == ["tourism"]
    assert data["language"] == language
    for field in fields(Report):
        record = field.record
        if record is None:
            continue
        value = data[field.name]
        if field.keyed:  # a mapping of sets of fields: an entry to uncomment, with every field
            assert value == {}
            (entry,) = commented_example(text, field.name, "{}").values()
            assert list(entry) == names(record), field.path
        elif field.item is None:
            assert list(value) == names(record), field.path
        elif value:
            assert list(value[0]) == names(record), field.path
        else:  # an optional list of records: an example to uncomment, with every field
            example = commented_example(text, field.name)
            assert list(example[0]) == names(record), field.path
    body = text.split("\n---\n", 1)[1]
    assert len(re.findall(r"^## ", body, re.M)) == 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_comments_are_in_the_chosen_language(language: str) -> None:
    text = template.report_text(template.Request(language=language))
    for f in template.report_fields():
        assert template.field_doc(f, language).split(" (")[0] in text, (language, f.path)
    def word(key: str) -> str:
        return template.word(language, key)

    assert word("todo").startswith(TODO) and word("todo_date").startswith(TODO)
    assert f"({word('required')})" in text and f"({word('optional')})" in text


def test_the_example_date_is_a_date() -> None:
    text = template.report_text(template.Request(language="en"))
    programme = commented_example(text, "programme")
    assert isinstance(programme[0]["date"], dt.date)
    assert programme[0]["time"] == "09:30"


def test_choices_list_the_registry_keys_with_labels(make_content: Make) -> None:
    registry, problems = scaffold.load(make_content())
    assert registry is not None, problems
    text = template.report_text(template.Request(language="en"), registry)
    assert "# Possible values: evora (Évora), quebec (Québec)" in text
    assert "# Possible values: tourism (Tourism), housing (Housing)" in text
    assert "site-visit (Site visit)" in text


@given(st.text(min_size=1, max_size=80).filter(lambda t: t.strip()))
def test_any_title_reads_back_as_written(title: str) -> None:
    request = template.Request(language="fr", city="quebec", date=dt.date(2024, 3, 12),
                               title=title, themes=("tourism",))
    assert frontmatter(template.report_text(request))["title"] == title


def test_slug_keeps_the_first_words_of_a_long_title() -> None:
    request = template.Request(city="quebec", date=dt.date(2024, 3, 12),
                               title="Gérer les flux touristiques " * 10)
    slug = template.report_slug(request)
    assert slug.startswith("2024-quebec-gerer-les-flux-touristiques-")
    assert len(slug) <= len("2024-quebec-") + template.MAX_SLUG and not slug.endswith("-")
    chinese = template.Request(city="quebec", date=dt.date(2024, 3, 12), title="旅游")
    assert template.report_slug(chinese) == "2024-quebec-mission"


# --- The command -----------------------------------------------------------------------------


def test_flags_write_a_draft_that_validates_with_only_placeholders_flagged(
    make_content: Make, run_cli: Run
) -> None:
    root = make_content()
    result = run_cli("new", "--content", str(root), *FLAGS)
    assert result.code == 0, result
    path = root / WRITTEN
    assert result.lines[-2:] == [  # the report's language (fr by default) to the end
        f"créé : {path}",
        "ensuite : remplacez chaque TODO, puis lancez 'm4c validate' ; mettez 'status: published' pour publier",
    ]
    text = path.read_text(encoding="utf-8")
    assert text.startswith(MODELINE)
    schema = (path.parent / "../../../schema/report.schema.json").resolve()
    assert schema == (root.parent / "schema" / "report.schema.json").resolve()
    keys = json.loads(schema.read_text(encoding="utf-8"))["properties"]["city"]["enum"]
    assert keys == ["evora", "quebec"], "the editor completes the known cities"
    data = frontmatter(text)
    assert data["themes"] == ["tourism", "housing"]
    assert data["title"] == "Flux touristiques : la basse-ville"
    assert data["language"] == "fr" and data["type"] == "technical-assistance"

    checked = run_cli("validate", ".", cwd=root)
    assert checked.code == 0, checked
    *lines, summary = checked.lines
    assert lines and all(STILL_TO_FILL.match(line) for line in lines), lines
    assert "0 errors" in summary
    assert any("'issue' is still to fill" in line for line in lines)
    assert any("the narrative is still to fill" in line for line in lines)


def test_a_published_report_with_placeholders_is_refused(make_content: Make, run_cli: Run) -> None:
    root = make_content()
    assert run_cli("new", "--content", str(root), *FLAGS).code == 0
    path = root / WRITTEN
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: published"),
                    encoding="utf-8")
    checked = run_cli("validate", ".", cwd=root)
    assert checked.code == 1
    errors = [line for line in checked.lines if ": error: " in line]
    assert errors and all("still to fill" in line for line in errors)


def test_questions_on_stdin_write_a_file_that_validates(
    make_content: Make, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_content()
    answers = [
        "2",               # language: en
        "quebc",           # a typo: asked again
        "quebec",
        "2024-13-40",      # not a date: asked again
        "2024-05-06",
        "",                # the title is needed
        "Winter on the ramparts",
        "1, tourism",      # themes by number and by key (Housing is 1 in English order)
        "",                # type: the default
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(answers) + "\n"))
    result = run_cli("new", "--content", str(root))
    assert result.code == 0, result
    assert "did you mean 'quebec'?" in result.out
    assert "'2024-13-40' is not a date like YYYY-MM-DD" in result.out
    assert "   1. housing  Housing" in result.out, "numbered choices with labels in English"
    assert "Québec (Canada)" in result.out
    path = root / "missions/2024/2024-quebec-winter-on-the-ramparts.md"
    data = frontmatter(path.read_text(encoding="utf-8"))
    assert data["language"] == "en" and data["themes"] == ["housing", "tourism"]
    assert data["date"] == dt.date(2024, 5, 6) and data["type"] == "technical-assistance"
    assert "# Full name. (required)" in path.read_text(encoding="utf-8")
    assert run_cli("validate", ".", cwd=root).code == 0


def test_only_missing_flags_are_asked(make_content: Make, run_cli: Run,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_content()
    monkeypatch.setattr("sys.stdin", io.StringIO("Una misión\n"))
    result = run_cli("new", "--content", str(root), "--language", "es", "--city", "evora",
                     "--date", "2023-05-10", "--theme", "housing", "--type", "exploratory")
    assert result.code == 0, result
    assert "Título de la misión:" in result.out
    path = root / "missions/2023/2023-evora-una-mision.md"
    data = frontmatter(path.read_text(encoding="utf-8"))
    assert data["type"] == "exploratory" and data["language"] == "es"


def test_refuses_to_overwrite(make_content: Make, run_cli: Run) -> None:
    root = make_content()
    assert run_cli("new", "--content", str(root), *FLAGS).code == 0
    path = root / WRITTEN
    path.write_text("my work", encoding="utf-8")
    again = run_cli("new", "--content", str(root), *FLAGS)
    assert again.code == 1
    assert "already exists: refusing to overwrite it" in again.err
    assert path.read_text(encoding="utf-8") == "my work"


def test_refuses_a_second_report_at_the_same_address(make_content: Make, run_cli: Run) -> None:
    root = make_content({"missions/2024-quebec-flux-touristiques-la-basse-ville.md": "x"})
    result = run_cli("new", "--content", str(root), *FLAGS)
    assert result.code == 1
    assert "publishes at missions/2024-quebec-flux-touristiques-la-basse-ville/" in result.err
    assert not (root / WRITTEN).exists()


@pytest.mark.parametrize(("args", "message"), [
    (("--city", "quebc"), "--city: unknown city 'quebc': did you mean 'quebec'?"),
    (("--theme", "turism"), "--theme: unknown theme 'turism': did you mean 'tourism'?"),
    (("--language", "fre"), "--language: unknown language 'fre': did you mean 'fr'?"),
    (("--type", "exploratry"),
     "--type: unknown mission type 'exploratry': did you mean 'exploratory'?"),
    (("--date", "12/03/2024"), "--date: '12/03/2024' is not a date like 2024-03-12"),
    (("--date", "2024-02-30"), "--date: '2024-02-30' is not a date like 2024-03-12"),
    (("--title", "  "), "--title: the title is empty"),
])
def test_bad_flags_exit_2_with_a_hint(make_content: Make, run_cli: Run, args: tuple[str, ...],
                                      message: str) -> None:
    root = make_content()
    base = {"--city": "quebec", "--date": "2024-03-12", "--title": "T", "--theme": "tourism"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    flags = [item for pair in base.items() for item in pair]
    result = run_cli("new", "--content", str(root), *flags, "--yes")
    assert result.code == 2, result
    assert result.err.strip() == f"m4c new: error: {message}"
    assert not (root / "missions" / "2024").exists()


def test_yes_needs_what_has_no_default(make_content: Make, run_cli: Run) -> None:
    result = run_cli("new", "--content", str(make_content()), "--city", "quebec", "--yes")
    assert result.code == 2
    assert "--yes asks nothing: give --title, --theme" in result.err


def test_no_answer_on_stdin_exits_2(make_content: Make, run_cli: Run,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = run_cli("new", "--content", str(make_content()))
    assert result.code == 2
    assert "no answer for --language" in result.err


def test_missing_content_folder_exits_2(tmp_path: Path, run_cli: Run) -> None:
    result = run_cli("new", "--content", str(tmp_path / "nowhere"), *FLAGS)
    assert result.code == 2
    assert "content folder not found" in result.err


def test_broken_registries_exit_1_with_their_problems(make_content: Make, run_cli: Run) -> None:
    root = make_content({"cities.yml": "quebec: [\n"})
    result = run_cli("new", "--content", str(root), *FLAGS)
    assert result.code == 1
    assert "cities.yml" in result.err and "fix cities.yml and vocabulary.yml first" in result.err


def test_tab_completes_the_keys_on_a_terminal() -> None:
    import readline  # on Debian's and python.org's CPython builds
    previous = readline.get_completer()
    try:
        scaffold.complete_with_readline(["quebec", "quito", "evora"])
        complete = readline.get_completer()
        assert [complete("qu", i) for i in range(3)] == ["quebec", "quito", None]
        assert complete("e", 0) == "evora"
    finally:
        readline.set_completer(previous)


@pytest.mark.parametrize(("language", "created"), [("en", "created {0}"), ("es", "creado: {0}")])
def test_new_speaks_the_chosen_language_to_the_end(
    make_content: Make, run_cli: Run, language: str, created: str
) -> None:
    root = make_content()
    result = run_cli("new", "--content", str(root), *FLAGS, "--language", language)
    assert result.code == 0, result
    path = next((root / "missions" / "2024").glob("*.md"))
    assert result.lines[-2] == created.format(path)
    assert result.lines[-1].startswith("next: " if language == "en" else "después: ")


@pytest.mark.parametrize("theme", ["turismo", "Tourisme", "TOURISM", "tourism"])
def test_a_theme_is_taken_by_its_label_in_any_language(make_content: Make, run_cli: Run, theme: str) -> None:
    root = make_content()
    flags = [flag if flag != "tourism" else theme for flag in FLAGS]
    result = run_cli("new", "--content", str(root), *flags)
    assert result.code == 0, result
    assert frontmatter((root / WRITTEN).read_text(encoding="utf-8"))["themes"] == ["tourism", "housing"]


def test_an_unknown_label_is_still_refused(make_content: Make, run_cli: Run) -> None:
    root = make_content()
    flags = [flag if flag != "tourism" else "turismoo" for flag in FLAGS]
    result = run_cli("new", "--content", str(root), *flags)
    assert result.code == 2
    assert "--theme: unknown theme 'turismoo'" in result.err
