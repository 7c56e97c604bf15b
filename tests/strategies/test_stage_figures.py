"""The figures a save stores on the strategy (per stage and per health rule) and the navigation that reads them."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.demo import seed_demo_accounts
from documents.demo import seed_demo_strategies
from documents.load import PART_STAGES
from strategies.models import Goal, StrategyPlatform, ToneOfVoice, Usp
from strategies.services import refresh_cached_figures
from strategies.snapshot import parts
from strategies.stages import all_stages, get_stage, health_rules, health_warnings, progress
from tests.strategies.helpers import browser_form

pytestmark = pytest.mark.django_db

# The table of each stage's own rows; the strategy's own columns are covered by the tests below.
STAGE_OF_TABLE = {part.model._meta.db_table: PART_STAGES[part.key] for part in parts() if part.key in PART_STAGES}


@pytest.fixture
def demo(db):
    people = seed_demo_accounts()
    ru, en = seed_demo_strategies(people)
    return {**people, "ru": ru, "en": en}


def stored_figures(strategy) -> tuple[dict, dict]:
    strategy.refresh_from_db()
    return strategy.stage_progress, strategy.warning_counts


def full_figures(strategy) -> tuple[dict, dict]:
    strategy.refresh_from_db()
    stages = {stage.key: [check.done, check.total] for stage, check in progress(strategy).rows}
    return stages, {rule.name: len(rule.check(strategy)) for rule in health_rules()}


def tables_read(run) -> set[str]:
    with CaptureQueriesContext(connection) as queries:
        run()
    return {table for q in queries for table in re.findall(r'FROM "(\w+)"', q["sql"])} & set(STAGE_OF_TABLE)


def test_every_check_and_rule_reads_only_the_stages_it_declares(demo):
    """A check or rule reading another stage without saying so would keep a stale figure after that stage's save."""
    strategy = demo["en"]
    for stage in all_stages():
        strategy.refresh_from_db()
        read = {STAGE_OF_TABLE[t] for t in tables_read(lambda stage=stage: stage.check(strategy))}
        assert read <= {stage.key, *stage.reads}, (stage.key, read)
    for rule in health_rules():
        strategy.refresh_from_db()
        read = {STAGE_OF_TABLE[t] for t in tables_read(lambda rule=rule: rule.check(strategy))}
        assert read and read <= set(rule.reads), (rule.name, read)


def test_saving_stages_one_by_one_stores_what_a_full_check_finds(client, demo):
    """Before each stage is saved (as shown), its data is changed behind the wizard's back in a way that
    moves other stages' checks or the health rules: after each save every stored figure is still true."""
    strategy = demo["ru"]
    client.force_login(demo["marketer"])
    refresh_cached_figures(strategy)
    assert stored_figures(strategy) == full_figures(strategy)
    changes = {
        # The leading goal switched to leads: the metrics check and the leads rule move.
        "goals": lambda: type(strategy).objects.filter(pk=strategy.pk).update(leading_goal=Goal.LEADS),
        "tone": lambda: ToneOfVoice.objects.filter(strategy=strategy).update(example_phrases=""),
        # A main platform with no content, no audit and outside the primary segment.
        "platforms": lambda: StrategyPlatform.objects.create(
            strategy=strategy, platform="linkedin", role=StrategyPlatform.Role.MAIN, rationale="B2B reach"
        ),
        "content": lambda: strategy.pillars.all().delete(),
        "budget": lambda: strategy.budget_lines.filter(category="targeted_ads").delete(),
    }
    moved = set()
    for stage in all_stages():
        if stage.key in changes:
            before = full_figures(strategy)
            changes[stage.key]()
            moved |= {key for key, figures in full_figures(strategy)[0].items() if figures != before[0][key]}
            moved |= {name for name, count in full_figures(strategy)[1].items() if count != before[1][name]}
        url = stage.url(strategy)
        data = dict(browser_form(client.get(url).content.decode()).sent)
        data["_goto"] = ["_next"]
        response = client.post(url, data)
        assert response.status_code == 302, (stage.key, response.content.decode()[:2000])
        assert stored_figures(strategy) == full_figures(strategy), stage.key
    # The changes did move figures of other stages and rules, so the test has teeth.
    assert {"metrics", "content"} <= moved
    assert sum(1 for name in moved if "." in name) >= 3


