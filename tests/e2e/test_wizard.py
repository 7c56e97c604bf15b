"""A marketer builds a whole strategy in the browser, from an empty start."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, seed_demo_accounts
from strategies.models import Strategy
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def next_stage(page, heading: str) -> None:
    page.click("button[value=_next]")
    expect(page.locator("h2.h4")).to_have_text(heading)


def test_marketer_completes_every_stage(page):
    seed_demo_accounts()
    log_in(page, "marketer@demo.example", DEMO_PASSWORD)
    page.click("text=New strategy")
    page.select_option("select[name=client]", label="Brightside Yoga Studio")
    page.fill("input[name=title]", "Studio growth 2027")
    page.fill("input[name=start_date]", "2027-02-01")
    page.select_option("select[name=currency]", "EUR")
    page.click("main form button[type=submit]")

    # 1. Goals, with a validation error first.
    expect(page.locator("h2.h4")).to_have_text("Goals")
    page.check("input[name=leading_goal][value=leads]")
    page.fill("textarea[name=product]", "Yoga classes and workshops")
    page.fill("input[name=market]", "Wellbeing, B2C")
    page.select_option("select[name=goals-0-goal]", "leads")
    page.select_option("select[name=goals-0-metric]", "leads")
    page.fill("input[name=goals-0-note]", "Trial class bookings")
    page.fill("input[name=goals-0-target_value]", "300")
    page.fill("input[name=goals-0-deadline]", "2026-12-31")
    page.click("button[value=_next]")
    expect(page.locator(".invalid-feedback")).to_contain_text("The deadline is before the strategy starts.")
    expect(page.locator("input[name=goals-0-note]")).to_have_value("Trial class bookings")
    expect(page.locator("select[name=goals-0-metric]")).to_have_value("leads")
    page.fill("input[name=goals-0-deadline]", "2027-12-31")
    next_stage(page, "Current state")

    # 2. Current state: two platforms, the second added in place with htmx.
    page.select_option("select[name=accounts-0-platform]", "instagram")
    page.fill("input[name=accounts-0-followers]", "2400")
    page.fill("input[name=accounts-0-posts_per_week]", "3")
    page.click("button[name=_add][value=accounts]")
    expect(page.locator("select[name=accounts-1-platform]")).to_be_visible()
    expect(page.locator("input[name=accounts-0-followers]")).to_have_value("2400")
    page.select_option("select[name=accounts-1-platform]", "tiktok")
    page.uncheck("input[name=accounts-1-has_account]")
    next_stage(page, "Competitors")

    # 3. Competitors, with a competitor's figures on its sub-page.
    page.fill("input[name=competitors-0-name]", "Zen Den")
    page.fill("textarea[name=competitors-0-strengths]", "Weekly live classes")
    page.click("button[name=_goto][value='']")
    page.click("text=Add accounts")
    page.select_option("select[name=accounts-0-platform]", "instagram")
    page.fill("input[name=accounts-0-followers]", "10000")
    page.fill("input[name=accounts-0-posts_per_week]", "5")
    page.fill("input[name=accounts-0-avg_likes]", "250")
    page.fill("input[name=accounts-0-avg_comments]", "30")
    page.fill("input[name=accounts-0-avg_shares]", "20")
    page.click("button[value=_next]")
    expect(page.locator("#competitor-figures")).to_contain_text("3.00")
    next_stage(page, "Audience portrait")

    # 4. Audience.
    page.fill("input[name=segments-0-name]", "Busy professionals")
    page.check("input[name=segments-0-is_primary]")
    page.check("input[name=segments-0-age_bands][value='25-34']")
    page.check("input[name=segments-0-platforms][value=instagram]")
    page.fill("textarea[name=segments-0-pains]", "Back pain from desk work")
    next_stage(page, "Tone of voice")

    # 5. Tone, then back to the audience and forward again: nothing is lost.
    page.fill("input[name=personality]", "calm, warm, expert")
    page.fill("textarea[name=words_to_avoid]", "miracle, cure")
    page.fill("textarea[name=comment_replies]", "Within a day, by first name")
    page.fill("textarea[name=example_phrases]", "Breathe in, slow down.\nYour mat is waiting.")
    page.click("button[value=_back]")
    expect(page.locator("h2.h4")).to_have_text("Audience portrait")
    expect(page.locator("input[name=segments-0-name]")).to_have_value("Busy professionals")
    next_stage(page, "Tone of voice")
    expect(page.locator("input[name=personality]")).to_have_value("calm, warm, expert")
    next_stage(page, "USP")

    # 6. USP.
    page.fill("textarea[name=product_strengths]", "Small groups, certified teachers")
    page.fill("textarea[name=statement]", "Yoga that fits a working day")
    page.fill("textarea[name=reasons_to_believe]", "Classes at 7:00 and 19:30")
    next_stage(page, "Platforms")

    # 7. Platforms.
    page.check("input[name=platform-instagram-use]")
    page.fill("textarea[name=platform-instagram-rationale]", "The primary segment lives here")
    next_stage(page, "Content")

    # 8. Content.
    page.select_option("select[name=items-0-platform]", "instagram")
    page.select_option("select[name=items-0-format]", "short_video")
    page.fill("input[name=items-0-posts_per_week]", "3")
    page.fill("input[name=pillars-0-name]", "Practice at home")
    page.fill("input[name=pillars-0-share]", "100")
    next_stage(page, "Tools and budget")

    # 9. Budget.
    page.check("input[name=tool-targeted_ads-use]")
    page.select_option("select[name=lines-0-category]", "targeted_ads")
    page.select_option("select[name=lines-0-platform]", "instagram")
    page.fill("input[name=lines-0-monthly_amount]", "450")
    page.click("button[name=_goto][value='']")
    expect(page.locator("#budget-totals")).to_contain_text("€2,700")  # 450 × 6 months, in whole euros
    next_stage(page, "Metrics")

    # 10. Metrics are pre-selected from the leads goal.
    expect(page.locator("input[name=kpi-leads-use]")).to_be_checked()
    next_stage(page, "Review cadence")

    # 11. Review cadence, then the summary.
    page.select_option("select[name=review_every_months]", "3")
    page.fill("input[name=next_review_date]", "2027-05-01")
    page.click("button[value=_next]")
    expect(page.locator("#summary-table")).not_to_contain_text("•")
    expect(page.locator(".progress-bar").first).to_have_text(re.compile("100 % complete"))
    page.click("text=Submit for review")
    expect(page.locator(".alert-success")).to_contain_text("Submitted for review.")
    assert Strategy.objects.get(title="Studio growth 2027").status == Strategy.Status.IN_REVIEW


def test_russian_marketer_sees_the_wizard_and_its_errors_in_russian(page):
    demo = seed_demo_accounts()
    demo["marketer"].language = "ru"
    demo["marketer"].save()
    log_in(page, "marketer@demo.example", DEMO_PASSWORD)
    page.click("text=Новая стратегия")
    page.select_option("select[name=client]", label=demo["ru_client"].name)
    page.fill("input[name=title]", "Стратегия на весну")
    page.fill("input[name=start_date]", "2027-03-01")
    page.click("main form button[type=submit]")
    expect(page.locator("h2.h4")).to_have_text("Цели")
    page.select_option("select[name=goals-0-metric]", "reach")
    page.fill("input[name=goals-0-target_value]", "1000")
    page.fill("input[name=goals-0-deadline]", "2027-01-01")
    page.click("button[value=_next]")
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    expect(page.locator(".alert-danger")).to_contain_text("Исправьте ошибки")
