"""m4c: the publishing system of the Mission4City (M4C) knowledge base.

The pipeline, one folder a stage: ``load`` (walk, read, parse) -> ``validate`` (bind to
``schema``, collect problems) -> ``model`` -> ``site`` (pages) and ``outputs`` (data, feeds,
downloads); ``i18n`` holds every interface text; ``adapters`` (CLI, MkDocs, Pagefind) are the
only code that knows a site engine.
"""
