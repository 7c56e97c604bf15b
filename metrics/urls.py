from __future__ import annotations

from django.urls import path

from . import views

app_name = "metrics"

urlpatterns = [
    path("strategies/<int:strategy_pk>/metrics/", views.MetricsStage.as_view(), name="stage"),
    path("strategies/<int:strategy_pk>/metrics/plan/", views.PlanPartView.as_view(), name="plan"),
    path("strategies/<int:strategy_pk>/metrics/plan.csv", views.PlanExportView.as_view(), name="plan_export"),
    path("strategies/<int:strategy_pk>/metrics/status/", views.ForecastStatusView.as_view(), name="status"),
    path("strategies/<int:strategy_pk>/metrics/recompute/", views.RecomputeView.as_view(), name="recompute"),
    path("strategies/<int:strategy_pk>/metrics/whatif/", views.WhatIfView.as_view(), name="whatif"),
    path(
        "strategies/<int:strategy_pk>/metrics/targets/<str:platform>/<int:month>/<str:metric>/",
        views.TargetView.as_view(),
        name="target",
    ),
    path("strategies/<int:strategy_pk>/metrics/scenarios/", views.ScenariosView.as_view(), name="scenarios"),
    path(
        "strategies/<int:strategy_pk>/metrics/scenarios/plan/",
        views.ScenarioPlanView.as_view(),
        name="scenario_plan_base",
    ),
    path(
        "strategies/<int:strategy_pk>/metrics/scenarios/<int:scenario_pk>/plan/",
        views.ScenarioPlanView.as_view(),
        name="scenario_plan",
    ),
    path(
        "strategies/<int:strategy_pk>/metrics/scenarios/<int:scenario_pk>/delete/",
        views.ScenarioDeleteView.as_view(),
        name="scenario_delete",
    ),
    path("strategies/<int:strategy_pk>/metrics/actuals/", views.ActualsView.as_view(), name="actuals"),
    path("benchmarks/", views.BenchmarkSettingsView.as_view(), name="benchmarks"),
    path("method/", views.MethodView.as_view(), name="method"),
]
