"""The gettext catalogues: complete in every language, and holding every id the code uses, no more.

Ids used literally (``t('lessons')``, ``asker.t("city")`` for ``prompt.city``) are found by
scanning the templates and the Python; ids built at run time (``'type_' ~ report.type``,
``f"fiche.{key}"``) are covered by their prefix here and by the builds of the other tests, where a
missing id raises ``KeyError``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from m4c_build.i18n.check import problems
from m4c_build.i18n.texts import po_path, text_ids

PACKAGE = Path(__file__).resolve().parent.parent / "m4c_build"
LOCALES = PACKAGE / "i18n" / "locales"

LITERAL = re.compile(r"""(['"])([\w.\-]+)\1""")
ARGUMENT = re.compile(r"""(?<![=\w])(['"])([\w.\-]+)\1(?!\s*~)""")
"""A quoted id among a call's arguments: not a keyword's value (city='Évora'), not a prefix ('type_' ~)."""
CALLS: list[tuple[re.Pattern[str], str]] = [
    # (a call whose quoted arguments are ids, the prefix the callee adds)
    (re.compile(r"(?<![\w.])t(?:\.lbl|\.plural)?\(([^()]*)\)"), ""),  # t('x'), t.lbl('x') (templates, Python)
    (re.compile(r"\bsite\.t(?:\.lbl)?\(([^()]*)\)"), ""),  # site.t('x') in macros
    (re.compile(r"\bStrings\([^()]*\)\(([^()]*)\)"), ""),  # Strings(language)("x")
    (re.compile(r"\b(?:asker|self)\.t\(([^()]*)\)"), "prompt."),  # m4c new's Asker.t("city")
    (re.compile(r"\bword\(\w+(?:\.\w+)?,([^()]*)\)"), "template."),
    (re.compile(r"\bphrase\(\w+,([^()]*)\)"), "fiche."),
    (re.compile(r"\b_label\(t,([^()]*)\)"), "reference."),
    # an author's message: msg("unknown_field", name=...), plural("errors", n, n=n); the id only
    (re.compile(r"""(?<![\w.])(?:msg|plural)\((\s*['"][\w.\-]+['"])"""), "problem."),
]
DYNAMIC = [re.compile(r"""\bf['"]([\w.\-]+[._])\{"""),  # f"prompt.{key}"
           re.compile(r"""(['"])([\w.\-]+[._])\1\s*~""")]  # 'type_' ~ report.type
FIELD_DOCS = "field."
"""The field docs' ids, checked against the schema in test_scaffold."""


def sources() -> dict[Path, str]:
    files = [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.html")]
    return {path: path.read_text(encoding="utf-8") for path in files if "locales" not in path.parts}


def used_ids() -> dict[str, str]:
    """id -> the file that uses it literally."""
    used: dict[str, str] = {}
    for path, text in sources().items():
        for call, prefix in CALLS:
            for match in call.finditer(text):
                for _, key in ARGUMENT.findall(match.group(1)):
                    used.setdefault(prefix + key, str(path.relative_to(PACKAGE)))
    return used


def dynamic_prefixes() -> set[str]:
    found = {FIELD_DOCS}
    for text in sources().values():
        for pattern in DYNAMIC:
            found |= {m.group(m.lastindex or 0) for m in pattern.finditer(text)}
    return found


def test_the_catalogues_are_complete_and_consistent() -> None:
    assert list(problems()) == []


def test_every_id_the_code_uses_is_in_the_catalogues() -> None:
    used = used_ids()
    assert len(used) > 100, "the scan finds the call sites"
    known = set(text_ids())
    missing = {key: where for key, where in used.items() if key not in known}
    assert not missing, f"ids used but in no catalogue (add them to the English one, then update): {missing}"


def test_every_id_in_the_catalogues_is_used() -> None:
    """An id is used if a call names it, if it is quoted anywhere (``GROUPINGS = ("themes", ...)``
    feeding ``t(grouping)``), or if it has a prefix the code builds ids with."""
    quoted = {key for text in sources().values() for _, key in LITERAL.findall(text)}
    prefixes = dynamic_prefixes()
    assert {"type_", "status_", "lang_", "prompt.", "fiche."} <= prefixes
    unused = [key for key in text_ids()
              if key not in quoted and key not in used_ids() and not key.startswith(tuple(prefixes))]
    assert not unused, f"ids no code uses (remove them from the English catalogue, then update): {unused}"


def _break(tmp_path: Path, language: str, old: str, new: str) -> Path:
    root = tmp_path / "locales"
    shutil.copytree(LOCALES, root)
    po = po_path(root, language)
    text = po.read_text(encoding="utf-8")
    assert old in text
    po.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


@pytest.mark.parametrize(("language", "old", "new", "expected"), [
    ("es", '#. Lessons learned\nmsgid "lessons"\nmsgstr "Lecciones aprendidas"\n', "",
     "es/LC_MESSAGES/m4c.po: missing 'lessons'"),
    ("fr", 'msgid "lessons"\nmsgstr "Leçons apprises"', 'msgid "lessons"\nmsgstr ""',
     "fr/LC_MESSAGES/m4c.po: 'lessons' is not translated"),
    ("fr", '#. Lessons learned\nmsgid "lessons"', '#. Lessons learned\n#, fuzzy\nmsgid "lessons"',
     "fr/LC_MESSAGES/m4c.po: 'lessons' is fuzzy"),
    ("es", 'msgstr "Otras misiones en {city}"', 'msgstr "Otras misiones en {ciudad}"',
     "es/LC_MESSAGES/m4c.po: 'same_city' has placeholders ['{ciudad}'], English has ['{city}']"),
    ("fr", 'msgstr[2] "{n} missions"', 'msgstr[2] "missions"',
     "fr/LC_MESSAGES/m4c.po: 'mission_count' has placeholders [], English has ['{n}']"),
    ("en", 'msgid "lessons"\nmsgstr "Lessons learned"\n',
     'msgid "lessons"\nmsgstr "Lessons learned"\n\n#~ msgid "gone"\n#~ msgstr "Gone"\n',
     "en/LC_MESSAGES/m4c.po: obsolete entry 'gone'"),
    ("fr", 'msgid "lessons"\nmsgstr "Leçons apprises"\n',
     'msgid "lessons"\nmsgstr "Leçons apprises"\n\nmsgid "lesons"\nmsgstr "Leçons"\n',
     "fr/LC_MESSAGES/m4c.po: 'lesons' is not in m4c.pot"),
])
def test_a_broken_catalogue_is_reported(tmp_path: Path, language: str, old: str, new: str, expected: str) -> None:
    found = list(problems(_break(tmp_path, language, old, new)))
    assert any(line.startswith(expected) for line in found), found
    assert not list(problems(LOCALES)), "the package's own catalogues are untouched"
