from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetricsConfig(AppConfig):
    name = "metrics"
    verbose_name = _("Metrics")

    def ready(self) -> None:
        from strategies.snapshot import register_part
        from strategies.stages import Stage, register

        from .checks import metrics
        from .models import Kpi

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
            )
        )
        register_part(Kpi)
