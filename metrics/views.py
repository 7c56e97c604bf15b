from __future__ import annotations

from decimal import Decimal
from itertools import groupby

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.access import AnyRoleMixin, ManagerRequiredMixin
from accounts.csvexport import csv_download
from competitors.import_forms import UploadForm as ActualsUploadForm
from competitors.importing import ImportRefused
from smmplanner import numbers
from strategies.models import Currency, Goal, Platform
from strategies.wizard import StageView, StrategyMixin, sync_checklist

from . import charts, display
from .actuals import import_actuals, plan_vs_actual
from .benchmarks import KEYS as BENCHMARK_KEYS
from .benchmarks import MONEY_KEYS
from .catalogue import (
    BASIS_LABELS,
    FORECAST_BY_KEY,
    FORECAST_METRICS,
    INPUT_LABELS,
    KPI_FORECAST,
    METRICS,
    suggested_metrics,
)
from .forecast import forecast
from .forms import BenchmarkOverrideForm, KpiChoiceForm, ScenarioForm, TargetOverrideForm, WhatIfForm
from .models import BenchmarkOverride, Forecast, Kpi, Scenario, TargetMonth
from .plan import Plan
from .selectors import audience_note, goal_checks, stored_plan
from .services import (
    SCENARIO_FIGURES,
    benchmark_table,
    build_input,
    choose_plan_scenario,
    delete_scenario,
    request_forecast,
    scenario_comparison,
)
from .tasks import recompute_agency


class MetricsStage(StageView):
    stage_key = "metrics"
    stage_template = "metrics/stage.html"

    def build_forms(self, data=None, files=None):
        saved = {k.metric: k for k in self.strategy.kpis.all()}
        if saved:
            selected = set(saved)
        else:
            goals = {self.strategy.leading_goal, *self.strategy.goals.values_list("goal", flat=True)} - {""}
            selected = set(suggested_metrics(goals))
        forms = {}
        for metric in METRICS:
            row = saved.get(metric.key)
            forms[f"kpi_{metric.key}"] = KpiChoiceForm(
                data,
                prefix=f"kpi-{metric.key}",
                initial={
                    "use": metric.key in selected,
                    "metric": metric.key,
                    "target_value": row.target_value if row else None,
                    "notes": row.notes if row else "",
                },
            )
        return forms

    def save_forms(self, forms):
        sync_checklist(
            {k.metric: k for k in self.strategy.kpis.all()},
            {
                data["metric"]: {"target_value": data["target_value"], "notes": data["notes"]} if data["use"] else None
                for data in (form.cleaned_data for form in forms.values())
            },
            create=lambda metric, values: Kpi.objects.create(strategy=self.strategy, metric=metric, **values),
        )

    def stage_context(self, forms):
        goal_labels = dict(Goal.choices)
        groups = [
            (goal_labels[goal], list(group))
            for goal, group in groupby(forms.values(), key=lambda form: form.definition.goal)
        ]
        return {
            "kpi_groups": groups,
            "has_saved_kpis": self.strategy.kpis.exists(),
            "stage_after_template": "metrics/plan_panel.html",
            "forecast": Forecast.objects.filter(strategy=self.strategy).first(),
            "whatif_form": WhatIfForm(),
            **plan_context(self.strategy, self.request.GET.get("metric", "unique_reach")),
        }


def kpi_rows(strategy, plan: Plan) -> list[dict]:
    totals = plan.grand_total()
    rows = []
    for kpi in strategy.kpis.all():
        forecast_key = KPI_FORECAST.get(kpi.metric)
        kind = kpi.definition.kind
        rows.append(
            {
                "kpi": kpi,
                "forecast": numbers.figure(kind, totals.get(forecast_key), strategy.currency) if forecast_key else None,
                "target": numbers.figure(kind, kpi.target_value, strategy.currency)
                if kpi.target_value is not None
                else "—",
                "definition": kpi.definition,
            }
        )
    return rows


