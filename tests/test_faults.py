"""Faults, with real processes: a worker killed in the middle of a PDF, two renders of one PDF
at once, Redis restarted or frozen while tasks are queued (and the beat jobs sending again what
a Redis without persistence lost), the database refusing a write in the middle of an import.

Two browsers saving one stage: tests/e2e/test_concurrent_save.py. A worker killed in the
middle of a target computation: tests/metrics/test_worker_kill.py.

Where a worker process is killed or Redis itself fails, Redis is a private ``redis-server``
on a free port, started by the test (never the shared one), so that it can be stopped, frozen
and started again, and redelivery works without a configured Redis too. The web side is the
Django test client in this process, its Celery app pointed at that Redis with the transport
options production uses; workers are ``celery worker`` processes given its URL. Real services,
no mocks of our code: the pause hook only holds a task at a chosen point.
"""

from __future__ import annotations

import contextlib
import csv
import io
import signal
import socket
import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path

import pypdf
import pytest
import redis
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from competitors.models import AccountAnalytics, Competitor, ImportJob, Post
from competitors.tasks import GIVE_UP_RUNNING_AFTER, RESEND_QUEUED_AFTER, resend_stale_imports
from documents.models import DraftPdf, Version
from documents.tasks import RESEND_PDF_AFTER, render_version_pdf, resend_stale_pdf_renders
from documents.workflow import perform
from metrics.models import Forecast
from metrics.tasks import requeue_stale_forecasts
from smmplanner.celery import app
from strategies.models import Strategy
from tests.worker import WorkerProcess, running_worker, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


# ------------------------------------------------------------------ a private Redis


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """``redis-server`` on a free local port, in its own folder; stopped, frozen and started again at will.

    ``persistent``: an append-only file (``appendonly yes``, ``appendfsync everysec``, what
    production should run); otherwise no persistence at all, like the CI's Redis.
    """

    def __init__(self, directory: Path, *, persistent: bool):
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self.persistent = persistent
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        persistence = (
            ["--appendonly", "yes", "--appendfsync", "everysec"] if self.persistent else ["--appendonly", "no"]
        )
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", *persistence,
             "--dir", str(self.directory), "--logfile", str(self.directory / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until(self.answers, timeout=20, interval=0.05, message="the private redis-server to answer")
        return self

    def answers(self) -> bool:
        try:
            return self.client().ping()
        except redis.ConnectionError:
            return False

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)

    def stop(self) -> None:
        """What a service restart does first: SIGTERM, after which Redis writes what it persists and exits."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None

    def freeze(self) -> None:
        """The process stops answering but its port still accepts connections: a hung server, a failover."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def queued(self, queue: str = settings.CELERY_TASK_DEFAULT_QUEUE) -> int:
        """Messages waiting in a queue (kombu keeps one list per priority step, all named after the queue)."""
        client = self.client()
        return sum(client.llen(key) for key in client.scan_iter(match=f"{queue}*") if client.type(key) == b"list")


@pytest.fixture
def private_redis(tmp_path):
    servers: list[RedisServer] = []

    def make(*, persistent: bool = False) -> RedisServer:
        servers.append(RedisServer(tmp_path / f"redis-{len(servers)}", persistent=persistent).start())
        return servers[-1]

    yield make
    for server in servers:
        server.stop()


def _forget_broker_pools(*, close: bool) -> None:
    """Make the app open new connections for its broker URL (kombu keeps one pool per URL, process-wide)."""
    for pool in (app.amqp._producer_pool, app._pool):
        if close and pool is not None:
            pool.force_close_all(close_pool=False)
    app.amqp._producer_pool = app._pool = None


@contextlib.contextmanager
def broker_at(url: str):
    """This process (the web side) publishes to the Redis at ``url``, with production's transport options."""
    saved = app.conf.broker_url, app.conf.broker_transport_options
    _forget_broker_pools(close=False)
    app.conf.broker_url, app.conf.broker_transport_options = url, dict(settings.REDIS_BROKER_OPTIONS)
    try:
        yield
    finally:
        _forget_broker_pools(close=True)
        app.conf.broker_url, app.conf.broker_transport_options = saved


