from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from strategies.forms import BootstrapMixin

from .importing import NATIVE_COLUMNS

ALLOWED_EXTENSIONS = {".csv", ".txt", ".xlsx"}


class UploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = PurePath(upload.name).suffix.lower()
        if extension == ".xls":
            raise forms.ValidationError(_("Old Excel files (.xls) cannot be read: save the file as .xlsx or .csv."))
        if extension not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > settings.UPLOAD_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is too large: at most %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_MB})
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload


class MappingForm(BootstrapMixin, forms.Form):
    """For each of our columns, which of the file's headers holds it."""

    def __init__(self, *args, headers: list[str], initial_mapping: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in this file —"))] + [(h, h) for h in headers]
        for column in NATIVE_COLUMNS:
            self.fields[column.name] = forms.ChoiceField(
                label=column.name,
                choices=choices,
                required=column.required,
                initial=initial_mapping.get(column.name, ""),
            )
            self.fields[column.name].unit = column.unit

    def clean(self):
        cleaned = super().clean()
        chosen = [value for value in cleaned.values() if value]
        duplicates = {value for value in chosen if chosen.count(value) > 1}
        for name, value in cleaned.items():
            if value in duplicates:
                self.add_error(name, _("This column is used twice."))
        return cleaned

    def mapping(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if value}


class SummaryForm(BootstrapMixin, forms.Form):
    conclusions = forms.CharField(label=_("Conclusions"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    period_start = forms.DateField(
        label=_("Analyse posts from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, brands: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.brands = brands
        for index, brand in enumerate(brands):
            self.fields[f"mentions_{index}"] = forms.IntegerField(
                label=_("Mentions of %(brand)s") % {"brand": brand}, required=False, min_value=0
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period is before its start."))
        return cleaned

    def mentions(self) -> dict[str, int]:
        return {
            brand: self.cleaned_data[f"mentions_{index}"]
            for index, brand in enumerate(self.brands)
            if self.cleaned_data.get(f"mentions_{index}") is not None
        }
