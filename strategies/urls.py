from __future__ import annotations

from django.urls import path

from . import views

app_name = "strategies"

urlpatterns = [
    path("strategies/new/", views.StrategyCreateView.as_view(), name="create"),
    path("strategies/<int:strategy_pk>/", views.SummaryView.as_view(), name="summary"),
    path("strategies/<int:strategy_pk>/settings/", views.StrategySettingsView.as_view(), name="settings"),
    path("strategies/<int:strategy_pk>/duplicate/", views.DuplicateView.as_view(), name="duplicate"),
    path(
        "strategies/<int:strategy_pk>/health/acknowledge/",
        views.AcknowledgeWarningView.as_view(),
        name="acknowledge_warning",
    ),
    path(
        "strategies/<int:strategy_pk>/health/withdraw/",
        views.WithdrawAcknowledgementView.as_view(),
        name="withdraw_acknowledgement",
    ),
    path("strategies/<int:strategy_pk>/goals/", views.GoalsStage.as_view(), name="goals"),
    path("strategies/<int:strategy_pk>/current/", views.CurrentStateStage.as_view(), name="current"),
    path("strategies/<int:strategy_pk>/tone/", views.ToneStage.as_view(), name="tone"),
    path("strategies/<int:strategy_pk>/tone/images/", views.MoodImageUploadView.as_view(), name="mood_upload"),
    path("strategies/<int:strategy_pk>/tone/images/<int:pk>/", views.MoodImageView.as_view(), name="mood_image"),
    path(
        "strategies/<int:strategy_pk>/tone/images/<int:pk>/delete/",
        views.MoodImageDeleteView.as_view(),
        name="mood_delete",
    ),
    path("strategies/<int:strategy_pk>/usp/", views.UspStage.as_view(), name="usp"),
    path("strategies/<int:strategy_pk>/platforms/", views.PlatformsStage.as_view(), name="platforms"),
    path("strategies/<int:strategy_pk>/content/", views.ContentStage.as_view(), name="content"),
    path("strategies/<int:strategy_pk>/budget/", views.BudgetStage.as_view(), name="budget"),
    path("strategies/<int:strategy_pk>/review/", views.ReviewStage.as_view(), name="review"),
]
