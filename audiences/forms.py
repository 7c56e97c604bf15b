from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from strategies.forms import BootstrapMixin, StrategyFormSet
from strategies.models import Platform, Strategy

from .models import AgeBand, Segment


class SegmentForm(BootstrapMixin, forms.ModelForm):
    age_bands = forms.MultipleChoiceField(
        label=_("Age"), choices=AgeBand.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    platforms = forms.MultipleChoiceField(
        label=_("Platforms they use"), choices=Platform.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Segment
        fields = [
            "name",
            "is_primary",
            "women_share",
            "geography",
            "income",
            "occupation",
            "age_bands",
            "platforms",
            "interests",
            "pains",
            "objections",
            "content",
        ]

    def __init__(self, *args, strategy: Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("interests", "pains", "objections", "content"):
            self.fields[name].widget.attrs["rows"] = 2


class BaseSegmentFormSet(StrategyFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        primaries = [f for f in kept if f.cleaned_data.get("is_primary")]
        if kept and len(primaries) != 1:
            raise forms.ValidationError(_("Mark exactly one segment as primary."))


SegmentFormSet = inlineformset_factory(
    Strategy, Segment, form=SegmentForm, formset=BaseSegmentFormSet, extra=0, can_delete=True
)
