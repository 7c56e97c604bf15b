from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Agency, Role, User

pytestmark = pytest.mark.django_db

GOOD = {
    "agency_name": "Bright Agency",
    "full_name": "Ann Owner",
    "email": "Ann@Bright.test",
    "password1": "a-Long-and-unusual-pass-42",
    "password2": "a-Long-and-unusual-pass-42",
}


def test_sign_up_creates_an_agency_and_its_first_manager(client):
    response = client.post(reverse("signup"), GOOD)
    assert response.status_code == 302 and response.url == reverse("dashboard")
    user = User.objects.get(email="ann@bright.test")
    assert user.role == Role.MANAGER and user.agency.name == "Bright Agency"
    dashboard = client.get(reverse("dashboard"))
    assert "Bright Agency" in dashboard.content.decode()


def test_mismatched_passwords_keep_the_input_and_say_what_to_fix(client):
    response = client.post(reverse("signup"), {**GOOD, "password2": "something-else-77"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The two passwords do not match." in html
    assert 'value="Bright Agency"' in html and 'value="Ann Owner"' in html
    assert not Agency.objects.exists()


def test_email_already_taken_is_refused(client, tenant):
    response = client.post(reverse("signup"), {**GOOD, "email": tenant.manager.email.upper()})
    assert "An account with this email already exists." in response.content.decode()
    assert Agency.objects.count() == 1


def test_errors_speak_russian_to_a_russian_visitor(client):
    client.cookies["django_language"] = "ru"
    response = client.post(reverse("signup"), {**GOOD, "password2": "nope-nope-nope-1"})
    assert "Пароли не совпадают." in response.content.decode()
