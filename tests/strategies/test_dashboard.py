from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from strategies.models import Strategy

pytestmark = pytest.mark.django_db


def add_strategies(tenant, count: int, **fields):
    Strategy.objects.bulk_create(
        Strategy(
            client=tenant.client, owner=tenant.marketer, title=f"Bulk {i}", start_date=dt.date(2027, 1, 1), **fields
        )
        for i in range(count)
    )


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_manager_dashboard_query_count_does_not_grow_with_rows(client, tenant):
    client.force_login(tenant.manager)
    url = reverse("dashboard")
    few = queries_for(client, url)
    add_strategies(tenant, 60)
    many = queries_for(client, url)
    assert many == few
    assert few <= 12


def test_filters_sorting_and_flags(client, tenant):
    today = timezone.localdate()
    add_strategies(tenant, 3)
    Strategy.objects.filter(title="Bulk 0").update(next_review_date=today - dt.timedelta(days=2))
    Strategy.objects.filter(title="Bulk 1").update(status=Strategy.Status.CHANGES_REQUESTED, warning_count=2)
    client.force_login(tenant.manager)
    html = client.get(reverse("dashboard"), {"flag": "overdue"}).content.decode()
    assert "Bulk 0" in html and "Bulk 1" not in html and "overdue" in html
    html = client.get(reverse("dashboard"), {"flag": "changes"}).content.decode()
    assert "Bulk 1" in html and "Bulk 0" not in html
    html = client.get(reverse("dashboard"), {"flag": "warnings"}).content.decode()
    assert "Bulk 1" in html and "⚠ 2" in html
    html = client.get(reverse("dashboard"), {"q": "bulk 2"}).content.decode()
    assert "Bulk 2" in html and "Bulk 0" not in html
    html = client.get(reverse("dashboard"), {"sort": "title"}).content.decode()
    assert html.index("Bulk 0") < html.index("Bulk 1") < html.index("Bulk 2")


def test_dashboard_is_paginated_and_bad_filters_are_ignored(client, tenant):
    add_strategies(tenant, 30)
    client.force_login(tenant.manager)
    response = client.get(reverse("dashboard"), {"page": "2", "client": "not-a-number", "sort": "evil"})
    assert response.status_code == 200
    assert "Page 2 of 2" in response.content.decode()


def test_a_sort_link_replaces_the_sort_and_keeps_the_filters(client, tenant):
    client.force_login(tenant.manager)
    html = client.get(reverse("dashboard"), {"sort": "title", "status": "draft"}).content.decode()
    links = [href for href in re.findall(r'href="\?([^"]+)"', html) if "sort=client" in href]
    assert links, "the client column links to its sort"
    for link in links:
        query = link.replace("&amp;", "&")
        assert query.count("sort=") == 1 and "status=draft" in query, query
