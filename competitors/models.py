from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from accounts.models import Agency
from strategies.models import Platform, Strategy


class Competitor(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="competitors")
    name = models.CharField(_("competitor"), max_length=200)
    website = models.URLField(_("website"), blank=True, max_length=500)
    strengths = models.TextField(_("what to learn from them"), blank=True)
    gaps = models.TextField(_("gaps to use"), blank=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["strategy", "name"], name="unique_competitor_per_strategy")]

    def __str__(self) -> str:
        return self.name


class CompetitorAccount(models.Model):
    """Key figures of one competitor account, typed in by the marketer."""

    competitor = models.ForeignKey(Competitor, on_delete=models.CASCADE, related_name="accounts")
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices)
    url = models.URLField(_("address"), blank=True, max_length=500)
    followers = models.PositiveIntegerField(_("followers"))
    posts_per_week = models.DecimalField(
        _("posts per week"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    avg_likes = models.PositiveIntegerField(_("average likes"), null=True, blank=True)
    avg_comments = models.PositiveIntegerField(_("average comments"), null=True, blank=True)
    avg_shares = models.PositiveIntegerField(_("average shares"), null=True, blank=True)
    avg_views = models.PositiveIntegerField(_("average views"), null=True, blank=True)
    formats = models.CharField(_("formats and tone"), max_length=300, blank=True)

    class Meta:
        ordering = ["platform"]
        constraints = [
            models.UniqueConstraint(fields=["competitor", "platform"], name="one_competitor_account_per_platform")
        ]

    def __str__(self) -> str:
        return f"{self.competitor} · {self.get_platform_display()}"

    @property
    def engagements(self) -> int | None:
        parts = [self.avg_likes, self.avg_comments, self.avg_shares]
        return None if all(p is None for p in parts) else sum(p or 0 for p in parts)

    @property
    def er_by_followers(self) -> Decimal | None:
        """ER per post by followers = (likes + comments + shares) / followers × 100."""
        if not self.followers or self.engagements is None:
            return None
        return (Decimal(self.engagements) / Decimal(self.followers) * 100).quantize(Decimal("0.01"))


class Post(models.Model):
    """One published post of the brand (competitor is None) or of a competitor, from an imported file."""

    # Posts arrive by the million, all of one import sharing the same strategy and competitor, which
    # the importer takes from the job: the database need not check both keys on every row. Deleting
    # a strategy or competitor still removes its posts (Django cascades). Both composite indexes
    # below start with the strategy, so it needs no index of its own.
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="posts", db_index=False, db_constraint=False
    )
    competitor = models.ForeignKey(
        Competitor, on_delete=models.CASCADE, null=True, blank=True, related_name="posts", db_constraint=False
    )
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices)
    account = models.CharField(_("account"), max_length=200)
    # sha256 of (brand, platform, account, post id or publication time): re-imports never duplicate a post
    post_key = models.CharField(max_length=64)
    published_at = models.DateTimeField(_("published"))
    format = models.CharField(_("format"), max_length=12, blank=True)
    likes = models.BigIntegerField(_("likes"), null=True, blank=True)
    comments = models.BigIntegerField(_("comments"), null=True, blank=True)
    shares = models.BigIntegerField(_("shares"), null=True, blank=True)
    views = models.BigIntegerField(_("views"), null=True, blank=True)
    reach = models.BigIntegerField(_("reach"), null=True, blank=True)
    followers_at_post = models.BigIntegerField(_("followers when posted"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["strategy", "post_key"], name="one_post_per_key")]
        indexes = [models.Index(fields=["strategy", "competitor", "platform", "published_at"])]

    def __str__(self) -> str:
        return f"{self.platform} {self.account} {self.published_at:%Y-%m-%d}"


class ImportJobQuerySet(models.QuerySet):
    def claim(self, job_id: int, *, run_id: str) -> bool:
        """Mark the job running for this run, unless another run has it; False: leave it alone.

        One conditional UPDATE, so of two copies of the task only one imports. The run that
        claimed the job may claim it again: that is its message redelivered after its worker died.
        """
        return bool(
            self.filter(pk=job_id)
            .filter(Q(status=ImportJob.Status.QUEUED) | Q(status=ImportJob.Status.RUNNING, claimed_by=run_id))
            .update(status=ImportJob.Status.RUNNING, claimed_by=run_id, started_at=timezone.now())
        )

    def queued_since(self, moment):
        """Queued, and last sent to the worker before ``moment``."""
        return (
            self.filter(status=ImportJob.Status.QUEUED)
            .alias(sent_at=Coalesce("queued_at", "created_at"))
            .filter(sent_at__lt=moment)
            .order_by("sent_at", "pk")
        )

    def running_since(self, moment):
        """Running, and claimed by a worker before ``moment``."""
        return (
            self.filter(status=ImportJob.Status.RUNNING)
            .alias(claimed_at=Coalesce("started_at", "created_at"))
            .filter(claimed_at__lt=moment)
            .order_by("claimed_at", "pk")
        )


class ImportJob(models.Model):
    """One uploaded file, imported whole or not at all by the worker."""

    class Status(models.TextChoices):
        MAPPING = "mapping", _("Waiting for the column mapping")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Refused")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="import_jobs")
    competitor = models.ForeignKey(Competitor, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    mapping = models.JSONField(default=dict, blank=True)  # our column -> their header
    rows_total = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    rows_duplicate = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)  # the first 100: {row, column, message}
    problem_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # When it was last sent to the worker; empty: when it was created.
    queued_at = models.DateTimeField(null=True, blank=True)
    # When a run of the task claimed it, and that run's task id (see ImportJobQuerySet.claim).
    started_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=255, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Failed for no fault of the file: the worker or the database gave out.
    stopped_unexpectedly = models.BooleanField(default=False)
    # Closed by the media housekeeping: its columns were never matched, and its file is gone.
    never_mapped = models.BooleanField(default=False)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def status_label(self) -> str:
        """The status as shown: an import that stopped unexpectedly was not refused."""
        if self.status == self.Status.FAILED and self.stopped_unexpectedly:
            return pgettext("import status", "Stopped")
        if self.status == self.Status.FAILED and self.never_mapped:
            return pgettext("import status", "Closed")
        return self.get_status_display()


class ColumnMapping(models.Model):
    """How an agency's export headers map to ours, remembered per set of headers."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="column_mappings")
    signature = models.CharField(max_length=64)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "signature"], name="one_mapping_per_header_set")]

    def __str__(self) -> str:
        return f"{self.agency}: {self.signature[:8]}"


class AccountAnalytics(models.Model):
    """The figures computed from an account's posts (pandas, in the worker), stored for pages and the PDF."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="account_analytics")
    competitor = models.ForeignKey(Competitor, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    platform = models.CharField(max_length=10, choices=Platform.choices)
    account = models.CharField(max_length=200)
    figures = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["platform", "account"]

    def __str__(self) -> str:
        return f"{self.platform} {self.account}"


class AnalysisSummary(models.Model):
    """The marketer's conclusions from the competitor analysis, and brand mentions for share of voice."""

    strategy = models.OneToOneField(Strategy, on_delete=models.CASCADE, related_name="analysis_summary")
    conclusions = models.TextField(_("conclusions"), blank=True)
    # brand label (the client's name or a competitor's) -> mentions counted over the same period
    mentions = models.JSONField(_("brand mentions"), default=dict, blank=True)
    # The period the figures cover; empty ends mean every imported post.
    period_start = models.DateField(_("analysis from"), null=True, blank=True)
    period_end = models.DateField(_("analysis to"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.strategy}: analysis"
