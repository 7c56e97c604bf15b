from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from strategies.models import MoodImage

pytestmark = pytest.mark.django_db


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, tenant, settings):
    settings.UPLOAD_MAX_MB = 1
    client.force_login(tenant.marketer)
    big = SimpleUploadedFile("big.png", b"0" * (1024 * 1024 + 10), content_type="image/png")
    response = client.post(
        reverse("strategies:mood_upload", kwargs={"strategy_pk": tenant.strategy.pk}), {"image": big}
    )
    assert response.status_code == 413
    assert "Uploads are limited to 1 MB" in response.content.decode()
    assert not MoodImage.objects.exists()
