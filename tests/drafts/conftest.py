import pytest

from daihoi.campaigns.models import Campaign
from tests.campaigns.helpers import small_campaign


@pytest.fixture
def campaign(db: None) -> Campaign:
    return small_campaign("van-kien")
