"""What changed between two versions, stage by stage: rows added, removed, changed.

Works on document snapshots (documents.snapshot), matching rows by their
natural key (a platform, a competitor's name…) rather than by database id,
which differs between versions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from metrics import display
from metrics.catalogue import FORECAST_BY_KEY
from metrics.plan import Plan
from strategies.models import Strategy
from strategies.stages import all_stages

# part -> (stage, natural-key fields)
PARTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "strategies.smartgoal": ("goals", ("goal", "metric")),
    "strategies.ownaccount": ("current", ("platform",)),
    "competitors.competitor": ("competitors", ("name",)),
    "competitors.competitoraccount": ("competitors", ("_parent", "platform")),
    "competitors.analysissummary": ("competitors", ()),
    "audiences.segment": ("audience", ("name",)),
    "strategies.toneofvoice": ("tone", ()),
    "strategies.moodimage": ("tone", ("image",)),
    "strategies.usp": ("usp", ()),
    "strategies.strategyplatform": ("platforms", ("platform",)),
    "strategies.contentplanitem": ("content", ("platform", "format")),
    "strategies.contentpillar": ("content", ("name",)),
    "strategies.strategytool": ("budget", ("tool",)),
    "strategies.budgetline": ("budget", ("category", "platform", "note")),
    "metrics.kpi": ("metrics", ("metric",)),
    "metrics.scenario": ("metrics", ("name",)),
}
STRATEGY_FIELDS = {
    "goals": ("title", "period_months", "start_date", "currency", "language", "leading_goal", "product", "market",
              "geography", "addressable_audience"),
    "review": ("review_every_months", "next_review_date", "review_notes"),
}  # fmt: skip
PLAN_METRICS = ("unique_reach", "total_reach", "impressions", "engagements", "link_clicks", "leads", "spend", "cpl",
                "cpl_all_in")  # fmt: skip


@dataclass
class Change:
    kind: str  # added / removed / changed
    item: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # label, before, after


@dataclass
class SectionDiff:
    stage: str
    title: str
    changes: list[Change]


def _display(model_field: models.Field | None, value) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, dict) and "name" in value:  # a file
        return value["name"].rsplit("/", 1)[-1]
    if model_field is not None and model_field.choices:
        labels = dict(model_field.flatchoices)
        return str(labels.get(value, value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(model_field, models.BooleanField):
        return _("yes") if value in (True, "True", "true") else _("no")
    if isinstance(model_field, models.DateField):
        from datetime import date

        return date_format(date.fromisoformat(str(value)), "DATE_FORMAT")
    if isinstance(model_field, models.DecimalField):
        try:
            return number_format(Decimal(str(value)).normalize(), force_grouping=True)
        except InvalidOperation:
            return str(value)
    return str(value)


def _model(part: str):
    return apps.get_model(part)


def _field(model, name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def _rows(snapshot: dict, part: str) -> dict[tuple, dict]:
    rows = snapshot.get("parts", {}).get(part, [])
    if part == "competitors.competitoraccount":
        names = {r["_id"]: r["name"] for r in snapshot.get("parts", {}).get("competitors.competitor", [])}
        rows = [{**r, "_parent": names.get(r.get("_parent"), "")} for r in rows]
    key_fields = PARTS[part][1]
    keyed = {}
    for row in rows:
        key = tuple(_display(None, row.get(k)) if k == "image" else row.get(k) for k in key_fields)
        keyed[key] = row
    return keyed


def _item_label(part: str, model, key: tuple, row: dict) -> str:
    if not key:
        return str(model._meta.verbose_name).capitalize()
    parts = []
    for name, value in zip(PARTS[part][1], key, strict=True):
        if name == "_parent":
            parts.append(str(value))
        else:
            parts.append(_display(_field(model, name), value) if name != "image" else str(value))
    return " · ".join(p for p in parts if p and p != "—") or str(model._meta.verbose_name)


def _compare_rows(part: str, before: dict, after: dict) -> list[Change]:
    model = _model(part)
    ignored = {"_id", "_parent", *PARTS[part][1]}
    changes = []
    for key in sorted(set(before) | set(after), key=str):
        old, new = before.get(key), after.get(key)
        row = new or old
        label = _item_label(part, model, key, row)
        names = [n for n in row if n not in ignored]
        if old is None or new is None:
            kind = "added" if old is None else "removed"
            fields = []
            for name in names:
                if row.get(name) in (None, "", [], {}):
                    continue
                model_field = _field(model, name)
                text = _display(model_field, row.get(name))
                label_text = str(model_field.verbose_name) if model_field else name
                fields.append((label_text, "—", text) if old is None else (label_text, text, "—"))
            changes.append(Change(kind, label, fields))
            continue
        fields = []
        for name in names:
            if old.get(name) != new.get(name):
                model_field = _field(model, name)
                before_text, after_text = _display(model_field, old.get(name)), _display(model_field, new.get(name))
                if before_text != after_text:
                    fields.append((str(model_field.verbose_name) if model_field else name, before_text, after_text))
        if fields:
            changes.append(Change("changed", label, fields))
    return changes


def _compare_strategy(stage: str, before: dict, after: dict) -> list[Change]:
    fields = []
    for name in STRATEGY_FIELDS.get(stage, ()):
        model_field = Strategy._meta.get_field(name)
        old, new = _display(model_field, before.get(name)), _display(model_field, after.get(name))
        if old != new:
            fields.append((str(model_field.verbose_name), old, new))
    return [Change("changed", _("Strategy"), fields)] if fields else []


def _compare_plan(before: dict, after: dict) -> list[Change]:
    if "plan" not in before or "plan" not in after:
        return []
    from datetime import date

    totals = [
        Plan.from_snapshot(s["plan"], start=date.fromisoformat(s["strategy"]["start_date"])).grand_total()
        for s in (before, after)
    ]
    fields = []
    currency = after.get("strategy", {}).get("currency", "")
    for key in PLAN_METRICS:
        old, new = totals[0].get(key), totals[1].get(key)
        if old != new:
            fields.append(
                (
                    str(FORECAST_BY_KEY[key].label),
                    display.shown(key, old, currency),
                    display.shown(key, new, currency),
                )
            )
    return [Change("changed", _("Targets for the period"), fields)] if fields else []


def compare(before: dict, after: dict) -> list[SectionDiff]:
    """Only the stages with changes, in the order of the method."""
    sections = []
    for stage in all_stages():
        changes = _compare_strategy(stage.key, before.get("strategy", {}), after.get("strategy", {}))
        for part, (part_stage, _key) in PARTS.items():
            if part_stage == stage.key:
                changes += _compare_rows(part, _rows(before, part), _rows(after, part))
        if stage.key == "metrics":
            changes += _compare_plan(before, after)
        if changes:
            sections.append(SectionDiff(stage.key, str(stage.title), changes))
    return sections
