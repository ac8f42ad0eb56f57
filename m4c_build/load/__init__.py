"""Stage 1, load: walk the content folder strictly, read files, parse YAML with positions."""
