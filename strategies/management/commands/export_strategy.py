from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from strategies.models import Strategy
from strategies.snapshot import dump_strategy


class Command(BaseCommand):
    help = "Write one strategy, with every stage and its images, as JSON to standard output."

    def add_arguments(self, parser):
        parser.add_argument("strategy_id", type=int)

    def handle(self, *args, strategy_id: int, **options):
        strategy = Strategy.objects.filter(pk=strategy_id).select_related("client").first()
        if strategy is None:
            raise CommandError(f"There is no strategy with id {strategy_id}.")
        self.stdout.write(json.dumps(dump_strategy(strategy), ensure_ascii=False, indent=1))
