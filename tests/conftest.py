from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from accounts.models import Agency, Client, Role, User
from strategies.models import Strategy


def pytest_configure(config):
    """In CI the suite must run on PostgreSQL and Redis, never on the embedded defaults."""
    if os.environ.get("REQUIRE_REAL_SERVICES"):
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            raise pytest.UsageError(f"REQUIRE_REAL_SERVICES is set but the database engine is {engine}")
        if not settings.CELERY_BROKER_URL.startswith("redis://"):
            raise pytest.UsageError(f"REQUIRE_REAL_SERVICES is set but the broker is {settings.CELERY_BROKER_URL}")


@dataclass
class Tenant:
    """One agency with a person in every role and two clients."""

    agency: Agency
    manager: User
    marketer: User
    client: Client
    other_client: Client
    client_user: User
    strategy: Strategy


def make_tenant(prefix: str) -> Tenant:
    agency = Agency.objects.create(name=f"{prefix} Agency")
    client = Client.objects.create(agency=agency, name=f"{prefix} Client", brand_language="ru")
    other_client = Client.objects.create(agency=agency, name=f"{prefix} Other Client")
    manager = User.objects.create_user(f"manager@{prefix}.test", "pw-Manager-123", agency=agency, role=Role.MANAGER)
    marketer = User.objects.create_user(f"marketer@{prefix}.test", "pw-Marketer-123", agency=agency, role=Role.MARKETER)
    client_user = User.objects.create_user(
        f"client@{prefix}.test", "pw-Client-123", agency=agency, role=Role.CLIENT, client=client
    )
    strategy = Strategy.objects.create(
        client=client, owner=marketer, title=f"{prefix} strategy", start_date=dt.date(2027, 1, 1)
    )
    return Tenant(agency, manager, marketer, client, other_client, client_user, strategy)


@pytest.fixture
def tenant(db) -> Tenant:
    return make_tenant("alpha")


@pytest.fixture
def other_tenant(db) -> Tenant:
    return make_tenant("beta")


@pytest.fixture
def is_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test land in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language, whatever language an earlier one left active in this thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def book_cafe(tenant):
    """The brief of the forecast issue: a book café in a city of 600,000, six months from January 2027.

    VK is the main platform (1,100 followers, 350 reached by a typical post), Telegram and Instagram
    support it; 107,000 RUB a month, 40,000 of it VK ads; goals: 300 leads and 400,000 people reached.
    """
    from competitors.models import Competitor, CompetitorAccount
    from metrics.models import Forecast
    from strategies.models import BudgetLine, ContentPlanItem, OwnAccount, SmartGoal, StrategyPlatform

    strategy = tenant.strategy
    strategy.currency, strategy.period_months, strategy.leading_goal = "RUB", 6, "leads"
    strategy.addressable_audience = 250_000
    strategy.save()
    for platform, role in (("vk", "main"), ("telegram", "supporting"), ("instagram", "supporting")):
        StrategyPlatform.objects.create(strategy=strategy, platform=platform, role=role, rationale="r")
    OwnAccount.objects.create(strategy=strategy, platform="vk", followers=1100, avg_reach=350, engagement_rate="2.00")
    OwnAccount.objects.create(strategy=strategy, platform="telegram", followers=600, avg_reach=240)
    OwnAccount.objects.create(strategy=strategy, platform="instagram", followers=800)
    for platform, fmt, weekly in (
        ("vk", "photo", 3),
        ("vk", "short_video", 2),
        ("telegram", "longread", 5),
        ("instagram", "carousel", 2),
        ("instagram", "stories", 1),
    ):
        ContentPlanItem.objects.create(strategy=strategy, platform=platform, format=fmt, posts_per_week=weekly)
    for category, platform, amount in (
        ("targeted_ads", "vk", 40_000),
        ("seeding", "telegram", 12_000),
        ("targeted_ads", "instagram", 10_000),
        ("community", "vk", 10_000),
        ("copywriting", "", 15_000),
        ("design", "", 10_000),
        ("photo", "", 10_000),
    ):
        BudgetLine.objects.create(strategy=strategy, category=category, platform=platform, monthly_amount=amount)
    rival = Competitor.objects.create(strategy=strategy, name="Читай-кафе")
    # ER by followers (120 + 20 + 7) / 20,000 = 0.735 %, no views: the figure the issue found misapplied.
    CompetitorAccount.objects.create(
        competitor=rival,
        platform="vk",
        followers=20_000,
        posts_per_week=4,
        avg_likes=120,
        avg_comments=20,
        avg_shares=7,
    )
    SmartGoal.objects.create(
        strategy=strategy, goal="leads", metric="leads", target_value=300, deadline=dt.date(2027, 6, 30)
    )
    SmartGoal.objects.create(
        strategy=strategy,
        goal="awareness",
        metric="reach",
        target_value=400_000,
        deadline=dt.date(2027, 6, 30),
        note="400 000 человек в городе",
    )
    Forecast.objects.create(strategy=strategy)
    return strategy
