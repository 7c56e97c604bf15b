from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from smmplanner.plausibility import PlausibilityMixin, number, shown
from strategies.forms import MAX_PLAUSIBLE_ER, BootstrapMixin, high_er_by_followers_warning
from strategies.models import Currency, Platform

from .benchmarks import KEYS as BENCHMARK_KEYS
from .catalogue import BY_KEY, METRIC_CHOICES
from .models import Scenario


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


class BenchmarkOverrideForm(PlausibilityMixin, BootstrapMixin, forms.Form):
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    key = forms.ChoiceField(label=_("Benchmark"), choices=[(k.key, k.label) for k in BENCHMARK_KEYS])
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    value = forms.DecimalField(label=_("Value"), min_value=0, max_digits=14, decimal_places=4)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)

    def check_plausibility(self, values):
        value, key = number(values.get("value")), values.get("key")
        if value is not None and (message := benchmark_warning(key, value)):
            yield "value", message


def _typical(low: str, high: str) -> dict[str, str]:
    return {"low": shown(Decimal(low)), "high": shown(Decimal(high))}


def benchmark_warning(key: str | None, value: Decimal) -> str | None:
    """What is odd about an agency's own benchmark value, by its key, or None.

    Keys are matched by name, so a rule applies as soon as its key is in the catalogue.
    """
    figures = {"value": shown(value)}
    if key == "er_followers" and value > MAX_PLAUSIBLE_ER:
        return high_er_by_followers_warning(value)
    if key in {"er_reach", "ad_er"} and value > MAX_PLAUSIBLE_ER:
        return gettext(
            "An ER of %(value)s %% is unusually high (typical values are %(low)s–%(high)s %%). "
            "Check that the value is a percentage, not a number of interactions."
        ) % {**figures, **_typical("1", "5")}
    if key in {"ctr", "ad_ctr", "organic_ctr"} and value > 10:
        return gettext(
            "A CTR of %(value)s %% is unusually high (typical values are %(low)s–%(high)s %%). "
            "Check that it is clicks per 100 impressions."
        ) % {**figures, **_typical("0.3", "2")}
    if key == "organic_reach_rate" and value > 100:
        return gettext(
            "An organic reach of %(value)s %% of followers is more than all of them (typical values are "
            "%(low)s–%(high)s %%). Check that it is a percentage of followers."
        ) % {**figures, **_typical("5", "30")}
    if key == "click_to_lead" and value > 50:
        return gettext(
            "A click-to-lead conversion of %(value)s %% is unusually high (typical values are %(low)s–%(high)s %%). "
            "Check that it is leads per 100 clicks."
        ) % {**figures, **_typical("1", "5")}
    if key == "frequency" and value < 1:
        return gettext(
            "An ad frequency of %(value)s is below 1, yet everyone reached sees the ad at least once "
            "(typical values are %(low)s–%(high)s)."
        ) % {**figures, **_typical("1.5", "3")}
    if key == "frequency" and value > 20:
        return gettext(
            "An ad frequency of %(value)s is unusually high (typical values are %(low)s–%(high)s impressions per "
            "person reached). Check that it is not a number of impressions."
        ) % {**figures, **_typical("1.5", "3")}
    if key == "churn" and value > 20:
        return gettext(
            "A monthly unfollow rate of %(value)s %% is unusually high (typical values are %(low)s–%(high)s %%). "
            "Check that it is a percentage of followers per month."
        ) % {**figures, **_typical("0.5", "2")}
    if key == "follow_rate" and value > 20:
        return gettext(
            "A follow rate of %(value)s %% of people reached is unusually high (typical values are "
            "%(low)s–%(high)s %%). Check that it is a percentage."
        ) % {**figures, **_typical("0.2", "1")}
    return None


PERCENT_FIELD = {"min_value": 0, "max_value": 1000, "max_digits": 6, "decimal_places": 1}


class ScenarioForm(BootstrapMixin, forms.ModelForm):
    """A named scenario: the budget and posting percentages overall, then per platform."""

    class Meta:
        model = Scenario
        fields = ["name", "budget_percent", "posts_percent"]

    def __init__(self, *args, strategy, platforms: list[str], **kwargs):
        self.strategy, self.platforms = strategy, platforms
        super().__init__(*args, **kwargs)
        labels = dict(Platform.choices)
        for platform in platforms:
            self.fields[f"budget_{platform}"] = forms.DecimalField(
                # xgettext:no-python-format
                label=_("%(platform)s: budget, %%") % {"platform": labels[platform]},
                initial=Decimal(self.instance.platform_budget.get(platform, 100)),
                **PERCENT_FIELD,
            )
            self.fields[f"posts_{platform}"] = forms.DecimalField(
                # xgettext:no-python-format
                label=_("%(platform)s: posting, %%") % {"platform": labels[platform]},
                initial=Decimal(self.instance.platform_posts.get(platform, 100)),
                **PERCENT_FIELD,
            )
        for name in self.fields:
            if name.startswith(("budget_", "posts_")):
                self.fields[name].widget.attrs.setdefault("class", "form-control")

    def platform_fields(self):
        return [(self[f"budget_{p}"], self[f"posts_{p}"]) for p in self.platforms]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Scenario.objects.filter(strategy=self.strategy, name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This strategy already has a scenario of that name."))
        return name

    def save(self, commit=True):
        scenario = super().save(commit=False)
        scenario.strategy = self.strategy
        scenario.platform_budget = {p: str(self.cleaned_data[f"budget_{p}"]) for p in self.platforms}
        scenario.platform_posts = {p: str(self.cleaned_data[f"posts_{p}"]) for p in self.platforms}
        if commit:
            scenario.save()
        return scenario
