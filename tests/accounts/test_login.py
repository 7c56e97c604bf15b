from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD, seed_demo_accounts
from accounts.models import Agency, Client, User

pytestmark = pytest.mark.django_db


def test_demo_users_sign_in_with_their_email_at_the_standard_login(client):
    seed_demo_accounts()
    response = client.post(reverse("login"), {"username": "marketer@demo.example", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert "My strategies" in client.get(reverse("dashboard")).content.decode()


def test_wrong_password_says_so_and_keeps_the_email(client, tenant):
    response = client.post(reverse("login"), {"username": tenant.manager.email, "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct email and password." in html
    assert f'value="{tenant.manager.email}"' in html


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, tenant, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": tenant.manager.email, "password": "wrong"})
    response = client.post(reverse("login"), {"username": tenant.manager.email, "password": "pw-Manager-123"})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, tenant):
    client.force_login(tenant.marketer)
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_seed_demo_is_idempotent():
    first = seed_demo_accounts()
    second = seed_demo_accounts()
    assert first["manager"] == second["manager"]
    assert Agency.objects.count() == 1 and Client.objects.count() == 2 and User.objects.count() == 3
    client_user = User.objects.get(email="client@demo.example")
    assert client_user.client.brand_language == "ru"
    assert {c.brand_language for c in Client.objects.all()} == {"ru", "en"}


def test_password_reset_sends_a_working_link(client, tenant, mailoutbox):
    client.post(reverse("password_reset"), {"email": tenant.marketer.email})
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    client.post(set_url, {"new_password1": "Brand-new-pass-99", "new_password2": "Brand-new-pass-99"})
    tenant.marketer.refresh_from_db()
    assert tenant.marketer.check_password("Brand-new-pass-99")
