"""PDF renders that waited too long are sent again, safely; a draft preview waits at most so long.

The whole path through Redis (a restart losing the queued renders, the beat job sending them
again, a worker rendering them) is in tests/test_faults.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import DraftPdf, Version
from documents.tasks import (
    GIVE_UP_DRAFT_AFTER,
    RESEND_PDF_AFTER,
    render_draft_pdf,
    render_version_pdf,
    resend_stale_pdf_renders,
)

pytestmark = pytest.mark.django_db

GIVEN_UP = (
    "The PDF could not be rendered: the worker did not finish it in time. Ask for a new one from the document preview."
)


def version(strategy, number: int, status=Version.PdfStatus.PENDING, **fields) -> Version:
    return Version.objects.create(strategy=strategy, number=number, snapshot={"n": number}, pdf_status=status, **fields)


def test_a_ready_version_pdf_is_not_rendered_again(tenant):
    ready = version(tenant.strategy, 1, Version.PdfStatus.READY, pdf="versions/1/v1/strategy-1-v1.pdf")
    assert render_version_pdf(ready.pk) is None  # the snapshot could not even be rendered
    ready.refresh_from_db()
    assert (ready.pdf_status, ready.pdf.name, ready.pdf_error) == (
        Version.PdfStatus.READY,
        "versions/1/v1/strategy-1-v1.pdf",
        "",
    )


def test_only_pdfs_waiting_longer_than_the_limit_are_due_the_oldest_first(tenant):
    now = timezone.now()
    strategy = tenant.strategy
    asked_6_minutes_ago = version(strategy, 1, pdf_requested_at=now - timedelta(minutes=6))
    asked_just_now = version(strategy, 2, pdf_requested_at=now)
    never_asked_since_created = version(strategy, 3)  # rows written without the field: their creation counts
    ready, failed = version(strategy, 4, Version.PdfStatus.READY), version(strategy, 5, Version.PdfStatus.FAILED)
    Version.objects.filter(pk__in=[never_asked_since_created.pk, ready.pk, failed.pk]).update(
        created_at=now - timedelta(hours=1)
    )
    due = Version.objects.pdf_pending_since(now - RESEND_PDF_AFTER)
    assert list(due) == [never_asked_since_created, asked_6_minutes_ago]
    assert asked_just_now not in due

    draft = DraftPdf.objects.create(strategy=strategy)
    DraftPdf.objects.filter(pk=draft.pk).update(requested_at=now - timedelta(minutes=6))
    assert list(DraftPdf.objects.sent_before(now - RESEND_PDF_AFTER)) == [draft]
    DraftPdf.objects.filter(pk=draft.pk).update(sent_at=now)  # sent again: not due for another five minutes
    assert not DraftPdf.objects.sent_before(now - RESEND_PDF_AFTER).exists()


def test_a_draft_pdf_waiting_too_long_is_given_up_and_its_page_says_so(client, tenant):
    now = timezone.now()
    overdue = DraftPdf.objects.create(strategy=tenant.strategy, requested_by=tenant.marketer)
    rendering = DraftPdf.objects.create(
        strategy=tenant.strategy, requested_by=tenant.marketer, status=DraftPdf.Status.RUNNING, sent_at=now
    )
    DraftPdf.objects.filter(pk=overdue.pk).update(requested_at=now - GIVE_UP_DRAFT_AFTER - timedelta(minutes=1))
    DraftPdf.objects.filter(pk=rendering.pk).update(requested_at=now - timedelta(minutes=6))

    assert resend_stale_pdf_renders() == 0  # the other one was sent again just now

    overdue.refresh_from_db()
    assert overdue.status == DraftPdf.Status.FAILED and not overdue.file
    assert DraftPdf.objects.get(pk=rendering.pk).status == DraftPdf.Status.RUNNING
    # A copy of its message arriving late renders nothing.
    assert render_draft_pdf(overdue.pk) is None
    assert DraftPdf.objects.get(pk=overdue.pk).status == DraftPdf.Status.FAILED

    client.force_login(tenant.marketer)
    url = reverse("documents:draft_pdf", kwargs={"strategy_pk": tenant.strategy.pk, "pk": overdue.pk})
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert GIVEN_UP in html and "hx-trigger" not in html  # the page stops polling and says what to do
    assert (
        'hx-trigger="every 1s"'
        in client.get(
            reverse("documents:draft_pdf", kwargs={"strategy_pk": tenant.strategy.pk, "pk": rendering.pk}),
            HTTP_HX_REQUEST="true",
        ).content.decode()
    )
