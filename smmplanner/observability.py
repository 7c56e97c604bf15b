"""One structured log line per request and per task, as JSON, for production log pipelines."""

from __future__ import annotations

import json
import logging
import time

from celery.signals import task_postrun, task_prerun

request_log = logging.getLogger("smmplanner.request")
task_log = logging.getLogger("smmplanner.task")


class JsonFormatter(logging.Formatter):
    """The record's message is already a dict: write it with the time and the level."""

    def format(self, record: logging.LogRecord) -> str:
        payload = record.msg if isinstance(record.msg, dict) else {"message": record.getMessage()}
        return json.dumps(
            {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname, **payload},
            ensure_ascii=False,
            default=str,
        )


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        request_log.info(
            {
                "event": "request",
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user": user.pk if user is not None and user.is_authenticated else None,
            }
        )
        return response


_task_started: dict[str, float] = {}


def _task_started_at(task_id=None, **kwargs):
    _task_started[task_id] = time.perf_counter()


def _task_finished(task_id=None, task=None, state=None, **kwargs):
    started = _task_started.pop(task_id, None)
    task_log.info(
        {
            "event": "task",
            "task": getattr(task, "name", ""),
            "task_id": task_id,
            "state": state,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        }
    )


def connect_task_logging() -> None:
    task_prerun.connect(_task_started_at, weak=False, dispatch_uid="smmplanner.task_started")
    task_postrun.connect(_task_finished, weak=False, dispatch_uid="smmplanner.task_finished")
