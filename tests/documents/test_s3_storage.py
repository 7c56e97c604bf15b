"""Media in an S3 bucket (MEDIA_STORAGE=s3): uploads, the browser document, PDFs, imports and housekeeping.

The bucket is served by moto's S3 server, a separate process speaking the S3 protocol over
HTTP on loopback; boto3 talks to it exactly as to AWS or MinIO. The worker that renders the
PDF is a real ``celery worker`` process configured only through the environment variables the
README documents.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import boto3
import pypdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from competitors.models import Competitor, ImportJob, Post
from competitors.tasks import run_import
from documents import pdf
from documents.housekeeping import ORPHAN_GRACE, tidy_media
from documents.models import Version
from strategies.models import MoodImage
from tests.documents.conftest import approve_and_wait_for_pdf, compute
from tests.images import png_bytes
from tests.worker import WorkerProcess

BUCKET = "planner-media"
CREDENTIALS = {"S3_ACCESS_KEY_ID": "planner", "S3_SECRET_ACCESS_KEY": "planner-secret", "S3_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path_factory.mktemp("s3") / "moto.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], stdout=out, stderr=out
        )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A fresh private bucket, and the app's media storage pointed at it."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=CREDENTIALS["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["S3_SECRET_ACCESS_KEY"],
        region_name=CREDENTIALS["S3_REGION"],
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": CREDENTIALS["S3_REGION"],
                "access_key": CREDENTIALS["S3_ACCESS_KEY_ID"],
                "secret_key": CREDENTIALS["S3_SECRET_ACCESS_KEY"],
                "file_overwrite": False,
                "default_acl": "private",
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


@pytest.mark.django_db(transaction=True)
def test_a_mood_board_image_goes_to_the_bucket_into_the_document_and_its_pdf(
    client, bucket, s3_endpoint, settings, tmp_path
):
    from accounts.demo import seed_demo_accounts
    from documents.demo import seed_demo_strategies

    people = seed_demo_accounts()
    strategy = seed_demo_strategies(people)[1]
    compute(strategy)
    client.force_login(people["marketer"])
    upload = SimpleUploadedFile("sunrise.png", png_bytes((64, 64), colour="#ff8800"), content_type="image/png")
    client.post(reverse("strategies:mood_upload", kwargs={"strategy_pk": strategy.pk}), {"image": upload})
    image = MoodImage.objects.get(strategy=strategy, image__endswith="sunrise.png")
    assert type(default_storage._wrapped).__name__ == "S3Storage"
    assert image.image.name in keys(bucket)
    assert not list(Path(settings.MEDIA_ROOT).rglob("sunrise*"))  # nothing on local disk

    # The browser document links the image through the app, which reads it from the bucket.
    served = client.get(reverse("strategies:mood_image", kwargs={"strategy_pk": strategy.pk, "pk": image.pk}))
    assert served.status_code == 200 and b"".join(served.streaming_content) == png_bytes((64, 64), colour="#ff8800")

    env = {"MEDIA_STORAGE": "s3", "S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": s3_endpoint, **CREDENTIALS}
    worker = WorkerProcess(tmp_path / "worker.log", env=env)
    try:
        worker.wait_ready()
        version = approve_and_wait_for_pdf(strategy, people)
    finally:
        worker.stop()
    assert version.pdf_status == Version.PdfStatus.READY, version.pdf_error
    frozen = version.snapshot["parts"]["strategies.moodimage"]
    assert {version.pdf.name, *(row["image"]["name"] for row in frozen)} <= keys(bucket)

    response = client.get(reverse("documents:version_pdf", kwargs={"strategy_pk": strategy.pk, "number": 1}))
    data = b"".join(response.streaming_content)
    assert response.status_code == 200 and data.startswith(b"%PDF")
    reader = pypdf.PdfReader(BytesIO(data))
    assert strategy.client.name in "".join(page.extract_text() for page in reader.pages)
    # The mood board page carries the orange image, read from the bucket by the worker's fetcher.
    colours = {image.image.convert("RGB").getpixel((0, 0)) for page in reader.pages for image in page.images}
    assert any(abs(r - 255) + abs(g - 136) + abs(b - 0) < 24 for r, g, b in colours), colours


@pytest.mark.django_db
def test_the_pdf_fetcher_reads_media_from_the_bucket_and_refuses_what_is_not_there(bucket):
    name = default_storage.save("mood/1/photo.png", ContentFile(png_bytes()))
    fetcher = pdf.DocumentURLFetcher("http://testserver/")
    response = fetcher.fetch(f"http://testserver/media/{name}")
    assert response.read() == png_bytes() and response.content_type == "image/png"
    for url in ("http://testserver/media/mood/1/missing.png", "http://testserver/media/mood/1/../../x"):
        with pytest.raises(pdf.ResourceRefused):
            fetcher.fetch(url)


@pytest.mark.django_db
def test_an_import_reads_its_upload_from_the_bucket(client, tenant, bucket):
    rival = Competitor.objects.create(strategy=tenant.strategy, name="Rival")
    client.force_login(tenant.marketer)
    csv = (
        "platform,account,published_at,format,likes,comments,shares,views,reach,followers_at_post\n"
        "instagram,@rival,2026-10-01 18:30,photo,100,10,5,2000,1500,10000\n"
    )
    client.post(
        reverse("competitors:import", kwargs={"strategy_pk": tenant.strategy.pk}),
        {"competitor": rival.pk, "file": SimpleUploadedFile("rival.csv", csv.encode(), content_type="text/csv")},
    )
    job = ImportJob.objects.get()
    assert job.file.name in keys(bucket)
    assert run_import.apply(args=[job.pk]).get() == ImportJob.Status.DONE
    assert Post.objects.filter(competitor=rival).count() == 1


@pytest.mark.django_db
def test_housekeeping_sweeps_the_bucket(tenant, bucket):
    kept = MoodImage(strategy=tenant.strategy, caption="kept")
    kept.image.save("kept.png", ContentFile(png_bytes()), save=True)
    orphan = default_storage.save(f"versions/{tenant.strategy.pk}/v1/strategy-killed.pdf", ContentFile(b"%PDF"))

    assert tidy_media().orphans == 0  # both are new: within the grace

    tidied = tidy_media(now=timezone.now() + ORPHAN_GRACE + timedelta(minutes=1))
    assert tidied.names == {orphan}
    assert keys(bucket) == {kept.image.name}


@pytest.mark.django_db
def test_a_key_missing_from_the_bucket_is_a_404(client, tenant, bucket):
    client.force_login(tenant.marketer)
    name = default_storage.save(f"mood/{tenant.strategy.pk}/here.png", ContentFile(png_bytes()))
    for path, status in ((name, 200), (f"mood/{tenant.strategy.pk}/gone.png", 404)):
        url = reverse("documents:media", kwargs={"strategy_pk": tenant.strategy.pk, "path": path})
        assert client.get(url).status_code == status
