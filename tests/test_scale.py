"""Pages ask the database the same number of questions whatever the size of the data (issue #8, "Scale").

The module loads a small agency with ``seed_load``, counts the SQL queries of
each page, then grows the database to 100,000 strategies on PostgreSQL (a few
thousand on SQLite) and counts again, for the small agency's pages and for the
same pages of a full-size agency. The data is loaded once for the module inside
a transaction that is rolled back at the end.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field

import pytest
from django.db import connection, transaction
from django.test import Client as Browser
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Agency
from competitors.models import CompetitorAccount
from documents.load import seed_load
from metrics.models import Forecast
from metrics.services import run_forecast
from strategies.models import Strategy
from strategies.stages import all_stages, health_rules, progress

SMALL = {"agencies": 1, "clients_per_agency": 2, "strategies_per_client": 3}
GROWTH = {"clients_per_agency": 50, "strategies_per_client": 20}
PAGES = ["dashboard", "summary", *(f"stage:{s.key}" for s in all_stages()), "competitor-accounts", "portal"]


def target_total() -> int:
    return 100_000 if connection.vendor == "postgresql" else 3_000


# What each stage page must show of the strategy's own data (as the form renders it).
STAGE_CONTENT = {
    "goals": lambda s: s.goals.first().metric,
    "current": lambda s: s.own_accounts.exclude(url="").first().url,
    "competitors": lambda s: s.competitors.first().name,
    "audience": lambda s: s.segments.first().name,
    "tone": lambda s: s.tone.personality,
    "usp": lambda s: s.usp.statement,
    "platforms": lambda s: s.platforms.exclude(handle="").first().handle,
    "content": lambda s: s.pillars.first().name,
    "budget": lambda s: s.budget_lines.exclude(note="").first().note,
    "metrics": lambda s: s.kpis.exclude(notes="").first().notes,
    "review": lambda s: s.review_notes,
}


@dataclass
class Page:
    user: object
    url: str
    shows: list[str]
    rows: int = 0  # strategies listed, for the dashboard


@dataclass
class Site:
    """The pages of one agency: its dashboard, a complete draft's summary and stages, a client's portal."""

    agency: Agency
    pages: dict[str, Page]
    browsers: dict[int, Browser] = field(default_factory=dict)

    def __post_init__(self):
        # Signed in here, in the module's transaction: a session saved inside a test is rolled back with it.
        for page in self.pages.values():
            if page.user.pk not in self.browsers:
                self.browsers[page.user.pk] = Browser()
                self.browsers[page.user.pk].force_login(page.user)

    def open(self, name: str):
        """The page's response, its query count and its time, after one warm-up request."""
        page = self.pages[name]
        browser = self.browsers[page.user.pk]
        browser.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = browser.get(page.url)
            elapsed = time.perf_counter() - started
        return response, len(queries), elapsed


def site_of(agency: Agency) -> Site:
    client = agency.clients.filter(brand_language="ru").order_by("pk").first()
    draft = (
        Strategy.objects.filter(client=client, status=Strategy.Status.DRAFT, completeness=100, forecast__isnull=True)
        .select_related("owner")
        .order_by("pk")
        .first()
    )
    shared = Strategy.objects.filter(client=client, status__in=Strategy.CLIENT_VISIBLE_STATUSES).order_by("pk").first()
    manager = agency.users.get(role="manager")
    # The worker's forecast, so the metrics stage shows its plan and charts.
    forecast = Forecast.objects.create(strategy=draft)
    run_forecast(draft.pk, generation=forecast.generation)
    newest = Strategy.objects.filter(client__agency=agency).order_by("-updated_at", "-pk").first()
    listed = min(Strategy.objects.filter(client__agency=agency).count(), 25)
    account = CompetitorAccount.objects.filter(competitor__strategy=draft).select_related("competitor").first()
    pages = {
        "dashboard": Page(manager, reverse("dashboard"), [escape(agency.name), escape(newest.title)], rows=listed),
        "summary": Page(draft.owner, reverse("strategies:summary", args=[draft.pk]), [escape(draft.title)]),
        "competitor-accounts": Page(
            draft.owner,
            reverse("competitors:accounts", args=[draft.pk, account.competitor_id]),
            [escape(account.competitor.name), escape(account.url)],
        ),
        "portal": Page(
            client.users.get(),
            reverse("documents:portal", args=[shared.pk]),
            [escape(shared.title), escape(client.name)],
        ),
    }
    for stage in all_stages():
        content = STAGE_CONTENT[stage.key](draft) if stage.key in STAGE_CONTENT else str(stage.title)
        pages[f"stage:{stage.key}"] = Page(draft.owner, stage.url(draft), [escape(content)])
    return Site(agency, pages)


@dataclass
class Scale:
    small: Site
    large: Site
    before: dict[str, int]
    strategies: int
    seed_seconds: float


@pytest.fixture(scope="module")
def scale(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # No PDFs: rendering them is the worker's business, not what these pages are measured on.
            first = seed_load(**SMALL, pdf=False)
            small = site_of(Agency.objects.get(users__email=f"manager@load-agency-{first['first_agency']}.example"))
            before = {name: small.open(name)[1] for name in PAGES}
            missing = target_total() - Strategy.objects.count()
            per_agency = GROWTH["clients_per_agency"] * GROWTH["strategies_per_client"]
            grown = seed_load(agencies=math.ceil(missing / per_agency), **GROWTH, pdf=False)
            last = grown["first_agency"] + grown["agencies"] - 1
            large = site_of(Agency.objects.get(users__email=f"manager@load-agency-{last}.example"))
            yield Scale(small, large, before, Strategy.objects.count(), grown["seconds"])
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.django_db
def test_the_database_holds_the_full_load(scale):
    assert scale.strategies >= target_total()
    print(f"\nseed_load grew the database to {scale.strategies} strategies in {scale.seed_seconds:.1f} s")


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_page_asks_the_same_number_of_queries_at_scale(scale, name):
    times = []
    for site in (scale.small, scale.large):
        page = site.pages[name]
        response, queries, seconds = site.open(name)
        assert response.status_code == 200, (site.agency, name)
        html = response.content.decode()
        for text in page.shows:
            assert text in html, (site.agency, name, text)
        if page.rows:
            assert len(set(re.findall(r'href="/strategies/(\d+)/"', html))) == page.rows
        assert queries == scale.before[name], (site.agency, name, queries, scale.before[name])
        times.append(seconds * 1000)
    print(f"\n{name}: {queries} queries; {times[0]:.0f} ms (small agency), {times[1]:.0f} ms (full agency)")


@pytest.mark.django_db
def test_loaded_strategies_carry_the_figures_their_data_gives(scale):
    """seed_load copies each prototype's stored figures; they must be what the checks find on the copy."""
    agency = scale.small.agency
    strategies = Strategy.objects.filter(client__agency=agency).select_related("client").order_by("pk")
    assert len({s.completeness for s in strategies}) > 1  # strategies filled to different levels
    for strategy in strategies:
        checked = progress(strategy)
        assert strategy.stage_progress == {stage.key: [c.done, c.total] for stage, c in checked.rows}, strategy.pk
        assert strategy.completeness == checked.percent
        assert strategy.warning_counts == {rule.name: len(rule.check(strategy)) for rule in health_rules()}
        assert strategy.warning_count == sum(strategy.warning_counts.values())
