"""Authors read the validator's messages in their language: --lang, else the environment, else English."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import VALID_REPORT, VALID_REPORT_PATH, CliResult

from m4c_build.i18n.messages import message_language, msg
from m4c_build.problems import Problems, format_text

Make = Callable[..., Path]
Run = Callable[..., CliResult]

BROKEN = VALID_REPORT.replace("date: 2024-03-12", "date: 2024-02-30\nsummry: x") \
    .replace("themes: [tourism]", "themes: [turism]")
"""Four mistakes an author makes: not a real date, a misspelt field, a misspelt theme, and (below)
a report whose frontmatter is not valid YAML."""
FILES = {VALID_REPORT_PATH: BROKEN, "missions/2024-quebec-yaml.md": '---\ntitle: "open\n---\n'}
PATH = "content/missions/2024-quebec-valid.md"
YAML = "content/missions/2024-quebec-yaml.md"

EXPECTED = {
    "en": [
        f"{YAML}:3:1: error: invalid YAML: found unexpected end of stream while scanning a quoted "
        "scalar that started on line 2 (check indentation, quotes and the ':' after each field name)",
        f"{PATH}:4:7: error: 'date' is not a real date: '2024-02-30' (check the month and day: YYYY-MM-DD)",
        f"{PATH}:5:1: error: unknown field 'summry': did you mean 'summary'?",
        f"{PATH}:6:10: error: unknown theme 'turism': did you mean 'tourism'? (known theme keys are "
        "listed in 'themes' of vocabulary.yml)",
        "4 files checked: 4 errors, 0 warnings",
    ],
    "fr": [
        f"{YAML}:3:1: error: YAML invalide : found unexpected end of stream while scanning a quoted "
        "scalar (ouvert à la ligne 2) (vérifiez l'indentation, les guillemets et le ':' après chaque "
        "nom de champ)",
        f"{PATH}:4:7: error: 'date' n'est pas une date réelle : '2024-02-30' (vérifiez le mois et le "
        "jour : AAAA-MM-JJ)",
        f"{PATH}:5:1: error: champ inconnu 'summry' : vouliez-vous dire 'summary' ?",
        f"{PATH}:6:10: error: clé de thème inconnue : 'turism' : vouliez-vous dire 'tourism' ? (les "
        "clés de thème connues sont listées dans 'themes' de vocabulary.yml)",
        "4 fichiers vérifiés : 4 erreurs, 0 avertissement",
    ],
    "es": [
        f"{YAML}:3:1: error: YAML no válido: found unexpected end of stream while scanning a quoted "
        "scalar (abierto en la línea 2) (revise la sangría, las comillas y el ':' tras cada nombre "
        "de campo)",
        f"{PATH}:4:7: error: 'date' no es una fecha real: '2024-02-30' (revise el mes y el día: AAAA-MM-DD)",
        f"{PATH}:5:1: error: campo desconocido 'summry': ¿quiso decir 'summary'?",
        f"{PATH}:6:10: error: clave de tema desconocida: 'turism': ¿quiso decir 'tourism'? (las "
        "claves de tema conocidas están en 'themes' de vocabulary.yml)",
        "4 archivos revisados: 4 errores, 0 advertencias",
    ],
}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_lang_says_every_line_in_that_language(make_content: Make, run_cli: Run, language: str) -> None:
    root = make_content(FILES)
    result = run_cli("validate", "content", "--lang", language, cwd=root.parent)
    assert result.code == 1
    assert result.lines == EXPECTED[language][1:4] + EXPECTED[language][:1] + EXPECTED[language][4:]


def test_the_environment_chooses_when_there_is_no_flag(
    make_content: Make, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_content(FILES)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert run_cli("validate", "content", cwd=root.parent).lines[-1] == EXPECTED["es"][-1]
    monkeypatch.setenv("LC_MESSAGES", "fr_FR.UTF-8")
    assert run_cli("validate", "content", cwd=root.parent).lines[-1] == EXPECTED["fr"][-1]
    assert run_cli("validate", "content", "--lang", "en", cwd=root.parent).lines[-1] == EXPECTED["en"][-1]


def test_json_messages_follow_the_language(make_content: Make, run_cli: Run) -> None:
    root = make_content(FILES)
    result = run_cli("validate", "content", "--format", "json", "--lang", "fr", cwd=root.parent)
    problems = json.loads(result.out)["problems"]
    assert problems[1]["message"] == "champ inconnu 'summry' : vouliez-vous dire 'summary' ?"


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "es_MX"}, "es"),
    ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "es"),
    ({"LANG": "es_ES.UTF-8", "LC_ALL": "fr_CA.UTF-8"}, "fr"),
    ({"LANG": "fr_FR.UTF-8", "LC_ALL": "de_DE.UTF-8"}, "en"),  # the first one set decides, as in POSIX
    ({"LANG": "fr_FR.UTF-8", "M4C_LANG": "es"}, "es"),  # what --lang hands to the build's workers
])
def test_the_language_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert message_language(None, environ) == expected
    assert message_language("en", environ) == "en", "--lang wins"


def test_plurals_and_nested_messages_follow_each_language() -> None:
    problems = Problems()
    problems.warning(Path("a.md"), 1, 1, msg("too_long", days=30, max=14), msg("hint_too_long"))
    assert format_text(problems, 1, Path(), "fr").splitlines() == [
        "a.md:1:1: warning: la mission dure 30 jours ; les missions M4C durent de 1 à 14 jours "
        "(vérifiez 'date' et 'end_date')",
        "1 fichier vérifié : 0 erreur, 1 avertissement",
    ]
    assert format_text(Problems(), 12, Path(), "es") == "12 archivos revisados: ningún problema"
    assert format_text(problems, 1, Path()).splitlines()[-1] == "1 file checked: 0 errors, 1 warning"
