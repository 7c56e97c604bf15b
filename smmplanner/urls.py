from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts.views import HomeView
from smmplanner.health import LivenessView, ReadinessView
from strategies.views import ClientDetailView, DashboardExportView, DashboardView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz/", LivenessView.as_view(), name="liveness"),
    path("readyz/", ReadinessView.as_view(), name="readiness"),
    path("dashboard/", DashboardView.as_view(), name="dashboard"),
    path("dashboard/strategies.csv", DashboardExportView.as_view(), name="dashboard_export"),
    path("clients/<int:pk>/", ClientDetailView.as_view(), name="client_detail"),
    path("", include("accounts.urls")),
    path("", include("strategies.urls")),
    path("", include("competitors.urls")),
    path("", include("audiences.urls")),
    path("", include("metrics.urls")),
    path("", include("documents.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
