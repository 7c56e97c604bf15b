from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from smmplanner.celery import on_finalize
from strategies.models import Strategy

from . import services
from .models import Forecast


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=3,
    soft_time_limit=60,
    time_limit=90,
)
def compute_targets(strategy_id: int, generation: int) -> str:
    """Idempotent: running it twice for the same generation stores the same targets."""
    return services.run_forecast(strategy_id, generation=generation)


@shared_task(soft_time_limit=50, time_limit=60)
def requeue_stale_forecasts(older_than_seconds: int = 120) -> int:
    """Send again the requests that never reached a worker (broker was down, worker died)."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    stale = Forecast.objects.filter(
        status__in=[Forecast.Status.QUEUED, Forecast.Status.RUNNING], requested_at__lt=cutoff
    ).values_list("strategy_id", "generation")
    sent = 0
    for strategy_id, generation in stale:
        sent += services.send_forecast_task(strategy_id, generation)
    return sent


@shared_task(soft_time_limit=540, time_limit=600)
def recompute_agency(agency_id: int) -> int:
    """After a benchmark change: ask for a new forecast of every editable strategy of the agency."""
    strategies = Strategy.objects.filter(client__agency_id=agency_id, status__in=Strategy.EDITABLE_STATUSES)
    count = 0
    for strategy in strategies.iterator():
        with transaction.atomic():
            services.request_forecast(strategy)
        count += 1
    return count


@on_finalize
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(60.0, requeue_stale_forecasts.s(), name="metrics: re-send stale forecast requests")
