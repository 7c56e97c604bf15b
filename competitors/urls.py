from __future__ import annotations

from django.urls import path

from . import import_views, views

app_name = "competitors"

urlpatterns = [
    path("strategies/<int:strategy_pk>/competitors/", views.CompetitorsStage.as_view(), name="stage"),
    path(
        "strategies/<int:strategy_pk>/competitors/<int:pk>/",
        views.CompetitorAccountsView.as_view(),
        name="accounts",
    ),
    path("strategies/<int:strategy_pk>/analysis/", views.AnalyticsView.as_view(), name="analytics"),
    path("strategies/<int:strategy_pk>/imports/", import_views.ImportView.as_view(), name="import"),
    path(
        "strategies/<int:strategy_pk>/imports/template/<str:kind>/",
        import_views.ImportTemplateView.as_view(),
        name="import_template",
    ),
    path("strategies/<int:strategy_pk>/imports/<int:pk>/", import_views.ImportJobView.as_view(), name="import_job"),
    path(
        "strategies/<int:strategy_pk>/imports/<int:pk>/mapping/",
        import_views.ImportMappingView.as_view(),
        name="import_mapping",
    ),
]
