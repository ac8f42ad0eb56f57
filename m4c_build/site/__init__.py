"""Stage 4, site: the page generator (URLs, groupings, template context, pages, rendering)."""
