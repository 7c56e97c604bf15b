"""Blocks that the documents layer adds to the strategy pages of the lower layers."""

from __future__ import annotations

from django.template.loader import render_to_string

from strategies.stages import stored_progress

from .forms import CommentForm, TransitionForm
from .models import Comment, StatusChange
from .workflow import available_actions


def _comments(request, strategy, stage: str):
    return (
        Comment.objects.for_user(request.user)
        .filter(strategy=strategy, stage=stage, parent=None)
        .select_related("author", "resolved_by")
        .prefetch_related("replies__author")
    )


def summary_panel(request, strategy, stage_key: str) -> str:
    context = {
        "strategy": strategy,
        "actions": available_actions(strategy, request.user),
        # Whether to offer "Submit" (the figures of the last saves); submitting checks every stage again.
        "complete": stored_progress(strategy).is_complete,
        "versions": strategy.versions.all(),
        "last_change": StatusChange.objects.filter(strategy=strategy).select_related("by").first(),
        "transition_form": TransitionForm(),
        "comments": _comments(request, strategy, "general"),
        "comment_form": CommentForm(initial={"stage": "general"}),
        "stage_key": "general",
    }
    return render_to_string("documents/panels/summary.html", context, request=request)


def stage_panel(request, strategy, stage_key: str) -> str:
    context = {
        "strategy": strategy,
        "comments": _comments(request, strategy, stage_key),
        "comment_form": CommentForm(initial={"stage": stage_key}),
        "stage_key": stage_key,
    }
    return render_to_string("documents/panels/comments.html", context, request=request)
