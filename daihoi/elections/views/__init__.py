"""Pages of an election, one module per noun; each write is one URL, one POST view, one form."""
