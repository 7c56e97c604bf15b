from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Strategy documents")

    def ready(self) -> None:
        from strategies.stages import register_panel

        from .panels import stage_panel, summary_panel

        register_panel("summary", summary_panel)
        register_panel("stage", stage_panel)
