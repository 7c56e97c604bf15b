"""Review reminders, sent by a real beat schedule and worker: once per review date."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from strategies.models import Strategy
from tests.worker import WorkerProcess, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def sent_subjects(folder) -> list[str]:
    return [
        line.split(":", 1)[1].strip()
        for path in folder.glob("*.log")
        for line in path.read_text().splitlines()
        if line.startswith("Subject:")
    ]


def test_reminders_go_out_once_per_due_date(tenant, other_tenant, tmp_path):
    today = timezone.localdate()
    soon, overdue, later = tenant.strategy, other_tenant.strategy, None
    Strategy.objects.filter(pk=soon.pk).update(next_review_date=today + dt.timedelta(days=3), title="Soon")
    Strategy.objects.filter(pk=overdue.pk).update(next_review_date=today - dt.timedelta(days=1), title="Late")
    later = Strategy.objects.create(
        client=tenant.client, owner=tenant.marketer, title="Later", start_date=today,
        next_review_date=today + dt.timedelta(days=60),
    )  # fmt: skip
    mail = tmp_path / "mail"
    mail.mkdir()
    worker = WorkerProcess(
        tmp_path / "worker.log",
        beat=True,
        env={
            "REVIEW_CHECK_SECONDS": "1",
            "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "TEST_EMAIL_FILE_PATH": str(mail),
        },
    )
    try:
        worker.wait_ready()
        # two strategies × (owner + manager) = four emails
        wait_until(lambda: len(sent_subjects(mail)) >= 4, timeout=60, message="the reminders")
        time.sleep(4)  # several more beats: nothing more may be sent
    finally:
        worker.stop()
    subjects = sent_subjects(mail)
    assert len(subjects) == 4, subjects
    assert sum("Soon" in s for s in subjects) == 2 and sum("Late" in s for s in subjects) == 2
    assert not any("Later" in s for s in subjects)
    soon.refresh_from_db()
    assert soon.review_reminded_for == soon.next_review_date
    assert soon.review_state() == "due" and Strategy.objects.get(pk=overdue.pk).review_state() == "overdue"
    assert later.review_state() == ""
