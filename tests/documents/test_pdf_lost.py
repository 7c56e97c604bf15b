"""A stored PDF whose file the storage lost (a restore without media, a lost volume) never gives a 500."""

from __future__ import annotations

import subprocess

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from documents.models import DraftPdf, Version
from documents.tasks import render_draft_pdf, render_version_pdf
from documents.workflow import perform

pytestmark = pytest.mark.django_db

RENDERING = {"en": "The PDF is being rendered", "ru": "PDF формируется"}
DRAFT_LOST = {
    "en": "The PDF could not be rendered: its file was lost from the storage. "
    "Ask for a new one from the document preview.",
    "ru": "его файл пропал из хранилища. Запросите новый на странице предпросмотра документа.",
}


def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_version_pdf_missing_from_the_storage_is_rendered_again(
    client, demo, language, django_capture_on_commit_callbacks
):
    strategy, manager = demo["en"], demo["manager"]
    manager.language = language
    manager.save(update_fields=["language"])
    perform(strategy, "submit", by=demo["marketer"])
    perform(strategy, "approve", by=manager)
    version = strategy.versions.get()
    assert render_version_pdf.apply(args=[version.pk]).get() == version.pk
    version.refresh_from_db()
    default_storage.delete(version.pdf.name)

    client.force_login(manager)
    url = reverse("documents:version_pdf", kwargs={"strategy_pk": strategy.pk, "number": 1})
    with django_capture_on_commit_callbacks() as queued:
        page = client.get(url)
    assert page.status_code == 200 and RENDERING[language] in page.content.decode()
    version.refresh_from_db()
    assert (version.pdf_status, version.pdf.name) == (Version.PdfStatus.PENDING, "")
    assert len(queued) == 1  # the render is sent to the worker once the request commits

    assert render_version_pdf.apply(args=[version.pk]).get() == version.pk  # what the worker does with it
    response = client.get(url)
    data = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf" and strategy.client.name in pdf_text(data)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_draft_pdf_missing_from_the_storage_says_so(client, demo, language):
    marketer = demo["marketer"]
    marketer.language = language
    marketer.save(update_fields=["language"])
    draft = DraftPdf.objects.create(strategy=demo["en"], requested_by=marketer)
    assert render_draft_pdf.apply(args=[draft.pk]).get() == draft.pk
    draft.refresh_from_db()
    default_storage.delete(draft.file.name)

    client.force_login(marketer)
    url = reverse("documents:draft_pdf", kwargs={"strategy_pk": demo["en"].pk, "pk": draft.pk})
    page = client.get(url + "?download=1")
    assert page.status_code == 200 and DRAFT_LOST[language] in page.content.decode()
    draft.refresh_from_db()
    assert draft.status == DraftPdf.Status.FAILED
