"""The sign-in backend's lookup of the signed-in user on every request."""

from __future__ import annotations

import pytest

from daihoi.accounts.backends import UserBackend
from daihoi.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_it_builds_the_same_user_the_orm_would() -> None:
    expected = User.objects.get(username="locbinh")
    user = UserBackend().get_user(expected.pk)
    assert user is not None
    for field in User._meta.concrete_fields:
        assert getattr(user, field.attname) == getattr(expected, field.attname), field.name
    assert user.has_role(Role.ORG_STAFF)  # roles come back as a list, not JSON text
    assert user.date_joined.tzinfo is not None


@pytest.mark.parametrize("user_id", [None, "", "abc", "1; DROP TABLE x", 10**12])
def test_an_unknown_or_malformed_id_is_nobody(user_id: object) -> None:
    assert UserBackend().get_user(user_id) is None


def test_a_deactivated_user_is_signed_out() -> None:
    user = User.objects.get(username="locbinh")
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert UserBackend().get_user(user.pk) is None
