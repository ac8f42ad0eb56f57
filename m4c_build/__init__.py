"""m4c: the publishing system of the Mission4City (M4C) knowledge base.

The pipeline, one module a phase: ``content`` (load and validate) -> ``model`` -> ``site``
(pages) -> adapters (``plugin`` for MkDocs, ``cli``).
"""
