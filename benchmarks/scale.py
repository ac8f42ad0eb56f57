"""The whole pipeline at 1,000 / 2,000 / 10,000 reports, against plain Material + Pagefind.

    .venv/bin/python benchmarks/scale.py [--sizes 1000 2000 10000] [--skip-serve]

For each size, in one run on this machine: a corpus of generated reports (``corpus.py``); the
baseline, a plain Material build of the same texts (one page per report, out of the
navigation, no lunr search) and Pagefind over it; ``m4c build --language fr`` and the
three-language ``m4c build``; ``m4c validate`` cold, then warm three times (its content-hash cache); the
``m4c serve`` round trip at 1,000 reports (a Chromium page open on a report, the file saved,
the new title on screen); the largest generated page of each kind (and the pages of the lessons
explorer and of the follow-up board, with what their searches read); the peak memory of each build.
Every build runs in its own process tree; its peak memory is sampled over the whole tree
every half second as the sum of each process's proportional share (PSS: the three languages run side
by side and add up, while what they share from their forked parent counts once). Figures are printed as ratios to
the baseline of the same run, with the issue's targets: machines here are noisy, seconds are
comparable only within one run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import frontmatter

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

BIN = Path(sys.executable).parent
MKDOCS_YML = REPO / "mkdocs.yml"

BASELINE_YML = """\
site_name: Baseline
site_url: https://example.org/base/
use_directory_urls: true
theme:
  name: material
  language: fr
  font: false
plugins: []
not_in_nav: |
  /missions/
markdown_extensions: [admonition, attr_list, tables, toc]
"""
"""Plain Material: the same texts as pages out of the navigation, no search plugin (Pagefind
indexes the built site instead, as m4c does)."""


@dataclass(frozen=True)
class Run:
    """One command's wall time and its process tree's peak memory (PSS)."""

    seconds: float
    peak_mb: float
    output: str


def _memory_kb(pid: int) -> int:
    """A process's proportional share of memory (PSS): pages it shares with its forked
    siblings (the validated content of a several-language build) count once across them."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii").splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _tree_memory_kb(root_pid: int) -> int:
    """Memory of a process and all its descendants (PSS, from /proc)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
            children[int(fields[1])].append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += _memory_kb(pid)
        stack.extend(children.get(pid, []))
    return total


def run(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``command``, sampling its process tree's memory every half second (reading a large
    process's PSS walks its page tables: sampled often, it slows the build it measures)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_memory_kb(process.pid))
            stop.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{output[-3000:]}")
    return Run(seconds, peak / 1024, output)


def _texts(value: object) -> list[str]:
    """Every text in a frontmatter value, in order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in _texts(item)] if isinstance(value, list) else []


def baseline_docs(content: Path, docs: Path) -> None:
    """The reports' texts as plain Markdown pages: title, every text field, the narrative."""
    for path in sorted((content / "missions").rglob("*.md")):
        post = frontmatter.load(str(path))
        fields = _texts({k: v for k, v in post.metadata.items() if k != "title"})
        target = docs / "missions" / f"{path.stem}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n\n".join([f"# {post['title']}", *fields, post.content]), encoding="utf-8")
    (docs / "index.md").write_text("# Baseline\n", encoding="utf-8")


def build_baseline(content: Path, work: Path) -> Run:
    project = work / "baseline"
    baseline_docs(content, project / "docs")
    (project / "mkdocs.yml").write_text(BASELINE_YML, encoding="utf-8")
    script = (f"{BIN / 'mkdocs'} build -q -f {project / 'mkdocs.yml'} -d {project / 'site'} && "
              f"{sys.executable} -m pagefind --site {project / 'site'} --quiet")
    result = run(["bash", "-c", script])
    shutil.rmtree(project)
    return result


def build_m4c(content: Path, site: Path, language: str | None) -> Run:
    command = [str(BIN / "m4c"), "build", "-f", str(MKDOCS_YML), "--content", str(content), "-d", str(site)]
    return run([*command, "--language", language] if language else command, cwd=REPO)


def largest_pages(site: Path) -> dict[str, tuple[int, str]]:
    """The largest HTML file of each page kind (by its address) in one language's site."""
    kinds: dict[str, tuple[int, str]] = {}
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        parts = relative.split("/")
        if parts[0] in ("fr", "en", "es"):
            parts = parts[1:]
        if len(parts) == 1:
            kind = "home" if parts[0] == "index.html" else parts[0]
        elif parts[0] == "missions":
            kind = "catalogue" if len(parts) == 2 else "mission"
        elif parts[0] == "lessons":
            kind = "lessons explorer"
        elif parts[0] == "follow-up":
            kind = "follow-up board"
        elif parts[0] == "statistics":
            kind = "statistics"
        elif parts[0] == "years" and len(parts) == 3:
            kind = "year in review"  # a year's first page: its review above its missions
        elif len(parts) == 2:
            kind = f"{parts[0]} index"
        elif "page" in parts:
            kind = f"{parts[0]} page n"
        else:
            kind = parts[0]
        size = path.stat().st_size
        if size > kinds.get(kind, (0, ""))[0]:
            kinds[kind] = (size, relative)
    return kinds


