from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Role, User
from tests.worker import running_worker


def wait_for_mail(count: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(mail.outbox) >= count, "the worker did not send the email in time"


def link_in(message) -> str:
    return re.search(r"https?://\S+/invite/\S+/", message.body).group(0)


@pytest.mark.django_db(transaction=True)
def test_invitation_email_goes_through_a_real_worker_and_the_link_creates_the_account(client, tenant):
    client.force_login(tenant.manager)
    with running_worker():
        response = client.post(reverse("team"), {"email": "newbie@alpha.test", "role": Role.MARKETER, "language": "ru"})
        assert response.status_code == 302
        wait_for_mail(1)

    message = mail.outbox[0]
    assert message.to == ["newbie@alpha.test"]
    assert "alpha Agency" in message.subject  # rendered in Russian around the agency name
    assert "Создайте учётную запись" in message.body
    path = link_in(message).split("://", 1)[1].split("/", 1)[1]

    client.logout()
    page = client.get("/" + path)
    assert page.status_code == 200 and "newbie@alpha.test" in page.content.decode()
    response = client.post(
        "/" + path, {"full_name": "New Bie", "password1": "Str0ng-pass-xyz", "password2": "Str0ng-pass-xyz"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="newbie@alpha.test")
    assert (user.agency, user.role, user.language) == (tenant.agency, Role.MARKETER, "ru")
    # The link works once.
    assert client.get("/" + path).status_code == 404


@pytest.mark.django_db
def test_client_user_invitation_needs_a_client(client, tenant, django_capture_on_commit_callbacks):
    client.force_login(tenant.manager)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("team"), {"email": "c@alpha.test", "role": Role.CLIENT, "language": "en"})
    assert "Choose the client this person belongs to." in response.content.decode()
    assert 'value="c@alpha.test"' in response.content.decode()
    assert not Invitation.objects.exists() and not callbacks


@pytest.mark.django_db
def test_manager_cannot_invite_into_another_agencys_client(client, tenant, other_tenant):
    client.force_login(tenant.manager)
    response = client.post(
        reverse("team"),
        {"email": "c@alpha.test", "role": Role.CLIENT, "client": other_tenant.client.pk, "language": "en"},
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_accepting_as_a_client_user_scopes_the_account_to_that_client(client, tenant):
    invitation = Invitation(agency=tenant.agency, email="cu@alpha.test", role=Role.CLIENT, client=tenant.client)
    token = invitation.issue_token()
    invitation.save()
    url = reverse("accept_invitation", kwargs={"token": token})
    client.post(url, {"full_name": "C U", "password1": "Str0ng-pass-xyz", "password2": "Str0ng-pass-xyz"})
    user = User.objects.get(email="cu@alpha.test")
    assert user.client == tenant.client and user.is_client_user


@pytest.mark.django_db
def test_expired_invitation_is_refused(client, tenant):
    invitation = Invitation(agency=tenant.agency, email="late@alpha.test", role=Role.MARKETER)
    token = invitation.issue_token()
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()
    response = client.get(reverse("accept_invitation", kwargs={"token": token}))
    assert response.status_code == 404
    assert "no longer valid" in response.content.decode()


@pytest.mark.django_db
def test_weak_password_is_refused_with_the_reason(client, tenant):
    invitation = Invitation(agency=tenant.agency, email="weak@alpha.test", role=Role.MARKETER)
    token = invitation.issue_token()
    invitation.save()
    url = reverse("accept_invitation", kwargs={"token": token})
    response = client.post(url, {"full_name": "W", "password1": "123", "password2": "123"})
    assert "too short" in response.content.decode()
    assert not User.objects.filter(email="weak@alpha.test").exists()


@pytest.mark.django_db
def test_manager_withdraws_an_invitation(client, tenant):
    invitation = Invitation(agency=tenant.agency, email="gone@alpha.test", role=Role.MARKETER)
    token = invitation.issue_token()
    invitation.save()
    client.force_login(tenant.manager)
    client.post(reverse("revoke_invitation", kwargs={"pk": invitation.pk}))
    assert not Invitation.objects.exists()
    client.logout()
    assert client.get(reverse("accept_invitation", kwargs={"token": token})).status_code == 404
