"""What a visitor's first load costs: every request of a page in Chromium, and its bytes.

    .venv/bin/python benchmarks/first_load.py SITE_DIR [--sub m4c] [PAGE ...]

Serves the built site (``m4c build -d SITE_DIR``) on 127.0.0.1 under ``/<sub>/``, opens each
page (default: the home page, one city, one region) in a fresh Chromium with an empty cache,
waits until the network is idle, and prints each request with its size as stored and gzipped
(what GitHub Pages sends for text types; images are counted as they are). Requests to any other
host are blocked and listed: the target is none, and a first load of at most 300 KB gzipped.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
COMPRESSED = (".png", ".jpg", ".jpeg", ".webp", ".woff2", ".gz", ".zip", ".docx")
"""Files served as they are (already compressed); everything else is counted gzipped."""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _sizes(body: bytes, path: str) -> tuple[int, int]:
    if path.endswith(COMPRESSED):
        return len(body), len(body)
    return len(body), len(gzip.compress(body, compresslevel=6))


def _route(base: str, local: list[str], blocked: list[str], route: Any) -> None:
    if route.request.url.startswith(base):
        local.append(route.request.url)
        route.continue_()
    else:
        blocked.append(route.request.url)
        route.abort()


def measure(site_dir: Path, sub: str, pages: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    root = site_dir.parent if site_dir.name == sub else None
    if root is None:  # serve SITE_DIR as /<sub>/ through a folder holding a link to it
        import tempfile
        holder = Path(tempfile.mkdtemp(prefix="m4c-first-load-"))
        (holder / sub).symlink_to(site_dir.resolve(), target_is_directory=True)
        root = holder
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/{sub}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for path in pages:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                local: list[str] = []
                blocked: list[str] = []

                context.route("**/*", functools.partial(_route, base, local, blocked))
                page = context.new_page()
                page.goto(base + path, wait_until="networkidle")
                context.close()
                raw_total = gz_total = 0
                print(f"\n{path or '(home)'}: {len(local)} requests, {len(blocked)} to other hosts")
                for url in local:
                    rel = unquote(urlsplit(url).path)[len(f"/{sub}/"):]
                    file = site_dir / rel
                    if file.is_dir() or rel.endswith("/") or not rel:
                        file = file / "index.html"
                    body = file.read_bytes() if file.is_file() else b""
                    raw, gz = _sizes(body, file.name)
                    raw_total += raw
                    gz_total += gz
                    print(f"  {gz / 1024:7.1f} KB gz {raw / 1024:7.1f} KB  {rel or 'index.html'}")
                for url in blocked:
                    print(f"  BLOCKED {url}")
                print(f"  total: {gz_total / 1024:.1f} KB gzipped ({raw_total / 1024:.1f} KB as stored)")
            browser.close()
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("pages", nargs="*", default=["", "cities/quebec/", "regions/north-america/"])
    parser.add_argument("--sub", default="m4c", help="the sub-path the site is served under")
    args = parser.parse_args()
    measure(args.site_dir, args.sub, args.pages)


if __name__ == "__main__":
    main()
