"""Stage 2, validate: bind files to the schema, collect every problem with file:line:col."""
