from __future__ import annotations

from django.contrib import admin

from .models import ColumnMapping, Competitor, ImportJob


@admin.register(Competitor)
class CompetitorAdmin(admin.ModelAdmin):
    list_display = ["name", "strategy"]
    search_fields = ["name"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["original_name", "strategy", "competitor", "status", "rows_imported", "created_at"]
    list_filter = ["status"]


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin):
    list_display = ["agency", "signature", "updated_at"]
