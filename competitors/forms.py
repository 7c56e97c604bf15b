from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from strategies.forms import BootstrapMixin, StrategyFormSet
from strategies.models import Strategy

from .models import Competitor, CompetitorAccount


class CompetitorForm(BootstrapMixin, forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https", max_length=500)

    class Meta:
        model = Competitor
        fields = ["name", "website", "strengths", "gaps"]

    def __init__(self, *args, strategy: Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("strengths", "gaps"):
            self.fields[name].widget.attrs["rows"] = 2


class CompetitorAccountForm(BootstrapMixin, forms.ModelForm):
    url = forms.URLField(label=_("Address"), required=False, assume_scheme="https", max_length=500)

    class Meta:
        model = CompetitorAccount
        fields = [
            "platform",
            "url",
            "followers",
            "posts_per_week",
            "avg_likes",
            "avg_comments",
            "avg_shares",
            "avg_views",
            "formats",
        ]


CompetitorFormSet = inlineformset_factory(
    Strategy, Competitor, form=CompetitorForm, formset=StrategyFormSet, extra=0, can_delete=True
)
CompetitorAccountFormSet = inlineformset_factory(
    Competitor, CompetitorAccount, form=CompetitorAccountForm, extra=0, can_delete=True
)
