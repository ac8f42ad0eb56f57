"""Decap CMS on this machine: its npm package's bundle for ``admin/``, and ``decap-server``, the
local backend that ``m4c serve`` runs so that the editor reads and writes the content folder.

Both come from ``npm ci`` (``package.json``, installed by ``scripts/bootstrap.sh``); when they
are missing the site builds and serves without the editor, after one warning. The warnings go
to a logger outside MkDocs' own, so that a strict build does not fail for a missing editor.
"""

from __future__ import annotations

import atexit
import ctypes
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from m4c_build.outputs.editor import PACKAGE_DIST, YAML_DIST, decap_bundle

log = logging.getLogger("m4c.editor")

SERVER = Path("node_modules", "decap-server", "dist", "index.js")
"""decap-server's entry point in its npm package."""
START_TIMEOUT = 20.0
"""Seconds decap-server may take to listen (node loads express and git on a busy machine)."""


def package_roots(config_dir: Path) -> list[Path]:
    """Where ``node_modules`` may be: beside mkdocs.yml, or beside m4c's own package (a clone)."""
    return list(dict.fromkeys([config_dir.resolve(), Path(__file__).resolve().parents[2]]))


def bundle(roots: Iterable[Path]) -> Path | None:
    """The folder of ``node_modules`` with the editor's packages, or None after a warning saying
    how to get them."""
    roots = list(roots)
    found = decap_bundle(roots)
    if found is None:
        log.warning("m4c: no web editor (admin/): Decap CMS's package is not installed "
                    f"({PACKAGE_DIST.as_posix()} or {YAML_DIST.as_posix()} not found beside {roots[0]}); "
                    "run 'npm ci' (scripts/bootstrap.sh does)")
    return found


def _die_with_parent() -> None:
    """In the child, before node starts (Linux): end with the process that started it, even
    when that one is killed without a chance to stop it (``prctl(PR_SET_PDEATHSIG)``)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class LocalBackend:
    """A ``decap-server`` child process serving ``repo`` (files written as they are saved:
    its ``fs`` mode), on a free port of 127.0.0.1 only."""

    def __init__(self, process: subprocess.Popen[bytes], port: int) -> None:
        self.process = process
        self.port = port

    @property
    def url(self) -> str:
        """The API address Decap's ``local_backend`` setting takes."""
        return f"http://127.0.0.1:{self.port}/api/v1"

    @classmethod
    def start(cls, repo: Path, roots: Iterable[Path]) -> LocalBackend | None:
        """Start decap-server for ``repo``; None after a warning when it cannot run."""
        node = shutil.which("node")
        server = next((root / SERVER for root in roots if (root / SERVER).is_file()), None)
        if node is None or server is None:
            missing = "node" if node is None else f"{SERVER.as_posix()}"
            log.warning(f"m4c: the editor's local backend is not started ({missing} not found): "
                        "run 'npm ci' (scripts/bootstrap.sh does); the preview works without it")
            return None
        port = _free_port()
        env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
               "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "warn"}
        process = subprocess.Popen([node, str(server)], env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        backend = cls(process, port)
        atexit.register(backend.stop)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and process.poll() is None:
            if _listening(port):
                return backend
            time.sleep(0.1)
        backend.stop()
        log.warning(f"m4c: the editor's local backend (decap-server) did not start on port {port}; "
                    "the preview works without it")
        return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def github_repository(repo: str, repo_url: str | None) -> str:
    """'owner/name': the editor's own option, else MkDocs' ``repo_url`` on github.com, else ''."""
    if repo.strip():
        return repo.strip().strip("/")
    url = (repo_url or "").strip().removesuffix(".git").rstrip("/")
    for prefix in ("https://github.com/", "http://github.com/"):
        if url.startswith(prefix) and url[len(prefix):].count("/") == 1:
            return url[len(prefix):]
    return ""


def content_location(config_dir: Path, content_dir: Path) -> tuple[Path, str]:
    """The repository's root and the content folder's path in it, as the editor writes them:
    mkdocs.yml's folder and the path from it, or for a content folder elsewhere its parent."""
    config_dir, content_dir = config_dir.resolve(), content_dir.resolve()
    if config_dir == content_dir or config_dir in content_dir.parents:
        return config_dir, content_dir.relative_to(config_dir).as_posix()
    return content_dir.parent, content_dir.name
