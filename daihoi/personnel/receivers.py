"""Keep personnel records' copies of tree positions in step with the tree."""

from __future__ import annotations

from typing import Any

from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.dispatch import receiver

from daihoi.orgs.signals import subtree_moved
from daihoi.orgs.tree import subtree_q
from daihoi.personnel.models import ElectedMember, InspectionTeam, Person


@receiver(subtree_moved)
def move_personnel_paths(sender: Any, old_path: str, new_path: str, **kwargs: Any) -> None:
    """Rewrite the path prefix of every person, team and elected member in the moved subtree."""
    for model in (Person, InspectionTeam, ElectedMember):
        model.objects.filter(subtree_q(old_path, prefix="org_")).update(  # type: ignore[attr-defined]
            org_path=Concat(Value(new_path), Substr("org_path", len(old_path) + 1))
        )
