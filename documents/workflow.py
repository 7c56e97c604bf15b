"""The review workflow: which transition exists, who may take it, and what it does.

draft → in review → (changes requested → draft …) → approved → shared with
client → accepted (or client requested changes). Approving freezes a version.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role
from strategies.models import Strategy
from strategies.stages import progress

from .models import Comment, StatusChange, Version
from .notifications import notify_transition, transition_recipients
from .snapshot import document_snapshot

S = Strategy.Status


class WorkflowError(Exception):
    """A refused transition; the message is shown to the user."""


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    label: str
    needs_comment: bool = False
    style: str = "primary"
    # Asked before an irreversible step, saying what will happen ("" for none).
    confirm: str = ""
    # Said once it is done, as a result ("Changes requested"), not as the button's label.
    done: str = ""


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "submit",
            (S.DRAFT, S.CHANGES_REQUESTED, S.CLIENT_CHANGES_REQUESTED),
            S.IN_REVIEW,
            (Role.MARKETER,),
            gettext_lazy("Submit for review"),
            done=gettext_lazy("Submitted for review."),
        ),
        Transition(
            "request_changes",
            (S.IN_REVIEW,),
            S.CHANGES_REQUESTED,
            (Role.MANAGER,),
            gettext_lazy("Request changes"),
            done=gettext_lazy("Changes requested."),
            needs_comment=True,
            style="outline-danger",
        ),
        Transition(
            "approve",
            (S.IN_REVIEW,),
            S.APPROVED,
            (Role.MANAGER,),
            gettext_lazy("Approve"),
            done=gettext_lazy("Approved: the version is frozen and its PDF is being rendered."),
            confirm=gettext_lazy(
                "Approve the strategy? Its current content is frozen as a new version, whose PDF is rendered; "
                "it can no longer be edited, only revised as a new draft."
            ),
        ),
        Transition(
            "share",
            (S.APPROVED,),
            S.SHARED,
            (Role.MANAGER,),
            gettext_lazy("Share with the client"),
            done=gettext_lazy("Shared with the client."),
            confirm=gettext_lazy(
                "Share the approved version with the client? The client's users are emailed and can read it and "
                "download its PDF from then on."
            ),
        ),
        Transition(
            "accept",
            (S.SHARED,),
            S.ACCEPTED,
            (Role.CLIENT,),
            gettext_lazy("Accept the strategy"),
            done=gettext_lazy("Strategy accepted."),
            confirm=gettext_lazy(
                "Accept this version as the agreed strategy? The agency is told, and the acceptance is kept in the "
                "strategy's history."
            ),
        ),
        Transition(
            "client_request_changes",
            (S.SHARED,),
            S.CLIENT_CHANGES_REQUESTED,
            (Role.CLIENT,),
            gettext_lazy("Request changes"),
            done=gettext_lazy("Changes requested."),
            needs_comment=True,
            style="outline-danger",
        ),
        Transition(
            "revise",
            (S.APPROVED, S.SHARED, S.ACCEPTED),
            S.DRAFT,
            (Role.MANAGER, Role.MARKETER),
            gettext_lazy("Revise as a new draft"),
            done=gettext_lazy("A new draft is open for editing."),
            style="outline-secondary",
        ),
    )
}


def available_actions(strategy: Strategy, user) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if strategy.status in t.sources and user.role in t.roles]


@transaction.atomic
def perform(strategy: Strategy, action: str, *, by, comment: str = "") -> Strategy:
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise WorkflowError(_("Unknown action."))
    strategy = Strategy.objects.select_for_update().select_related("client__agency").get(pk=strategy.pk)
    if by.role not in transition.roles:
        raise WorkflowError(_("Your role cannot do this."))
    if strategy.status not in transition.sources:
        raise WorkflowError(
            _("The strategy is “%(status)s”, so this cannot be done now.") % {"status": strategy.get_status_display()}
        )
    comment = comment.strip()
    if transition.needs_comment and not comment:
        raise WorkflowError(_("Say what should change."))
    if action == "submit" and not progress(strategy).is_complete:
        raise WorkflowError(_("Complete every stage before submitting; the summary lists what is missing."))

    old_status = strategy.status
    strategy.status = transition.target
    if action == "submit":
        strategy.submitted_at = timezone.now()
    strategy.save(update_fields=["status", "submitted_at", "updated_at"])

    version = None
    if action == "approve":
        version = freeze_version(strategy, by=by)
    elif action in {"share", "accept"}:
        version = strategy.versions.order_by("-number").first()
        if version is None:
            raise WorkflowError(_("There is no approved version to share."))
        field = "shared_at" if action == "share" else "accepted_at"
        Version.objects.filter(pk=version.pk).update(**{field: timezone.now()})
    # Who hears of it is decided before this step is recorded, so its own actor is not counted twice.
    recipients = transition_recipients(strategy, action, actor=by)
    StatusChange.objects.create(
        strategy=strategy,
        from_status=old_status,
        to_status=strategy.status,
        by=by,
        comment=comment,
        version=version,
        notified=[str(user) for user in recipients],
    )
    if comment and action in {"request_changes", "client_request_changes"}:
        Comment.objects.create(
            strategy=strategy,
            stage="general",
            author=by,
            body=comment,
            for_client=action == "client_request_changes",
        )
    notify_transition(strategy, action, actor=by, comment=comment, recipients=recipients)
    return strategy


def freeze_version(strategy: Strategy, *, by) -> Version:
    """Snapshot every stage and the targets; copy the mood-board images so later edits cannot touch them."""
    number = (strategy.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    snapshot = document_snapshot(strategy)
    for row in snapshot["parts"].get("strategies.moodimage", []):
        source = (row.get("image") or {}).get("name")
        if not source or not default_storage.exists(source):
            continue
        target = f"versions/{strategy.pk}/v{number}/mood/{source.rsplit('/', 1)[-1]}"
        with default_storage.open(source, "rb") as src:
            row["image"]["name"] = default_storage.save(target, src)
    version = Version.objects.create(
        strategy=strategy, number=number, snapshot=snapshot, approved_by=by, pdf_requested_at=timezone.now()
    )
    from .tasks import render_version_pdf

    transaction.on_commit(lambda: render_version_pdf.delay(version.pk))
    return version
