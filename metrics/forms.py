from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from strategies.forms import BootstrapMixin

from .catalogue import BY_KEY, METRIC_CHOICES


class KpiChoiceForm(BootstrapMixin, forms.Form):
    """One row per metric of the catalogue; ``use`` puts it among the KPIs."""

    use = forms.BooleanField(label=_("Use"), required=False)
    metric = forms.ChoiceField(choices=METRIC_CHOICES, widget=forms.HiddenInput)
    target_value = forms.DecimalField(
        label=_("Target for the period"), required=False, min_value=0, max_digits=16, decimal_places=2
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=300)

    @property
    def definition(self):
        return BY_KEY.get(self["metric"].value())
