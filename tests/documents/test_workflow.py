from __future__ import annotations

import itertools

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from documents.models import Comment, StatusChange, Version
from documents.workflow import TRANSITIONS, WorkflowError, perform
from strategies.models import MoodImage, Strategy, Usp
from tests.images import png_bytes

pytestmark = pytest.mark.django_db
S = Strategy.Status
ROLES = ("manager", "marketer", "client")


def set_status(strategy, status):
    Strategy.objects.filter(pk=strategy.pk).update(status=status)
    strategy.refresh_from_db()


def walk_to(strategy, status, demo):
    """Take a strategy through the real transitions up to ``status``."""
    path = {
        S.IN_REVIEW: [("submit", "marketer")],
        S.APPROVED: [("submit", "marketer"), ("approve", "manager")],
        S.SHARED: [("submit", "marketer"), ("approve", "manager"), ("share", "manager")],
    }[status]
    for action, role in path:
        perform(strategy, action, by=demo[role], comment="")
    strategy.refresh_from_db()


CASES = list(itertools.product(TRANSITIONS, ROLES, [s.value for s in S]))


@pytest.mark.parametrize(("action", "role", "status"), CASES, ids=["-".join(c) for c in CASES])
def test_only_allowed_transitions_exist(demo, action, role, status):
    strategy = demo["ru"]
    set_status(strategy, status)
    transition = TRANSITIONS[action]
    allowed = demo[role].role in transition.roles and status in transition.sources
    if allowed and action in {"share", "accept"}:
        Version.objects.create(strategy=strategy, number=1, snapshot={"x": 1})
    if allowed:
        perform(strategy, action, by=demo[role], comment="Please fix the budget")
        strategy.refresh_from_db()
        assert strategy.status == transition.target
        change = StatusChange.objects.get(strategy=strategy)
        assert (change.from_status, change.to_status, change.by) == (status, transition.target, demo[role])
    else:
        with pytest.raises(WorkflowError):
            perform(strategy, action, by=demo[role], comment="Please fix the budget")
        strategy.refresh_from_db()
        assert strategy.status == status and not StatusChange.objects.exists()


def test_requests_for_changes_need_a_reason(demo):
    strategy = demo["en"]
    walk_to(strategy, S.IN_REVIEW, demo)
    with pytest.raises(WorkflowError, match="Say what should change"):
        perform(strategy, "request_changes", by=demo["manager"], comment="  ")
    perform(strategy, "request_changes", by=demo["manager"], comment="More video, please")
    assert Comment.objects.get().body == "More video, please"


def test_an_incomplete_strategy_cannot_be_submitted(demo):
    strategy = demo["ru"]
    Usp.objects.filter(strategy=strategy).update(statement="")
    with pytest.raises(WorkflowError, match="Complete every stage"):
        perform(strategy, "submit", by=demo["marketer"])


def test_approval_freezes_an_immutable_version(demo, settings, tmp_path):
    strategy = demo["en"]
    mood = MoodImage(strategy=strategy, caption="Calm")
    mood.image.save("calm.png", ContentFile(png_bytes()), save=True)
    walk_to(strategy, S.APPROVED, demo)
    version = strategy.versions.get()
    assert version.number == 1 and version.approved_by == demo["manager"]
    frozen_statement = version.snapshot["parts"]["strategies.usp"][0]["statement"]
    frozen_image = version.snapshot["parts"]["strategies.moodimage"][0]["image"]["name"]
    assert frozen_image.startswith(f"versions/{strategy.pk}/v1/")

    perform(strategy, "revise", by=demo["marketer"])
    Usp.objects.filter(strategy=strategy).update(statement="Something else entirely")
    mood.image.delete()
    mood.delete()
    version.refresh_from_db()
    assert version.snapshot["parts"]["strategies.usp"][0]["statement"] == frozen_statement
    from django.core.files.storage import default_storage

    assert default_storage.exists(frozen_image)
    version.snapshot["parts"]["strategies.usp"][0]["statement"] = "tampered"
    with pytest.raises(ValueError, match="cannot change"):
        version.save()

    perform(strategy, "submit", by=demo["marketer"])
    perform(strategy, "approve", by=demo["manager"])
    assert list(strategy.versions.values_list("number", flat=True)) == [2, 1]


def test_sharing_and_accepting_mark_the_version(demo):
    strategy = demo["ru"]
    walk_to(strategy, S.SHARED, demo)
    perform(strategy, "accept", by=demo["client"])
    version = strategy.versions.get()
    assert version.shared_at and version.accepted_at
    strategy.refresh_from_db()
    assert strategy.status == S.ACCEPTED


def test_transition_views_speak_to_the_user(client, demo):
    strategy = demo["en"]
    client.force_login(demo["manager"])
    response = client.post(reverse("documents:approve", kwargs={"strategy_pk": strategy.pk}), follow=True)
    assert "cannot be done now" in response.content.decode()
    client.force_login(demo["marketer"])
    response = client.post(reverse("documents:submit", kwargs={"strategy_pk": strategy.pk}), follow=True)
    assert "Submitted for review." in response.content.decode()  # said as a result, not as the button
    strategy.refresh_from_db()
    assert strategy.status == S.IN_REVIEW


