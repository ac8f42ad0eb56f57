"""Do the tests catch a bug in the code that guards safety and privacy? Mutation testing with mutmut.

    .venv/bin/python benchmarks/mutation.py [MODULE ...] [--list] [--max-children N] [--keep]

mutmut (3.x) changes one thing at a time in a function (a comparison, a constant, an argument,
a boolean operator...) and runs the tests that cover that function: a mutant no test fails on
*survives*. For each module below, in a temporary copy of the working tree (the tree itself is
never written), only that module is mutated (only the named functions where the module does
more than guard) and only its mapped test files run. Prints each module's score (killed of
mutants), the overall score, and every survivor as file:line with its diff.

Target (issue 15): >= 90 % on each module; each survivor is killed by a test, or explained
beside the code as an equivalent mutant (no behaviour can tell it apart).
A mutant whose function no mapped test runs ("no tests") counts as a survivor; one that makes
the tests hang (timeout) counts as killed. CPU: one module a few minutes (``--max-children``
workers, default 1); run the modules one at a time on a busy machine.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Target:
    """A module that guards safety or privacy, what of it is mutated, and the tests that cover it."""

    name: str
    path: str
    tests: tuple[str, ...]
    functions: tuple[str, ...] = ()
    """mutmut's names for the functions mutated (``x_name``, ``xǁClassǁmethod``); empty: all."""
    deselect: tuple[str, ...] = ()
    """Tests left out: they cover the module through whole builds that others cover faster."""

    @property
    def module(self) -> str:
        return self.path.removesuffix(".py").replace("/", ".")

    def patterns(self) -> list[str]:
        return [f"{self.module}.{f}__mutmut_*" for f in self.functions] or [f"{self.module}.*"]


def cases(*names: str) -> tuple[str, ...]:
    """Golden validator cases by name: every case reads and checks every file, so a module's
    mutants run only the cases about it (each mutant runs its tests once)."""
    return tuple(f"tests/test_validator_cases.py::test_validator_case[{name}]" for name in names)


WALKER_BUILDS = ("tests/test_walker.py::test_a_build_publishes_only_what_the_walker_accepted",
                 "tests/test_walker.py::test_a_linked_page_stops_the_build_and_leaks_nothing")

TARGETS = [
    Target("sanitiser", "m4c_build/site/sanitize.py", ("tests/test_security.py",),
           deselect=("tests/test_security.py::test_a_full_build_never_lets_a_script_through",)),
    Target("walker", "m4c_build/load/files.py", ("tests/test_walker.py",), deselect=WALKER_BUILDS),
    Target("text", "m4c_build/load/text.py", ("tests/test_walker.py", "tests/test_positions.py",
                                              *cases("empty-file", "no-frontmatter", "unclosed-frontmatter",
                                                     "not-utf8", "bom-crlf-fine", "file-too-large")),
           deselect=WALKER_BUILDS),
    Target("markup", "m4c_build/validate/markup.py",
           ("tests/test_positions.py",
            "tests/test_security.py::test_the_validator_would_refuse_most_payloads",
            *cases("unsafe-markup", "unsafe-markup-attributes", "unsafe-markup-disguised", "unsafe-markup-more",
                  "all-problems-one-run"))),
    Target("limits", "m4c_build/validate/limits.py", ("tests/test_limits.py", "tests/test_positions.py")),
    Target("privacy", "m4c_build/validate/report.py",
           cases("contact-published", "contact-name-any-case", "contact-draft-and-narrative", "todo-in-draft",
                 "todo-in-published"),
           functions=("x__check_private", "x__texts")),
    Target("csv", "m4c_build/outputs/opendata.py", ("tests/test_exports.py",),
           functions=("x__cell", "x__cells", "x__csv_file", "x_missions_csv", "x__joined")),
    Target("positions", "m4c_build/problems.py",
           ("tests/test_positions.py", "tests/test_messages.py",
            *cases("invisible-characters", "contact-published", "unsafe-markup")),
           functions=("x_position", "xǁTextPositionsǁ*", "x_visible")),
    Target("follow-up dates", "m4c_build/site/context.py", ("tests/test_pages.py",),
           functions=("xǁSiteǁoverdue",)),
]

KILLED = {"killed", "timeout", "caught by type check"}
NOT_RUN = {"not checked", "skipped", "check was interrupted by user"}


@dataclass
class Survivor:
    name: str
    status: str
    where: str
    diff: list[str]


@dataclass
class Result:
    target: Target
    killed: int = 0
    survivors: list[Survivor] = field(default_factory=list)
    not_run: int = 0
    seconds: float = 0.0
    error: str = ""

    @property
    def total(self) -> int:
        return self.killed + len(self.survivors)

    @property
    def score(self) -> float:
        return 100 * self.killed / self.total if self.total else 0.0


