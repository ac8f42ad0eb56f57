"""Search at scale: build a site of generated reports, then measure Pagefind in Chromium.

    /work/venv/bin/python benchmarks/search.py [--sizes 1000 10000] [--profile] [--keep DIR]
    /work/venv/bin/python benchmarks/search.py --site DIR/n10000/www   # measure a kept build again

For each size: generate N reports (sentences drawn from the shipped reports in their three
languages, generated place names and file numbers, the shipped cities.yml and vocabulary.yml),
build the site with ``mkdocs build`` and print the time, pages/s and HTML sizes. A mission page
must not grow with N: the same missions' pages are compared between the smallest and largest
build (an assertion). Then the largest site is served on 127.0.0.1 and Chromium measures a few
queries: the bytes served under /pagefind/ after the page has loaded, and the time from typing
(or ticking a filter) to results on screen. No network latency here: the byte counts are what
to read for a real connection. ``--profile`` runs the largest build in-process under cProfile
and prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import gzip
import io
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from sitekit import write_config  # noqa: E402  (the tests' mkdocs.yml, shared)

from m4c_build.model import Content  # noqa: E402
from m4c_build.validate.content import validate_content  # noqa: E402

SHIPPED = REPO / "content"
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
RARE = "zelligeur"
"""Planted in the lessons of a handful of reports: the rare-word query."""
RARE_EVERY = 2500
COMMON = "patrimoine"
TARGET_BYTES = 300 * 1024
TARGET_SECONDS = 1.0
ENGINE = re.compile(r"/pagefind/(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.|"
                    r"pagefind\.[^/]*pf_meta)")
"""The search engine itself (fetched once per visit), as opposed to index chunks and fragments."""



# --- Generated content -------------------------------------------------------------------------


@dataclass
class Pools:
    """Text harvested from the shipped reports, per language."""

    sentences: dict[str, list[str]] = field(default_factory=dict)
    items: dict[str, list[str]] = field(default_factory=dict)
    actors: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=dict)


def _sentences(text: str) -> list[str]:
    flat = " ".join(line for line in text.splitlines() if not line.startswith("#"))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", flat) if len(s.strip()) > 30]


def harvest(content: Content) -> Pools:
    pools = Pools()
    for mission in content.public_missions + content.drafts:
        r = mission.report
        lang = r.language
        text = " ".join(filter(None, [r.issue, r.plan or "", r.assistance.summary, mission.body]))
        pools.sentences.setdefault(lang, []).extend(_sentences(text))
        pools.items.setdefault(lang, []).extend(
            [*r.objectives, *r.lessons, *r.solutions, *r.difficulties, *r.expertise,
             *(f.action for f in r.follow_up), *(p.activity for p in r.programme)])
        pools.actors.setdefault(lang, []).extend(
            {"name": a.name, "role": a.role} if a.role else {"name": a.name} for a in r.actors)
        pools.roles.setdefault(lang, []).extend(e.role for e in r.experts if e.role)
    return pools


FIRST = ["Ana", "Luc", "Olena", "Rustam", "Claire", "Dilyara", "Tomás", "Gabriela", "Mamadou",
         "Yuki", "Inès", "Jorge", "Aïssatou", "Bénédicte", "Jiří", "Katarzyna", "Mehdi", "Nour",
         "Pilar", "Sven"]
LAST = ["Ferreira", "Martin", "Kovač", "Nazarov", "Ashdown", "Safina", "Benítez", "Idrovo", "Diop",
        "Tanaka", "Lauzier", "Novotný", "Wróbel", "Haddad", "Solheim", "Ruiz", "Mbaye", "Okafor"]
SYLLABLES = ["ba", "bel", "ca", "dor", "el", "fa", "gui", "la", "lo", "mar", "mi", "na", "or", "pe",
             "qua", "ra", "ren", "sa", "san", "ta", "tel", "va", "vi", "zu"]
QUARTER = {"fr": "dans le quartier {}", "en": "in the {} district", "es": "en el barrio {}"}


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def report(i: int, rng: random.Random, pools: Pools, cities: list[str], city_names: dict[str, str],
           vocabulary: dict[str, Any], photos: list[str]) -> tuple[str, str]:
    """(relative path, file text) of generated report number ``i``."""
    lang = rng.choices(["fr", "en", "es"], weights=[45, 35, 20])[0]
    city = rng.choice(cities)
    start = dt.date(rng.randint(2012, 2025), rng.randint(1, 12), rng.randint(1, 28))
    days = rng.randint(1, 3)
    themes = rng.sample(sorted(vocabulary["themes"]), rng.randint(1, 3))
    topics = rng.sample(sorted(vocabulary["heritage_topics"]), rng.randint(0, 3))
    formats = rng.sample(sorted(vocabulary["assistance_formats"]), rng.randint(1, 3))
    quarter = _place(rng)
    theme_label = vocabulary["themes"][themes[0]]["labels"].get(lang) or \
        vocabulary["themes"][themes[0]]["labels"]["en"]
    title = f"{city_names[city]} : {theme_label} {QUARTER[lang].format(quarter)}"

    def some(pool: list[Any], low: int, high: int) -> list[Any]:
        return rng.sample(pool, min(len(pool), rng.randint(low, high)))

    lessons = some(pools.items[lang], 2, 4)
    if i % RARE_EVERY == 7:
        lessons.append(f"Le {RARE} du quartier {quarter} a su former deux apprentis.")
    front: dict[str, Any] = {
        "title": title,
        "city": city,
        "date": start,
        **({"end_date": start + dt.timedelta(days=days - 1)} if days > 1 else {}),
        "type": "exploratory" if rng.random() < 0.15 else "technical-assistance",
        "language": lang,
        "summary": rng.choice(pools.sentences[lang])[:200],
        "themes": themes,
        "heritage_topics": topics,
        "issue": " ".join(some(pools.sentences[lang], 2, 4))
        + f" Dossier M4C-{start.year}-{i:05d}.",
        "objectives": some(pools.items[lang], 2, 3),
        "plan": " ".join(some(pools.sentences[lang], 1, 2)),
        "expertise": some(pools.items[lang], 1, 2),
        "experts": [{"name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                     "role": rng.choice(pools.roles[lang]),
                     "origin": city_names[rng.choice(cities)]} for _ in range(rng.randint(2, 4))],
        "actors": some(pools.actors[lang], 2, 5),
        "assistance": {"summary": " ".join(some(pools.sentences[lang], 1, 2)), "formats": formats},
        "programme": [{"date": start + dt.timedelta(days=rng.randint(0, days - 1)),
                       "time": f"{rng.randint(8, 17):02d}:{rng.choice(['00', '30'])}",
                       "activity": rng.choice(pools.items[lang])}
                      for _ in range(rng.randint(2, 5))],
        "lessons": lessons,
        "solutions": some(pools.items[lang], 1, 3),
        "difficulties": some(pools.items[lang], 0, 2),
        "follow_up": [{"action": a, "owner": rng.choice(pools.actors[lang])["name"],
                       "due": start + dt.timedelta(days=rng.randint(60, 700)),
                       "status": rng.choice(["planned", "in-progress", "done"])}
                      for a in some(pools.items[lang], 1, 3)],
    }
    if photos and rng.random() < 0.3:
        front["photos"] = [{"file": f"media/{rng.choice(photos)}",
                            "alt": rng.choice(pools.sentences[lang])[:120]}]
    body = "\n\n".join(f"## {rng.choice(pools.items[lang])[:60]}\n\n"
                       + " ".join(some(pools.sentences[lang], 2, 4))
                       for _ in range(rng.randint(1, 3)))
    slug = f"{start.year}-{city}-{i:05d}"
    frontmatter = yaml.dump(front, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100)
    text = f"---\n{frontmatter}---\n\n{body}\n"
    return f"missions/{start.year}/{slug}.md", text


def generate(root: Path, n: int) -> None:
    """A content folder of ``n`` reports (the same first reports for every n: one seed)."""
    shipped = validate_content(SHIPPED).content
    assert shipped is not None, "the shipped content does not validate"
    pools = harvest(shipped)
    cities_yml = yaml.safe_load((SHIPPED / "cities.yml").read_text(encoding="utf-8"))
    vocabulary = yaml.safe_load((SHIPPED / "vocabulary.yml").read_text(encoding="utf-8"))
    root.mkdir(parents=True)
    for name in ("cities.yml", "vocabulary.yml"):
        shutil.copy(SHIPPED / name, root / name)
    shutil.copytree(SHIPPED / "pages", root / "pages")
    shutil.copytree(SHIPPED / "media", root / "media")
    photos = sorted(p.name for p in (root / "media").iterdir())
    rng = random.Random(20250601)
    cities = sorted(cities_yml)
    names = {key: value["name"] for key, value in cities_yml.items()}
    for i in range(n):
        path, text = report(i, rng, pools, cities, names, vocabulary, photos)
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


# --- Build -------------------------------------------------------------------------------------


@dataclass
class Build:
    n: int
    site: Path
    seconds: float
    pagefind_seconds: float
    pages: int
    html_bytes: int

    def mission_sizes(self) -> dict[str, int]:
        pages = (self.site / "missions").glob("*/index.html")
        return {p.parent.name: p.stat().st_size for p in pages}


def build(workdir: Path, n: int, profile: bool) -> Build:
    root = workdir / f"n{n}"
    content, site = root / "content", root / "www"
    print(f"\n== {n:,} reports", flush=True)
    started = time.perf_counter()
    generate(content, n)
    print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)
    config = write_config(root, content, today="2025-06-01", site_dir=site)
    started = time.perf_counter()
    if profile:
        _profiled_build(config)
    else:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                       check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - started
    # Pagefind ran inside the build (on_post_build); time it again alone to split the figure.
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet",
                    "--output-path", str(root / "pagefind-again")], check=True)
    pagefind_seconds = time.perf_counter() - started
    html = list(site.rglob("*.html"))
    html_bytes = sum(p.stat().st_size for p in html)
    result = Build(n, site, seconds, pagefind_seconds, len(html), html_bytes)
    index = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    print(f"built {result.pages:,} pages in {seconds:.1f} s "
          f"({result.pages / seconds:.0f} pages/s); "
          f"Pagefind alone {pagefind_seconds:.1f} s")
    print(f"HTML {result.html_bytes / 1e6:.1f} MB in all; catalogue page "
          f"{(site / 'missions/index.html').stat().st_size / 1e6:.2f} MB; home "
          f"{(site / 'index.html').stat().st_size / 1e3:.0f} kB; "
          f"Pagefind bundle {index / 1e6:.1f} MB")
    return result


def _profiled_build(config: Path) -> None:
    """The build in this process under cProfile (slower than a plain build: read the shares)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    profiler = cProfile.Profile()
    profiler.enable()
    mkdocs_build(load_config(str(config)))
    profiler.disable()
    for order, lines in (("cumulative", 40), ("tottime", 15)):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(lines)
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))


