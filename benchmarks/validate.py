"""How fast is `validate_content`? Generates N realistic reports and times the validator.

    /work/venv/bin/python benchmarks/validate.py [--sizes 1000 10000] [--profile]

Each size is measured in a fresh process (so peak memory is that run's own), next to a
baseline measured in the same run: read every file and ``yaml.load`` its frontmatter with
PyYAML's C loader when there is one. The ratio says what positions, schema binding and
cross-checks cost over plain parsing. Reports use the shipped content/cities.yml and
vocabulary.yml when present, else generated ones.
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
from pathlib import Path

import yaml

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from corpus import generate  # noqa: E402

from m4c_build.validate.content import validate_content  # noqa: E402

# --- Measurements (each in a fresh process) ----------------------------------------------------


def _peak_mb() -> float | None:
    if resource is None:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def _baseline(root: Path) -> tuple[float, int, float | None]:
    """Read each report and parse its frontmatter as plain YAML: no positions, no schema."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start = time.perf_counter()
    count = 0
    for path in sorted((root / "missions").rglob("*.md")):
        text = path.read_bytes().decode("utf-8-sig")
        end = text.find("\n---", 3)
        yaml.load(text[3:end], Loader=loader)  # a SafeLoader
        count += 1
    return time.perf_counter() - start, count, _peak_mb()


def _validate(root: Path) -> tuple[float, int, float | None]:
    start = time.perf_counter()
    result = validate_content(root)
    seconds = time.perf_counter() - start
    if result.problems:
        raise SystemExit(f"the generated content has problems: {result.problems[:3]}")
    assert result.content is not None
    return seconds, len(result.content.missions), _peak_mb()


def _run(kind: str, root: Path, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    queue.put((_baseline if kind == "baseline" else _validate)(root))


def measure(kind: str, root: Path) -> tuple[float, int, float | None]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_run, args=(kind, root, queue))
    process.start()
    result = queue.get()
    process.join()
    return result  # type: ignore[no-any-return]


def profile(root: Path, top: int = 25) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(validate_content, root)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    print(f"\nProfile of validate_content on {root} (cumulative, top {top}):")
    stats.sort_stats("cumulative").print_stats(top)
    print(f"Profile (own time, top {top}):")
    stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000],
                        help="numbers of reports (default: 1000 10000)")
    parser.add_argument("--profile", action="store_true",
                        help="also print a cProfile of validate_content at the largest size")
    args = parser.parse_args()

    libyaml = "C loader (libyaml)" if getattr(yaml, "__with_libyaml__", False) else "pure Python"
    print(f"m4c validate benchmark: Python {sys.version.split()[0]}, PyYAML {yaml.__version__}, "
          f"baseline parser: {libyaml}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="m4c-bench-") as tmp:
        for size in args.sizes:
            root = Path(tmp) / f"content-{size}"
            origin = generate(root, size)
            megabytes = sum(p.stat().st_size for p in root.rglob("*.md")) / 1e6
            base_s, base_n, base_mem = measure("baseline", root)
            m4c_s, m4c_n, m4c_mem = measure("validate", root)
            assert base_n == m4c_n == size, (base_n, m4c_n, size)
            rows.append((size, megabytes, base_s, base_mem, m4c_s, m4c_mem))
            if args.profile and size == max(args.sizes):
                profile(root)
            shutil.rmtree(root)
    print(f"registry: {origin}; peak memory is the measuring process's peak RSS\n")

    def mem(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.0f} MB"

    header = (f"{'reports':>8} {'MB':>6} | {'baseline s':>10} {'reports/s':>10} {'peak':>7} | "
              f"{'m4c s':>7} {'reports/s':>10} {'peak':>7} | {'ratio':>6}")
    print(header)
    print("-" * len(header))
    for size, megabytes, base_s, base_mem, m4c_s, m4c_mem in rows:
        print(f"{size:>8,} {megabytes:>6.1f} | {base_s:>10.2f} {size / base_s:>10,.0f} "
              f"{mem(base_mem):>7} | {m4c_s:>7.2f} {size / m4c_s:>10,.0f} {mem(m4c_mem):>7} | "
              f"{m4c_s / base_s:>5.1f}x")


if __name__ == "__main__":
    main()
