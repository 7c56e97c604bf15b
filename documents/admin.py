from __future__ import annotations

from django.contrib import admin

from .models import Comment, StatusChange, Version


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = ["strategy", "number", "created_at", "shared_at", "accepted_at", "pdf_status"]
    readonly_fields = ["snapshot"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["strategy", "from_status", "to_status", "by", "at"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["strategy", "stage", "author", "for_client", "created_at", "resolved_at"]
