"""Search across what a user may see: organisations, people, elections, documents, congresses."""
