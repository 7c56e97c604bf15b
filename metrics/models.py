from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from strategies.models import Strategy

from .catalogue import BY_KEY, METRIC_CHOICES


class Kpi(models.Model):
    """A metric the strategy will be judged by; its targets are forecast separately."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="kpis")
    metric = models.CharField(_("metric"), max_length=20, choices=METRIC_CHOICES)
    target_value = models.DecimalField(
        _("target for the period"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["strategy", "metric"], name="one_kpi_per_metric")]

    def __str__(self) -> str:
        return self.get_metric_display()

    @property
    def definition(self):
        return BY_KEY[self.metric]
