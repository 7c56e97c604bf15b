from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import TenantQuerySet
from strategies.models import Strategy


class VersionQuerySet(TenantQuerySet):
    agency_lookup = "strategy__client__agency"
    client_lookup = "strategy__client"

    def visible_to_client(self):
        return self.filter(shared_at__isnull=False, strategy__status__in=Strategy.CLIENT_VISIBLE_STATUSES)

    def pdf_pending_since(self, moment):
        """Versions whose PDF is still to be rendered and was last asked of the worker before ``moment``."""
        return (
            self.filter(pdf_status=Version.PdfStatus.PENDING)
            .alias(pdf_asked_at=Coalesce("pdf_requested_at", "created_at"))
            .filter(pdf_asked_at__lt=moment)
            .order_by("pdf_asked_at", "pk")
        )


def version_pdf_path(instance: Version, filename: str) -> str:
    return f"versions/{instance.strategy_id}/v{instance.number}/{filename}"


class Version(models.Model):
    """An approved strategy, frozen: every stage and the targets as they were.

    The snapshot is written once, when the manager approves; nothing changes it
    afterwards. Its PDF is rendered once by the worker and stored.
    """

    class PdfStatus(models.TextChoices):
        PENDING = "pending", _("Being rendered")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    shared_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to=version_pdf_path, blank=True)
    pdf_status = models.CharField(max_length=10, choices=PdfStatus.choices, default=PdfStatus.PENDING)
    pdf_error = models.TextField(blank=True)
    # When the render was last sent to the worker; empty: when the version was created.
    pdf_requested_at = models.DateTimeField(null=True, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["strategy", "number"], name="one_number_per_version")]

    def __str__(self) -> str:
        return f"{self.strategy} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            frozen = Version.objects.filter(pk=self.pk).values_list("snapshot", flat=True).first()
            if frozen is not None and frozen != self.snapshot:
                raise ValueError("A frozen version's snapshot cannot change.")
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return f"v{self.number}"


class StatusChangeQuerySet(TenantQuerySet):
    agency_lookup = "strategy__client__agency"


class StatusChange(models.Model):
    """The audit log of the review workflow: who moved a strategy, when, from where to where, and why."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Strategy.Status.choices)
    to_status = models.CharField(max_length=20, choices=Strategy.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)
    version = models.ForeignKey(Version, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The people emailed about this step, as their names read then.
    notified = models.JSONField(default=list, blank=True)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.strategy}: {self.from_status} → {self.to_status}"


class CommentQuerySet(TenantQuerySet):
    agency_lookup = "strategy__client__agency"
    client_lookup = "strategy__client"

    def visible_to_client(self):
        return self.filter(for_client=True, strategy__status__in=Strategy.CLIENT_VISIBLE_STATUSES)


class Comment(models.Model):
    """A remark on one stage of a strategy; replies hang off the first comment of a thread."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="comments")
    stage = models.CharField(_("stage"), max_length=30)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("comment"), max_length=5000)
    for_client = models.BooleanField(
        _("visible to the client"), default=False, help_text=_("Otherwise an internal note of the agency.")
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["strategy", "stage"])]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


def draft_pdf_path(instance: DraftPdf, filename: str) -> str:
    return f"drafts/{instance.strategy_id}/{filename}"


class DraftPdfQuerySet(TenantQuerySet):
    agency_lookup = "strategy__client__agency"

    def unfinished(self):
        return self.filter(status__in=[DraftPdf.Status.QUEUED, DraftPdf.Status.RUNNING])

    def sent_before(self, moment):
        """Unfinished requests last sent to the worker before ``moment``."""
        return (
            self.unfinished()
            .alias(last_sent_at=Coalesce("sent_at", "requested_at"))
            .filter(last_sent_at__lt=moment)
            .order_by("last_sent_at", "pk")
        )


class DraftPdf(models.Model):
    """A PDF preview of the current draft, rendered on demand by the worker, with a DRAFT watermark."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="draft_pdfs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    # When the render was last sent to the worker; empty: at the request.
    sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to=draft_pdf_path, blank=True)
    error = models.TextField(blank=True)

    objects = DraftPdfQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.strategy} draft PDF {self.pk}"
