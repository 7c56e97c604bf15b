from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from metrics.charts import to_html
from strategies.models import Platform
from strategies.stages import all_stages
from strategies.wizard import StageView, StrategyMixin

from . import analytics, charts
from .forms import CompetitorAccountFormSet, CompetitorFormSet
from .import_forms import SummaryForm
from .models import AccountAnalytics, AnalysisSummary, Competitor
from .tasks import refresh_analysis


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


class AnalyticsView(StrategyMixin, TemplateView):
    """The brand against its competitors, platform by platform, from the imported posts."""

    template_name = "competitors/analytics.html"

    def get_context_data(self, **kwargs):
        brand = self.strategy.client.name
        rows = AccountAnalytics.objects.filter(strategy=self.strategy).select_related("competitor")
        by_platform: dict[str, dict[str, dict]] = {}
        for row in rows:
            label = row.competitor.name if row.competitor else brand
            accounts = by_platform.setdefault(row.platform, {})
            # One account per brand and platform: the one with the most posts.
            if label not in accounts or row.figures.get("posts", 0) > accounts[label].get("posts", 0):
                accounts[label] = row.figures
        platforms = []
        for platform, figures in sorted(by_platform.items()):
            ordered = dict(sorted(figures.items(), key=lambda item: item[0] != brand))
            comparison = analytics.platform_comparison(ordered, brand=brand if brand in ordered else None)
            for metric in comparison["metrics"]:
                metric["formula_text"] = analytics.formula_text(metric["formula"])
                metric["values"] = [comparison_value(metric, label, brand) for label in ordered]
            heat_label = brand if brand in ordered else next(iter(ordered))
            prefix = f"{platform}-chart"
            platforms.append(
                {
                    "platform": Platform(platform).label,
                    "labels": list(ordered),
                    "comparison": comparison,
                    "suggestions": analytics.suggestions(
                        ordered.get(brand, {}), {k: v for k, v in ordered.items() if k != brand}
                    )
                    if brand in ordered
                    else [],
                    "charts": [
                        to_html(charts.er_comparison(ordered), f"{prefix}-er"),
                        to_html(charts.posting_frequency(ordered), f"{prefix}-frequency"),
                        to_html(charts.format_mix(ordered), f"{prefix}-formats"),
                        to_html(charts.heatmap(ordered[heat_label], heat_label), f"{prefix}-heatmap"),
                    ],
                    "top_posts": ordered[heat_label].get("top_posts", []),
                    "heat_label": heat_label,
                }
            )
        summary = AnalysisSummary.objects.filter(strategy=self.strategy).first() or AnalysisSummary(
            strategy=self.strategy
        )
        brands = [brand, *self.strategy.competitors.values_list("name", flat=True)]
        form = kwargs.pop("form", None) or SummaryForm(
            brands=brands,
            initial={
                "conclusions": summary.conclusions,
                "period_start": summary.period_start,
                "period_end": summary.period_end,
                **{f"mentions_{i}": summary.mentions.get(name) for i, name in enumerate(brands)},
            },
        )
        suggestions = [note for block in platforms for note in block["suggestions"]]
        return super().get_context_data(
            strategy=self.strategy,
            platforms=platforms,
            brand=brand,
            form=form,
            suggestions=suggestions,
            share_of_voice=analytics.share_of_voice(summary.mentions, brand) if summary.mentions else None,
            **kwargs,
        )

    def post(self, request, strategy_pk):
        brands = [self.strategy.client.name, *self.strategy.competitors.values_list("name", flat=True)]
        form = SummaryForm(request.POST, brands=brands)
        if not self.strategy.is_editable:
            messages.error(request, _("This strategy cannot be edited now."))
            return redirect("competitors:analytics", strategy_pk=self.strategy.pk)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        previous = AnalysisSummary.objects.filter(strategy=self.strategy).values_list("period_start", "period_end")
        previous = previous.first() or (None, None)
        summary, _created = AnalysisSummary.objects.update_or_create(
            strategy=self.strategy,
            defaults={
                "conclusions": data["conclusions"],
                "mentions": form.mentions(),
                "period_start": data["period_start"],
                "period_end": data["period_end"],
            },
        )
        if (summary.period_start, summary.period_end) != previous:
            strategy_id = self.strategy.pk
            transaction.on_commit(lambda: refresh_analysis.delay(strategy_id))
            messages.info(request, _("The figures are being recomputed for the new period."))
        messages.success(request, _("Conclusions saved."))
        return redirect("competitors:analytics", strategy_pk=self.strategy.pk)


def comparison_value(metric: dict, label: str, brand: str):
    return metric["brand"] if label == brand else metric["competitors"].get(label)