def copy_tree(dest: Path) -> None:
    """The working tree as it is (committed or not, ignored files left out)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file() and not source.is_symlink():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def configure(copy: Path, target: Target) -> None:
    """mutmut's settings, in the copy's pyproject.toml only."""
    tops = sorted(p.name for p in copy.iterdir() if p.name not in ("mutants", ".git"))
    tests = [*target.tests, *(f"--deselect={t}" for t in target.deselect)]
    settings = {  # TOML arrays of strings are written as JSON writes them
        "source_paths": [target.path],
        "also_copy": tops,
        "pytest_add_cli_args_test_selection": tests,
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-x"],
    }
    with (copy / "pyproject.toml").open("a", encoding="utf-8") as out:
        out.write("\n[tool.mutmut]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in settings.items()))


def mutmut(copy: Path, *args: str, log: Path | None = None) -> str:
    command = [sys.executable, "-W", "ignore", "-m", "mutmut", *args]
    if log is None:
        return subprocess.run(command, cwd=copy, capture_output=True, text=True, check=True).stdout
    with log.open("w", encoding="utf-8") as out:
        subprocess.run(command, cwd=copy, stdout=out, stderr=subprocess.STDOUT, check=True)
    return ""


def function_lines(path: Path) -> dict[str, int]:
    """mutmut's function name (``x_f``, ``xǁCǁm``) -> the line of its ``def``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, int] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found[f"x_{node.name}"] = node.lineno
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    found[f"xǁ{node.name}ǁ{item.name}"] = item.lineno
    return found


def locate(target: Target, name: str, diff: list[str]) -> str:
    """file:line of the first line the mutant changes, in the working tree's file."""
    function = name.removeprefix(target.module + ".").rsplit("__mutmut_", 1)[0]
    source = REPO / target.path
    start = function_lines(source).get(function, 1)
    removed = next((line[1:].strip() for line in diff if line.startswith("-") and not line.startswith("---")), "")
    lines = source.read_text(encoding="utf-8").splitlines()
    for number in range(start, len(lines) + 1):
        if removed and lines[number - 1].strip() == removed:
            return f"{target.path}:{number}"
    return f"{target.path}:{start}"


def run_target(target: Target, max_children: int, keep: bool) -> Result:
    result = Result(target)
    copy = Path(tempfile.mkdtemp(prefix=f"m4c-mutation-{target.name.replace(' ', '-')}-"))
    start = time.perf_counter()
    try:
        copy_tree(copy)
        configure(copy, target)
        mutmut(copy, "run", "--max-children", str(max_children), *target.patterns(), log=copy / "mutmut.log")
        patterns = target.patterns()
        for line in mutmut(copy, "results", "--all", "true").splitlines():
            name, _, status = line.strip().rpartition(": ")
            if not any(fnmatch.fnmatch(name, p) for p in patterns):
                continue
            if status in KILLED:
                result.killed += 1
            elif status in NOT_RUN:
                result.not_run += 1
            else:
                diff = [d for d in mutmut(copy, "show", name).splitlines()[1:]
                        if d.startswith(("-", "+")) and not d.startswith(("---", "+++"))]
                result.survivors.append(Survivor(name, status, locate(target, name, diff), diff))
    except subprocess.CalledProcessError as exc:
        log = copy / "mutmut.log"
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:] if log.exists() else ""
        result.error = f"mutmut failed ({exc.returncode}): {tail or exc.stderr}"
    finally:
        result.seconds = time.perf_counter() - start
        if keep:
            print(f"[{target.name}] kept in {copy}", file=sys.stderr)
        else:
            shutil.rmtree(copy, ignore_errors=True)
    return result


def _sort_key(survivor: Survivor) -> tuple[str, int]:
    path, _, line = survivor.where.rpartition(":")
    return path, int(line)


def report(results: list[Result], skipped: list[Target]) -> int:
    print(f"{'module':<16} {'file':<32} {'mutants':>7} {'killed':>6} {'survived':>8} {'score':>7} {'time':>7}")
    for r in results:
        if r.error:
            print(f"{r.target.name:<16} {r.target.path:<32} error: {r.error}")
            continue
        print(f"{r.target.name:<16} {r.target.path:<32} {r.total:>7} {r.killed:>6} {len(r.survivors):>8} "
              f"{r.score:>6.1f}% {r.seconds:>6.0f}s" + (f"  ({r.not_run} not run)" if r.not_run else ""))
    done = [r for r in results if not r.error]
    total, killed = sum(r.total for r in done), sum(r.killed for r in done)
    if total:
        print(f"{'overall':<16} {'':<32} {total:>7} {killed:>6} {total - killed:>8} {100 * killed / total:>6.1f}%")
    if skipped:
        print("not run: " + ", ".join(t.name for t in skipped))
    survivors = sorted((s for r in done for s in r.survivors), key=_sort_key)
    if survivors:
        print("\nsurvivors:")
    for s in survivors:
        print(f"{s.where}  {s.status}  ({s.name})")
        for line in s.diff:
            print(f"    {line}")
    below = [r.target.name for r in done if r.score < 90]
    print(f"\ntarget >= 90 % per module: {'met' if not below and done else 'not met: ' + ', '.join(below)}")
    return 1 if below or any(r.error for r in results) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    names = [t.name for t in TARGETS]
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"among: {', '.join(names)} (default: all)")
    parser.add_argument("--list", action="store_true", help="the modules, their functions and tests")
    parser.add_argument("--max-children", type=int, default=1, help="mutants tested at once (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep each temporary copy (mutmut's state, its log)")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in names]
    if unknown:
        parser.error(f"unknown module(s) {unknown}; choose among {names}")
    if args.list:
        for t in TARGETS:
            print(f"{t.name}: {t.path} [{', '.join(t.functions) or 'all'}] <- {', '.join(t.tests)}")
        return 0
    chosen = [t for t in TARGETS if not args.modules or t.name in args.modules]
    results = []
    for target in chosen:
        print(f"[{target.name}] mutating {target.path} ...", file=sys.stderr, flush=True)
        results.append(run_target(target, args.max_children, args.keep))
    return report(results, [t for t in TARGETS if t not in chosen])


if __name__ == "__main__":
    sys.exit(main())

