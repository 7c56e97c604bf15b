from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitorsConfig(AppConfig):
    name = "competitors"
    verbose_name = _("Competitors")

    def ready(self) -> None:
        from strategies.snapshot import register_part
        from strategies.stages import Stage, register

        from .checks import competitors
        from .models import AnalysisSummary, Competitor, CompetitorAccount

        register(
            Stage(
                "competitors",
                30,
                _("Competitors"),
                _(
                    "The accounts of competing brands: where they are, audience size, how often they post, which "
                    "formats, how engaged their audience is. Note what to learn from them and which gaps they leave "
                    "for the brand. Their median ER can become the brand's target."
                ),
                "competitors:stage",
                competitors,
            )
        )
        register_part(Competitor)
        register_part(CompetitorAccount, parent_field="competitor", parent="competitors.competitor")
        register_part(AnalysisSummary)
