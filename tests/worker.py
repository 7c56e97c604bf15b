"""Real Celery workers for integration tests, consuming the configured broker."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection

from smmplanner.celery import app

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def running_worker():
    """Run a worker thread over the configured broker (Redis in CI) until the block ends.

    Tasks go through the broker exactly as in production: serialised, queued,
    consumed and acknowledged. Use it with ``transactional_db`` so the worker
    sees committed rows.
    """
    with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30) as worker:
        yield worker


def test_database_url() -> str:
    """The URL of the database pytest-django created, for another process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    """``celery worker`` as a separate OS process, which a test may SIGKILL."""

    def __init__(
        self, log_path: Path, include: str | None = None, env: dict[str, str] | None = None, beat: bool = False
    ):
        self.log_path = log_path
        command = [
            sys.executable, "-m", "celery", "-A", "smmplanner", "worker",
            "--pool=solo", "--concurrency=1", "--without-heartbeat", "--without-gossip", "--without-mingle",
            "-Q", settings.CELERY_TASK_DEFAULT_QUEUE, "--loglevel=INFO",
        ]  # fmt: skip
        if include:
            command += ["--include", include]
        if beat:
            command += ["--beat", "--schedule", str(log_path.with_suffix(".beat"))]
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "smmplanner.settings.test",
            "DATABASE_URL": test_database_url(),
            "CELERY_TEST_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
            "CELERY_VISIBILITY_TIMEOUT": "3",
            "CELERY_RESTORE_INTERVAL": "1",
            **(env or {}),
        }
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=self.log_fd, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "ready." in self.log_path.read_text():
                return
            assert self.process.poll() is None, f"worker exited:\n{self.log_path.read_text()}"
            time.sleep(0.1)
        raise AssertionError(f"worker not ready:\n{self.log_path.read_text()}")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        os.close(self.log_fd)


def wait_until(condition, timeout: float = 60, interval: float = 0.2, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {message}")
