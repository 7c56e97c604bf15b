from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from strategies.stages import all_stages
from strategies.wizard import StageView

from .forms import CompetitorAccountFormSet, CompetitorFormSet
from .models import Competitor


class CompetitorsStage(StageView):
    stage_key = "competitors"
    stage_template = "competitors/stage.html"

    def build_forms(self, data=None, files=None):
        competitors = CompetitorFormSet(data, instance=self.strategy, prefix="competitors")
        if data is None and not self.strategy.competitors.exists():
            competitors.extra = 1
        return {"competitors": competitors}

    def save_forms(self, forms):
        forms["competitors"].save()

    def stage_context(self, forms):
        return {"saved_competitors": self.strategy.competitors.prefetch_related("accounts")}


class CompetitorAccountsView(StageView):
    """A competitor's accounts and key figures: a sub-page of the Competitors stage."""

    stage_key = "competitors"
    stage_template = "competitors/accounts.html"
    model = Competitor

    def get_competitor(self) -> Competitor:
        if not hasattr(self, "_competitor"):
            self._competitor = get_object_or_404(Competitor, strategy=self.strategy, pk=self.kwargs["pk"])
        return self._competitor

    @property
    def revision_key(self) -> str:
        return f"competitor-{self.get_competitor().pk}"

    def build_forms(self, data=None, files=None):
        competitor = self.get_competitor()
        accounts = CompetitorAccountFormSet(data, instance=competitor, prefix="accounts")
        if data is None and not competitor.accounts.exists():
            accounts.extra = 1
        return {"accounts": accounts}

    def save_forms(self, forms):
        forms["accounts"].save()

    def stage_context(self, forms):
        return {"competitor": self.get_competitor()}

    def redirect_after_save(self, data):
        if data.get("_goto") in {s.key for s in all_stages()}:
            return super().redirect_after_save(data)
        if data.get("_goto") == "":
            return redirect(
                reverse(
                    "competitors:accounts", kwargs={"strategy_pk": self.strategy.pk, "pk": self.get_competitor().pk}
                )
            )
        return redirect("competitors:stage", strategy_pk=self.strategy.pk)
