"""Every write that changes what a congress owes or sent refreshes the roll-up with it.

Receivers rather than calls from the actions: campaigns and elections sit below this
app (the import-linter layers) and may not call it; a receiver also sees every save,
including those of actions written later, while an explicit call is one more line
each new writer must remember. Django sends these signals synchronously, inside the
writer's transaction, so the roll-up commits or rolls back with the write; and
ledger.refresh() is idempotent, so a congress saved twice in one action costs a
second read and changes nothing. Bulk writes send no signal: their writers send
campaigns.signals.congresses_written, or rebuild (the demo).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from daihoi.campaigns.models import Campaign, Congress, Submission
from daihoi.campaigns.signals import congresses_written
from daihoi.completeness import ledger
from daihoi.completeness.models import Built, Due
from daihoi.elections.models import Election, ElectionKind
from daihoi.orgs.signals import subtree_moved
from daihoi.orgs.tree import subtree_q
from daihoi.personnel.models import ElectedMember

# A congress's fields the roll-up reads; a save naming none of them changes nothing.
READ = frozenset(
    {
        "planned_date", "held_date", "org_path", "level", "level_id", "campaign", "campaign_id",
        "preparing_at", "documents_approved_at", "personnel_approved_at", "reported_at",
    }
)  # fmt: skip


@receiver(post_save, sender=Congress, dispatch_uid="completeness.congress_saved")
def congress_saved(sender: Any, instance: Congress, update_fields: Any = None, **kw: Any) -> None:
    if update_fields is not None and not READ & set(update_fields):
        return
    ledger.refresh([instance.pk])


@receiver(post_delete, sender=Congress, dispatch_uid="completeness.congress_deleted")
def congress_deleted(sender: Any, instance: Congress, **kw: Any) -> None:
    ledger.refresh([instance.pk], deleted=True)


@receiver(post_save, sender=Submission, dispatch_uid="completeness.submission_saved")
@receiver(post_delete, sender=Submission, dispatch_uid="completeness.submission_deleted")
def submission_changed(sender: Any, instance: Submission, **kw: Any) -> None:
    ledger.refresh([instance.congress_id])


@receiver(post_save, sender=Election, dispatch_uid="completeness.election_saved")
@receiver(post_delete, sender=Election, dispatch_uid="completeness.election_deleted")
def election_changed(sender: Any, instance: Election, **kw: Any) -> None:
    # Only the announced election of delegates to the higher congress counts.
    if instance.kind == ElectionKind.DELEGATES:
        ledger.refresh([instance.congress_id])


@receiver(post_save, sender=ElectedMember, dispatch_uid="completeness.member_saved")
@receiver(post_delete, sender=ElectedMember, dispatch_uid="completeness.member_deleted")
def delegate_recorded(sender: Any, instance: ElectedMember, **kw: Any) -> None:
    # A unit's delegates recorded with its results report stand for the list (issue 18.3).
    if instance.kind == ElectionKind.DELEGATES:
        ledger.refresh([instance.congress_id])


@receiver(post_save, sender=Due, dispatch_uid="completeness.due_saved")
@receiver(post_delete, sender=Due, dispatch_uid="completeness.due_deleted")
def register_changed(sender: Any, instance: Due, **kw: Any) -> None:
    # A line of the register moves the due day of every congress of a level: count again.
    if Built.objects.filter(campaign_id=instance.campaign_id).exists():
        ledger.rebuild(Campaign.objects.get(pk=instance.campaign_id))


@receiver(subtree_moved, dispatch_uid="completeness.subtree_moved")
def subtree_moved_under(sender: Any, old_path: str, new_path: str, **kw: Any) -> None:
    # After campaigns' receiver (connected first) has rewritten the congresses' paths.
    ids = Congress.objects.filter(subtree_q(new_path, prefix="org_")).values_list("pk", flat=True)
    ledger.refresh(list(ids))


@receiver(congresses_written, dispatch_uid="completeness.congresses_written")
def bulk_written(sender: Any, campaign: Campaign, ids: Any, **kw: Any) -> None:
    if Built.objects.filter(campaign=campaign).exists():
        ledger.refresh(ids)
    else:
        # A campaign's first bulk load (an import): build it, so it is kept from now on.
        ledger.rebuild(campaign)
