"""The one base class of m4c's exceptions, and the usage errors every stage shares.

A mistake in the content is a ``Problem`` value (``problems.py``), never an exception: these
are for what stops a command before content is read (a missing folder, a wrong setting) or a
tool that fails (Pagefind). Adapters turn them into one line and an exit code, or into MkDocs'
``PluginError``.
"""

from __future__ import annotations


class M4CError(Exception):
    """Base of every exception m4c raises on purpose."""


class ContentDirError(M4CError):
    """The content folder itself is missing or unusable: a usage error, not a content problem."""


class ConfigError(M4CError):
    """A setting of the m4c plugin (mkdocs.yml) or of a command is wrong."""


class SearchIndexError(M4CError):
    """Pagefind failed; the message holds what it printed."""
