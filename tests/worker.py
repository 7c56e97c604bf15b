"""A real Celery worker for integration tests, consuming the configured broker."""

from __future__ import annotations

import contextlib

from celery.contrib.testing.worker import start_worker

from smmplanner.celery import app


@contextlib.contextmanager
def running_worker():
    """Run a worker thread over the configured broker (Redis in CI) until the block ends.

    Tasks go through the broker exactly as in production: serialised, queued,
    consumed and acknowledged. Use it with ``transactional_db`` so the worker
    sees committed rows.
    """
    with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30) as worker:
        yield worker
