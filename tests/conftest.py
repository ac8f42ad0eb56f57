"""Fixtures: a minimal valid content folder, written step by step into tmp_path."""

from __future__ import annotations

import argparse
import atexit
import base64
import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from m4c_build.adapters import cli

# The messages speak the language of the environment: the tests expect English whatever the
# machine's locale (a French desktop has LANG=fr_FR.UTF-8), and set a language where they test one.
for _name in ("M4C_LANG", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

# `m4c validate` keeps a cache in the user's cache folder: the tests' own, removed at the end.
os.environ["M4C_CACHE_DIR"] = tempfile.mkdtemp(prefix="m4c-test-cache-")
atexit.register(shutil.rmtree, os.environ["M4C_CACHE_DIR"], ignore_errors=True)

# Tests never time anything: a busy machine must not fail a property test (hypothesis'
# default 200 ms deadline would).
settings.register_profile("m4c", deadline=None)
settings.load_profile("m4c")

CITIES_YML = """\
quebec:
  name: Québec
  country: "CA"
  region: north-america
  location: [46.8123, -71.2065]
  whc_id: 300
evora:
  name: Évora
  country: "PT"
  region: southern-europe
  location: [38.5714, -7.9087]
"""

VOCABULARY_YML = """\
regions:
  north-america:
    labels: {fr: Amérique du Nord, en: North America}
  southern-europe:
    labels: {fr: Europe du Sud, en: Southern Europe}
themes:
  tourism:
    labels: {fr: Tourisme, en: Tourism, es: Turismo}
  housing:
    labels: {fr: Logement, en: Housing}
heritage_topics:
  earthen-architecture:
    labels: {fr: Architecture de terre, en: Earthen architecture}
  wooden-heritage:
    labels: {fr: Patrimoine en bois, en: Wooden heritage}
assistance_formats:
  workshop:
    labels: {fr: Atelier, en: Workshop}
  site-visit:
    labels: {fr: Visite de terrain, en: Site visit}
"""

VALID_REPORT = """\
---
title: Tourist flows in the lower town
city: quebec
date: 2024-03-12
themes: [tourism]
issue: Too many visitors in the lower town.
objectives: [Measure the visitor flows]
experts: [Ana Ferreira]
actors: [Municipal urban planning department]
assistance: {summary: A workshop with the city services., formats: [workshop]}
lessons: [Count before you regulate.]
follow_up: [Publish the counting method]
---

## The mission

Two days of counting in the lower town.
"""
"""The smallest report that passes: each line is one required field."""

VALID_REPORT_PATH = "missions/2024-quebec-valid.md"

DEFAULT_FILES: dict[str, str] = {
    "cities.yml": CITIES_YML,
    "vocabulary.yml": VOCABULARY_YML,
    VALID_REPORT_PATH: VALID_REPORT,
}


def file_bytes(spec: Mapping[str, Any] | list[Mapping[str, Any]]) -> bytes:
    """Bytes from a case's ``binary:`` entry: ``hex`` + ``base64`` + ``text`` (encoded), padded.

    ``text`` is encoded with ``encoding`` (default utf-8) after replacing each '\\n' with
    ``newline``; ``pad_to`` appends spaces up to that many bytes. A list of such entries is
    their concatenation (a file in two encodings).
    """
    if isinstance(spec, list):
        return b"".join(file_bytes(part) for part in spec)
    data = bytes.fromhex(spec.get("hex", ""))
    data += base64.b64decode(spec.get("base64", ""))
    text = str(spec.get("text", "")).replace("\n", spec.get("newline", "\n"))
    data += text.encode(spec.get("encoding", "utf-8"))
    pad_to = int(spec.get("pad_to", 0))
    return data + b" " * max(0, pad_to - len(data))


def write_content(
    root: Path,
    files: Mapping[str, str | None] | None = None,
    binary: Mapping[str, Any] | None = None,
    *,
    defaults: bool = True,
) -> Path:
    """Write a content folder: the defaults, then ``files`` over them (None removes a file)."""
    chosen: dict[str, str | bytes | None] = dict(DEFAULT_FILES) if defaults else {}
    chosen.update(files or {})
    chosen.update({name: file_bytes(spec) for name, spec in (binary or {}).items()})
    root.mkdir(parents=True, exist_ok=True)
    for name, content in chosen.items():
        if content is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))  # no newline translation on any OS
    return root


@pytest.fixture
def make_content(tmp_path: Path) -> Callable[..., Path]:
    """``make_content(files, binary)`` -> a content folder in tmp_path (see ``write_content``)."""

    def make(
        files: Mapping[str, str | None] | None = None,
        binary: Mapping[str, Any] | None = None,
        *,
        name: str = "content",
        defaults: bool = True,
    ) -> Path:
        return write_content(tmp_path / name, files, binary, defaults=defaults)

    return make


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    def __repr__(self) -> str:
        return f"CliResult(code={self.code}, out={self.out!r}, err={self.err!r})"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """The ``m4c`` commands by name, each with its own parser (its options, its help)."""
    parser = cli.build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


@pytest.fixture
def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., CliResult]:
    """``run_cli(*args, cwd=...)``: run ``m4c`` in-process; argparse's exits become codes."""

    def run(*args: str, cwd: Path | None = None) -> CliResult:
        capsys.readouterr()
        with monkeypatch.context() as patch:
            if cwd is not None:
                patch.chdir(cwd)
            try:
                code = cli.main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Turn a hang into a failure (a guard, not a measurement: tests never time anything)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
