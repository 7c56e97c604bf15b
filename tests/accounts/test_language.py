from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_switching_language_is_remembered_for_the_user(client, tenant):
    client.force_login(tenant.manager)
    response = client.post(reverse("set_language"), {"language": "ru", "next": reverse("team")})
    assert response.status_code == 302 and response.url == reverse("team")
    tenant.manager.refresh_from_db()
    assert tenant.manager.language == "ru"
    # A new session (another browser) still gets Russian.
    client.cookies.clear()
    client.force_login(tenant.manager)
    assert "Ожидающие приглашения" in client.get(reverse("team")).content.decode()


def test_anonymous_visitor_switches_by_cookie(client):
    client.post(reverse("set_language"), {"language": "ru", "next": reverse("login")})
    assert "Забыли пароль?" in client.get(reverse("login")).content.decode()


def test_unknown_language_and_foreign_next_are_ignored(client, tenant):
    client.force_login(tenant.manager)
    response = client.post(reverse("set_language"), {"language": "xx", "next": "https://evil.example/"})
    assert response.url == "/"
    tenant.manager.refresh_from_db()
    assert tenant.manager.language == "en"
