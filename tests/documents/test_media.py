"""Uploaded files in the browser document: served per strategy through the tenant scope, never publicly."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from documents.workflow import freeze_version
from strategies.models import MoodImage, Strategy, ToneOfVoice
from tests.images import png_bytes

pytestmark = pytest.mark.django_db


def media(strategy, path: str) -> str:
    return reverse("documents:media", kwargs={"strategy_pk": strategy.pk, "path": path})


@pytest.fixture
def pictured(tenant):
    """The tenant's strategy with a mood-board image, an agency logo and a frozen version v1."""
    ToneOfVoice.objects.create(strategy=tenant.strategy)
    image = MoodImage(strategy=tenant.strategy, caption="Warm light")
    image.image.save("warm.png", ContentFile(png_bytes(colour="#ffaa00")), save=True)
    tenant.agency.logo.save("alpha.png", ContentFile(png_bytes(colour="#000000")), save=True)
    version = freeze_version(tenant.strategy, by=tenant.manager)
    frozen = version.snapshot["parts"]["strategies.moodimage"][0]["image"]["name"]
    return tenant, image.image.name, frozen


def test_preview_links_images_to_the_strategy_and_they_load(client, pictured):
    tenant, draft_image, _frozen = pictured
    client.force_login(tenant.marketer)
    html = client.get(reverse("documents:preview", kwargs={"strategy_pk": tenant.strategy.pk})).content.decode()
    assert f'src="{media(tenant.strategy, draft_image)}"' in html
    assert "/media/" not in html
    response = client.get(media(tenant.strategy, draft_image))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png_bytes(colour="#ffaa00")


def test_version_and_portal_show_the_frozen_copy(client, pictured):
    tenant, draft_image, frozen = pictured
    assert frozen != draft_image and frozen.startswith(f"versions/{tenant.strategy.pk}/v1/")
    client.force_login(tenant.manager)
    html = client.get(reverse("documents:version", kwargs={"strategy_pk": tenant.strategy.pk, "number": 1}))
    assert media(tenant.strategy, frozen) in html.content.decode()
    assert client.get(media(tenant.strategy, frozen)).status_code == 200
    assert client.get(media(tenant.strategy, tenant.agency.logo.name)).status_code == 200


def test_client_user_sees_frozen_images_and_the_logo_but_not_the_draft(client, pictured):
    tenant, draft_image, frozen = pictured
    Strategy.objects.filter(pk=tenant.strategy.pk).update(status=Strategy.Status.SHARED)
    client.force_login(tenant.client_user)
    assert client.get(media(tenant.strategy, frozen)).status_code == 200
    assert client.get(media(tenant.strategy, tenant.agency.logo.name)).status_code == 200
    assert client.get(media(tenant.strategy, draft_image)).status_code == 404


def test_files_of_other_strategies_and_agencies_and_odd_paths_are_404(client, pictured, other_tenant):
    tenant, draft_image, _frozen = pictured
    other_image = MoodImage(strategy=other_tenant.strategy)
    other_image.image.save("theirs.png", ContentFile(png_bytes()), save=True)
    other_tenant.agency.logo.save("beta.png", ContentFile(png_bytes()), save=True)
    client.force_login(tenant.manager)
    for path in (
        other_image.image.name,  # another agency's strategy's file, through our strategy
        other_tenant.agency.logo.name,  # another agency's logo
        f"mood/{tenant.strategy.pk}/..",  # a folder, not a file
        f"mood/{tenant.strategy.pk}/missing.png",
        "imports/2027/01/posts.csv",  # uploads that are not document pictures
        f"versions/{tenant.strategy.pk}/v1/strategy.pdf",
    ):
        assert client.get(media(tenant.strategy, path)).status_code == 404, path
    # Our own file through the other agency's strategy: the strategy itself is not ours.
    assert client.get(media(other_tenant.strategy, draft_image)).status_code == 404
