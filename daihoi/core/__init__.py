"""What every app shares: refusals with codes, the table reader, downloads, formatting."""
