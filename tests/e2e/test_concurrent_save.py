"""Two people, each in their own browser, save the same stage: the second is told and keeps their input."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.models import Role, User
from strategies.models import StageRevision, Strategy
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SAVE = "button[name=_goto][value='']"


@pytest.fixture
def two_browsers(browser, live_server):
    contexts = [browser.new_context(base_url=live_server.url, locale="en-US") for _ in range(2)]
    pages = []
    for context in contexts:
        context.set_default_timeout(15_000)
        pages.append(context.new_page())
    yield pages
    for context in contexts:
        context.close()


def test_second_browser_saving_a_stale_stage_is_told_keeps_its_input_and_can_save_again(two_browsers, tenant):
    alice, bob = two_browsers
    User.objects.create_user(
        "bob@alpha.test", "pw-Bob-12345", agency=tenant.agency, role=Role.MARKETER, full_name="Bob Marketer"
    )
    User.objects.filter(pk=tenant.marketer.pk).update(full_name="Alice Marketer")
    strategy = tenant.strategy
    log_in(alice, tenant.marketer.email, "pw-Marketer-123")
    log_in(bob, "bob@alpha.test", "pw-Bob-12345")
    goals = f"/strategies/{strategy.pk}/goals/"
    alice.goto(goals)
    bob.goto(goals)  # both now edit revision 0

    alice.fill("textarea[name=product]", "Alice's roasted beans")
    alice.click(SAVE)
    expect(alice.locator(".alert-success")).to_contain_text("saved")

    bob.fill("textarea[name=product]", "Bob's single-origin beans")
    bob.click(SAVE)
    warning = bob.locator(".alert-danger")
    expect(warning).to_contain_text("Alice Marketer saved this stage at")
    expect(warning).to_contain_text("Your input is kept below and was not saved")
    expect(bob.locator("textarea[name=product]")).to_have_value("Bob's single-origin beans")
    assert Strategy.objects.get(pk=strategy.pk).product == "Alice's roasted beans"

    # Having seen the warning, Bob saves again, knowingly replacing Alice's text.
    bob.click(SAVE)
    expect(bob.locator(".alert-success")).to_contain_text("saved")
    assert Strategy.objects.get(pk=strategy.pk).product == "Bob's single-origin beans"
    assert StageRevision.objects.get(strategy=strategy, stage="goals").revision == 2
    alice.reload()
    expect(alice.locator("textarea[name=product]")).to_have_value("Bob's single-origin beans")
