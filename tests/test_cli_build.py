"""`m4c build`: the project's mkdocs.yml on another content folder, as the Secretariat runs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sitekit import REPO, base_report, report, write_content


def m4c(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "m4c_build", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False)


def test_build_publishes_and_says_what(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", {
        "missions/2024-quebec-a.md": report(**base_report(title="Mission A")),
        "missions/2024-quebec-b.md": report(**base_report(title="Mission B", status="draft")),
    })
    site = tmp_path / "out"
    result = m4c("build", "-f", str(REPO / "mkdocs.yml"), "--content", str(content), "-d", str(site),
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "published 1 missions, 1 themes, 1 cities; 1 drafts held back" in result.stderr
    phases = (r"validate [\d.]+ s · generate [\d.]+ s · render [\d.]+ s · search [\d.]+ s"
              r" · total [\d.]+ s")
    for language in ("fr", "en", "es"):
        # CI logs: one line a phase (the workers' progress, written by the parent), then a summary
        assert re.search(rf"^{language}/: built in \d+\.\d s \({phases}\)$", result.stderr, re.M), result.stderr
        for phase in ("validate", "generate", "search"):
            assert len(re.findall(rf"^\[{language}\] {phase}: [\d.]+ s$", result.stderr, re.M)) == 1
        pages = re.findall(rf"^\[{language}\] render: (\d+) pages, [\d.]+ s$", result.stderr, re.M)
        assert len(pages) == 1 and int(pages[0]) > 20, result.stderr
        assert (site / language / "missions" / "2024-quebec-a" / "index.html").is_file()
        assert not (site / language / "missions" / "2024-quebec-b").exists()
        assert (site / language / "pagefind" / "pagefind.js").is_file()
        assert not (site / language / "pagefind-lessons").exists()  # the explorer reads the pages' index
    assert (site / "index.html").is_file() and (site / "404.html").is_file()


def test_build_one_language_at_the_root(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", {
        "missions/2024-quebec-a.md": report(**base_report(title="Mission A")),
    })
    site = tmp_path / "out"
    result = m4c("build", "-f", str(REPO / "mkdocs.yml"), "--content", str(content), "-d", str(site),
                 "--language", "es", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '<html lang="es"' in (site / "missions" / "2024-quebec-a" / "index.html").read_text(encoding="utf-8")
    assert not (site / "fr").exists() and not (site / "es").exists()


def test_build_refuses_to_publish_an_error(tmp_path: Path) -> None:
    content = write_content(tmp_path / "content", {
        "missions/2024-quebec-a.md": report(**base_report(title="Mission A", city="qebec")),
    })
    site = tmp_path / "out"
    result = m4c("build", "-f", str(REPO / "mkdocs.yml"), "--content", str(content), "-d", str(site),
                 cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.endswith("content/missions/2024-quebec-a.md:3:7: error: unknown city 'qebec': "
                             "did you mean 'quebec'? (known city keys are listed in cities.yml)")
               for line in lines), result.stderr
    assert "m4c build: error:" in result.stderr and "Traceback" not in result.stderr
    assert not site.exists()


def test_build_without_a_content_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = m4c("build", "-f", str(REPO / "mkdocs.yml"), "--content", str(tmp_path / "nowhere"),
                 "-d", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1
    assert "content folder not found" in result.stderr and "Traceback" not in result.stderr


def test_the_shipped_content_builds_strictly_with_the_project_config(tmp_path: Path) -> None:
    """The README's first command: the shipped content/ and mkdocs.yml, strict, no warning."""
    site = tmp_path / "site"
    result = m4c("build", "-d", str(site), cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    assert "drafts held back" in result.stderr
    assert (site / "index.html").is_file() and (site / "fr" / "pagefind" / "pagefind.js").is_file()


def test_build_speaks_the_authors_language(tmp_path: Path) -> None:
    """From the environment in the three-language build, from --lang in a one-language build
    (where the MkDocs plugin, in its own process, prints the problems)."""
    content = write_content(tmp_path / "content", {
        "missions/2024-quebec-a.md": report(**base_report(title="Mission A", city="qebec")),
    })
    command = [sys.executable, "-m", "m4c_build", "build", "-f", str(REPO / "mkdocs.yml"),
               "--content", str(content), "-d", str(tmp_path / "out")]
    spanish = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
                             env={**os.environ, "LANG": "es_ES.UTF-8"})
    assert spanish.returncode == 1
    assert any(line.endswith("content/missions/2024-quebec-a.md:3:7: error: clave de ciudad desconocida: "
                             "'qebec': ¿quiso decir 'quebec'? (las claves de ciudad conocidas están en "
                             "cities.yml)") for line in spanish.stderr.splitlines()), spanish.stderr
    assert "m4c build: error: publicación rechazada: 1 error(es) en" in spanish.stderr
    french = subprocess.run([*command, "--language", "en", "--lang", "fr"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300, check=False)
    assert french.returncode == 1
    assert "error: clé de ville inconnue : 'qebec' : vouliez-vous dire 'quebec' ?" in french.stderr, french.stderr
