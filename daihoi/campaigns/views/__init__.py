"""Pages of the campaigns app, one module per noun; every write has its own URL and view."""
