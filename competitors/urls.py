from __future__ import annotations

from django.urls import path

from . import views

app_name = "competitors"

urlpatterns = [
    path("strategies/<int:strategy_pk>/competitors/", views.CompetitorsStage.as_view(), name="stage"),
    path(
        "strategies/<int:strategy_pk>/competitors/<int:pk>/",
        views.CompetitorAccountsView.as_view(),
        name="accounts",
    ),
]