# --- Serve and measure ------------------------------------------------------------------------


class Served:
    """What the server sent: (path, bytes, gzip bytes) per response, for one window at a time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.log: list[tuple[str, int, int]] = []

    def reset(self) -> None:
        with self.lock:
            self.log.clear()

    def add(self, path: str, data: bytes) -> None:
        zipped = len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))
        with self.lock:
            self.log.append((path, len(data), zipped))

    def under_pagefind(self) -> tuple[int, int, int, int]:
        """(bytes, gzip bytes, engine bytes, requests) under /pagefind/ in this window."""
        with self.lock:
            rows = [row for row in self.log if "/pagefind/" in row[0]]
        engine = sum(raw for path, raw, _ in rows if ENGINE.search(path))
        return sum(r[1] for r in rows), sum(r[2] for r in rows), engine, len(rows)


@contextmanager
def serve(site: Path, served: Served) -> Iterator[str]:
    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends it
            super().end_headers()

        def copyfile(self, source: Any, outputfile: Any) -> None:
            data = source.read()
            outputfile.write(data)
            served.add(self.path, data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


TIMED = """([action, done]) => new Promise((resolve) => {
  const t0 = performance.now();
  const seen = () => document.querySelector(done);
  const observer = new MutationObserver(() => {
    if (seen()) { observer.disconnect(); resolve(performance.now() - t0); }
  });
  observer.observe(document.body, {childList: true, subtree: true, attributes: true});
  (new Function(action))();
})"""


def typing(selector: str, text: str) -> str:
    return (f"const i = document.querySelector({selector!r}); i.focus(); i.value = {text!r};"
            "i.dispatchEvent(new Event('input', {bubbles: true}));")


@dataclass
class Row:
    what: str
    where: str
    results: str
    raw: int
    zipped: int
    engine: int
    requests: int
    seconds: float


def measure(site: Path, base: str, served: Served) -> list[Row]:
    from playwright.sync_api import sync_playwright

    rows: list[Row] = []
    mission = next((site / "missions").glob("*/index.html")).parent.name
    header_done = "#m4c-hsearch-panel:not([hidden]) .m4c-hsearch__list li"
    catalogue_ready = "details[data-facet=theme]:not([hidden])"
    results_done = ".m4c-results:not([hidden]) .m4c-result"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def fresh(path: str, ready: str | None = None) -> Any:
            """A page in a new context (a cold cache), loaded; the byte log starts afresh after."""
            # No request routing here: Playwright turns the HTTP cache off when it routes.
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.set_default_timeout(120_000)
            served.reset()
            started = time.perf_counter()
            page.goto(base + path, wait_until="load")
            if ready:
                page.wait_for_selector(ready, state="attached")
            page.wait_for_load_state("networkidle")
            raw, zipped, _, requests = served.under_pagefind()
            print(f"loaded /{path} in {time.perf_counter() - started:.1f} s; under /pagefind/ "
                  f"{raw / 1024:.0f} KB ({zipped / 1024:.0f} KB gzip, {requests} requests)",
                  flush=True)
            served.reset()
            return page

        def timed(page: Any, what: str, where: str, action: str, done: str, count: str) -> None:
            ms = page.evaluate(TIMED, [action, done])
            page.wait_for_load_state("networkidle")
            raw, zipped, engine, requests = served.under_pagefind()
            shown = page.locator(count).first.inner_text().strip()
            rows.append(Row(what, where, shown, raw, zipped, engine, requests, ms / 1000))

        for what, query in ((f"common word '{COMMON}'", COMMON), (f"rare word '{RARE}'", RARE),
                            ("no accents 'evora'", "evora")):
            page = fresh(f"missions/{mission}/")
            timed(page, what, "header, cold", typing("#m4c-hsearch-q", query), header_done,
                  ".m4c-hsearch__status")
            page.keyboard.press("Escape")
            page.keyboard.press("Escape")
            served.reset()
            timed(page, "  then 'tourisme'", "header, warm", typing("#m4c-hsearch-q", "tourisme"),
                  header_done, ".m4c-hsearch__status")
            page.context.close()

        for what, query in ((f"common word '{COMMON}'", COMMON), (f"rare word '{RARE}'", RARE)):
            page = fresh("missions/", catalogue_ready)
            timed(page, what, "catalogue", typing("#m4c-q", query), results_done,
                  ".m4c-results__count")
            page.context.close()
        for facet, value in (("theme", "Tourisme"), ("year", "2019")):
            page = fresh("missions/", catalogue_ready)
            tick = (f"const d = document.querySelector('details[data-facet={facet}]');"
                    "d.open = true;"
                    f"d.querySelector('input[value=\"{value}\"]').click();")
            timed(page, f"filter only: {facet} = {value}", "catalogue", tick, results_done,
                  ".m4c-results__count")
            page.context.close()
        browser.close()
    return rows


def table(rows: list[Row]) -> None:
    print(f"\n{'query':<34} {'where':<14} {'results':<22} {'KB sent':>8} {'KB gzip':>8} "
          f"{'engine':>7} {'req':>4} {'to results':>10}  "
          f"targets (≤ {TARGET_BYTES // 1024} KB, < {TARGET_SECONDS:g} s)")
    for row in rows:
        ok = "ok" if row.zipped <= TARGET_BYTES and row.seconds < TARGET_SECONDS else "MISSED"
        print(f"{row.what:<34} {row.where:<14} {row.results[:22]:<22} {row.raw / 1024:>8.0f} "
              f"{row.zipped / 1024:>8.0f} {row.engine / 1024:>7.0f} {row.requests:>4} "
              f"{row.seconds * 1000:>8.0f} ms  {ok}")
    print("KB sent: bytes served under /pagefind/ from typing to results (the engine too on a "
          "cold box);\nKB gzip: the same as a compressing host (GitHub Pages) sends it; "
          "engine: pagefind.js, worker, wasm, meta.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--profile", action="store_true", help="profile the largest build")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp folder)")
    parser.add_argument("--site", type=Path, help="only measure the queries on this built site")
    args = parser.parse_args(argv)
    if args.site:
        served = Served()
        with serve(args.site, served) as base:
            table(measure(args.site, base, served))
        return 0
    sizes = sorted(args.sizes)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="m4c-search-bench-"))
    try:
        builds = [build(workdir, n, args.profile and n == sizes[-1]) for n in sizes]
        small, large = builds[0], builds[-1]
        if small is not large:
            before, after = small.mission_sizes(), large.mission_sizes()
            common = sorted(set(before) & set(after))
            a = statistics.median(before[s] for s in common)
            b = statistics.median(after[s] for s in common)
            print(f"\nmission page HTML, median over the {len(common):,} missions in both builds: "
                  f"{a / 1024:.1f} KB at {small.n:,}, {b / 1024:.1f} KB at {large.n:,}")
            assert b <= a * 1.05, "a mission page grows with the number of reports"
        served = Served()
        with serve(large.site, served) as base:
            rows = measure(large.site, base, served)
        table(rows)
        print(f"\nbuild: {large.n:,} reports -> {large.pages:,} pages in {large.seconds:.0f} s "
              f"({large.pages / large.seconds:.0f} pages/s), "
              f"of which Pagefind ~{large.pagefind_seconds:.0f} s")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
