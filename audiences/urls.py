from __future__ import annotations

from django.urls import path

from . import views

app_name = "audiences"

urlpatterns = [
    path("strategies/<int:strategy_pk>/audience/", views.AudienceStage.as_view(), name="stage"),
]
