"""The preview's round trip: a report saved under ``m4c serve``, until its new title is on screen.

    .venv/bin/python benchmarks/serve.py [--reports 1000] [--saves 3]

Generates a corpus (``corpus.generate``), starts ``m4c serve`` on a free port, opens one report's
page in Chromium, then saves the report with a new title and times the moment the title shows in
the page (MkDocs' livereload reloads it once the rebuild is done). Prints each save's figure and
the first build's time. ``round_trip`` is what a larger benchmark imports.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
REPO = Path(__file__).resolve().parents[1]
M4C = Path(sys.executable).with_name("m4c")

CONFIG = """\
site_name: M4C preview benchmark
site_url: http://127.0.0.1/
docs_dir: {content}  # MkDocs needs one that exists; the plugin points it at pages/
use_directory_urls: true
strict: true
theme:
  name: material
  language: fr
  font: false
  features: [navigation.tabs, navigation.top, navigation.footer]
plugins:
  - m4c:
      content_dir: {content}
      language: fr
      contact_email: secretariat@example.org
"""


def write_config(content_root: Path, config_file: Path) -> Path:
    """A mkdocs.yml like the repository's, for a content folder elsewhere."""
    config_file.write_text(CONFIG.format(content=content_root.resolve()), encoding="utf-8")
    return config_file


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_served(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"m4c serve ended ({process.returncode}) before serving {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} not served within {timeout:.0f} s")


@contextmanager
def serving(content_root: Path, config_file: Path, *, timeout: float = 600) -> Iterator[str]:
    """``m4c serve`` on a free port, its first build done; yields the site's address."""
    port = _free_port()
    log = tempfile.NamedTemporaryFile(prefix="m4c-serve-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [str(M4C), "serve", "-f", str(config_file), "--content", str(content_root),
         "--dev-addr", f"127.0.0.1:{port}", "--language", "fr"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_served(base, process, timeout)
        yield base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()
        print(f"  (server log: {log.name})")


def _report(content_root: Path) -> Path:
    """A published report, the same in every run."""
    return sorted((content_root / "missions").rglob("*.md"))[0]


def _retitled(text: str, title: str) -> str:
    return re.sub(r'^title: .*$', f'title: "{title}"', text, count=1, flags=re.MULTILINE)


def round_trip(content_root: Path, config_file: Path, *, saves: int = 1,
               timeout: float = 120) -> list[float]:
    """Seconds from each save of a report to its new title on screen, under ``m4c serve``."""
    from playwright.sync_api import sync_playwright

    report = _report(content_root)
    original = report.read_text(encoding="utf-8")
    figures: list[float] = []
    with serving(content_root, config_file) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{base}missions/{report.stem}/", wait_until="load")
            for n in range(saves):
                title = f"Saved title {n} {time.time_ns()}"
                page.wait_for_timeout(1000)  # the page's livereload poll is under way
                start = time.monotonic()
                report.write_text(_retitled(original, title), encoding="utf-8")
                page.wait_for_function("t => document.querySelector('h1')?.textContent.includes(t)",
                                       arg=title, timeout=timeout * 1000, polling=50)
                figures.append(time.monotonic() - start)
        finally:
            browser.close()
            report.write_text(original, encoding="utf-8")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="m4c-serve-bench-") as tmp:
        root = Path(tmp) / "content"
        generate(root, args.reports)
        config = write_config(root, Path(tmp) / "mkdocs.yml")
        start = time.monotonic()
        figures = round_trip(root, config, saves=args.saves)
        total = time.monotonic() - start
    for n, seconds in enumerate(figures, 1):
        print(f"serve round trip, {args.reports} reports, save {n}: {seconds:.2f} s (target <= 2 s)")
    print(f"best {min(figures):.2f} s, worst {max(figures):.2f} s; whole run {total:.0f} s")


if __name__ == "__main__":
    main()
