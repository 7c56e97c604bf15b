from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("clients/<int:pk>/", views.ClientDetailView.as_view(), name="client_detail"),
]
