from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetricsConfig(AppConfig):
    name = "metrics"
    verbose_name = _("Metrics")

    def ready(self) -> None:
        from strategies.snapshot import register_part
        from strategies.stages import Stage, register, register_health_check
        from strategies.wizard import stage_saved

        from .checks import metrics
        from .health import RULES
        from .models import Kpi, Scenario
        from .services import request_forecast

        register(
            Stage(
                "metrics",
                100,
                _("Metrics"),
                _(
                    "The figures that will judge the work, pre-selected from the goals: awareness is judged by "
                    "reach and mentions, loyalty by engagement, leads by clicks, leads and their cost. Keep, add "
                    "or remove them; the forecast of their targets is computed from the budget and benchmarks."
                ),
                "metrics:stage",
                metrics,
                reads=("goals",),
            )
        )
        register_part(Kpi)
        register_part(Scenario)
        for rule, reads in RULES:
            register_health_check(rule, reads=reads)

        def recompute_on_save(sender, strategy, stage, **kwargs):
            request_forecast(strategy)

        stage_saved.connect(recompute_on_save, weak=False, dispatch_uid="metrics.recompute_on_save")
