from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.renderers import Jinja2
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Client
from smmplanner.numbers import typed_number
from smmplanner.plausibility import PlausibilityMixin, number, shown

from .kpis import METRIC_CHOICES
from .models import (
    BudgetLine,
    ContentPillar,
    ContentPlanItem,
    Goal,
    MoodImage,
    OwnAccount,
    Platform,
    PromotionTool,
    SmartGoal,
    Strategy,
    StrategyPlatform,
    ToneOfVoice,
    Usp,
)

# Widgets rendered by Jinja2 (Django ships the same widget templates for it): a stage
# page renders up to ~80 widgets, and through the Django template language they were
# about half of its server time. One instance, so its template cache is shared.
WIDGET_RENDERER = Jinja2()


class NumberTextInput(forms.TextInput):
    """A number typed as text, read in the reader's language.

    A browser's number input sends an empty value for anything it cannot parse ("400e",
    or "3,1" where it expects a dot), which saved as a blank with "Stage saved". As text,
    what was typed always arrives: a number in the reader's style is read as one
    (smmplanner.numbers.typed_number), anything else comes back as an error next to the
    field with the input kept.
    """

    def __init__(self, attrs=None, *, integer: bool = False):
        super().__init__({"inputmode": "numeric" if integer else "decimal", "autocomplete": "off", **(attrs or {})})
        self.is_localized = True

    def value_from_datadict(self, data, files, name):
        raw = super().value_from_datadict(data, files, name)
        if not isinstance(raw, str):
            return raw
        return typed_number(raw, get_language() or "en") or raw


class BootstrapMixin:
    """Give every widget Bootstrap's classes, and mark invalid fields, so forms
    and formset rows can be laid out by hand and still look like crispy ones."""

    default_renderer = WIDGET_RENDERER

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField) and isinstance(
                field.widget, forms.NumberInput
            ):
                whole = not isinstance(field, forms.DecimalField | forms.FloatField)  # both subclass IntegerField
                field.widget = NumberTextInput(integer=whole)
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue  # Django puts widget classes on the wrapper too; CSS styles these
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if isinstance(widget, forms.Textarea) and str(widget.attrs.get("rows")) == "10":
                widget.attrs["rows"] = 3  # Django's default of 10 is far too tall in a wizard

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StrategyPartForm(forms.ModelForm):
    """A form for some of a strategy's own fields: saving it writes those fields and nothing else.

    A full save would write back every column as this request loaded it, undoing what
    others changed meanwhile (the status a manager set, another stage's figures).
    """

    def save(self, commit=True):
        strategy = super().save(commit=False)
        if commit:
            if strategy.pk is None:
                strategy.save()
            else:
                own = [name for name in self.fields if name in self._meta.fields]
                strategy.save(update_fields=[*own, "updated_at"])
        return strategy


