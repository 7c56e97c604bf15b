from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudiencesConfig(AppConfig):
    name = "audiences"
    verbose_name = _("Audiences")

    def ready(self) -> None:
        from strategies.snapshot import register_part
        from strategies.stages import Stage, register

        from .checks import audience
        from .models import Segment

        register(
            Stage(
                "audience",
                40,
                _("Audience portrait"),
                _(
                    "Who the brand talks to, as one or more segments (personas): gender and age, geography, income "
                    "and occupation, interests, pains and needs, objections, the platforms they use and the content "
                    "they consume. One segment is primary; the platform choice follows from it."
                ),
                "audiences:stage",
                audience,
            )
        )
        register_part(Segment)
