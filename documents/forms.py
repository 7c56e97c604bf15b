from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from strategies.forms import BootstrapMixin


class TransitionForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea)


class CommentForm(BootstrapMixin, forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    for_client = forms.BooleanField(label=_("Visible to the client"), required=False)
    stage = forms.CharField(widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
