from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Client
from accounts.tenancy import TenantQuerySet


class Currency(models.TextChoices):
    RUB = "RUB", "₽ RUB"
    USD = "USD", "$ USD"
    EUR = "EUR", "€ EUR"
    KZT = "KZT", "₸ KZT"
    BYN = "BYN", "Br BYN"


class StrategyQuerySet(TenantQuerySet):
    agency_lookup = "client__agency"
    client_lookup = "client"

    def visible_to_client(self):
        return self.filter(status__in=Strategy.CLIENT_VISIBLE_STATUSES)

    def owned_by(self, user):
        return self.filter(owner=user)


class Strategy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        SHARED = "shared", _("Shared with client")
        ACCEPTED = "accepted", _("Accepted by client")
        CLIENT_CHANGES_REQUESTED = "client_changes", _("Client requested changes")

    class Language(models.TextChoices):
        RU = "ru", _("Russian")
        EN = "en", _("English")

    CLIENT_VISIBLE_STATUSES = (Status.SHARED, Status.ACCEPTED, Status.CLIENT_CHANGES_REQUESTED)

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="strategies", verbose_name=_("client"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="strategies",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=200)
    period_months = models.PositiveSmallIntegerField(
        _("period, months"), default=6, choices=[(3, _("3 months")), (6, _("6 months")), (12, _("12 months"))]
    )
    start_date = models.DateField(_("start date"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.RUB)
    language = models.CharField(_("document language"), max_length=2, choices=Language.choices, default=Language.EN)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StrategyQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["client", "-updated_at"]), models.Index(fields=["owner", "-updated_at"])]

    def __str__(self) -> str:
        return self.title
