"""Operations: backup and restore, the health endpoint, structured logs."""