def plan_context(strategy, metric: str) -> dict:
    plan = stored_plan(strategy)
    metric = metric if metric in FORECAST_BY_KEY else "unique_reach"
    context = {
        "plan": plan,
        "metric": FORECAST_BY_KEY[metric],
        "metrics": FORECAST_METRICS,
        "platform_labels": [Platform(p).label for p in plan.platforms],
        "kpi_rows": kpi_rows(strategy, plan),
        "goal_rows": goal_checks(strategy, plan),
        "audience": audience_note(strategy),
    }
    if not plan.is_empty:
        rows, column_totals, grand = display.rounded_table(plan, metric)
        currency = strategy.currency
        table = []
        for index, (month, cells, total) in enumerate(rows, start=1):
            linked = [
                (
                    display.shown(metric, value, currency) if value is not None else None,
                    platform,
                    (platform, index, metric) in plan.manual,
                )
                for platform, value in zip(plan.platforms, cells, strict=True)
            ]
            table.append((index, month, linked, display.shown(metric, total, currency)))
        context.update(
            table=table,
            column_totals=[display.shown(metric, value, currency) for value in column_totals],
            grand_total=display.shown(metric, grand, currency),
            not_summed=metric == "unique_reach",
            charts=chart_html(strategy, plan),
        )
    return context


def chart_html(strategy, plan: Plan, *, data=None, prefix: str = "chart") -> dict[str, str]:
    data = data or build_input(strategy)
    budget = {p.platform: {k: float(v) for k, v in p.monthly_budget.items()} for p in data.platforms}
    return {
        "monthly": charts.to_html(charts.monthly_results(plan), f"{prefix}-monthly"),
        "platforms": charts.to_html(charts.platform_contribution(plan), f"{prefix}-platforms"),
        "budget": charts.to_html(charts.budget_split(budget, strategy.currency), f"{prefix}-budget"),
    }


class PlanPartView(StrategyMixin, TemplateView):
    """The plan table and charts, reloaded in place when a forecast finishes."""

    template_name = "metrics/_plan.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            strategy=self.strategy,
            **plan_context(self.strategy, self.request.GET.get("metric", "unique_reach")),
            **kwargs,
        )


class PlanExportView(StrategyMixin, View):
    """The stored targets as a CSV file: a row per month and platform, a column per figure, then the totals."""

    def get(self, request, strategy_pk):
        strategy = self.strategy
        header, rows = plan_table(stored_plan(strategy), strategy.currency)
        name = slugify(strategy.title, allow_unicode=True)[:60] or "strategy"
        return csv_download(f"plan-{strategy.pk}-{name}.csv", header, rows)


def plan_table(plan: Plan, currency: str) -> tuple[list[str], list[list]]:
    """The plan as one table: month × platform rows, the figures in columns with their unit, then period totals."""
    header = [
        capfirst(_("month of the strategy")),
        _("Month"),
        _("Platform"),
        *(
            _("%(figure)s, %(unit)s") % {"figure": m.label, "unit": currency if m.money else "%"}
            if m.money or m.percent
            else str(m.label)
            for m in FORECAST_METRICS
        ),
        _("Set by hand"),
    ]
    labels = {p: Platform(p).label for p in plan.platforms}
    rows: list[list] = []
    for month in range(1, plan.months + 1):
        label = plan.month_label(month).strftime("%Y-%m")
        for platform in plan.platforms:
            if not plan.values.get(platform, {}).get(month):
                continue
            by_hand = [str(m.label) for m in FORECAST_METRICS if (platform, month, m.key) in plan.manual]
            figures = [display.export(m.key, plan.cell(platform, month, m.key)) for m in FORECAST_METRICS]
            rows.append([month, label, labels[platform], *figures, ", ".join(by_hand)])
    if rows:
        totals = {m.key: plan.column_totals(m.key) for m in FORECAST_METRICS}
        period = _("Period")
        for index, platform in enumerate(plan.platforms):
            rows.append(
                [
                    "",
                    period,
                    labels[platform],
                    *(display.export(m.key, totals[m.key][0][index]) for m in FORECAST_METRICS),
                    "",
                ]
            )
        rows.append(
            ["", period, _("All platforms"), *(display.export(m.key, totals[m.key][1]) for m in FORECAST_METRICS), ""]
        )
    return header, rows


class ForecastStatusView(StrategyMixin, View):
    def get(self, request, strategy_pk):
        forecast_row = Forecast.objects.filter(strategy=self.strategy).first()
        response = TemplateResponse(
            request, "metrics/_status.html", {"forecast": forecast_row, "strategy": self.strategy}
        )
        shown = request.GET.get("shown", "")
        if forecast_row and forecast_row.status == Forecast.Status.DONE and shown != str(forecast_row.finished_at):
            response["HX-Trigger"] = "forecast-updated"
        return response


