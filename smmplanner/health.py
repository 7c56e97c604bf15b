"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

from django.db import connection, transaction
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View

from accounts.access import PublicMixin

from .celery import app


@method_decorator(transaction.non_atomic_requests, name="dispatch")
class LivenessView(PublicMixin, View):
    """The process answers: nothing else is checked."""

    def get(self, request):
        return JsonResponse({"status": "ok"})


@method_decorator(transaction.non_atomic_requests, name="dispatch")
class ReadinessView(PublicMixin, View):
    """Ready when the database answers, the broker accepts a connection and a worker replies to a ping."""

    def get(self, request):
        checks = {"database": _database(), "broker": _broker(), "worker": _worker()}
        ready = all(value == "ok" for value in checks.values())
        return JsonResponse({"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return f"error: {type(error).__name__}"
    return "ok"


def _broker() -> str:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:
        return f"error: {type(error).__name__}"
    return "ok"


def _worker() -> str:
    try:
        replies = app.control.ping(timeout=1.0)
    except Exception as error:
        return f"error: {type(error).__name__}"
    return "ok" if replies else "no worker answered"
