"""Signals other apps use to keep copies of tree positions in step."""

from django.dispatch import Signal

# Sent after an organisation and its subtree moved: old_path, new_path.
subtree_moved = Signal()
