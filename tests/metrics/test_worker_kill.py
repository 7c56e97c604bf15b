"""The target computation survives a worker killed in the middle of it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings

from metrics.models import Forecast, TargetMonth
from metrics.services import request_forecast, run_forecast
from metrics.tasks import compute_targets
from strategies.models import BudgetLine
from tests.worker import WorkerProcess, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def reach_of(strategy) -> Decimal:
    return TargetMonth.objects.get(strategy=strategy, platform="vk", month=1).value("unique_reach")


def test_killed_worker_task_is_delivered_again_and_completes(planned, tmp_path):
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "redelivery after a crash needs the Redis broker"
    run_forecast(planned.pk, generation=0)
    before = reach_of(planned)
    BudgetLine.objects.filter(strategy=planned, category="targeted_ads").update(monthly_amount=Decimal(90000))
    generation = request_forecast(planned)  # autocommit: nothing to wait for

    pause = tmp_path / "pause"
    pause.write_text("hold")
    first = WorkerProcess(
        tmp_path / "first.log", include="tests.hooks.pause_forecast", env={"SMM_PAUSE_FILE": str(pause)}
    )
    second = None
    try:
        first.wait_ready()
        compute_targets.apply_async((planned.pk, generation))
        wait_until(pause.with_suffix(".reached").exists, timeout=60, message="the task to reach the middle")
        assert Forecast.objects.get(strategy=planned).status == Forecast.Status.RUNNING
        first.kill()
        # The data before the crash is intact: the old targets, none half-written.
        assert reach_of(planned) == before
        pause.unlink()

        second = WorkerProcess(tmp_path / "second.log")
        second.wait_ready()
        wait_until(
            lambda: Forecast.objects.get(strategy=planned).status == Forecast.Status.DONE,
            timeout=90,
            message=f"redelivery and completion; worker log:\n{(tmp_path / 'second.log').read_text()}",
        )
    finally:
        first.stop()
        if second:
            second.stop()
    assert reach_of(planned) > before
    assert Forecast.objects.get(strategy=planned).runs == 2
