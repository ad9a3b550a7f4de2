"""Reads of the notifications app: one indexed count for the header, a page of the inbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from daihoi.notifications.models import Notification, Preference

if TYPE_CHECKING:
    from daihoi.accounts.models import User


def unread_count(user: User) -> int:
    """How many notifications the user has not read: one indexed COUNT."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox(user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first; the queryset is the scope (never another's)."""
    return Notification.objects.filter(recipient=user).select_related("organisation")


def delivery_of(user: User) -> str:
    preference = Preference.objects.filter(user=user).first()
    return preference.delivery if preference else Preference._meta.get_field("delivery").default
