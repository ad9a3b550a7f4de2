"""Everything a persona can click from its home opens (issue 17.2): no 403, 404, 409 or 500.

Each persona follows every same-site link breadth-first from its home page, up to
a bound, on the demo-like world; every page must answer 200, and the pages of the
role's own work must be among those reached.
"""

from __future__ import annotations

import pytest

from daihoi.campaigns.models import Campaign
from tests.conftest import login
from tests.web.crawl import crawl

pytestmark = pytest.mark.django_db

PAGES = 120
# username -> parts of the URLs of that role's work, each reached from the home page.
WORK = {
    "locbinh": ["/tong-quan/", "/dai-hoi/dh-2020-2025/188/", "/bau-cu/dai-hoi/", "/dai-bieu/"],
    "truongbankp": ["/doi-chieu/", "/ket-qua/", "/man-hinh/"],
    "nhapphieu1": ["/nhap/1/", "/ket-qua/"],
    "daibieu": ["/the-dai-bieu/", "/doc/"],
    "tieuban": ["/du-thao/", "/dai-hoi/dh-2020-2025/34-KCQ-SCT/"],
    "nhansu": ["/nhan-su/"],
    "lanhdao": ["/tong-quan/dh-2020-2025/34/"],
}


@pytest.mark.parametrize("username", list(WORK))
def test_every_link_from_the_home_page_opens(username: str, demo_world: Campaign) -> None:
    result = crawl(login(username), limit=PAGES)
    assert result.bad == {}, f"{username}: dead links (status, found on): {result.bad}"
    missing = [part for part in WORK[username] if not result.reached(part)]
    assert missing == [], f"{username} cannot reach {missing} by clicking"
    # The audit trail is the staff's: other roles are not even shown its link.
    if username not in ("locbinh", "lanhdao"):
        assert not result.reached("/nhat-ky/") or all(
            "/to-chuc/" not in url for url in result.statuses if url.endswith("/nhat-ky/")
        )