def test_people_involved_are_emailed_in_their_language(
    demo, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    from documents import tasks

    monkeypatch.setattr(tasks.send_event_email, "delay", lambda *args: tasks.send_event_email(*args))
    monkeypatch.setattr(tasks.render_version_pdf, "delay", lambda *args: None)
    strategy = demo["ru"]
    with django_capture_on_commit_callbacks(execute=True):
        perform(strategy, "submit", by=demo["marketer"], comment="Ready")
    assert [m.to for m in mailoutbox] == [["manager@demo.example"]]
    assert mailoutbox[0].subject.startswith("Strategy submitted for review")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        perform(strategy, "approve", by=demo["manager"])
        perform(strategy, "share", by=demo["manager"])
    to_client = [m for m in mailoutbox if m.to == ["client@demo.example"]]
    assert len(to_client) == 1 and "Для вас готова стратегия" in to_client[0].subject
    assert f"/portal/strategies/{strategy.pk}/" in to_client[0].body


def test_client_users_see_only_client_comments(client, demo):
    strategy = demo["ru"]
    walk_to(strategy, S.SHARED, demo)
    Comment.objects.create(strategy=strategy, stage="general", author=demo["manager"], body="Internal: margin is thin")
    Comment.objects.create(
        strategy=strategy, stage="general", author=demo["manager"], body="Dear client, see v1", for_client=True
    )
    client.force_login(demo["client"])
    html = client.get(reverse("documents:portal", kwargs={"strategy_pk": strategy.pk})).content.decode()
    assert "Dear client, see v1" in html and "margin is thin" not in html
    # A client's comment is always visible to the agency and to the client.
    client.post(
        reverse("documents:comment", kwargs={"strategy_pk": strategy.pk}),
        {"body": "Can we add TikTok?", "stage": "general", "for_client": ""},
    )
    assert Comment.objects.get(body="Can we add TikTok?").for_client is True


def test_an_overlong_comment_is_refused_with_the_reason(client, demo):
    strategy = demo["en"]
    walk_to(strategy, S.IN_REVIEW, demo)
    client.force_login(demo["manager"])
    url = reverse("documents:request_changes", kwargs={"strategy_pk": strategy.pk})
    response = client.post(url, {"comment": "x" * 5001}, follow=True)
    assert "Ensure this value has at most 5000 characters" in response.content.decode()
    strategy.refresh_from_db()
    assert strategy.status == S.IN_REVIEW


def test_the_people_who_acted_hear_of_each_step_and_history_says_who(
    client, demo, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    from accounts.models import Role, User
    from documents import tasks
    from strategies.models import StageRevision

    monkeypatch.setattr(tasks.send_event_email, "delay", lambda *args: tasks.send_event_email(*args))
    monkeypatch.setattr(tasks.render_version_pdf, "delay", lambda *args: None)
    strategy = demo["en"]  # owned by marketer@demo.example
    colleague = User.objects.create_user(
        "colleague@demo.example", "pw-Colleague-123", agency=strategy.client.agency, role=Role.MARKETER
    )
    StageRevision.objects.create(strategy=strategy, stage="usp", revision=1, saved_by=colleague)
    with django_capture_on_commit_callbacks(execute=True):
        perform(strategy, "submit", by=colleague)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        perform(strategy, "request_changes", by=demo["manager"], comment="A stronger USP, please")
    told = sorted(address for message in mailoutbox for address in message.to)
    assert told == ["colleague@demo.example", "marketer@demo.example"]  # the submitter too, not the owner only
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        perform(strategy, "submit", by=colleague)
        perform(strategy, "approve", by=demo["manager"])
    approved = [m for m in mailoutbox if "approved" in m.subject.lower()]
    assert sorted(a for m in approved for a in m.to) == ["colleague@demo.example", "marketer@demo.example"]
    client.force_login(demo["manager"])
    html = client.get(reverse("documents:history", kwargs={"strategy_pk": strategy.pk})).content.decode()
    assert "Emailed:" in html and str(colleague) in html


def test_the_status_badge_is_coloured_by_status(client, demo):
    strategy = demo["ru"]
    walk_to(strategy, S.SHARED, demo)
    perform(strategy, "accept", by=demo["client"])
    client.force_login(demo["client"])
    html = client.get(reverse("documents:portal", kwargs={"strategy_pk": strategy.pk})).content.decode()
    assert 'class="badge text-bg-success status-badge">Принята клиентом<' in html  # not grey like a draft
    client.force_login(demo["manager"])
    html = client.get(reverse("dashboard")).content.decode()
    assert "text-bg-success status-badge" in html and "text-bg-secondary status-badge" in html  # the other is a draft
