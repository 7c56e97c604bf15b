"""The summary page's forms that acknowledge a health-check warning or withdraw the acknowledgement.

Kept apart from ``forms.py`` (the wizard's stage forms): they name a warning by its key.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import REASON_MAX_LENGTH


class WarningKeyForm(forms.Form):
    """Which warning: its rule's name and its subject within the rule (stages.HealthWarning)."""

    rule = forms.CharField(max_length=200, widget=forms.HiddenInput)
    subject = forms.CharField(max_length=100, required=False, widget=forms.HiddenInput)


class AcknowledgeWarningForm(WarningKeyForm):
    reason = forms.CharField(
        label=_("Why this warning can stay"),
        max_length=REASON_MAX_LENGTH,
        error_messages={"required": _("Say why this warning can stay.")},
    )
