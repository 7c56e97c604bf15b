from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from strategies.forms import BootstrapMixin
from strategies.models import Currency, Platform

from .benchmarks import KEYS as BENCHMARK_KEYS
from .catalogue import BY_KEY, METRIC_CHOICES


class KpiChoiceForm(BootstrapMixin, forms.Form):
    """One row per metric of the catalogue; ``use`` puts it among the KPIs."""

    use = forms.BooleanField(label=_("Use"), required=False)
    metric = forms.ChoiceField(choices=METRIC_CHOICES, widget=forms.HiddenInput, disabled=True)
    target_value = forms.DecimalField(
        label=_("Target for the period"), required=False, min_value=0, max_digits=16, decimal_places=2
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=300)

    @property
    def definition(self):
        return BY_KEY.get(self["metric"].value())


class TargetOverrideForm(BootstrapMixin, forms.Form):
    manual_value = forms.DecimalField(
        label=_("Your value"), required=False, min_value=0, max_digits=20, decimal_places=4
    )


class WhatIfForm(BootstrapMixin, forms.Form):
    budget_percent = forms.DecimalField(
        # xgettext:no-python-format
        label=_("Monthly budget, % of the plan"),
        min_value=0,
        max_value=1000,
        decimal_places=0,
        initial=100,
    )
    posts_percent = forms.DecimalField(
        # xgettext:no-python-format
        label=_("Posting frequency, % of the plan"),
        min_value=0,
        max_value=1000,
        decimal_places=0,
        initial=100,
    )


class BenchmarkOverrideForm(BootstrapMixin, forms.Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    key = forms.ChoiceField(label=_("Benchmark"), choices=[(k.key, k.label) for k in BENCHMARK_KEYS])
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    value = forms.DecimalField(label=_("Value"), min_value=0, max_digits=14, decimal_places=4)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
