"""The MkDocs adapter: the ``m4c`` plugin and its options."""
