"""The core stays free of MkDocs, so that another engine (Zensical...) is one adapter away."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import m4c_build

ADAPTERS = "m4c_build.adapters"
"""The only package that may import a site engine; ``__main__`` only calls the CLI."""


def core_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(m4c_build.__path__, "m4c_build.")]
    return sorted(n for n in names if not n.startswith(ADAPTERS) and n != "m4c_build.__main__")


def test_the_core_imports_no_site_engine() -> None:
    modules = core_modules()
    assert "m4c_build.site.pages" in modules and "m4c_build.site.publish" in modules
    code = ("import importlib, sys\n"
            f"for name in {modules!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