class RecomputeView(StrategyMixin, View):
    http_method_names = ["post"]

    def post(self, request, strategy_pk):
        Forecast.objects.filter(strategy=self.strategy).update(fingerprint="")
        request_forecast(self.strategy)
        messages.info(request, _("The targets are being recomputed."))
        return redirect("metrics:stage", strategy_pk=self.strategy.pk)


class TargetView(StrategyMixin, View):
    """How one number was computed, and the marketer's own value for it."""

    def get_row(self) -> TargetMonth:
        if self.kwargs["metric"] not in FORECAST_BY_KEY:
            raise Http404
        return get_object_or_404(
            TargetMonth, strategy=self.strategy, platform=self.kwargs["platform"], month=self.kwargs["month"]
        )

    def render(self, row: TargetMonth, form):
        metric = self.kwargs["metric"]
        inputs = []
        for key, value in row.inputs.get(metric, {}).items():
            if key in ("er_basis", "reach_basis"):
                value = BASIS_LABELS.get(value, value)
            elif numbers.to_decimal(value) is not None:
                value = numbers.typed(value)
            inputs.append((INPUT_LABELS.get(key, key), value))
        context = {
            "strategy": self.strategy,
            "row": row,
            "metric": metric,
            "computed": Decimal(row.computed[metric]) if metric in row.computed else None,
            "manual": Decimal(row.manual[metric]) if metric in row.manual else None,
            "computed_shown": display.shown(metric, row.computed.get(metric), self.strategy.currency),
            "manual_shown": display.shown(metric, row.manual.get(metric), self.strategy.currency),
            "definition": FORECAST_BY_KEY[metric],
            "inputs": inputs,
            "form": form,
            "platform": Platform(row.platform).label,
            "editable": self.strategy.is_editable,
        }
        template = "metrics/_target.html" if self.request.htmx else "metrics/target_page.html"
        return TemplateResponse(self.request, template, context)

    def get(self, request, strategy_pk, platform, month, metric):
        row = self.get_row()
        return self.render(row, TargetOverrideForm(initial={"manual_value": row.manual.get(metric)}))

    def post(self, request, strategy_pk, platform, month, metric):
        row = self.get_row()
        if not self.strategy.is_editable:
            messages.error(request, _("This strategy cannot be edited now."))
            return redirect("metrics:stage", strategy_pk=self.strategy.pk)
        form = TargetOverrideForm(request.POST)
        if not form.is_valid():
            return self.render(row, form)
        value = form.cleaned_data["manual_value"]
        if "clear" in request.POST or value is None:
            row.manual.pop(metric, None)
        else:
            row.manual[metric] = str(value)
        row.save(update_fields=["manual"])
        if request.htmx:
            response = self.render(row, TargetOverrideForm(initial={"manual_value": row.manual.get(metric)}))
            response["HX-Trigger"] = "forecast-updated"
            return response
        messages.success(request, _("Your value is saved; recomputations keep it."))
        return redirect("metrics:stage", strategy_pk=self.strategy.pk)


class WhatIfView(StrategyMixin, View):
    """The forecast with another budget or posting frequency, computed now and never saved."""

    def get(self, request, strategy_pk):
        form = WhatIfForm(request.GET)
        template = "metrics/_whatif.html" if request.htmx else "metrics/whatif_page.html"
        if not form.is_valid():
            return TemplateResponse(request, template, {"form": form, "strategy": self.strategy})
        budget = form.cleaned_data["budget_percent"] / Decimal(100)
        posts = form.cleaned_data["posts_percent"] / Decimal(100)
        data = build_input(self.strategy, budget_factor=budget, posts_factor=posts)
        plan = Plan.from_forecast(forecast(data), months=self.strategy.period_months, start=self.strategy.start_date)
        baseline = stored_plan(self.strategy)
        keys = ["unique_reach", "total_reach", "engagements", "link_clicks", "leads", "spend", "cpl", "cpl_all_in"]
        current, scenario = baseline.grand_total(), plan.grand_total()
        currency = self.strategy.currency
        rows = [
            (
                FORECAST_BY_KEY[k],
                display.shown(k, current.get(k), currency),
                display.shown(k, scenario.get(k), currency),
            )
            for k in keys
        ]
        context = {
            "form": form,
            "strategy": self.strategy,
            "rows": rows,
            "chart": charts.to_html(charts.monthly_results(plan), "whatif-monthly"),
        }
        return TemplateResponse(request, template, context)


