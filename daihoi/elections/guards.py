"""The election's row lock and the refusal of any change once it is sealed, logged."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from daihoi.audit import log
from daihoi.core.errors import ActionRefused
from daihoi.elections.models import Election, ElectionState


def locked(election: Election) -> Election:
    # Locking the election row serialises everything written to it, keying included.
    return (
        Election.objects.select_for_update()
        .select_related("congress__organisation", "congress__campaign")
        .get(pk=election.pk)
    )


class SealedRefusal(ActionRefused):
    """Raised inside an action on a sealed election; the guard logs it outside."""

    def __init__(self) -> None:
        super().__init__([_("Cuộc bầu cử đã niêm phong; không thể thay đổi gì nữa.")], ["sealed"])


def refuse_sealed(election: Election) -> None:
    if election.state == ElectionState.SEALED:
        raise SealedRefusal


F = TypeVar("F", bound=Callable[..., Any])


def sealed_guard(attempt: str) -> Callable[[F], F]:
    """Log every refused attempt on a sealed election, or on one being counted.

    The action refuses inside its transaction (under the row lock, so a
    concurrent sealing is seen); a log entry written there would be rolled back
    with everything else, so it is written here, after the transaction ended.
    During counting every refusal is logged too: an inspector asks what the
    desks tried, not only what they stored.
    """

    def wrap(action: F) -> F:
        @functools.wraps(action)
        def guarded(election: Election, *args: Any, **kwargs: Any) -> Any:
            try:
                return action(election, *args, **kwargs)
            except SealedRefusal:
                _log_refusal(election, "election.refused_sealed", attempt, kwargs, [])
                raise
            except ActionRefused as exc:
                if election.state == ElectionState.COUNTING:
                    _log_refusal(election, "election.refused", attempt, kwargs, exc.codes)
                raise
            except PermissionDenied:
                if election.state == ElectionState.COUNTING:
                    _log_refusal(election, "election.refused", attempt, kwargs, ["permission"])
                raise

        return guarded  # type: ignore[return-value]

    return wrap


def _log_refusal(
    election: Election, action: str, attempt: str, kwargs: dict[str, Any], codes: list[str]
) -> None:
    after: dict[str, Any] = {"attempt": attempt}
    if codes:
        after["codes"] = codes
    for name in ("serial", "team"):
        if isinstance(kwargs.get(name), int):
            after[name] = kwargs[name]
    log.record(
        action,
        actor=kwargs.get("acting_user"),
        organisation=election.congress.organisation,
        target=str(election),
        after=after,
    )
