"""Jinja rendering of the generated pages' content (autoescaped; no HTML built in Python)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import markdown
from jinja2 import (
    BaseLoader,
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket
from markupsafe import Markup

from m4c_build.parallel import forked_map
from m4c_build.site.packing import pack, unpack
from m4c_build.site.sanitize import safe_markup

TEMPLATE_FOLDER = "m4c"
"""Templates live in ``m4c_build/templates/m4c/``; a theme folder may override any of them
with ``<theme>/m4c/<name>.html``."""

_BODY_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "attr_list", "toc", "admonition"]


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory by a process, for the builds it makes one after another
    (a preview's; a several-language build's process that builds a second language) and the
    processes it forks. Jinja keys a template by its name and file and compares its source's
    checksum, so an edited one is compiled again; the key here also holds how the environment
    compiles (``_compiles_as``), so one set up otherwise compiles its own."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        return super().get_bucket(environment, f"{name}\0{_compiles_as(environment)}", filename, source)

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


def _compiles_as(env: Environment) -> str:
    """What of an environment's setup shapes the code it compiles a template into: its syntax,
    whitespace rules, extensions, escaping (m4c's autoescapes, MkDocs' theme does not), output
    finaliser and mode."""
    escaping = "by name" if callable(env.autoescape) else env.autoescape
    return repr((escaping, sorted(env.extensions), env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline,
                 env.newline_sequence, env.block_start_string, env.block_end_string, env.variable_start_string,
                 env.variable_end_string, env.comment_start_string, env.comment_end_string,
                 env.line_statement_prefix, env.line_comment_prefix, env.optimized, env.is_async,
                 getattr(env.finalize, "__qualname__", env.finalize)))


COMPILED = MemoryBytecodeCache()
"""The templates this process compiled: m4c's (and a theme's overrides of them), Material's and
m4c's blocks over them."""


def make_environment(overrides: Sequence[Path] = ()) -> Environment:
    loaders: list[BaseLoader] = [FileSystemLoader([str(p) for p in overrides])] if overrides else []
    loaders.append(PackageLoader("m4c_build", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one environment per build: no need to stat each template per use
        bytecode_cache=COMPILED,
    )
    return env


@functools.cache
def _converter(baselevel: int) -> markdown.Markdown:
    """One converter per heading level, reused (``reset()`` between texts): making one loads
    every extension, which cost more than converting a report."""
    return markdown.Markdown(
        extensions=_BODY_EXTENSIONS,
        extension_configs={"toc": {"baselevel": baselevel}, "tables": {"use_align_attribute": True}},
        output_format="html",
    )


def render_markdown(text: str, *, baselevel: int = 3, taken: frozenset[str] | None = None) -> Markup:
    """Markdown as sanitised HTML: a report's narrative sits under the page's h2 sections, hence
    level 3. Every Markdown text of content passes here, so no page can forget the allowlist.
    ``taken``: the ids of the page the text goes in, which its headings may not take."""
    done = _PRERENDERED.get((text, baselevel, taken))
    if done is not None:  # what this function returned for it before (``prerender``)
        return Markup(unpack(done))  # noqa: S704 - safe_markup's own output, kept
    return safe_markup(_convert(text, baselevel), taken)


def _convert(text: str, baselevel: int) -> str:
    """Markdown's HTML (not yet sanitised)."""
    md = _converter(baselevel)
    try:
        return str(md.convert(text))
    finally:
        md.reset()


Prerendered = tuple[str, int, frozenset[str] | None]
"""What ``render_markdown`` is asked: (Markdown text, heading level, ids taken)."""

_PRERENDERED: dict[Prerendered, bytes] = {}
"""What ``render_markdown`` returned for these, compressed: filled by ``prerender`` only."""


def prerender(texts: Iterable[Prerendered], workers: int) -> None:
    """``render_markdown`` of each of these now, in ``workers`` forked processes, kept: what this
    process, or one forked from it later, renders again is then read back. A build of several
    languages calls it before forking them: a report's narrative is the same HTML in every
    language, and converting and sanitising it is most of a mission page's cost."""
    todo = sorted({item for item in texts if item not in _PRERENDERED}, key=lambda item: item[:2])
    done = forked_map(lambda item: pack(render_markdown(item[0], baselevel=item[1], taken=item[2])), todo, workers)
    _PRERENDERED.update(zip(todo, done, strict=True))


def forget_prerendered() -> None:
    _PRERENDERED.clear()


def render(env: Environment, name: str, **context: Any) -> str:
    return env.get_template(f"{TEMPLATE_FOLDER}/{name}").render(**context)
