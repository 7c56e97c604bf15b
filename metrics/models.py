from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency
from accounts.tenancy import TenantQuerySet
from strategies.models import Platform, Strategy

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


class BenchmarkOverrideQuerySet(TenantQuerySet):
    agency_lookup = "agency"


class BenchmarkOverride(models.Model):
    """An agency's own value for one benchmark; its strategies use it instead of the default."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="benchmark_overrides")
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices)
    key = models.CharField(_("benchmark"), max_length=20)
    currency = models.CharField(_("currency"), max_length=3, blank=True, help_text=_("Only for money values."))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, validators=[MinValueValidator(Decimal(0))])
    source = models.CharField(_("source"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BenchmarkOverrideQuerySet.as_manager()

    class Meta:
        verbose_name = _("benchmark override")
        verbose_name_plural = _("benchmark overrides")
        constraints = [
            models.UniqueConstraint(fields=["agency", "platform", "key", "currency"], name="one_override_per_benchmark")
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.get_platform_display()} · {self.key} = {self.value}"


class Forecast(models.Model):
    """The state of a strategy's target computation, shown live on the Metrics stage."""

    class Status(models.TextChoices):
        IDLE = "idle", _("Not computed yet")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    strategy = models.OneToOneField(Strategy, on_delete=models.CASCADE, related_name="forecast")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.IDLE)
    # Every request bumps the generation; a task computes only if it carries the
    # latest one, so a burst of saves collapses into a single run.
    generation = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    runs = models.PositiveIntegerField(default=0, help_text="computations actually carried out")
    # The method version the stored targets were computed with (metrics.forecast.FORECAST_VERSION).
    method_version = models.PositiveSmallIntegerField(default=1)
    # Per target key (metrics.goals.Target.key): what reaching it would take, found by the worker's search.
    goal_searches = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"{self.strategy}: {self.status}"


class RowJSONField(models.JSONField):
    """A JSONField that PostgreSQL bulk inserts bind row by row.

    Django 5.2 bulk-inserts through ``UNNEST`` of a ``text[]`` array where it can; psycopg
    then escapes every quote of every JSON document with a regular expression, which made
    storing a forecast's 60 rows (about 35 figures each, with their inputs) cost 55 ms.
    A field with ``get_placeholder`` opts the insert out of ``UNNEST``, and each value is
    sent as ``jsonb`` as it is.
    """

    def get_placeholder(self, value, compiler, connection):
        return "%s"


class TargetMonth(models.Model):
    """The forecast of one platform for one month: every metric, how each was computed,
    and the values the marketer set by hand (which recomputations keep).

    One row per platform and month keeps a 12-month, 5-platform plan at 60 rows.
    """

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="targets")
    platform = models.CharField(max_length=10, choices=Platform.choices)
    month = models.PositiveSmallIntegerField()
    computed = RowJSONField(default=dict)  # metric -> value as a decimal string
    manual = RowJSONField(default=dict)  # metric -> value as a decimal string
    inputs = RowJSONField(default=dict)  # metric -> {input: value}

    class Meta:
        ordering = ["platform", "month"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "platform", "month"], name="one_target_row_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.strategy_id} {self.platform} m{self.month}"

    def value(self, metric: str) -> Decimal | None:
        raw = self.manual.get(metric, self.computed.get(metric))
        return Decimal(raw) if raw is not None else None

    def values(self) -> dict[str, Decimal]:
        return {metric: Decimal(raw) for metric, raw in {**self.computed, **self.manual}.items()}


class Actual(models.Model):
    """A figure measured after the fact, for one platform and month, to hold against the plan."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="actuals")
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices)
    month = models.PositiveSmallIntegerField(_("month of the strategy"))
    metric = models.CharField(_("metric"), max_length=20)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["platform", "month", "metric"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "platform", "month", "metric"], name="one_actual_per_cell")
        ]

    def __str__(self) -> str:
        return f"{self.platform} m{self.month} {self.metric} = {self.value}"


class Scenario(models.Model):
    """A saved what-if: the budget and posting frequency scaled, overall and per platform.

    The one marked as the plan is what the stored targets are forecast with; the
    others are compared with it side by side, on the Metrics stage and in the document.
    """

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(_("name"), max_length=80)
    budget_percent = models.DecimalField(
        _("budget, percent of the budget stage"),
        max_digits=6,
        decimal_places=1,
        default=Decimal(100),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1000))],
    )
    posts_percent = models.DecimalField(
        _("posting, percent of the content plan"),
        max_digits=6,
        decimal_places=1,
        default=Decimal(100),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1000))],
    )
    # platform -> percent applied on top of the overall one (absent: 100)
    platform_budget = models.JSONField(default=dict, blank=True)
    platform_posts = models.JSONField(default=dict, blank=True)
    is_plan = models.BooleanField(_("the plan"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "name"], name="one_scenario_name_per_strategy"),
            models.UniqueConstraint(
                fields=["strategy"], condition=models.Q(is_plan=True), name="one_plan_scenario_per_strategy"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def factors(self, platforms: list[str]) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
        """Budget and posting factors per platform: the overall percent × the platform's own."""
        overall_budget, overall_posts = self.budget_percent / 100, self.posts_percent / 100
        budget = {p: overall_budget * Decimal(str(self.platform_budget.get(p, 100))) / 100 for p in platforms}
        posts = {p: overall_posts * Decimal(str(self.platform_posts.get(p, 100))) / 100 for p in platforms}
        return budget, posts
