from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .models import Agency, Client, Invitation, Role, User


class EmailUniqueMixin:
    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email already exists."))
        return email


class PasswordPairMixin:
    """Two password fields checked against Django's validators."""

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            try:
                password_validation.validate_password(p1, self._user_for_validation())
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def _user_for_validation(self):
        return User(email=self.cleaned_data.get("email", ""), full_name=self.cleaned_data.get("full_name", ""))


def _password_fields():
    return (
        forms.CharField(
            label=_("Password"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text=password_validation.password_validators_help_text_html(),
        ),
        forms.CharField(
            label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
        ),
    )


class SignupForm(EmailUniqueMixin, PasswordPairMixin, forms.Form):
    agency_name = forms.CharField(label=_("Agency name"), max_length=200)
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Email"))
    password1, password2 = _password_fields()


class AcceptInvitationForm(PasswordPairMixin, forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    password1, password2 = _password_fields()

    def __init__(self, *args, invitation: Invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def _user_for_validation(self):
        return User(email=self.invitation.email, full_name=self.cleaned_data.get("full_name", ""))


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role", "client", "language"]
        labels = {"language": _("Language of the email")}

    def __init__(self, *args, agency: Agency, **kwargs):
        self.agency = agency
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.filter(agency=agency)
        self.fields["client"].required = False
        self.fields["client"].help_text = _("Only for client users: the client whose strategies they will see.")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("This person already has an account."))
        return email

    def clean(self):
        cleaned = super().clean()
        role, client = cleaned.get("role"), cleaned.get("client")
        if role == Role.CLIENT and client is None:
            self.add_error("client", _("Choose the client this person belongs to."))
        elif role and role != Role.CLIENT and client is not None:
            self.add_error("client", _("Only client users belong to a client; leave this empty."))
        return cleaned


class ClientForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Client
        fields = ["name", "brand_language", "industry", "website", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agency: Agency, **kwargs):
        self.agency = agency
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Client.objects.filter(agency=self.agency, name__iexact=name).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Your agency already has a client with this name."))
        return name


class AgencySettingsForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "logo", "accent_color"]
        widgets = {"accent_color": forms.TextInput(attrs={"type": "color"})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        limit = settings.IMAGE_UPLOAD_MAX_MB * 1024 * 1024
        if logo and getattr(logo, "size", 0) > limit:
            raise forms.ValidationError(
                _("The logo is too large: at most %(mb)s MB.") % {"mb": settings.IMAGE_UPLOAD_MAX_MB}
            )
        return logo


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language"]
