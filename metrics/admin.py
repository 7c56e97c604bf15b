from __future__ import annotations

from django.contrib import admin

from .models import Actual, BenchmarkOverride, Forecast, Kpi


@admin.register(BenchmarkOverride)
class BenchmarkOverrideAdmin(admin.ModelAdmin):
    list_display = ["agency", "platform", "key", "currency", "value", "source", "updated_at"]
    list_filter = ["platform", "key", "currency"]
    search_fields = ["agency__name", "source"]


@admin.register(Forecast)
class ForecastAdmin(admin.ModelAdmin):
    list_display = ["strategy", "status", "generation", "runs", "requested_at", "finished_at"]
    list_filter = ["status"]
    readonly_fields = ["fingerprint", "error"]


@admin.register(Kpi)
class KpiAdmin(admin.ModelAdmin):
    list_display = ["strategy", "metric", "target_value"]


@admin.register(Actual)
class ActualAdmin(admin.ModelAdmin):
    list_display = ["strategy", "platform", "month", "metric", "value"]
    list_filter = ["platform", "metric"]
