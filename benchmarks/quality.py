"""Lighthouse's four scores and the bytes of each page kind, on a phone, for a built site.

    .venv/bin/m4c build -d /tmp/m4c-site
    .venv/bin/python benchmarks/quality.py /tmp/m4c-site [--language fr en es] [--runs 1]

Serves SITE_DIR on 127.0.0.1 under /m4c/ (``--sub``) the way GitHub Pages does (text gzipped, a missing address answered
with the site's 404.html and status 404), runs Lighthouse 12 with its default mobile settings
(a mid-range phone on a slow 4G link, simulated) in Debian's Chromium over the home page, the
catalogue, one mission, one theme and the 404 page of each language, and prints the
performance, accessibility, best-practices and SEO scores and the bytes transferred (Lighthouse's
total byte weight). The target is at least 95 everywhere. Scores vary from run to run (CPU load
changes the performance score by a few points): this is a benchmark to read, never a test.

Lighthouse is installed on first use with npm into a cache folder (``--tools``), outside the
repository; Node 20 and the npm registry are enough.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

LIGHTHOUSE = "lighthouse@12.2.3"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".pf_meta", ".pf_fragment")
"""Types GitHub Pages sends gzipped (Pagefind's own files are already compressed: sent as they are)."""


class _PagesLike(SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: gzip for text, the site's 404.html for a miss,
    under the project site's path (the 404 page's links are absolute, from ``site_url``)."""

    sub = "/m4c"

    def translate_path(self, path: str) -> str:
        return super().translate_path(path.removeprefix(self.sub))

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        target = Path(self.translate_path(self.path))
        if target.is_dir() and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the redirect to the address with a slash
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            language = self.path.removeprefix(self.sub).strip("/").split("/")[0]
            page = Path(str(self.directory), language, "404.html")
            return self._send(page if page.is_file() else Path(str(self.directory), "404.html"), 404)
        return self._send(target, 200)

    def _send(self, path: Path, status: int) -> Any:
        body = path.read_bytes()
        zipped = path.suffix in TEXT and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def lighthouse(tools: Path) -> Path:
    """The Lighthouse CLI in ``tools``, installed there with npm if missing."""
    cli = tools / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        tools.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(tools), "--no-audit", "--no-fund", LIGHTHOUSE],
                       check=True)
    return cli


def pages(site: Path, language: str) -> dict[str, str]:
    """Page kind -> address under the language's root: one of each kind the site has."""
    root = site / language
    mission = sorted(p.parent.name for p in root.glob("missions/*/index.html"))
    theme = sorted(p.parent.name for p in root.glob("themes/*/index.html"))
    found = {"home": "", "catalogue": "missions/", "404": "404.html"}  # Lighthouse refuses a 404 status
    if mission:
        found["mission"] = f"missions/{mission[0]}/"
    if theme:
        found["theme"] = f"themes/{theme[0]}/"
    return {kind: found[kind] for kind in ("home", "catalogue", "mission", "theme", "404") if kind in found}


def measure(cli: Path, url: str) -> dict[str, float]:
    """One Lighthouse run on ``url``: the four scores (0-100) and the bytes transferred."""
    run = subprocess.run(
        [str(cli), url, "--output=json", "--output-path=stdout", "--quiet",
         "--only-categories=" + ",".join(CATEGORIES), "--chrome-flags=--headless --no-sandbox"],
        capture_output=True, text=True, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    report = json.loads(run.stdout)
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    return {**scores, "bytes": report["audits"]["total-byte-weight"]["numericValue"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a site built by 'm4c build -d SITE' (holds fr/ en/ es/)")
    parser.add_argument("--language", nargs="+", default=["fr"], help="interface languages to measure")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is printed")
    parser.add_argument("--sub", default="m4c", help="the path of site_url, where the site is served")
    parser.add_argument("--tools", type=Path, default=Path.home() / ".cache" / "m4c" / "lighthouse-12.2.3",
                        help="where Lighthouse is installed")
    options = parser.parse_args()
    cli = lighthouse(options.tools)

    _PagesLike.sub = "/" + options.sub.strip("/")
    handler = functools.partial(_PagesLike, directory=str(options.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}{_PagesLike.sub}/"
    print(f"{'page':<16} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5} {'KB':>7}")
    try:
        for language in options.language:
            for kind, path in pages(options.site, language).items():
                runs = [measure(cli, f"{base}{language}/{path}") for _ in range(options.runs)]
                median = {key: sorted(r[key] for r in runs)[len(runs) // 2] for key in runs[0]}
                print(f"{language + ' ' + kind:<16} " + " ".join(f"{median[c]:>5.0f}" for c in CATEGORIES)
                      + f" {median['bytes'] / 1024:>7.1f}", flush=True)
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
