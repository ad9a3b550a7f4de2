"""A campaign's targets and age rules: changed at the top only, minimum never above maximum."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from daihoi.accounts.models import User
from daihoi.personnel.actions.targets import TargetChange, do_update_targets
from tests.personnel.helpers import (
    campaign_with_targets,
    refused,
)

pytestmark = pytest.mark.django_db


def test_the_national_administrator_changes_a_target():
    campaign = campaign_with_targets()
    change = TargetChange("women", Decimal("20"), None, True)
    do_update_targets(campaign, [change], {}, acting_user=User.objects.get(username="quantri"))
    women = campaign.targets.get(code="women")
    assert (women.minimum, women.hard) == (Decimal("20"), True)


def test_a_minimum_above_its_maximum_is_refused_and_nothing_changes():
    campaign = campaign_with_targets()
    before = list(campaign.targets.values_list("code", "minimum", "maximum"))
    change = TargetChange("age-40-50", Decimal("60"), Decimal("50"), False)
    with refused("minimum_above_maximum"):
        do_update_targets(campaign, [change], {}, acting_user=User.objects.get(username="quantri"))
    assert list(campaign.targets.values_list("code", "minimum", "maximum")) == before


def test_a_province_may_not_change_the_campaigns_targets():
    campaign = campaign_with_targets()
    change = TargetChange("women", Decimal("20"), None, True)
    with pytest.raises(PermissionDenied):
        do_update_targets(campaign, [change], {}, acting_user=User.objects.get(username="langson"))
