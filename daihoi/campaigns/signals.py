"""Signals the campaigns app sends for writes that bypass the models' own signals."""

from django.dispatch import Signal

# Sent inside the writer's transaction after a bulk_create or update() of congress
# records: campaign=<Campaign>, ids=<the congresses' ids>. The completeness roll-up
# refreshes them (completeness/receivers.py).
congresses_written = Signal()
