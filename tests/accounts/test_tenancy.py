from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts.models import Client
from strategies.models import Strategy

pytestmark = pytest.mark.django_db


def test_agency_staff_see_only_their_agency(tenant, other_tenant):
    assert set(Client.objects.for_user(tenant.marketer)) == {tenant.client, tenant.other_client}
    assert set(Strategy.objects.for_user(other_tenant.manager)) == {other_tenant.strategy}


def test_client_users_see_only_their_client_and_never_drafts(tenant):
    assert list(Client.objects.for_user(tenant.client_user)) == [tenant.client]
    assert not Strategy.objects.for_user(tenant.client_user).exists()
    tenant.strategy.status = Strategy.Status.SHARED
    tenant.strategy.save()
    assert list(Strategy.objects.for_user(tenant.client_user)) == [tenant.strategy]


def test_anonymous_and_inactive_users_see_nothing(tenant):
    assert not Client.objects.for_user(AnonymousUser()).exists()
    tenant.manager.is_active = False
    assert not Client.objects.for_user(tenant.manager).exists()


def test_dashboards_show_each_role_its_own_world(client, tenant, other_tenant):
    tenant.strategy.status = Strategy.Status.SHARED
    tenant.strategy.save()
    client.force_login(tenant.manager)
    html = client.get(reverse("dashboard")).content.decode()
    assert "alpha strategy" in html and "beta" not in html

    client.force_login(tenant.client_user)
    html = client.get(reverse("dashboard")).content.decode()
    assert "alpha strategy" in html and "alpha Other Client" not in html

    client.force_login(other_tenant.marketer)
    html = client.get(reverse("dashboard")).content.decode()
    assert "alpha" not in html


def test_manager_creates_and_edits_a_client_with_validation(client, tenant):
    client.force_login(tenant.manager)
    response = client.post(reverse("client_create"), {"name": "alpha Client", "brand_language": "en"})
    assert "already has a client with this name" in response.content.decode()
    response = client.post(
        reverse("client_create"), {"name": "Gamma", "brand_language": "en", "website": "gamma.example"}
    )
    gamma = Client.objects.get(name="Gamma")
    assert response.url == reverse("client_detail", kwargs={"pk": gamma.pk})
    assert gamma.agency == tenant.agency and gamma.website == "https://gamma.example"
