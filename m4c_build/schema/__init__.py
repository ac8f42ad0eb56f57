"""The schema of reports and registries, its one walk, and examples derived from it."""
