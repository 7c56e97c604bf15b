from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Agency, Client, Invitation, Role, User
from .tasks import send_invitation_email


class AccountsError(Exception):
    """A refused account operation; the message is shown to the user."""


@transaction.atomic
def sign_up_agency(*, agency_name: str, full_name: str, email: str, password: str, language: str) -> User:
    agency = Agency.objects.create(name=agency_name.strip())
    return User.objects.create_user(
        email, password, full_name=full_name.strip(), agency=agency, role=Role.MANAGER, language=language
    )


def invite_member(
    *, agency: Agency, by: User, email: str, role: str, client: Client | None, language: str
) -> Invitation:
    if client is not None and client.agency_id != agency.pk:
        raise AccountsError(_("This client belongs to another agency."))
    # A new invitation replaces any earlier pending one for the same address.
    Invitation.objects.filter(agency=agency, email__iexact=email).pending().delete()
    invitation = Invitation(agency=agency, email=email, role=role, client=client, invited_by=by, language=language)
    token = invitation.issue_token()
    invitation.save()
    transaction.on_commit(lambda: send_invitation_email.delay(invitation.pk, token))
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, *, full_name: str, password: str) -> User:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.expires_at <= timezone.now():
        raise AccountsError(_("This invitation has already been used or has expired."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise AccountsError(_("An account with this email already exists. Sign in instead."))
    user = User.objects.create_user(
        invitation.email,
        password,
        full_name=full_name.strip(),
        agency=invitation.agency,
        role=invitation.role,
        client=invitation.client if invitation.role == Role.CLIENT else None,
        language=invitation.language,
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user
