from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Invitation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, soft_time_limit=30, time_limit=60)
def send_invitation_email(invitation_id: int, token: str) -> int | None:
    invitation = Invitation.objects.select_related("agency", "invited_by", "client").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at is not None:
        return None
    link = settings.SITE_URL + reverse("accept_invitation", kwargs={"token": token})
    with translation.override(invitation.language):
        context = {"invitation": invitation, "link": link, "valid_days": settings.INVITATION_VALID_DAYS}
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])
    return invitation.pk
