"""Adapters: the only code that knows a site engine or a tool (the CLI, MkDocs, Pagefind)."""
