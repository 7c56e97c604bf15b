from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, seed_demo_accounts
from documents.demo import seed_demo_strategies
from metrics.services import request_forecast


class Command(BaseCommand):
    help = "Create the demo agency, its people, clients and one complete strategy per client (safe to run again)."

    def handle(self, *args, **options):
        demo = seed_demo_accounts()
        strategies = seed_demo_strategies(demo)
        for strategy in strategies:
            # Computed by the worker (it skips the work when nothing changed).
            request_forecast(strategy)
        self.stdout.write(self.style.SUCCESS(f"Demo agency ready: {demo['agency']}"))
        for strategy in strategies:
            self.stdout.write(f"  strategy #{strategy.pk}: {strategy.title} ({strategy.client})")
        for key in ("manager", "marketer", "client"):
            self.stdout.write(f"  {demo[key].email:<24} {DEMO_PASSWORD}")
