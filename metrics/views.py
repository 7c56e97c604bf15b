from __future__ import annotations

from itertools import groupby

from strategies.models import Goal
from strategies.wizard import StageView

from .catalogue import METRICS, suggested_metrics
from .forms import KpiChoiceForm
from .models import Kpi


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
        for form in forms.values():
            data = form.cleaned_data
            if data["use"]:
                Kpi.objects.update_or_create(
                    strategy=self.strategy,
                    metric=data["metric"],
                    defaults={"target_value": data["target_value"], "notes": data["notes"]},
                )
            else:
                Kpi.objects.filter(strategy=self.strategy, metric=data["metric"]).delete()

    def stage_context(self, forms):
        goal_labels = dict(Goal.choices)
        groups = [
            (goal_labels[goal], list(group))
            for goal, group in groupby(forms.values(), key=lambda form: form.definition.goal)
        ]
        return {"kpi_groups": groups, "has_saved_kpis": self.strategy.kpis.exists()}
