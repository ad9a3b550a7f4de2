"""Keep congress records' copies of tree positions in step with the tree."""

from __future__ import annotations

from typing import Any

from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.dispatch import receiver

from daihoi.campaigns.models import Congress
from daihoi.orgs.signals import subtree_moved
from daihoi.orgs.tree import subtree_q


@receiver(subtree_moved)
def move_congress_paths(sender: Any, old_path: str, new_path: str, **kwargs: Any) -> None:
    """Rewrite the path prefix of every congress in the moved subtree."""
    Congress.objects.filter(subtree_q(old_path, prefix="org_")).update(
        org_path=Concat(Value(new_path), Substr("org_path", len(old_path) + 1))
    )
