"""Shared set-up for benchmark scripts: Django on a throw-away database, and JSON output."""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from contextlib import contextmanager


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smmplanner.settings.test")
    import django

    django.setup()


@contextmanager
def test_database():
    """A fresh database (test_ prefix) created and destroyed around the benchmark."""
    from django.test.utils import setup_databases, teardown_databases

    old = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(old, verbosity=0)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def emit(result: dict) -> None:
    from django.db import connection

    result.setdefault("database", connection.vendor)
    result.setdefault("peak_rss_mb", peak_rss_mb())
    print(json.dumps(result, ensure_ascii=False))
    sys.stdout.flush()
