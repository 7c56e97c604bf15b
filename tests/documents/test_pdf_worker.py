"""Version and draft PDFs rendered by a real worker; downloads never render."""

from __future__ import annotations

import subprocess
from io import BytesIO

import pypdf
import pytest
from django.urls import reverse

from documents import rendering
from documents.models import DraftPdf, Version
from tests.documents.conftest import approve_and_wait_for_pdf, compute
from tests.worker import running_worker, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


@pytest.fixture
def demo_strategy():
    from accounts.demo import seed_demo_accounts
    from documents.demo import seed_demo_strategies

    people = seed_demo_accounts()
    strategy = seed_demo_strategies(people)[1]
    compute(strategy)
    return people, strategy


def test_approved_version_pdf_is_rendered_once_and_downloaded_as_a_file(client, demo_strategy, monkeypatch):
    people, strategy = demo_strategy
    with running_worker():
        version = approve_and_wait_for_pdf(strategy, people)
    assert version.pdf_status == Version.PdfStatus.READY, version.pdf_error

    def must_not_render(*args, **kwargs):
        raise AssertionError("a download must not render")

    monkeypatch.setattr(rendering, "render_document_pdf", must_not_render)
    client.force_login(people["manager"])
    response = client.get(reverse("documents:version_pdf", kwargs={"strategy_pk": strategy.pk, "number": 1}))
    data = b"".join(response.streaming_content)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert data.startswith(b"%PDF") and strategy.title.split(",")[0] in pdf_text(data)

    # The client sees it only once it is shared.
    client.force_login(people["client"])
    url = reverse("documents:version_pdf", kwargs={"strategy_pk": strategy.pk, "number": 1})
    assert client.get(url).status_code == 404


def test_draft_pdf_is_rendered_on_demand_with_a_watermark(client, demo_strategy):
    people, strategy = demo_strategy
    client.force_login(people["marketer"])
    with running_worker():
        response = client.post(reverse("documents:draft_pdf_request", kwargs={"strategy_pk": strategy.pk}))
        draft = DraftPdf.objects.get()
        assert response.url == reverse("documents:draft_pdf", kwargs={"strategy_pk": strategy.pk, "pk": draft.pk})
        page = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
        assert 'hx-trigger="every 1s"' in page  # the page polls while the worker renders
        wait_until(
            lambda: DraftPdf.objects.get(pk=draft.pk).status in {DraftPdf.Status.READY, DraftPdf.Status.FAILED},
            timeout=120,
            message="the draft PDF",
        )
    assert "Download the draft PDF" in client.get(response.url).content.decode()
    download = client.get(response.url + "?download=1")
    data = b"".join(download.streaming_content)
    pages = pypdf.PdfReader(BytesIO(data)).pages
    assert data.startswith(b"%PDF") and all("DRAFT" in page.extract_text() for page in pages)
