from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from smmplanner.plausibility import PlausibilityMixin, number, shown
from strategies.forms import MAX_PLAUSIBLE_ER, TYPICAL_ER_BY_FOLLOWERS, BootstrapMixin, StrategyFormSet
from strategies.models import Platform, Strategy

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


class CompetitorAccountForm(PlausibilityMixin, BootstrapMixin, forms.ModelForm):
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

    # Views per post can run far past the followers where a feed shows posts to strangers.
    VIEWS_PER_FOLLOWER = {Platform.TIKTOK: 10, Platform.YOUTUBE: 10}

    def check_plausibility(self, values):
        figures = {name: number(values.get(name)) for name in ("followers", "avg_likes", "avg_comments", "avg_shares")}
        account = CompetitorAccount(**{name: None if value is None else int(value) for name, value in figures.items()})
        followers, engagements, views = account.followers, account.engagements, number(values.get("avg_views"))
        er = account.er_by_followers
        if er is not None and er > MAX_PLAUSIBLE_ER:
            low, high = TYPICAL_ER_BY_FOLLOWERS
            yield (
                "followers",
                gettext(
                    "Likes, comments and shares per post come to an ER of %(er)s %% by followers, unusually high "
                    "(typical values are %(low)s–%(high)s %%). Check that the followers are not in thousands and "
                    "the reactions are averages per post."
                )
                % {"er": shown(er), "low": shown(low), "high": shown(high)},
            )
        times = self.VIEWS_PER_FOLLOWER.get(values.get("platform"), 2)
        if views is not None and followers and views > followers * times:
            yield (
                "avg_views",
                gettext(
                    "Average views of %(views)s are more than %(times)s times the followers (%(followers)s); on "
                    "this platform they usually stay below that. Check that they are views per post, not in total."
                )
                % {"views": shown(views), "times": times, "followers": shown(followers)},
            )
        if views is not None and engagements and engagements > views:
            yield (
                "avg_views",
                gettext(
                    "Likes, comments and shares (%(engagements)s per post) are more than the views (%(views)s); "
                    "usually only a few per cent of viewers react. Check that the views are per post."
                )
                % {"engagements": shown(engagements), "views": shown(views)},
            )


CompetitorFormSet = inlineformset_factory(
    Strategy, Competitor, form=CompetitorForm, formset=StrategyFormSet, extra=0, can_delete=True
)
CompetitorAccountFormSet = inlineformset_factory(
    Competitor, CompetitorAccount, form=CompetitorAccountForm, extra=0, can_delete=True
)
