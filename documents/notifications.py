"""Who is told about what, by email (sent by the worker, in each person's language)."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Role, User
from strategies.models import Strategy

from .models import Comment


def agency_managers(strategy: Strategy):
    return User.objects.filter(agency_id=strategy.client.agency_id, role=Role.MANAGER, is_active=True)


def client_users(strategy: Strategy):
    return User.objects.filter(client_id=strategy.client_id, role=Role.CLIENT, is_active=True)


def _ids(*groups, exclude=None) -> list[int]:
    ids = set()
    for group in groups:
        ids.update(u.pk for u in group if u is not None)
    ids.discard(getattr(exclude, "pk", None))
    return sorted(ids)


TRANSITION_RECIPIENTS = {
    "submit": lambda s: [agency_managers(s)],
    "request_changes": lambda s: [[s.owner]],
    "approve": lambda s: [[s.owner]],
    "share": lambda s: [client_users(s), [s.owner]],
    "accept": lambda s: [[s.owner], agency_managers(s)],
    "client_request_changes": lambda s: [[s.owner], agency_managers(s)],
    "revise": lambda s: [[s.owner]],
}


def _send(user_ids: list[int], event: str, strategy: Strategy, actor, comment: str = "") -> None:
    if not user_ids:
        return
    from .tasks import send_event_email

    payload = {"event": event, "strategy_id": strategy.pk, "actor_id": getattr(actor, "pk", None), "comment": comment}
    transaction.on_commit(lambda: send_event_email.delay(user_ids, payload))


def notify_transition(strategy: Strategy, action: str, *, actor, comment: str = "") -> None:
    groups = TRANSITION_RECIPIENTS[action](strategy)
    _send(_ids(*groups, exclude=actor), action, strategy, actor, comment)


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
