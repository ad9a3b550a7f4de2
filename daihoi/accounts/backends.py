"""The sign-in backend: Django's ModelBackend with a leaner lookup of the signed-in user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connections, router

from daihoi.accounts.models import User
from daihoi.db import raw


class UserBackend(ModelBackend):
    """ModelBackend whose per-request user lookup is one plain SELECT.

    Every signed-in request loads its user. ModelBackend does it with a compiled
    ORM query, about half a millisecond of a check-in desk's scan; one fixed
    statement (daihoi.db.raw; prepared on PostgreSQL like every repeated statement)
    builds the same User, each column converted as the ORM converts it, for a
    fraction of that. Passwords, permissions and `is_active` stay ModelBackend's.
    """

    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        db = router.db_for_read(User)
        connection = connections[db]
        fields = User._meta.concrete_fields
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in fields)
        row = raw.fetchone(
            connection,
            f"SELECT {columns} FROM {quote(User._meta.db_table)} WHERE id = %s",  # noqa: S608 - our own columns
            [pk],
        )
        if row is None:
            return None
        values = [raw.converted(connection, f, v) for f, v in zip(fields, row, strict=True)]
        user = User.from_db(db, [field.attname for field in fields], values)
        return user if self.user_can_authenticate(user) else None