def test_the_settings_page_refreshes_what_depends_on_the_language(client, demo):
    strategy = demo["en"]
    client.force_login(demo["marketer"])
    ToneOfVoice.objects.filter(strategy=strategy).update(address_form="")
    refresh_cached_figures(strategy)
    done, total = stored_figures(strategy)[0]["tone"]
    response = client.post(
        reverse("strategies:settings", kwargs={"strategy_pk": strategy.pk}),
        {
            "title": strategy.title,
            "period_months": strategy.period_months,
            "start_date": strategy.start_date.isoformat(),
            "currency": strategy.currency,
            "language": "ru",
        },
    )
    assert response.status_code == 302
    # In Russian the tone must also choose «ты» or «вы»: one more requirement, still missing.
    assert stored_figures(strategy)[0]["tone"] == [done, total + 1]
    assert stored_figures(strategy) == full_figures(strategy)


def test_two_stages_saved_from_stale_copies_keep_both_figures(demo):
    first, second = demo["en"], type(demo["en"]).objects.get(pk=demo["en"].pk)
    refresh_cached_figures(first)
    # Each request holds its own copy of the strategy, loaded before the other saved.
    StrategyPlatform.objects.filter(strategy=first).update(rationale="")
    refresh_cached_figures(first, "platforms")
    ToneOfVoice.objects.filter(strategy=first).update(personality="")
    refresh_cached_figures(second, "tone")
    assert stored_figures(first) == full_figures(first)
    assert first.stage_progress["platforms"][0] < first.stage_progress["platforms"][1]
    assert first.stage_progress["tone"][0] < first.stage_progress["tone"][1]


def test_a_stage_form_saves_only_its_own_fields(client, demo):
    """Saving the goals must not write back the status (or figures) this request loaded before a manager acted."""
    strategy = demo["en"]
    client.force_login(demo["marketer"])
    url = get_stage("goals").url(strategy)
    data = dict(browser_form(client.get(url).content.decode()).sent)
    data["product"] = ["Yoga classes, now also online"]
    # The manager submits the strategy for review meanwhile (still editable: changes requested).
    type(strategy).objects.filter(pk=strategy.pk).update(status="changes_requested", warning_count=99)
    assert client.post(url, data).status_code == 302
    strategy.refresh_from_db()
    assert strategy.product == "Yoga classes, now also online"
    assert strategy.status == "changes_requested"
    assert strategy.warning_count == len(health_warnings(strategy))


def test_the_stage_navigation_shows_the_stored_figures_without_checking_stages(client, demo):
    strategy = demo["en"]
    client.force_login(demo["marketer"])
    refresh_cached_figures(strategy)
    stages = dict(strategy.stage_progress)
    stages["usp"] = [1, 3]
    type(strategy).objects.filter(pk=strategy.pk).update(stage_progress=stages)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(get_stage("goals").url(strategy))
    html = page.content.decode()
    nav = html[html.index('id="stage-nav"') :]
    assert re.search(r"USP</span>\s*<span[^>]*>33%", nav)
    read = {STAGE_OF_TABLE[t] for q in queries for t in re.findall(r'FROM "(\w+)"', q["sql"]) if t in STAGE_OF_TABLE}
    assert read == {"goals"}, read


def test_a_strategy_without_stored_figures_is_checked_on_the_spot(client, demo):
    """Strategies saved before the figures were stored (or a stage added by an upgrade) still show true figures."""
    strategy = demo["en"]
    client.force_login(demo["marketer"])
    type(strategy).objects.filter(pk=strategy.pk).update(stage_progress={}, warning_counts={})
    html = client.get(get_stage("review").url(strategy)).content.decode()
    for stage, check in progress(strategy).rows:
        assert re.search(rf"{re.escape(str(stage.title))}</span>\s*<span[^>]*>{check.percent}%", html), stage.key
    # The next save stores every stage, not only its own.
    refresh_cached_figures(strategy, "review")
    assert stored_figures(strategy) == full_figures(strategy)


def test_the_summary_offers_submitting_only_when_every_stage_is_complete(client, demo):
    strategy = demo["en"]
    client.force_login(demo["marketer"])
    summary = reverse("strategies:summary", kwargs={"strategy_pk": strategy.pk})
    hint = "Complete every stage to submit the strategy for review."
    refresh_cached_figures(strategy)
    assert hint not in client.get(summary).content.decode()
    Usp.objects.filter(strategy=strategy).update(statement="")
    refresh_cached_figures(strategy, "usp")
    html = client.get(summary).content.decode()
    assert hint in html and "Write the USP statement." in html
