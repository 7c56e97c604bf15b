"""Moving on from the tone stage after the mood board does not carry #mood-board to the next stage."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_next_stage_opens_at_its_top(page, tenant):
    log_in(page, "marketer@alpha.test", "pw-Marketer-123")
    page.goto(f"/strategies/{tenant.strategy.pk}/tone/#mood-board")  # where an upload sends the marketer back
    page.click("button[value=_next]")
    page.wait_for_url(f"**/strategies/{tenant.strategy.pk}/usp/**")
    assert "#" not in page.url
