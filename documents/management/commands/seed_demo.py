from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, seed_demo_accounts
from documents.demo import seed_demo_strategies
from documents.workflow import perform
from metrics.models import Forecast
from metrics.services import request_forecast, run_forecast


class Command(BaseCommand):
    help = (
        "Create the demo agency, its people, clients and one complete strategy per client, the Russian one "
        "approved and shared with its client user (safe to run again)."
    )

    def handle(self, *args, **options):
        demo = seed_demo_accounts()
        strategies = seed_demo_strategies(demo)
        shared, draft = strategies
        if not shared.versions.exists():
            # So that the client's login shows something: the coffee shop's v1, approved and shared
            # (the worker renders its PDF). Its targets are computed first, as they are frozen with it.
            forecast, _created = Forecast.objects.get_or_create(strategy=shared)
            run_forecast(shared.pk, generation=forecast.generation)
            with transaction.atomic():
                for action, person in (("submit", "marketer"), ("approve", "manager"), ("share", "manager")):
                    perform(shared, action, by=demo[person])
        # Computed by the worker (it skips the work when nothing changed).
        request_forecast(draft)
        self.stdout.write(self.style.SUCCESS(f"Demo agency ready: {demo['agency']}"))
        for strategy in strategies:
            strategy.refresh_from_db()
            status = strategy.get_status_display()
            self.stdout.write(f"  strategy #{strategy.pk}: {strategy.title} ({strategy.client}, {status})")
        for key in ("manager", "marketer", "client"):
            self.stdout.write(f"  {demo[key].email:<24} {DEMO_PASSWORD}")