class _TookTooLong(BaseException):
    """A BaseException, so that no ``except Exception`` on the way swallows it."""


@contextlib.contextmanager
def at_most(seconds: int):
    """Fail, rather than hang the suite, when the block takes longer than ``seconds``."""

    def expired(signum, frame):
        raise _TookTooLong(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# ------------------------------------------------------------------ 1. a worker killed in the middle of a PDF


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_worker_killed_while_storing_a_version_pdf_renders_it_again(client, tenant, tmp_path, private_redis):
    server = private_redis()
    strategy = tenant.strategy
    Strategy.objects.filter(pk=strategy.pk).update(title="Kill-proof launch plan", status=Strategy.Status.IN_REVIEW)
    with broker_at(server.url):
        perform(strategy, "approve", by=tenant.manager)  # on commit: render_version_pdf is queued
    version = Version.objects.get(strategy=strategy)
    media = Path(settings.MEDIA_ROOT)
    worker_env = {"REDIS_URL": server.url, "MEDIA_ROOT": str(media)}
    pause = tmp_path / "pause"
    pause.write_text("hold")
    first = WorkerProcess(
        tmp_path / "first.log", include="tests.hooks.pause_pdf", env={**worker_env, "SMM_PAUSE_FILE": str(pause)}
    )
    second = None
    try:
        first.wait_ready()
        reached = pause.with_suffix(".reached")
        wait_until(reached.exists, timeout=90, message=f"half the PDF written:\n{(tmp_path / 'first.log').read_text()}")
        full_size = int(reached.read_text())
        [half_written] = media.glob("versions/**/*.pdf")
        assert 0 < half_written.stat().st_size < full_size
        first.kill()

        # The half-written file is on disk, but nothing points at it: the version still waits.
        version.refresh_from_db()
        assert (version.pdf.name, version.pdf_status) == ("", Version.PdfStatus.PENDING)
        client.force_login(tenant.manager)
        download = reverse("documents:version_pdf", kwargs={"strategy_pk": strategy.pk, "number": version.number})
        pending = client.get(download)
        assert pending.status_code == 200 and "The PDF is being rendered" in pending.content.decode()

        pause.unlink()
        second = WorkerProcess(tmp_path / "second.log", env=worker_env)
        second.wait_ready()
        wait_until(
            lambda: Version.objects.get(pk=version.pk).pdf_status != Version.PdfStatus.PENDING,
            timeout=90,
            message=f"redelivery and a new render:\n{(tmp_path / 'second.log').read_text()}",
        )
    finally:
        first.stop()
        if second:
            second.stop()
    version.refresh_from_db()
    assert version.pdf_status == Version.PdfStatus.READY, version.pdf_error
    stored = media / version.pdf.name
    assert stored != half_written
    response = client.get(download)
    data = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf" and data == stored.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert "Kill-proof launch plan" in pdf_text(data)


def test_two_renders_of_one_version_at_once_keep_one_whole_file(tenant, tmp_path, private_redis):
    """The beat job's copy of a render finishes while the first copy is still writing its file."""
    server = private_redis()
    strategy = tenant.strategy
    Strategy.objects.filter(pk=strategy.pk).update(title="Rendered twice plan", status=Strategy.Status.IN_REVIEW)
    with broker_at(server.url):
        perform(strategy, "approve", by=tenant.manager)  # on commit: render_version_pdf is queued
    version = Version.objects.get(strategy=strategy)
    media = Path(settings.MEDIA_ROOT)
    pause = tmp_path / "pause"
    pause.write_text("hold")
    worker = WorkerProcess(
        tmp_path / "worker.log",
        include="tests.hooks.pause_pdf",
        env={"REDIS_URL": server.url, "MEDIA_ROOT": str(media), "SMM_PAUSE_FILE": str(pause)},
    )
    try:
        worker.wait_ready()
        wait_until(
            pause.with_suffix(".reached").exists,
            timeout=90,
            message=f"half the PDF written:\n{(tmp_path / 'worker.log').read_text()}",
        )
        [half_written] = media.glob("versions/**/*.pdf")

        assert render_version_pdf(version.pk) == version.pk  # the other copy, here, finishes first
        version.refresh_from_db()
        kept = media / version.pdf.name
        assert version.pdf_status == Version.PdfStatus.READY and kept != half_written
        kept_bytes = kept.read_bytes()

        pause.unlink()  # the first copy writes the rest of its file, then gives way
        wait_until(
            lambda: not half_written.exists(),
            timeout=60,
            message=f"the first copy to remove its file:\n{(tmp_path / 'worker.log').read_text()}",
        )
    finally:
        worker.stop()
    version.refresh_from_db()
    assert (version.pdf_status, media / version.pdf.name) == (Version.PdfStatus.READY, kept)
    assert list(media.glob("versions/**/*.pdf")) == [kept] and kept.read_bytes() == kept_bytes
    assert kept_bytes.rstrip().endswith(b"%%EOF") and "Rendered twice plan" in pdf_text(kept_bytes)


# ------------------------------------------------------------------ 2. Redis restarted or frozen


def save_review_stage(client, strategy: Strategy, revision: int = 0):
    """A stage save; every save asks for a new forecast, queued once the request commits."""
    return client.post(
        reverse("strategies:review", kwargs={"strategy_pk": strategy.pk}),
        {"_revision": str(revision), "_goto": "", "review_every_months": "3", "next_review_date": "2027-04-01"},
    )


def forecast_of(strategy: Strategy) -> Forecast:
    return Forecast.objects.get(strategy=strategy)


def status_page(client, strategy: Strategy) -> str:
    response = client.get(reverse("metrics:status", kwargs={"strategy_pk": strategy.pk}))
    assert response.status_code == 200
    return response.content.decode()


def metrics_stage(client, strategy: Strategy) -> str:
    response = client.get(reverse("metrics:stage", kwargs={"strategy_pk": strategy.pk}))
    assert response.status_code == 200
    return response.content.decode()


UNREACHABLE = "The task queue is unreachable; the forecast runs as soon as it is back."


@pytest.mark.parametrize("persistent", [True, False], ids=["append-only-file", "no-persistence"])
def test_tasks_queued_before_a_redis_restart_run_after_it(persistent, client, tenant, tmp_path, private_redis):
    server = private_redis(persistent=persistent)
    queued_before = tenant.strategy
    saved_during = Strategy.objects.create(
        client=tenant.client,
        owner=tenant.marketer,
        title="Saved while Redis is down",
        start_date=queued_before.start_date,
    )
    client.force_login(tenant.marketer)
    with broker_at(server.url):
        assert save_review_stage(client, queued_before).status_code == 302
        assert server.queued() == 1 and forecast_of(queued_before).status == Forecast.Status.QUEUED

        server.stop()  # the restart begins
        # The web keeps answering, quickly, and says what it could not do.
        started = time.monotonic()
        with at_most(20):
            response = save_review_stage(client, saved_during)
        assert response.status_code == 302 and time.monotonic() - started < 5
        unsent = forecast_of(saved_during)
        assert (unsent.status, unsent.error) == (Forecast.Status.QUEUED, "queue-unavailable")
        assert UNREACHABLE in status_page(client, saved_during)
        for page in (status_page(client, queued_before), metrics_stage(client, queued_before)):
            assert "Queued" in page and "Up to date" not in page

        server.start()  # ... and ends
        # With an append-only file the queued task is still there; without persistence it is gone.
        assert server.queued() == (1 if persistent else 0)
        worker = WorkerProcess(tmp_path / "worker.log", env={"REDIS_URL": server.url})
        try:
            worker.wait_ready()
            if persistent:
                wait_until(
                    lambda: forecast_of(queued_before).status == Forecast.Status.DONE,
                    timeout=60,
                    message=f"the queued forecast:\n{(tmp_path / 'worker.log').read_text()}",
                )
            else:
                assert forecast_of(queued_before).status == Forecast.Status.QUEUED  # still honest: not done
            assert forecast_of(saved_during).status == Forecast.Status.QUEUED
            # The beat job (every minute, for requests waiting over two minutes), run now rather than
            # waited for: it sends again what is still queued.
            requeue_stale_forecasts.apply_async(kwargs={"older_than_seconds": 0})
            wait_until(
                lambda: {forecast_of(s).status for s in (queued_before, saved_during)} == {Forecast.Status.DONE},
                timeout=60,
                message=f"both forecasts:\n{(tmp_path / 'worker.log').read_text()}",
            )
        finally:
            worker.stop()
    assert forecast_of(saved_during).error == ""
    assert "Up to date" in status_page(client, saved_during)


UNFINISHED_IMPORT = {ImportJob.Status.QUEUED, ImportJob.Status.RUNNING}
STOPPED_BANNER = "The import stopped unexpectedly; nothing was imported. The file may well be fine: upload it again."


def test_renders_and_imports_lost_in_a_redis_restart_are_sent_again_by_the_beat_jobs(
    client, tenant, tmp_path, private_redis
):
    server = private_redis(persistent=False)
    strategy = tenant.strategy
    rival = Competitor.objects.create(strategy=strategy, name="Rival")
    client.force_login(tenant.marketer)
    with broker_at(server.url):
        job = upload(client, strategy, rival, posts_csv(["@rival"], 3, datetime(2026, 1, 5)), "rival.csv")
        requested = client.post(reverse("documents:draft_pdf_request", kwargs={"strategy_pk": strategy.pk}))
        assert requested.status_code == 302
        Strategy.objects.filter(pk=strategy.pk).update(title="Lost and found plan", status=Strategy.Status.IN_REVIEW)
        perform(strategy, "approve", by=tenant.manager)
        version, draft = Version.objects.get(strategy=strategy), DraftPdf.objects.get()
        assert server.queued() >= 3

        server.stop()
        server.start()
        assert server.queued() == 0  # no persistence: the render, the draft and the import are gone
        # An import whose run vanished with it (its worker died; nothing redelivers the message).
        gone = ImportJob.objects.create(
            strategy=strategy, competitor=rival, original_name="gone.csv", created_by=tenant.marketer
        )
        assert ImportJob.objects.claim(gone.pk, run_id="a-run-that-is-gone")

        worker = WorkerProcess(
            tmp_path / "worker.log", env={"REDIS_URL": server.url, "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
        )
        try:
            worker.wait_ready()
            assert Version.objects.get(pk=version.pk).pdf_status == Version.PdfStatus.PENDING  # still honest
            assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.QUEUED
            assert DraftPdf.objects.get(pk=draft.pk).status == DraftPdf.Status.QUEUED
            # Time passes (the rows say so, rather than the test sleeping) ...
            now = timezone.now()
            Version.objects.filter(pk=version.pk).update(pdf_requested_at=now - RESEND_PDF_AFTER * 2)
            DraftPdf.objects.filter(pk=draft.pk).update(requested_at=now - RESEND_PDF_AFTER * 2)
            ImportJob.objects.filter(pk=job.pk).update(
                created_at=now - RESEND_QUEUED_AFTER * 2, queued_at=now - RESEND_QUEUED_AFTER * 2
            )
            ImportJob.objects.filter(pk=gone.pk).update(started_at=now - GIVE_UP_RUNNING_AFTER * 2)
            # ... and the beat jobs (every minute) run now rather than waited for.
            resend_stale_pdf_renders.apply_async()
            resend_stale_imports.apply_async()
            wait_until(
                lambda: (
                    not (
                        Version.objects.filter(pk=version.pk, pdf_status=Version.PdfStatus.PENDING).exists()
                        or DraftPdf.objects.unfinished().filter(pk=draft.pk).exists()
                        or ImportJob.objects.filter(pk__in=[job.pk, gone.pk], status__in=UNFINISHED_IMPORT).exists()
                    )
                ),
                timeout=180,
                message=f"the renders and the import sent again:\n{(tmp_path / 'worker.log').read_text()}",
            )
        finally:
            worker.stop()

    version.refresh_from_db()
    assert version.pdf_status == Version.PdfStatus.READY, version.pdf_error
    download = client.get(reverse("documents:version_pdf", kwargs={"strategy_pk": strategy.pk, "number": 1}))
    assert "Lost and found plan" in pdf_text(b"".join(download.streaming_content))
    assert DraftPdf.objects.get(pk=draft.pk).status == DraftPdf.Status.READY
    assert "Download the draft PDF" in client.get(requested.url).content.decode()
    job.refresh_from_db()
    assert (job.status, job.rows_imported) == (ImportJob.Status.DONE, 3)
    assert Post.objects.filter(strategy=strategy).count() == 3

    gone.refresh_from_db()
    assert (gone.status, [p["message"] for p in gone.problems]) == (
        ImportJob.Status.FAILED,
        ["The import stopped unexpectedly; nothing was imported."],
    )
    page = client.get(reverse("competitors:import_job", kwargs={"strategy_pk": strategy.pk, "pk": gone.pk}))
    assert STOPPED_BANNER in page.content.decode() and "correct the file" not in page.content.decode()


def test_a_frozen_redis_does_not_hold_the_web_request(client, tenant, private_redis):
    server = private_redis()
    strategy = tenant.strategy
    client.force_login(tenant.marketer)
    with broker_at(server.url):
        assert save_review_stage(client, strategy, revision=0).status_code == 302  # a pooled connection now
        server.freeze()
        try:
            started = time.monotonic()
            with at_most(30):
                response = save_review_stage(client, strategy, revision=1)
            took = time.monotonic() - started
        finally:
            server.thaw()
        assert response.status_code == 302 and took < 15, f"the save took {took:.1f} s"
        assert (forecast_of(strategy).status, forecast_of(strategy).error) == (
            Forecast.Status.QUEUED,
            "queue-unavailable",
        )
        assert UNREACHABLE in status_page(client, strategy)
        # Once Redis answers again, the next save is queued as usual.
        assert save_review_stage(client, strategy, revision=2).status_code == 302
        assert forecast_of(strategy).error == ""
        assert server.queued() >= 2


# ------------------------------------------------------------------ 3. the database refuses a write mid-import

NATIVE_HEADER = ["platform", "account", "published_at", "format", "likes", "comments", "shares", "views", "reach",
                 "followers_at_post"]  # fmt: skip
BIG_FILE_ROWS = 60_000  # more than one part of competitors.importer.CHUNK_ROWS
REFUSED_AFTER = 55_000  # so the first part is written, in the transaction, before the refusal


def posts_csv(accounts: list[str], rows: int, start: datetime) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(NATIVE_HEADER)
    for n in range(rows):
        published = (start + timedelta(minutes=n)).strftime("%Y-%m-%d %H:%M")
        writer.writerow(["instagram", accounts[n % len(accounts)], published, "photo", 100 + n % 50, 10, 5, 2000,
                         1500, 10_000])  # fmt: skip
    return out.getvalue().encode()


@contextlib.contextmanager
def posts_refused_after(rows: int):
    """The database refuses every post after the next ``rows`` (as a full disk would), until the block ends.

    PostgreSQL: a trigger raising ``disk_full`` once a sequence passes ``rows``. SQLite: a
    trigger that counts in a table and raises ``RAISE(ABORT)`` once past ``rows``.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE SEQUENCE faults_post_writes")
            cursor.execute(
                "CREATE FUNCTION faults_refuse_posts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF nextval('faults_post_writes') > {int(rows)} THEN "
                "RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; "
                "END IF; RETURN NEW; END $$"
            )
            cursor.execute(
                "CREATE TRIGGER faults_refuse_posts BEFORE INSERT ON competitors_post "
                "FOR EACH ROW EXECUTE FUNCTION faults_refuse_posts()"
            )
        else:
            cursor.execute("CREATE TABLE faults_post_writes (n integer NOT NULL, refuse_after integer NOT NULL)")
            cursor.execute("INSERT INTO faults_post_writes VALUES (0, %s)", [rows])
            cursor.execute(
                "CREATE TRIGGER faults_refuse_posts BEFORE INSERT ON competitors_post BEGIN "
                "UPDATE faults_post_writes SET n = n + 1; "
                "SELECT RAISE(ABORT, 'database or disk is full') FROM faults_post_writes WHERE n > refuse_after; "
                "END"
            )

    def attempted() -> int | None:
        """Posts the database was asked to write (PostgreSQL: a sequence survives the rollback)."""
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute("SELECT last_value FROM faults_post_writes")
            return cursor.fetchone()[0]

    try:
        yield attempted
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("DROP TRIGGER IF EXISTS faults_refuse_posts ON competitors_post")
                cursor.execute("DROP FUNCTION IF EXISTS faults_refuse_posts()")
                cursor.execute("DROP SEQUENCE IF EXISTS faults_post_writes")
            else:
                cursor.execute("DROP TRIGGER IF EXISTS faults_refuse_posts")
                cursor.execute("DROP TABLE IF EXISTS faults_post_writes")


def upload(client, strategy: Strategy, competitor: Competitor, content: bytes, name: str) -> ImportJob:
    response = client.post(
        reverse("competitors:import", kwargs={"strategy_pk": strategy.pk}),
        {"file": SimpleUploadedFile(name, content, content_type="text/csv"), "competitor": competitor.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.latest("pk")


def finished(job: ImportJob) -> ImportJob:
    wait_until(
        lambda: ImportJob.objects.get(pk=job.pk).status not in {ImportJob.Status.QUEUED, ImportJob.Status.RUNNING},
        timeout=120,
        message=f"import {job.pk} to finish",
    )
    job.refresh_from_db()
    return job


def test_database_refusing_a_write_mid_import_leaves_nothing_half_written(client, tenant):
    strategy = tenant.strategy
    rival = Competitor.objects.create(strategy=strategy, name="Rival")
    client.force_login(tenant.marketer)
    with running_worker():
        earlier = finished(upload(client, strategy, rival, posts_csv(["@rival"], 3, datetime(2026, 1, 5)), "a.csv"))
        assert earlier.status == ImportJob.Status.DONE
        figures_before = dict(AccountAnalytics.objects.values_list("account", "figures"))
        assert set(figures_before) == {"@rival"}

        big = posts_csv(["@rival", "@rival_reels"], BIG_FILE_ROWS, datetime(2026, 3, 1))
        with posts_refused_after(REFUSED_AFTER) as attempted:
            job = finished(upload(client, strategy, rival, big, "big.csv"))
            # Refused in the middle: the whole file was read and the first posts written first.
            assert attempted() in {None, REFUSED_AFTER + 1}

    assert job.status == ImportJob.Status.FAILED
    assert (job.rows_total, job.rows_imported) == (BIG_FILE_ROWS, 0) and job.finished_at is not None
    assert [p["message"] for p in job.problems] == ["The import stopped unexpectedly; nothing was imported."]
    # Nothing of the refused file: the earlier posts alone, and their figures untouched.
    assert Post.objects.filter(strategy=strategy).count() == 3
    assert dict(AccountAnalytics.objects.values_list("account", "figures")) == figures_before

    page = client.get(reverse("competitors:import_job", kwargs={"strategy_pk": strategy.pk, "pk": job.pk}))
    html = page.content.decode()
    assert page.status_code == 200
    # The file itself was fine: the page does not send the marketer to correct it.
    assert STOPPED_BANNER in html and "correct the file" not in html
    listing = client.get(reverse("competitors:import", kwargs={"strategy_pk": strategy.pk}) + f"?competitor={rival.pk}")
    assert listing.status_code == 200 and "big.csv" in listing.content.decode()
