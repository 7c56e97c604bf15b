"""Who is told about what, by email (sent by the worker, in each person's language)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from accounts.models import Role, User
from strategies.models import Strategy

from .models import Comment, StatusChange


def agency_managers(strategy: Strategy):
    return User.objects.filter(agency_id=strategy.client.agency_id, role=Role.MANAGER, is_active=True)


def client_users(strategy: Strategy):
    return User.objects.filter(client_id=strategy.client_id, role=Role.CLIENT, is_active=True)


def people_who_acted(strategy: Strategy):
    """The agency's people who moved the strategy through review or saved one of its stages."""
    from strategies.models import StageRevision

    movers = StatusChange.objects.filter(strategy=strategy).values("by")
    editors = StageRevision.objects.filter(strategy=strategy).values("saved_by")
    return User.objects.filter(Q(pk__in=movers) | Q(pk__in=editors), is_active=True).exclude(role=Role.CLIENT)


def _ids(*groups, exclude=None) -> list[int]:
    ids = set()
    for group in groups:
        ids.update(u.pk for u in group if u is not None)
    ids.discard(getattr(exclude, "pk", None))
    return sorted(ids)


# Besides the owner, the people who acted on the strategy hear of every step after a submission:
# the marketer who submitted or edited it learns that changes were requested or that it was approved.
TRANSITION_RECIPIENTS = {
    "submit": lambda s: [agency_managers(s)],
    "request_changes": lambda s: [[s.owner], people_who_acted(s)],
    "approve": lambda s: [[s.owner], people_who_acted(s)],
    "share": lambda s: [client_users(s), [s.owner], people_who_acted(s)],
    "accept": lambda s: [[s.owner], agency_managers(s), people_who_acted(s)],
    "client_request_changes": lambda s: [[s.owner], agency_managers(s), people_who_acted(s)],
    "revise": lambda s: [[s.owner], people_who_acted(s)],
}


def _send(user_ids: list[int], event: str, strategy: Strategy, actor, comment: str = "") -> None:
    if not user_ids:
        return
    from .tasks import send_event_email

    payload = {"event": event, "strategy_id": strategy.pk, "actor_id": getattr(actor, "pk", None), "comment": comment}
    transaction.on_commit(lambda: send_event_email.delay(user_ids, payload))


def transition_recipients(strategy: Strategy, action: str, *, actor) -> list[User]:
    ids = _ids(*TRANSITION_RECIPIENTS[action](strategy), exclude=actor)
    return list(User.objects.filter(pk__in=ids).order_by("pk"))


def notify_transition(strategy: Strategy, action: str, *, actor, comment: str = "", recipients=None) -> list[User]:
    """Email everyone a step concerns (in their language); returns who, for the History."""
    recipients = transition_recipients(strategy, action, actor=actor) if recipients is None else recipients
    _send([u.pk for u in recipients], action, strategy, actor, comment)
    return recipients


def notify_comment(comment: Comment) -> None:
    """Everyone in the thread, the owner and the managers; client users only for client-visible comments."""
    strategy = comment.strategy
    thread = comment.parent or comment
    participants = [c.author for c in [thread, *thread.replies.all()] if c.author]
    groups = [[strategy.owner], agency_managers(strategy), participants]
    if comment.for_client:
        groups.append(client_users(strategy))
    else:
        groups = [[u for u in group if u.role != Role.CLIENT] for group in groups]
    _send(_ids(*groups, exclude=comment.author), "comment", strategy, comment.author, comment.body)


def notify_review_due(strategy: Strategy) -> None:
    _send(_ids([strategy.owner], agency_managers(strategy)), "review_due", strategy, None)
