from __future__ import annotations

from django.urls import path

from . import views

app_name = "metrics"

urlpatterns = [
    path("strategies/<int:strategy_pk>/metrics/", views.MetricsStage.as_view(), name="stage"),
]
