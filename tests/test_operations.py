"""Health endpoints and structured logs."""

from __future__ import annotations

import json
import logging

import pytest
from django.urls import reverse

from tests.worker import running_worker


def test_liveness_answers_without_a_database(client):
    assert client.get(reverse("liveness")).json() == {"status": "ok"}


@pytest.mark.django_db(transaction=True)
def test_readiness_needs_a_worker(client):
    response = client.get(reverse("readiness"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable", "database": "ok", "broker": "ok", "worker": "no worker answered"
    }  # fmt: skip
    with running_worker():
        response = client.get(reverse("readiness"))
    assert response.status_code == 200 and response.json()["worker"] == "ok"


@pytest.mark.django_db
def test_every_request_is_one_json_log_line(client, tenant, caplog):
    from smmplanner.observability import JsonFormatter

    client.force_login(tenant.manager)
    with caplog.at_level(logging.INFO, logger="smmplanner.request"):
        client.get(reverse("dashboard"))
    record = next(r for r in caplog.records if r.name == "smmplanner.request")
    line = json.loads(JsonFormatter().format(record))
    assert line["event"] == "request" and line["path"] == "/dashboard/" and line["status"] == 200
    assert line["user"] == tenant.manager.pk and line["duration_ms"] >= 0


@pytest.mark.django_db
def test_tasks_log_their_id_and_duration(caplog):
    from accounts.tasks import send_invitation_email

    with caplog.at_level(logging.INFO, logger="smmplanner.task"):
        send_invitation_email.apply(args=(0, "token"), task_id="abc-123")
    record = next(r for r in caplog.records if r.name == "smmplanner.task")
    assert record.msg["task_id"] == "abc-123" and record.msg["task"].endswith("send_invitation_email")
    assert record.msg["duration_ms"] is not None
