"""Personnel pages, by noun; each write is its own URL, POST-only view and form."""
