"""Sessions in the database, as Django keeps them, read with one plain SELECT."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.db import connections, router
from django.utils import timezone

from daihoi.db import raw

_KEY_CHARS = frozenset(VALID_KEY_CHARS)


class SessionStore(db.SessionStore):
    """Django's database session store; only the read of a session is changed.

    The read runs on every signed-in request. The ORM builds the same query
    afresh each time (about 0.5 ms); this plain statement (daihoi.db.raw; prepared
    on PostgreSQL like every repeated statement) takes a tenth of that, with
    the same rule: an unknown or expired key gives an empty session and a
    new key on the next save.
    """

    def _validate_session_key(self, key: str | None) -> bool:
        # Keys are made of VALID_KEY_CHARS; anything else in a cookie (a NUL byte
        # PostgreSQL would refuse, say) is no session, not a query.
        return key is not None and len(key) >= 8 and _KEY_CHARS.issuperset(key)

    def _get_session_from_db(self) -> Any:
        key = self.session_key
        if key is None:
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        row = raw.fetchone(
            connection,
            f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",  # noqa: S608 - our table name
            [key, connection.ops.adapt_datetimefield_value(timezone.now())],
        )
        if row is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0])
