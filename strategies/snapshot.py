"""A strategy and every stage's rows as plain JSON-able data, and back.

Used to duplicate a strategy, to export and import it between installations,
and to freeze versions. Stage apps register their models here (from
``AppConfig.ready``) so this module never imports them.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import models, transaction

from .kpis import is_monthly, match_metric
from .models import (
    BudgetLine,
    ContentPillar,
    ContentPlanItem,
    MoodImage,
    OwnAccount,
    SmartGoal,
    Strategy,
    StrategyPlatform,
    StrategyTool,
    ToneOfVoice,
    Usp,
)

FORMAT = 2  # 2: SMART targets name a catalogue metric (format 1 files are still read)
READABLE_FORMATS = (1, 2)
STRATEGY_FIELDS = [
    "title",
    "period_months",
    "start_date",
    "currency",
    "language",
    "leading_goal",
    "product",
    "market",
    "geography",
    "addressable_audience",
    "review_every_months",
    "next_review_date",
    "review_notes",
]


class SnapshotError(Exception):
    """The data is not a strategy export this installation can read."""


@dataclass(frozen=True)
class Part:
    key: str
    model: type[models.Model]
    parent_field: str
    parent_key: str | None  # None: the row belongs to the Strategy directly

    def fields(self) -> list[models.Field]:
        return [
            f
            for f in self.model._meta.concrete_fields
            if not f.primary_key and f.name != self.parent_field and not getattr(f, "auto_now_add", False)
        ]


_PARTS: dict[str, Part] = {}


def register_part(model: type[models.Model], *, parent_field: str = "strategy", parent: str | None = None) -> None:
    key = model._meta.label_lower
    _PARTS[key] = Part(key, model, parent_field, parent)


def parts() -> list[Part]:
    """Parents before their children."""
    ordered: list[Part] = []
    pending = list(_PARTS.values())
    while pending:
        ready = [p for p in pending if p.parent_key is None or p.parent_key in {o.key for o in ordered}]
        if not ready:
            raise RuntimeError("snapshot parts refer to an unregistered parent")
        ordered.extend(ready)
        pending = [p for p in pending if p not in ready]
    return ordered


for _model in (SmartGoal, OwnAccount, ToneOfVoice, MoodImage, Usp, StrategyPlatform, ContentPlanItem, ContentPillar):
    register_part(_model)
register_part(StrategyTool)
register_part(BudgetLine)


def _dump_value(field: models.Field, obj, *, with_files: bool):
    value = getattr(obj, field.attname)
    if isinstance(field, models.FileField):
        if not value:
            return None
        entry = {"name": value.name}
        if with_files:
            with value.open("rb") as handle:
                entry["content"] = base64.b64encode(handle.read()).decode()
        return entry
    if value is None:
        return None
    return field.value_to_string(obj)


def dump_strategy(strategy: Strategy, *, with_files: bool = True) -> dict:
    data = {
        "format": FORMAT,
        "strategy": {
            name: _dump_value(Strategy._meta.get_field(name), strategy, with_files=False) for name in STRATEGY_FIELDS
        },
        "client": strategy.client.name,
        "parts": {},
    }
    ids_by_part: dict[str, set[int]] = {}
    for part in parts():
        if part.parent_key is None:
            rows = part.model.objects.filter(**{part.parent_field: strategy})
        else:
            rows = part.model.objects.filter(**{f"{part.parent_field}__in": ids_by_part[part.parent_key]})
        rows = list(rows.order_by("pk"))
        ids_by_part[part.key] = {row.pk for row in rows}
        data["parts"][part.key] = [
            {
                "_id": row.pk,
                **({"_parent": getattr(row, f"{part.parent_field}_id")} if part.parent_key else {}),
                **{f.name: _dump_value(f, row, with_files=with_files) for f in part.fields()},
            }
            for row in rows
        ]
    return data


def _load_value(field: models.Field, value):
    if value is None:
        return None if field.null else field.get_default()
    if isinstance(field, models.FileField):
        return value
    return field.to_python(value)


def upgrade_format_1(data: dict) -> dict:
    """A format 1 file's SMART targets carry a free-text metric and a unit: the text becomes the note and
    the metric its best match in the catalogue, as the 0004 migration did to stored targets."""
    goals = []
    for row in data.get("parts", {}).get("strategies.smartgoal", []):
        row = dict(row)
        text, unit = row.get("metric") or "", row.pop("unit", "") or ""
        note = " ".join(part for part in (text, unit) if part).strip()
        row.update(metric=match_metric(text, unit), note=note[:200], scope="month" if is_monthly(note) else "period")
        goals.append(row)
    return {**data, "parts": {**data.get("parts", {}), "strategies.smartgoal": goals}}


@transaction.atomic
def load_strategy(data: dict, *, client, owner, title: str | None = None) -> Strategy:
    if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS or "strategy" not in data:
        raise SnapshotError(f"not a strategy export (format {FORMAT})")
    if data["format"] == 1:
        data = upgrade_format_1(data)
    values = {name: _load_value(Strategy._meta.get_field(name), data["strategy"].get(name)) for name in STRATEGY_FIELDS}
    if title:
        values["title"] = title
    strategy = Strategy(client=client, owner=owner, **values)
    strategy.full_clean(exclude=["client", "owner"])
    strategy.save()
    new_ids: dict[str, dict[int, int]] = {}
    for part in parts():
        new_ids[part.key] = {}
        for row in data.get("parts", {}).get(part.key, []):
            obj = part.model()
            if part.parent_key is None:
                setattr(obj, part.parent_field, strategy)
            else:
                setattr(obj, f"{part.parent_field}_id", new_ids[part.parent_key][row["_parent"]])
            files = {}
            for field in part.fields():
                if field.name not in row:
                    continue
                if isinstance(field, models.FileField):
                    files[field.name] = row[field.name]
                else:
                    setattr(obj, field.attname, _load_value(field, row[field.name]))
            obj.full_clean(exclude=[part.parent_field, *files])
            obj.save()
            for name, entry in files.items():
                if entry and entry.get("content"):
                    filename = entry["name"].rsplit("/", 1)[-1]
                    getattr(obj, name).save(filename, ContentFile(base64.b64decode(entry["content"])), save=False)
            if files:
                obj.save()
            new_ids[part.key][row["_id"]] = obj.pk
    return strategy
