"""The page generator: groupings, interface strings, rendering, pages."""