def records_figures(site: Path, folder: str, name: str, index_folder: str = "", data_file: str = "") -> str:
    """A list of records of one language's site (the lessons explorer, the follow-up board): its
    pages, the largest, and what its search reads of its own: a Pagefind index (records, bytes
    stored) or its script's data file (bytes). The explorer has neither: it reads the pages' index."""
    pages = sorted(site.glob(f"{folder}/**/index.html"), key=lambda p: p.stat().st_size)
    if not pages:
        return f"{name}: no page"
    largest = pages[-1]
    figures = (f"{name} (fr): {len(pages)} pages, the largest {largest.stat().st_size / 1024:.1f} KB "
               f"({largest.relative_to(site).as_posix()})  {_mark(largest.stat().st_size / 1024, 150)}")
    index = site / index_folder
    if index_folder and index.is_dir():
        records = sum(1 for _ in (index / "fragment").iterdir())
        stored = sum(p.stat().st_size for p in index.rglob("*") if p.is_file())
        figures += f"; its index {records:,} records, {stored / 1e6:.1f} MB"
    data = site / data_file
    if data_file and data.is_file():
        figures += f"; {data_file} {data.stat().st_size / 1e6:.2f} MB"
    return figures


def validate(content: Path, cache: Path, warm: bool) -> Run:
    if not warm and cache.exists():
        shutil.rmtree(cache)
    return run([str(BIN / "m4c"), "validate", str(content)], cwd=REPO, env={"XDG_CACHE_HOME": str(cache)})


def _phases(output: str) -> str:
    """The build's own summary of its phases (one line a language)."""
    found = re.findall(r"m4c: (validate .*total [\d.]+ s)|^(\w\w)/: built in [\d.]+ s \((.*)\)$", output, re.M)
    return "; ".join(single or f"{lang}: {phases}" for single, lang, phases in found)


def _mark(value: float, target: float) -> str:
    return f"{'ok' if value <= target else 'OVER'} (target <= {target:g})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 2_000, 10_000])
    parser.add_argument("--skip-serve", action="store_true", help="no serve round trip")
    args = parser.parse_args()
    print(f"m4c scale benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}", flush=True)
    with tempfile.TemporaryDirectory(prefix="m4c-scale-") as tmp:
        work = Path(tmp)
        for size in args.sizes:
            content = work / f"content-{size}"
            generate(content, size)
            print(f"\n== {size:,} reports "
                  f"({sum(p.stat().st_size for p in content.rglob('*.md')) / 1e6:.1f} MB of reports)", flush=True)
            base = build_baseline(content, work)
            print(f"baseline (Material + Pagefind)  {base.seconds:7.1f} s  {base.peak_mb:6.0f} MB", flush=True)
            one = build_m4c(content, work / "site-fr", "fr")
            print(f"m4c build --language fr         {one.seconds:7.1f} s  {one.peak_mb:6.0f} MB  "
                  f"{one.seconds / base.seconds:4.2f}x  {_mark(one.seconds / base.seconds, 1.3)}", flush=True)
            print("    phases: " + _phases(one.output), flush=True)
            pages = largest_pages(work / "site-fr")
            explorer = records_figures(work / "site-fr", "lessons", "lessons explorer")  # it searches the pages' index
            board = records_figures(work / "site-fr", "follow-up", "follow-up board",
                                    data_file="follow-up/actions.json")
            shutil.rmtree(work / "site-fr")
            three = build_m4c(content, work / "site", None)
            print(f"m4c build (fr, en, es)          {three.seconds:7.1f} s  {three.peak_mb:6.0f} MB  "
                  f"{three.seconds / base.seconds:4.2f}x  {_mark(three.seconds / base.seconds, 2.0)}"
                  + (f"  memory {_mark(three.peak_mb, 1536)}" if size >= 10_000 else ""), flush=True)
            print("    phases: " + _phases(three.output), flush=True)
            shutil.rmtree(work / "site")
            cache = work / "cache"
            cold = validate(content, cache, warm=False)
            # Warm: three runs in a row, the median marked (the first after a 10,000-report build
            # also reads Python's own files back from a disk the build pushed out of memory).
            warm = [validate(content, cache, warm=True).seconds for _ in range(3)]
            print(f"m4c validate cold               {cold.seconds:7.2f} s  {size / cold.seconds:8,.0f} reports/s"
                  + (f"  {_mark(cold.seconds, 2.0)}" if size >= 10_000 else ""), flush=True)
            print(f"m4c validate warm (cache)       {statistics.median(warm):7.2f} s  ("
                  + ", ".join(f"{s:.2f}" for s in warm) + " s)"
                  + (f"  {_mark(statistics.median(warm), 0.5)}" if size >= 10_000 else ""), flush=True)
            print("largest page of each kind (fr):")
            for kind, (size_bytes, where) in sorted(pages.items(), key=lambda item: -item[1][0]):
                print(f"  {kind:<18} {size_bytes / 1024:7.1f} KB  {where}"
                      f"{'  OVER 150 KB' if size_bytes > 150 * 1024 else ''}")
            print(explorer, flush=True)
            print(board, flush=True)
            if size == 1_000 and not args.skip_serve:
                from serve import round_trip, write_config  # needs Chromium: only when asked

                seconds = round_trip(content, write_config(content, work / "serve.yml"), saves=3)
                print("m4c serve: a saved report on screen after "
                      + ", ".join(f"{s:.2f}" for s in seconds) + f" s  {_mark(statistics.median(seconds), 2.0)}",
                      flush=True)
            shutil.rmtree(content)


if __name__ == "__main__":
    main()