def shown(value: Decimal) -> str:
    """A benchmark as people write it: no padding zeros, grouped thousands, in the active language."""
    return number_format(value.normalize(), force_grouping=True)


class BenchmarkSettingsView(ManagerRequiredMixin, TemplateView):
    """The agency's benchmark table: defaults with their sources, and its own values."""

    template_name = "metrics/benchmarks.html"

    def currency(self) -> str:
        value = self.request.GET.get("currency") or self.request.POST.get("currency") or "RUB"
        return value if value in Currency.values else "RUB"

    def get_context_data(self, form=None, **kwargs):
        agency = self.request.user.agency
        currency = self.currency()
        table = benchmark_table(agency.pk, currency)
        rows = [
            (
                key,
                [
                    (platform, table[(platform.value, key.key)], shown(table[(platform.value, key.key)].value))
                    for platform in Platform
                ],
            )
            for key in BENCHMARK_KEYS
        ]
        return super().get_context_data(
            rows=rows,
            platforms=list(Platform),
            currency=currency,
            currencies=Currency.choices,
            form=form or BenchmarkOverrideForm(initial={"currency": currency}),
            overrides=BenchmarkOverride.objects.for_user(self.request.user).order_by("platform", "key"),
            **kwargs,
        )

    def post(self, request):
        form = BenchmarkOverrideForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        data = form.cleaned_data
        currency = data["currency"] if data["key"] in MONEY_KEYS else ""
        if "clear" in request.POST:
            BenchmarkOverride.objects.filter(
                agency=request.user.agency, platform=data["platform"], key=data["key"], currency=currency
            ).delete()
            messages.success(request, _("The default value is back in use."))
        else:
            BenchmarkOverride.objects.update_or_create(
                agency=request.user.agency,
                platform=data["platform"],
                key=data["key"],
                currency=currency,
                defaults={"value": data["value"], "source": data["source"]},
            )
            messages.success(request, _("Benchmark saved. Your draft strategies are being recomputed."))
            for warning in form.plausibility_warnings().get("value", []):
                messages.warning(request, warning)
        agency_id = request.user.agency_id
        transaction.on_commit(lambda: recompute_agency.delay(agency_id))
        return redirect(f"{request.path}?currency={data['currency']}")


class ActualsView(StrategyMixin, TemplateView):
    """Actual monthly figures uploaded by the marketer, against the plan, KPI by KPI."""

    template_name = "metrics/actuals.html"

    def get_context_data(self, form=None, result=None, **kwargs):
        plan = stored_plan(self.strategy)
        actuals = list(self.strategy.actuals.all())
        measured = {row.metric for row in actuals}
        metric = self.request.GET.get("metric")
        if metric not in FORECAST_BY_KEY:
            metric = next((m.key for m in FORECAST_METRICS if m.key in measured), "unique_reach")
        rows = plan_vs_actual(plan, actuals, metric)
        return super().get_context_data(
            strategy=self.strategy,
            form=form or ActualsUploadForm(),
            result=result,
            metric=FORECAST_BY_KEY[metric],
            metrics=[m for m in FORECAST_METRICS if m.key in measured],
            rows=rows,
            chart=charts.to_html(charts.plan_vs_actual(rows, FORECAST_BY_KEY[metric].label), "plan-vs-actual")
            if actuals
            else "",
            **kwargs,
        )

    def post(self, request, strategy_pk):
        form = ActualsUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        try:
            result = import_actuals(self.strategy, upload, upload.name)
        except ImportRefused as refused:
            form.add_error("file", str(refused))
            return self.render_to_response(self.get_context_data(form=form))
        if result.problem_count:
            return self.render_to_response(self.get_context_data(form=form, result=result))
        messages.success(request, _("%(n)s figures imported.") % {"n": result.stored})
        return redirect("metrics:actuals", strategy_pk=self.strategy.pk)


