from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, seed_demo_accounts


class Command(BaseCommand):
    help = "Create the demo agency, its people and clients (safe to run again)."

    def handle(self, *args, **options):
        demo = seed_demo_accounts()
        self.stdout.write(self.style.SUCCESS(f"Demo agency ready: {demo['agency']}"))
        for key in ("manager", "marketer", "client"):
            self.stdout.write(f"  {demo[key].email:<24} {DEMO_PASSWORD}")
