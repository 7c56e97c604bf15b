from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from metrics.goals import evaluate
from metrics.report import forecast_report
from metrics.services import build_input, strategy_targets
from strategies.models import Strategy


class Command(BaseCommand):
    help = "Forecast one strategy now (method v2) and print it, with every goal against the forecast."

    def add_arguments(self, parser):
        parser.add_argument("strategy_id", type=int)
        parser.add_argument("--json", action="store_true", help="one JSON object (the only output format)")
        parser.add_argument("--language", default="en", choices=["en", "ru"], help="language of the variant names")

    def handle(self, *args, strategy_id: int, language: str, **options):
        strategy = Strategy.objects.filter(pk=strategy_id).select_related("client").first()
        if strategy is None:
            raise CommandError(f"There is no strategy with id {strategy_id}.")
        with translation.override(language):
            data = build_input(strategy)
            checks = evaluate(data, strategy_targets(strategy), strategy.start_date)
            report = forecast_report(strategy.pk, data, checks, start=strategy.start_date, currency=strategy.currency)
        self.stdout.write(json.dumps(report, ensure_ascii=False))
