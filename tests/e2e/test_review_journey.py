"""The whole review journey in the browser, one role after another."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, seed_demo_accounts
from documents.demo import seed_demo_strategies
from strategies.models import Strategy
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def as_user(browser, live_server, email):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Irreversible steps ask first: record what they say, and agree unless told to refuse once.
    page.dialogs, page.refuse_next = [], False

    def answer(dialog):
        page.dialogs.append(dialog.message)
        if page.refuse_next:
            page.refuse_next = False
            dialog.dismiss()
        else:
            dialog.accept()

    page.on("dialog", answer)
    log_in(page, email, DEMO_PASSWORD)
    return page


def test_submit_request_changes_fix_approve_share_accept(browser, live_server):
    demo = seed_demo_accounts()
    strategy = seed_demo_strategies(demo)[0]  # the Russian coffee shop; client@demo.example is its client user
    summary = f"/strategies/{strategy.pk}/"
    marketer = as_user(browser, live_server, "marketer@demo.example")
    manager = as_user(browser, live_server, "manager@demo.example")
    client = as_user(browser, live_server, "client@demo.example")

    marketer.goto(summary)
    marketer.click("#review-panel button:has-text('Submit for review')")
    expect(marketer.locator(".alert-success")).to_contain_text("Submitted for review")

    manager.goto(summary)
    manager.fill("#comment-request_changes", "Add a stronger reason to believe.")
    manager.click("#review-panel button:has-text('Request changes')")
    expect(manager.locator("#review-panel")).to_contain_text("Changes requested")

    marketer.goto(summary)
    expect(marketer.locator("#review-panel")).to_contain_text("Add a stronger reason to believe.")
    marketer.goto(f"/strategies/{strategy.pk}/usp/")
    marketer.fill("textarea[name=reasons_to_believe]", "Own roastery, beans roasted every Tuesday")
    marketer.click("button[value=_next]")
    marketer.goto(summary)
    marketer.click("#review-panel button:has-text('Submit for review')")

    manager.goto(summary)
    manager.refuse_next = True  # a second thought: nothing happens
    manager.click("#review-panel button:has-text('Approve')")
    expect(manager.locator("#review-panel")).to_contain_text("In review")
    assert "frozen as a new version" in manager.dialogs[-1]
    assert not strategy.versions.exists()
    manager.click("#review-panel button:has-text('Approve')")
    expect(manager.locator("#version-list")).to_contain_text("v1")
    manager.click("#review-panel button:has-text('Share with the client')")
    expect(manager.locator("#review-panel")).to_contain_text("Shared with client")
    assert "The client's users are emailed" in manager.dialogs[-1]

    # The client accepts v1 (in Russian: the client user's language).
    client.goto("/dashboard/")
    client.click(f"text={strategy.title}")
    expect(client.locator("#decision")).to_be_visible()
    client.click("#decision button:has-text('Принять стратегию')")
    expect(client.locator(".badge").first).to_contain_text("Принята клиентом")
    assert "согласованную стратегию" in client.dialogs[-1]  # asked in the client's language

    # A second round: the marketer revises, the manager approves v2, the client sees what changed.
    marketer.goto(summary)
    marketer.click("#review-panel button:has-text('Revise as a new draft')")
    marketer.goto(f"/strategies/{strategy.pk}/usp/")
    marketer.fill("textarea[name=statement]", "Кофе, который обжаривают в двух кварталах от вас")
    marketer.click("button[value=_next]")
    marketer.goto(summary)
    marketer.click("#review-panel button:has-text('Submit for review')")
    manager.goto(summary)
    manager.click("#review-panel button:has-text('Approve')")
    manager.click("#review-panel button:has-text('Share with the client')")

    client.goto(f"/portal/strategies/{strategy.pk}/")
    expect(client.locator("#diff")).to_contain_text("Кофе, который обжаривают в двух кварталах от вас")
    client.click("#decision button:has-text('Принять стратегию')")
    strategy.refresh_from_db()
    assert strategy.status == Strategy.Status.ACCEPTED
    versions = list(strategy.versions.values_list("number", "accepted_at"))
    assert [number for number, _ in versions] == [2, 1] and all(accepted for _, accepted in versions)