class StrategyForm(BootstrapMixin, StrategyPartForm):
    class Meta:
        model = Strategy
        fields = ["client", "title", "period_months", "start_date", "currency", "language"]
        widgets = {"start_date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = Client.objects.for_user(user)
        self.fields["client"].empty_label = None
        if self.instance.pk:
            del self.fields["client"]


class GoalsForm(BootstrapMixin, StrategyPartForm):
    class Meta:
        model = Strategy
        fields = ["leading_goal", "product", "market", "geography", "addressable_audience"]
        widgets = {"leading_goal": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Stages may be saved half-done; the summary says what is missing.
        self.fields["leading_goal"].choices = Goal.choices
        self.fields["leading_goal"].widget.attrs["class"] = "form-check-input"


class SmartGoalForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = SmartGoal
        fields = ["goal", "metric", "platform", "scope", "target_value", "deadline", "note"]
        widgets = {"deadline": DateInput()}

    def __init__(self, *args, strategy: Strategy, **kwargs):
        self.strategy = strategy
        super().__init__(*args, **kwargs)
        # Older targets written as free text keep an empty metric until someone picks one;
        # a new or edited row must name its figure, so that it can be held against the forecast.
        self.fields["metric"].required = True
        self.fields["metric"].choices = [("", "—"), *METRIC_CHOICES]
        self.fields["platform"].choices = [("", _("All platforms")), *Platform.choices]

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < self.strategy.start_date:
            raise forms.ValidationError(_("The deadline is before the strategy starts."))
        return deadline


# What a post of a brand account typically gets, for the plausibility warnings (percent).
TYPICAL_ER_BY_FOLLOWERS = (Decimal("0.05"), Decimal("6"))
TYPICAL_ORGANIC_REACH = (Decimal("5"), Decimal("30"))
MAX_PLAUSIBLE_ER = Decimal("20")


def high_er_by_followers_warning(er: Decimal) -> str:
    low, high = TYPICAL_ER_BY_FOLLOWERS
    return gettext(
        "An ER of %(er)s %% by followers is unusually high (typical values are %(low)s–%(high)s %%). "
        "Check that it is a percentage of followers, not of reach."
    ) % {"er": shown(er), "low": shown(low), "high": shown(high)}


class OwnAccountForm(PlausibilityMixin, BootstrapMixin, forms.ModelForm):
    url = forms.URLField(label=_("Address"), required=False, assume_scheme="https", max_length=500)

    class Meta:
        model = OwnAccount
        fields = [
            "platform",
            "has_account",
            "url",
            "followers",
            "avg_reach",
            "engagement_rate",
            "posts_per_week",
            "what_works",
        ]

    def __init__(self, *args, strategy: Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what_works"].widget.attrs["rows"] = 2

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_account") and cleaned.get("followers") is None:
            self.add_error("followers", _("How many followers does the account have?"))
        if not cleaned.get("has_account"):
            for name in ("url", "followers", "avg_reach", "engagement_rate", "posts_per_week"):
                if cleaned.get(name):
                    self.add_error(name, _("There is no account yet: leave this empty."))
        return cleaned

    def check_plausibility(self, values):
        followers, reach = number(values.get("followers")), number(values.get("avg_reach"))
        er, posts = number(values.get("engagement_rate")), number(values.get("posts_per_week"))
        if er is not None and er > MAX_PLAUSIBLE_ER:
            yield "engagement_rate", high_er_by_followers_warning(er)
        low, high = TYPICAL_ORGANIC_REACH
        if reach and not followers:
            yield (
                "avg_reach",
                gettext(
                    "A reach of %(reach)s per post is given, but no followers: reach usually comes from "
                    "followers (%(low)s–%(high)s %% of them see a post). Enter the followers."
                )
                % {"reach": shown(reach), "low": shown(low), "high": shown(high)},
            )
        elif reach and reach > followers * 2:
            yield (
                "avg_reach",
                gettext(
                    "A reach of %(reach)s per post is more than twice the followers (%(followers)s); organic "
                    "reach is usually %(low)s–%(high)s %% of followers. Check that it is not the reach of an ad "
                    "or of one viral post."
                )
                % {"reach": shown(reach), "followers": shown(followers), "low": shown(low), "high": shown(high)},
            )
        if posts is not None and posts > 35:
            yield (
                "posts_per_week",
                gettext(
                    "%(posts)s posts a week is more than five a day (accounts usually post %(low)s–%(high)s "
                    "times a week). Check that it is a weekly figure, not a monthly one."
                )
                % {"posts": shown(posts), "low": 1, "high": 21},
            )


class ToneForm(BootstrapMixin, forms.ModelForm):
    SCALES = ["formal_casual", "serious_playful", "respectful_irreverent", "enthusiastic_matter_of_fact"]
    # What 1 and 5 mean on each scale, shown at its ends on the form and in the document.
    SCALE_ENDS = {
        "formal_casual": (_("Formal"), _("Casual")),
        "serious_playful": (_("Serious"), _("Playful")),
        "respectful_irreverent": (_("Respectful"), _("Irreverent")),
        "enthusiastic_matter_of_fact": (_("Enthusiastic"), _("Matter-of-fact")),
    }

    class Meta:
        model = ToneOfVoice
        fields = [
            "formal_casual",
            "serious_playful",
            "respectful_irreverent",
            "enthusiastic_matter_of_fact",
            "address_form",
            "emoji_policy",
            "personality",
            "words_to_use",
            "words_to_avoid",
            "comment_replies",
            "complaint_replies",
            "example_phrases",
            "brand_colors",
            "fonts",
            "photo_style",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.SCALES:
            self.fields[name].widget = forms.NumberInput(
                attrs={"type": "range", "min": 1, "max": 5, "class": "form-range"}
            )

    def clean_brand_colors(self):
        value = self.cleaned_data["brand_colors"]
        colours = [c.strip() for c in value.split(",") if c.strip()]
        wrong = [c for c in colours if not re.fullmatch(r"#[0-9a-fA-F]{6}", c)]
        if wrong:
            raise forms.ValidationError(
                _("Not a colour: %(values)s. Use hex codes like #1d3557.") % {"values": ", ".join(wrong)}
            )
        return ", ".join(colours)


class MoodImageForm(BootstrapMixin, forms.ModelForm):
    MAX_IMAGES = 8

    class Meta:
        model = MoodImage
        fields = ["image", "caption"]

    def __init__(self, *args, strategy: Strategy, **kwargs):
        self.strategy = strategy
        super().__init__(*args, **kwargs)
        self.fields["image"].widget.attrs["accept"] = "image/png,image/jpeg,image/webp,image/gif"

    def clean_image(self):
        image = self.cleaned_data["image"]
        limit = settings.IMAGE_UPLOAD_MAX_MB
        if image.size > limit * 1024 * 1024:
            raise forms.ValidationError(_("The image is too large: at most %(mb)s MB.") % {"mb": limit})
        kind = getattr(getattr(image, "image", None), "format", None)
        if kind not in {"PNG", "JPEG", "WEBP", "GIF"}:
            raise forms.ValidationError(_("Upload a PNG, JPEG, WebP or GIF image."))
        if self.strategy.mood_images.count() >= self.MAX_IMAGES:
            raise forms.ValidationError(
                _("A mood board holds at most %(n)s images; remove one first.") % {"n": self.MAX_IMAGES}
            )
        return image


class UspForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Usp
        fields = [
            "product_strengths",
            "product_weaknesses",
            "brand_strengths",
            "brand_weaknesses",
            "statement",
            "reasons_to_believe",
        ]


class PlatformForm(BootstrapMixin, forms.ModelForm):
    """One row per network; ``use`` says whether it is in the plan."""

    use = forms.BooleanField(label=_("In the plan"), required=False)

    class Meta:
        model = StrategyPlatform
        fields = ["use", "platform", "role", "rationale", "account_status", "handle", "profile_description", "links"]
        widgets = {"platform": forms.HiddenInput}

    def __init__(self, *args, strategy: Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        # The row's network is fixed by its place on the page, never by what is posted.
        self.fields["platform"].disabled = True
        for name in ("rationale", "profile_description", "links"):
            self.fields[name].widget.attrs["rows"] = 2

    @property
    def platform_label(self) -> str:
        value = self["platform"].value()
        return Platform(value).label if value in Platform.values else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("use") and not (cleaned.get("rationale") or "").strip():
            self.add_error("rationale", _("Say why this platform is in the plan."))
        return cleaned


class ContentItemForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ContentPlanItem
        fields = ["platform", "format", "posts_per_week"]

    def __init__(self, *args, strategy: Strategy, chosen_platforms: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = set(strategy.chosen_platforms() if chosen_platforms is None else chosen_platforms)
        self.fields["platform"].choices = [("", "---------")] + [c for c in Platform.choices if c[0] in chosen]


class PillarForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ContentPillar
        fields = ["name", "description", "share"]

    def __init__(self, *args, strategy: Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].widget.attrs["rows"] = 1


class ToolForm(BootstrapMixin, forms.Form):
    use = forms.BooleanField(label=_("Use"), required=False)
    tool = forms.ChoiceField(choices=PromotionTool.choices, widget=forms.HiddenInput, disabled=True)
    notes = forms.CharField(label=_("How it will be used"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @property
    def tool_label(self) -> str:
        value = self["tool"].value()
        return PromotionTool(value).label if value in PromotionTool.values else ""


class BudgetLineForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "platform", "monthly_amount", "note"]

    def __init__(self, *args, strategy: Strategy, chosen_platforms: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = set(strategy.chosen_platforms() if chosen_platforms is None else chosen_platforms)
        self.fields["platform"].choices = [("", _("All platforms"))] + [c for c in Platform.choices if c[0] in chosen]
        self.fields["monthly_amount"].widget.attrs["step"] = "0.01"


class ReviewForm(BootstrapMixin, StrategyPartForm):
    class Meta:
        model = Strategy
        fields = ["review_every_months", "next_review_date", "review_notes"]
        widgets = {
            "next_review_date": DateInput(),
            "review_every_months": forms.Select(
                choices=[
                    ("", "---------"),
                    (1, _("Every month")),
                    (3, _("Every 3 months")),
                    (6, _("Every 6 months")),
                    (12, _("Every 12 months")),
                ]
            ),
        }

    def clean_next_review_date(self):
        date = self.cleaned_data["next_review_date"]
        if date and date <= self.instance.start_date:
            raise forms.ValidationError(_("The first review comes after the strategy starts."))
        return date


class ExistingRowField(forms.ModelChoiceField):
    """A formset row's hidden id, looked up among the rows the formset loaded for this strategy.

    Django's own field fetches each row again by id from the whole table: a query
    per row, and an id of another strategy's row would pass it.
    """

    def __init__(self, formset, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.formset = formset

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            key = self.formset.model._meta.pk.to_python(value)
        except ValidationError:
            key = None
        row = self.formset._existing_object(key) if key is not None else None
        if row is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return row


class StrategyFormSet(BaseInlineFormSet):
    """An inline formset whose forms also receive the strategy."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_kwargs = {**self.form_kwargs, "strategy": self.instance}

    def _construct_form(self, i, **kwargs):
        # A row just added in place has nothing in the posted data yet: draw it from its
        # initial values (the model's defaults, "account exists" ticked like the first row),
        # not as a posted row whose checkboxes all came back unticked.
        if self.is_bound and i >= self.initial_form_count():
            prefix = self.add_prefix(i)
            if not any(key.startswith(f"{prefix}-") for key in self.data):
                kwargs.update(data=None, files=None)
        return super()._construct_form(i, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        name = self._pk_field.name
        field = form.fields[name]
        form.fields[name] = ExistingRowField(
            self, field.queryset, initial=field.initial, required=False, widget=field.widget
        )


class PlatformRowsFormSet(StrategyFormSet):
    """Rows that offer the strategy's platforms: read them once for the formset, not once per row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_kwargs["chosen_platforms"] = self.instance.chosen_platforms()


class BasePillarFormSet(StrategyFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        shares = [
            form.cleaned_data["share"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("share")
        ]
        if shares and sum(shares) != Decimal(100):
            raise forms.ValidationError(
                _("The shares add up to %(total)s %%; they must add up to 100 %%.")
                % {"total": number_format(sum(shares).normalize())}
            )


def strategy_formset(model, form, formset=StrategyFormSet):
    return inlineformset_factory(Strategy, model, form=form, formset=formset, extra=0, can_delete=True)


SmartGoalFormSet = strategy_formset(SmartGoal, SmartGoalForm)
OwnAccountFormSet = strategy_formset(OwnAccount, OwnAccountForm)
ContentItemFormSet = strategy_formset(ContentPlanItem, ContentItemForm, PlatformRowsFormSet)
PillarFormSet = strategy_formset(ContentPillar, PillarForm, BasePillarFormSet)
BudgetLineFormSet = strategy_formset(BudgetLine, BudgetLineForm, PlatformRowsFormSet)


class DashboardFilterForm(forms.Form):
    SORTS = {
        "updated": "-updated_at",
        "title": "title",
        "client": "client__name",
        "owner": "owner__email",
        "status": "status",
        "complete": "-completeness",
        "review": "next_review_date",
    }
    FLAGS = [
        ("", _("Any")),
        ("overdue", _("Review overdue")),
        ("due", _("Review due soon")),
        ("changes", _("Changes requested")),
        ("warnings", _("Health-check warnings")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    client = forms.TypedChoiceField(label=_("Client"), required=False, coerce=int, empty_value=None)
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    flag = forms.ChoiceField(label=_("Flag"), required=False, choices=FLAGS)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=[(k, k) for k in SORTS])

    def __init__(self, *args, clients, owners, status_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.clients = clients
        self.fields["client"].choices = [("", _("All clients"))] + [(c.pk, c.name) for c in clients]
        self.fields["owner"].choices = [("", _("Everyone"))] + [(u.pk, str(u)) for u in owners]
        self.fields["status"].choices = [("", _("Any status")), *status_choices]
        for field in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs["class"] = css

    def select(self, strategies):
        """The strategies these filters keep, in the chosen order, and that order's key.

        Filters that do not validate are ignored, so a stale or hand-edited address still shows a list.
        """
        sort = "updated"
        if self.is_valid():
            data = self.cleaned_data
            if data["q"]:
                strategies = strategies.filter(Q(title__icontains=data["q"]) | Q(client__name__icontains=data["q"]))
            if data["client"]:
                strategies = strategies.filter(client_id=data["client"])
            if data["owner"]:
                strategies = strategies.filter(owner_id=data["owner"])
            if data["status"]:
                strategies = strategies.filter(status=data["status"])
            strategies = strategies.flagged(data["flag"])
            sort = data["sort"] or sort
        return strategies.order_by(self.SORTS[sort], "-pk"), sort
