from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from strategies.models import MoodImage
from tests.images import png_bytes

pytestmark = pytest.mark.django_db


def upload(client, strategy, name="ref.png", content=None, content_type="image/png", caption="Warm light"):
    file = SimpleUploadedFile(name, content if content is not None else png_bytes(), content_type=content_type)
    return client.post(
        reverse("strategies:mood_upload", kwargs={"strategy_pk": strategy.pk}),
        {"image": file, "caption": caption},
        follow=True,
    )


def test_image_is_uploaded_served_privately_and_removed(client, tenant, other_tenant):
    client.force_login(tenant.marketer)
    response = upload(client, tenant.strategy)
    assert "Image added to the mood board." in response.content.decode()
    image = MoodImage.objects.get()
    image_url = reverse("strategies:mood_image", kwargs={"strategy_pk": tenant.strategy.pk, "pk": image.pk})
    served = client.get(image_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png_bytes()

    client.force_login(other_tenant.marketer)
    assert client.get(image_url).status_code == 404

    client.force_login(tenant.marketer)
    client.post(reverse("strategies:mood_delete", kwargs={"strategy_pk": tenant.strategy.pk, "pk": image.pk}))
    assert not MoodImage.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(client, tenant):
    client.force_login(tenant.marketer)
    response = upload(client, tenant.strategy, name="evil.png", content=b"<?php echo 1; ?>")
    assert "Upload a valid image" in response.content.decode()
    assert not MoodImage.objects.exists()


def test_images_over_the_size_limit_are_refused(client, tenant, settings):
    settings.IMAGE_UPLOAD_MAX_MB = 0
    client.force_login(tenant.marketer)
    response = upload(client, tenant.strategy)
    assert "The image is too large" in response.content.decode()
    assert not MoodImage.objects.exists()


def test_the_board_holds_at_most_eight_images(client, tenant):
    client.force_login(tenant.marketer)
    for index in range(8):
        upload(client, tenant.strategy, name=f"{index}.png")
    response = upload(client, tenant.strategy, name="9.png")
    assert "at most 8 images" in response.content.decode()
    assert MoodImage.objects.count() == 8
