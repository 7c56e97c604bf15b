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
