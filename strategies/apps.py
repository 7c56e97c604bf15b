from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategiesConfig(AppConfig):
    name = "strategies"
    verbose_name = _("Strategies")

    def ready(self) -> None:
        from . import checks
        from .stages import SETTINGS, Stage, register

        # The checks that read another stage's data (or the settings) besides their own.
        reads = {"tone": (SETTINGS,), "content": ("platforms",)}
        for order, key, title, help_text, check in [
            (
                10,
                "goals",
                _("Goals"),
                _(
                    "Which of the three business goals leads — awareness, loyalty, or leads and sales — and what "
                    "success means for each, as SMART targets: a metric, a value and a deadline. The goal decides "
                    "which metrics will judge the work."
                ),
                checks.goals,
            ),
            (
                20,
                "current",
                _("Current state"),
                _(
                    "An audit of the brand's own presence: where it has accounts, how many followers, typical reach "
                    "and engagement, how often it posts, and what works. Add platforms where it has no account yet "
                    "too. These figures are the starting point of every forecast."
                ),
                checks.current_state,
            ),
            (
                50,
                "tone",
                _("Tone of voice"),
                _(
                    "How the brand speaks: four scales, the form of address, words to use and avoid, emoji, how to "
                    "answer comments and complaints, and example phrases; then the visual style and a mood board. "
                    "Everyone who writes for the brand will follow it."
                ),
                checks.tone,
            ),
            (
                60,
                "usp",
                _("USP"),
                _(
                    "Strengths and weaknesses of the product and of the brand, and the unique selling proposition "
                    "that sets it apart, with the reasons to believe it."
                ),
                checks.usp,
            ),
            (
                70,
                "platforms",
                _("Platforms"),
                _(
                    "Where to work and the role of each network (main or supporting). The choice follows from "
                    "where the audience is and from the goal. Note whether the account exists or must be created."
                ),
                checks.platforms,
            ),
            (
                80,
                "content",
                _("Content"),
                _(
                    "For each chosen platform, the formats and how many posts a week of each; then the content "
                    "pillars (rubrics) and their shares, which add up to 100 %."
                ),
                checks.content,
            ),
            (
                90,
                "budget",
                _("Tools and budget"),
                _(
                    "The promotion tools and the monthly budget: content production (copy, design, photo, video) "
                    "and promotion, per platform. Totals per month, platform and category are computed for you."
                ),
                checks.budget,
            ),
            (
                110,
                "review",
                _("Review cadence"),
                _(
                    "Platforms change their algorithms and tools, so a strategy is reviewed on a schedule and "
                    "revised as a new version. Choose how often, and when the first review is."
                ),
                checks.review,
            ),
        ]:
            register(Stage(key, order, title, help_text, f"strategies:{key}", check, reads.get(key, ())))