class ScenariosView(StrategyMixin, TemplateView):
    """Saved scenarios forecast side by side; add one, choose the plan, delete."""

    template_name = "metrics/scenarios.html"

    def get_context_data(self, form=None, **kwargs):
        platforms = self.strategy.chosen_platforms()
        return super().get_context_data(
            strategy=self.strategy,
            form=form or self.new_scenario_form(platforms),
            comparison=scenario_table(self.strategy),
            editable=self.strategy.is_editable,
            **kwargs,
        )

    def new_scenario_form(self, platforms: list[str]) -> ScenarioForm:
        """A blank form, or the what-if being saved: its percentages are of the plan, a scenario's of the stages,
        so a plan scenario's own percentages (and its per-platform ones) are carried into it."""
        plan = self.strategy.scenarios.filter(is_plan=True).first()

        def of_the_stages(name: str, plan_percent: Decimal) -> Decimal:
            typed = numbers.typed_number(self.request.GET.get(name, ""))
            return (Decimal(typed or 100) * plan_percent / 100).quantize(Decimal("0.1"))

        initial = {
            "budget_percent": of_the_stages("budget_percent", plan.budget_percent if plan else Decimal(100)),
            "posts_percent": of_the_stages("posts_percent", plan.posts_percent if plan else Decimal(100)),
        }
        instance = (
            Scenario(platform_budget=dict(plan.platform_budget), platform_posts=dict(plan.platform_posts))
            if plan
            else None
        )
        return ScenarioForm(strategy=self.strategy, platforms=platforms, initial=initial, instance=instance)

    def post(self, request, strategy_pk):
        if not self.strategy.is_editable:
            messages.error(request, _("This strategy cannot be edited now."))
            return redirect("metrics:scenarios", strategy_pk=self.strategy.pk)
        form = ScenarioForm(request.POST, strategy=self.strategy, platforms=self.strategy.chosen_platforms())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        scenario = form.save()
        messages.success(request, _("Scenario «%(name)s» saved.") % {"name": scenario.name})
        return redirect("metrics:scenarios", strategy_pk=self.strategy.pk)


class ScenarioPlanView(StrategyMixin, View):
    """Make a scenario (or the stages as typed) the plan the targets are forecast with."""

    http_method_names = ["post"]

    def post(self, request, strategy_pk, scenario_pk=None):
        if not self.strategy.is_editable:
            messages.error(request, _("This strategy cannot be edited now."))
            return redirect("metrics:scenarios", strategy_pk=self.strategy.pk)
        scenario = None
        if scenario_pk is not None:
            scenario = get_object_or_404(Scenario, strategy=self.strategy, pk=scenario_pk)
        choose_plan_scenario(self.strategy, scenario)
        if scenario is None:
            messages.success(
                request, _("The plan follows the budget and content stages again; targets are recomputed.")
            )
        else:
            messages.success(
                request, _("Scenario «%(name)s» is now the plan; targets are recomputed.") % {"name": scenario.name}
            )
        return redirect("metrics:scenarios", strategy_pk=self.strategy.pk)


class ScenarioDeleteView(StrategyMixin, View):
    http_method_names = ["post"]

    def post(self, request, strategy_pk, scenario_pk):
        scenario = get_object_or_404(Scenario, strategy=self.strategy, pk=scenario_pk)
        if not self.strategy.is_editable:
            messages.error(request, _("This strategy cannot be edited now."))
        else:
            delete_scenario(scenario)
            messages.success(request, _("Scenario «%(name)s» deleted.") % {"name": scenario.name})
        return redirect("metrics:scenarios", strategy_pk=self.strategy.pk)


def scenario_table(strategy) -> dict:
    """The comparison as rows of formatted figures, a column per scenario (the stages as typed first)."""
    columns = scenario_comparison(strategy)
    currency = strategy.currency
    keys = ("monthly_budget", *SCENARIO_FIGURES)
    labels = {"monthly_budget": _("Monthly budget")}
    rows = []
    for key in keys:
        label = labels.get(key) or FORECAST_BY_KEY[key].label
        kind = "money" if key == "monthly_budget" else display.kind_of(key)
        rows.append((label, [numbers.figure(kind, c["figures"].get(key), currency) for c in columns]))
    return {"columns": columns, "rows": rows, "plan": next((c for c in columns[1:] if c["scenario"].is_plan), None)}


class MethodView(AnyRoleMixin, TemplateView):
    """How the targets are forecast: every variant of every figure, in the reader's language."""

    template_name = "metrics/method.html"
