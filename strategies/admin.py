from __future__ import annotations

from django.contrib import admin

from .models import Strategy


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["title", "client", "owner", "status", "updated_at"]
    list_filter = ["status", "language"]
    search_fields = ["title", "client__name"]
