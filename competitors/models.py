from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

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
