"""Stage 5, outputs: what a build publishes beside its pages (data, feeds, schemas, downloads)."""
