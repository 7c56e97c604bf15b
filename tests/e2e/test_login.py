from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, seed_demo_accounts
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("email", "heading", "nav_links"),
    [
        ("manager@demo.example", "Agency dashboard", ["Clients", "Team", "Agency settings"]),
        ("marketer@demo.example", "My strategies", ["Clients"]),
        ("client@demo.example", "Стратегии клиента: Кофейня «Северное зерно»", []),
    ],
)
def test_each_role_signs_in_and_sees_its_dashboard(page, email, heading, nav_links):
    seed_demo_accounts()
    log_in(page, email, DEMO_PASSWORD)
    expect(page.locator("h1")).to_have_text(heading)
    nav = page.locator("#mainnav .navbar-nav")
    for link in nav_links:
        expect(nav.get_by_role("link", name=link)).to_be_visible()
    if not nav_links:
        expect(nav.get_by_role("link", name="Team")).to_have_count(0)


def test_bad_password_shows_the_error_and_language_switch_translates_it(page):
    seed_demo_accounts()
    log_in(page, "manager@demo.example", "not-the-password")
    expect(page.locator(".alert-danger, .invalid-feedback, .alert-block").first).to_contain_text(
        "Please enter a correct email and password"
    )
    page.click("button[name=language][value=ru]")
    expect(page.get_by_role("button", name="Войти")).to_be_visible()
    page.click("button[name=language][value=en]")
    expect(page.get_by_role("button", name="Sign in").last).to_be_visible()
