from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from strategies.models import Platform, Strategy


class AgeBand(models.TextChoices):
    TEENS = "13-17", "13–17"
    YOUNG = "18-24", "18–24"
    ADULT = "25-34", "25–34"
    MIDDLE = "35-44", "35–44"
    MATURE = "45-54", "45–54"
    SENIOR = "55-64", "55–64"
    ELDER = "65+", "65+"


class Segment(models.Model):
    """One audience segment (persona) of the target-audience portrait."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="segments")
    name = models.CharField(_("segment"), max_length=200)
    is_primary = models.BooleanField(_("primary segment"), default=False)
    women_share = models.PositiveSmallIntegerField(
        _("women, %"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The rest are men."),
    )
    age_bands = models.JSONField(_("age"), default=list, blank=True)
    geography = models.CharField(_("geography"), max_length=300, blank=True)
    income = models.CharField(_("income"), max_length=200, blank=True)
    occupation = models.CharField(_("occupation"), max_length=300, blank=True)
    interests = models.TextField(_("interests"), blank=True)
    pains = models.TextField(_("pains and needs"), blank=True)
    objections = models.TextField(_("objections"), blank=True)
    platforms = models.JSONField(_("platforms they use"), default=list, blank=True)
    content = models.TextField(_("content they consume"), blank=True)

    class Meta:
        ordering = ["-is_primary", "pk"]

    def __str__(self) -> str:
        return self.name

    def age_labels(self) -> list[str]:
        return [AgeBand(v).label for v in self.age_bands if v in AgeBand.values]

    def platform_labels(self) -> list[str]:
        return [Platform(v).label for v in self.platforms if v in Platform.values]
