"""How fast is `m4c validate`? Generates N realistic reports and times the validator.

    .venv/bin/python benchmarks/validate.py [--sizes 1000 10000] [--profile]

Each figure is measured in a fresh process (so peak memory is that run's own):
- floor: read every file and ``yaml.load`` its frontmatter with PyYAML's C loader (libyaml),
  in one process: what parsing alone costs;
- cold: ``m4c validate``'s ``validate_content(root, content=False, cache=...)`` with an empty
  cache (every report parsed, on every core, and the cache written);
- warm: the same again, every report unchanged (their problems from the cache);
- build: ``validate_content(root)`` as the build calls it (the missions kept, one process);
  build2: the same on every core (what sending the missions back from workers costs).
Ratios are to the floor, measured in the same run: on a busy machine compare them, not seconds.
CPU is the process's and its workers' time: CPU above wall time is the cores working together.
The targets (issue 11, 2 cores): 10,000 reports cold in <= 2 s, warm in <= 0.5 s.
Reports use the shipped content/cities.yml and vocabulary.yml when present, else generated ones.
"""

from __future__ import annotations

import argparse
import cProfile
import multiprocessing
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from corpus import generate  # noqa: E402

from m4c_build.parallel import cores  # noqa: E402
from m4c_build.validate.cache import ReportCache  # noqa: E402
from m4c_build.validate.content import validate_content  # noqa: E402
from m4c_build.validate.reports import PARALLEL_FROM  # noqa: E402

TARGET_COLD = 2.0
TARGET_WARM = 0.5

# --- Measurements (each in a fresh process) ----------------------------------------------------


def _peak_mb() -> float | None:
    if resource is None:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def _cpu() -> float:
    if resource is None:
        return float("nan")
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class Run:
    seconds: float
    cpu: float
    reports: int
    peak: float | None


def _floor(root: Path, cache: Path) -> Run:
    """Read each report and parse its frontmatter as plain YAML: no positions, no schema."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start, cpu = time.perf_counter(), _cpu()
    count = 0
    for path in sorted((root / "missions").rglob("*.md")):
        text = path.read_bytes().decode("utf-8-sig")
        end = text.find("\n---", 3)
        yaml.load(text[3:end], Loader=loader)  # a SafeLoader
        count += 1
    return Run(time.perf_counter() - start, _cpu() - cpu, count, _peak_mb())


def _validate(root: Path, cache: Path) -> Run:
    """``m4c validate``: problems only, on every core, with the cache in ``cache``."""
    start, cpu = time.perf_counter(), _cpu()
    result = validate_content(root, content=False, cache=ReportCache.for_content(root, cache))
    seconds = time.perf_counter() - start
    if result.problems:
        raise SystemExit(f"the generated content has problems: {result.problems[:3]}")
    return Run(seconds, _cpu() - cpu, result.files - 2, _peak_mb())


def _build(root: Path, cache: Path, parallel_from: int | None = None) -> Run:
    """What the build does: the missions kept (in one process unless ``parallel_from``)."""
    start, cpu = time.perf_counter(), _cpu()
    result = validate_content(root, parallel_from=parallel_from)
    seconds = time.perf_counter() - start
    assert result.content is not None and not result.problems
    return Run(seconds, _cpu() - cpu, len(result.content.missions), _peak_mb())


KINDS: dict[str, Callable[[Path, Path], Run]] = {"floor": _floor, "cold": _validate, "warm": _validate, "build": _build,
         "build2": partial(_build, parallel_from=PARALLEL_FROM)}


def _run(kind: str, root: Path, cache: Path, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    queue.put(KINDS[kind](root, cache))


def measure(kind: str, root: Path, cache: Path) -> Run:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_run, args=(kind, root, cache, queue))
    process.start()
    result = queue.get()
    process.join()
    return result  # type: ignore[no-any-return]


def profile(root: Path, top: int = 25) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(validate_content, root, content=False, parallel_from=sys.maxsize)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    print(f"\nProfile of validate_content (one process, no cache) on {root} (cumulative, top {top}):")
    stats.sort_stats("cumulative").print_stats(top)
    print(f"Profile (own time, top {top}):")
    stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000],
                        help="numbers of reports (default: 1000 10000)")
    parser.add_argument("--profile", action="store_true",
                        help="also print a cProfile of validate_content (one process) at the largest size")
    args = parser.parse_args()

    libyaml = "C loader (libyaml)" if getattr(yaml, "__with_libyaml__", False) else "pure Python"
    print(f"m4c validate benchmark: Python {sys.version.split()[0]}, PyYAML {yaml.__version__}, "
          f"floor parser: {libyaml}, {cores()} cores")
    rows = []
    with tempfile.TemporaryDirectory(prefix="m4c-bench-") as tmp:
        for size in args.sizes:
            root = Path(tmp) / f"content-{size}"
            cache = Path(tmp) / f"cache-{size}"
            origin = generate(root, size)
            megabytes = sum(p.stat().st_size for p in root.rglob("*.md")) / 1e6
            runs = {kind: measure(kind, root, cache) for kind in KINDS}
            assert all(run.reports == size for run in runs.values()), (runs, size)
            rows.append((size, megabytes, runs))
            if args.profile and size == max(args.sizes):
                profile(root)
            shutil.rmtree(root)
    print(f"registry: {origin}; peak memory is the measuring process's peak RSS\n")

    def mem(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.0f} MB"

    header = (f"{'reports':>8} {'MB':>6} | {'':5} {'wall s':>7} {'cpu s':>6} {'reports/s':>10} "
              f"{'peak':>7} {'/ floor':>8}")
    print(header)
    print("-" * len(header))
    for size, megabytes, runs in rows:
        floor = runs["floor"].seconds
        for i, (kind, run) in enumerate(runs.items()):
            first = f"{size:>8,} {megabytes:>6.1f}" if i == 0 else " " * 15
            print(f"{first} | {kind:5} {run.seconds:>7.2f} {run.cpu:>6.2f} {size / run.seconds:>10,.0f} "
                  f"{mem(run.peak):>7} {run.seconds / floor:>7.2f}x")
    print()
    for size, _, runs in rows:
        if size != 10_000:
            continue
        for kind, limit in (("cold", TARGET_COLD), ("warm", TARGET_WARM)):
            seconds = runs[kind].seconds
            verdict = "met" if seconds <= limit else "NOT met"
            print(f"target: 10,000 reports {kind} <= {limit} s: {verdict} ({seconds:.2f} s, "
                  f"{runs[kind].seconds / runs['floor'].seconds:.2f}x the libyaml floor)")
    if 10_000 not in args.sizes:
        print("targets: measured at 10,000 reports (--sizes 10000)")


if __name__ == "__main__":
    main()
