"""The copies inside the database: a plan table, then one ``INSERT … SELECT`` per table from it and the prototypes."""

# Every name in the SQL below is a model's table or column through quote_name; every value is a parameter.
# ruff: noqa: S608

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models

from accounts.models import Agency, Client, User
from strategies.models import Strategy
from strategies.snapshot import Part, parts
from strategies.stages import get_stage

from ..models import Comment, StatusChange, Version
from ..snapshot import document_snapshot
from .plan import (
    BATCH_SIZE,
    CHANGES_COMMENT,
    CLIENT_CHANGES_COMMENT,
    GOAL_FIELDS,
    REVIEW_FIELDS,
    SUBMITTED,
    VERSIONED,
    S,
    _part_order,
)

PLAN = "seed_load_plan"


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: type[models.Model]) -> str:
    return _q(model._meta.db_table)


PLAN_COLUMNS: dict[str, models.Field] = {
    "strategy_id": models.BigIntegerField(null=True),
    "proto_id": models.BigIntegerField(),
    "fill": models.IntegerField(),
    "client_id": models.BigIntegerField(),
    "owner_id": models.BigIntegerField(),
    "manager_id": models.BigIntegerField(),
    "client_user_id": models.BigIntegerField(),
    "title": models.CharField(max_length=200),
    "status": models.CharField(max_length=20),
    "language": models.CharField(max_length=2),
    "currency": models.CharField(max_length=3),
    "period_months": models.IntegerField(),
    "start_date": models.DateField(),
    "submitted_at": models.DateTimeField(null=True),
    "next_review_date": models.DateField(null=True),
    "created_at": models.DateTimeField(),
    "updated_at": models.DateTimeField(),
    "approved_at": models.DateTimeField(null=True),
    "shared_at": models.DateTimeField(null=True),
    "accepted_at": models.DateTimeField(null=True),
    "is_head": models.IntegerField(),
    "completeness": models.IntegerField(),
    "warning_count": models.IntegerField(),
    "stage_progress": models.JSONField(),
    "warning_counts": models.JSONField(),
}


def _adapter(field: models.Field) -> Callable[[Any], Any]:
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(field, models.JSONField):
        return json.dumps
    return lambda value: value


def _write_plan(cursor, rows: list[dict[str, Any]]) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {PLAN}")
    columns = ", ".join(f"{name} {field.db_type(connection)}" for name, field in PLAN_COLUMNS.items())
    cursor.execute(f"CREATE TEMPORARY TABLE {PLAN} ({columns})")
    adapters = [(name, _adapter(field)) for name, field in PLAN_COLUMNS.items()]
    values = [[adapt(row[name]) for name, adapt in adapters] for row in rows]
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {PLAN} FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        return
    insert = f"INSERT INTO {PLAN} VALUES ({', '.join(['%s'] * len(adapters))})"
    for start in range(0, len(values), BATCH_SIZE * 10):
        cursor.executemany(insert, values[start : start + BATCH_SIZE * 10])


def _insert_strategies(cursor) -> int:
    """The planned strategies, their long texts taken from the prototype as far as they are filled."""
    columns, values, params = [], [], []
    for field in Strategy._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(_q(field.column))
        if field.attname in PLAN_COLUMNS:
            values.append(f"plan.{field.attname}")
        elif field.name in GOAL_FIELDS or field.name in REVIEW_FIELDS:
            values.append(f"CASE WHEN plan.fill >= %s THEN proto.{_q(field.column)} ELSE {_blank(field)} END")
            params.append(get_stage("goals" if field.name in GOAL_FIELDS else "review").order)
        else:
            values.append(f"proto.{_q(field.column)}")
    cursor.execute(
        f"INSERT INTO {_table(Strategy)} ({', '.join(columns)}) SELECT {', '.join(values)} "
        f"FROM {PLAN} plan JOIN {_table(Strategy)} proto ON proto.{_q(Strategy._meta.pk.column)} = plan.proto_id "
        "WHERE plan.strategy_id IS NULL",
        params,
    )
    inserted = cursor.rowcount
    # Titles are unique within each (new) client, which tells the new rows apart.
    cursor.execute(
        f"UPDATE {PLAN} SET strategy_id = strategy.id FROM {_table(Strategy)} strategy "
        f"WHERE {PLAN}.strategy_id IS NULL AND strategy.client_id = {PLAN}.client_id "
        f"AND strategy.title = {PLAN}.title"
    )
    cursor.execute(f"CREATE UNIQUE INDEX {PLAN}_strategy ON {PLAN} (strategy_id)")
    cursor.execute(f"ANALYZE {PLAN}")
    return inserted


def _blank(field: models.Field) -> str:
    return "NULL" if field.null else "''"


def _natural_key(part: Part) -> list[str]:
    """The columns that tell a parent row apart within its strategy (a competitor's name)."""
    for constraint in part.model._meta.constraints:
        fields = list(getattr(constraint, "fields", ()))
        if isinstance(constraint, models.UniqueConstraint) and part.parent_field in fields:
            return [part.model._meta.get_field(name).column for name in fields if name != part.parent_field]
    raise RuntimeError(f"{part.key}: its children can be copied only if its rows are unique per strategy")


def _copy_parts(cursor) -> int:
    """Every stage row of the prototype, into each strategy filled at least as far as that stage."""
    registered = {part.key: part for part in parts()}
    copied = 0
    for part in registered.values():
        parent_column = part.model._meta.get_field(part.parent_field).column
        columns = [
            f.column for f in part.model._meta.concrete_fields if not f.primary_key and f.column != parent_column
        ]
        target = ", ".join(_q(c) for c in [parent_column, *columns])
        source = ", ".join(f"src.{_q(c)}" for c in columns)
        if part.parent_key is None:
            select = (
                f"SELECT plan.strategy_id, {source} FROM {PLAN} plan "
                f"JOIN {_table(part.model)} src ON src.{_q(parent_column)} = plan.proto_id"
            )
        else:
            parent = registered[part.parent_key]
            if parent.parent_key is not None:
                raise RuntimeError(f"{part.key}: only one level of nesting can be copied")
            parent_fk = _q(parent.model._meta.get_field(parent.parent_field).column)
            parent_pk = _q(parent.model._meta.pk.column)
            same = " AND ".join(f"new.{_q(c)} = old.{_q(c)}" for c in _natural_key(parent))
            select = (
                f"SELECT new.{parent_pk}, {source} FROM {PLAN} plan "
                f"JOIN {_table(parent.model)} old ON old.{parent_fk} = plan.proto_id "
                f"JOIN {_table(parent.model)} new ON new.{parent_fk} = plan.strategy_id AND {same} "
                f"JOIN {_table(part.model)} src ON src.{_q(parent_column)} = old.{parent_pk}"
            )
        cursor.execute(
            f"INSERT INTO {_table(part.model)} ({target}) {select} "
            "WHERE plan.fill >= %s AND plan.strategy_id <> plan.proto_id",
            [_part_order(part)],
        )
        copied += cursor.rowcount
    return copied


def _insert_select(cursor, model: type[models.Model], values: dict, tail: str, params: list | None = None) -> int:
    """``INSERT INTO`` every column of ``model`` ``SELECT`` the given SQL ``FROM …`` (``tail``).

    ``values`` maps attribute names to SQL, or to (SQL, parameters); a column not
    given gets its field's default, so a field added later needs no change here.
    """
    unknown = set(values) - {f.attname for f in model._meta.concrete_fields}
    if unknown:
        raise ValueError(f"{model._meta.label} has no field {', '.join(sorted(unknown))}")
    columns, expressions, arguments = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        value = values.get(field.attname)
        if value is None:
            value = ("%s", [field.get_db_prep_save(field.get_default(), connection)])
        sql, args = value if isinstance(value, tuple) else (value, [])
        columns.append(_q(field.column))
        expressions.append(sql)
        arguments += args
    cursor.execute(
        f"INSERT INTO {_table(model)} ({', '.join(columns)}) SELECT {', '.join(expressions)} {tail}",
        [*arguments, *(params or [])],
    )
    return cursor.rowcount


def _patched_snapshot(placeholder: str) -> str:
    """SQL that puts the strategy's own client, agency, owner and title into the prototype's snapshot."""
    values = {
        ("client",): "client.name",
        ("strategy", "title"): "plan.title",
        ("meta", "strategy_id"): "plan.strategy_id",
        ("meta", "client"): "client.name",
        ("meta", "agency"): "agency.name",
        ("meta", "accent_color"): "agency.accent_color",
        ("meta", "owner"): "COALESCE(NULLIF(owner.full_name, ''), owner.email)",
        ("meta", "status"): "plan.status",
    }
    if connection.vendor == "postgresql":
        sql = f"CAST({placeholder} AS jsonb)"
        for path, value in values.items():
            sql = f"jsonb_set({sql}, '{{{','.join(path)}}}', to_jsonb({value}))"
        return sql
    pairs = ", ".join(f"'$.{'.'.join(path)}', {value}" for path, value in values.items())
    return f"json_set({placeholder}, {pairs})"


def _render_pdf(language: str, snapshot: dict) -> str:
    """One rendered PDF per language, which every loaded version of that language offers for download."""
    from ..rendering import render_document_pdf

    content = render_document_pdf(snapshot, version_label="v1", draft=False)
    return default_storage.save(f"versions/load/strategy-{language}-v1.pdf", ContentFile(content))


def _freeze_versions(cursor, prototypes: dict[str, int], *, pdf: bool) -> int:
    """Version 1 of every approved strategy; each client's first is patched, the client's others share it."""
    field = Version._meta.get_field("snapshot")
    created = 0
    for language, proto_id in prototypes.items():
        snapshot = document_snapshot(Strategy(pk=proto_id))
        pdf_name = _render_pdf(language, snapshot) if pdf else ""
        common = {
            "strategy_id": "plan.strategy_id",
            "number": "1",
            "created_at": "plan.approved_at",
            "approved_by_id": "plan.manager_id",
            "shared_at": "plan.shared_at",
            "accepted_at": "plan.accepted_at",
            "pdf": ("%s", [pdf_name]),
            "pdf_status": ("%s", [Version.PdfStatus.READY if pdf else Version.PdfStatus.PENDING]),
        }
        payload = field.get_db_prep_value(snapshot, connection)
        created += _insert_select(
            cursor,
            Version,
            {**common, "snapshot": (_patched_snapshot("%s"), [payload])},
            f"FROM {PLAN} plan JOIN {_table(Client)} client ON client.id = plan.client_id "
            f"JOIN {_table(Agency)} agency ON agency.id = client.agency_id "
            f"JOIN {_table(User)} owner ON owner.id = plan.owner_id WHERE plan.is_head = 1 AND plan.proto_id = %s",
            [proto_id],
        )
        # The copies join the heads just written: without statistics the planner takes the
        # version table for empty and scans it once per copy (minutes at 100,000 strategies).
        cursor.execute(f"ANALYZE {_table(Version)}")
        created += _insert_select(
            cursor,
            Version,
            {**common, "snapshot": "head.snapshot"},
            f"FROM {PLAN} plan JOIN {PLAN} first ON first.client_id = plan.client_id AND first.is_head = 1 "
            f"JOIN {_table(Version)} head ON head.strategy_id = first.strategy_id "
            "WHERE plan.approved_at IS NOT NULL AND plan.is_head = 0 AND plan.proto_id = %s",
            [proto_id],
        )
    return created


# The steps of the review workflow that led to each status: from, to, the statuses that
# went this way, who took the step and when (plan columns), and whether a version was involved.
HISTORY = (
    (S.DRAFT, S.IN_REVIEW, SUBMITTED, "owner_id", "submitted_at", False),
    (S.IN_REVIEW, S.CHANGES_REQUESTED, {S.CHANGES_REQUESTED}, "manager_id", "updated_at", False),
    (S.IN_REVIEW, S.APPROVED, VERSIONED, "manager_id", "approved_at", True),
    (S.APPROVED, S.SHARED, VERSIONED - {S.APPROVED}, "manager_id", "shared_at", True),
    (S.SHARED, S.ACCEPTED, {S.ACCEPTED}, "client_user_id", "accepted_at", True),
    (S.SHARED, S.CLIENT_CHANGES_REQUESTED, {S.CLIENT_CHANGES_REQUESTED}, "client_user_id", "updated_at", True),
)


def _write_history(cursor) -> int:
    """The audit log of every step, and the comments that asked for changes."""
    written = 0
    for source, target, statuses, actor, at, with_version in HISTORY:
        comment = "''"
        if target in (S.CHANGES_REQUESTED, S.CLIENT_CHANGES_REQUESTED):
            texts = CHANGES_COMMENT if target == S.CHANGES_REQUESTED else CLIENT_CHANGES_COMMENT
            comment = ("CASE plan.language WHEN 'ru' THEN %s ELSE %s END", [texts["ru"], texts["en"]])
        join = f"JOIN {_table(Version)} version ON version.strategy_id = plan.strategy_id " if with_version else ""
        values = {
            "strategy_id": "plan.strategy_id",
            "from_status": ("%s", [source]),
            "to_status": ("%s", [target]),
            "by_id": f"plan.{actor}",
            "at": f"plan.{at}",
            "comment": comment,
            "version_id": "version.id" if with_version else "NULL",
        }
        marks = ", ".join(["%s"] * len(statuses))
        written += _insert_select(
            cursor, StatusChange, values, f"FROM {PLAN} plan {join}WHERE plan.status IN ({marks})", list(statuses)
        )
    values = {
        "strategy_id": "history.strategy_id",
        "stage": "'general'",
        "author_id": "history.by_id",
        "body": "history.comment",
        "for_client": ("history.to_status = %s", [S.CLIENT_CHANGES_REQUESTED]),
        "created_at": "history.at",
    }
    tail = (
        f"FROM {PLAN} plan JOIN {_table(StatusChange)} history "
        "ON history.strategy_id = plan.strategy_id AND history.comment <> ''"
    )
    return written + _insert_select(cursor, Comment, values, tail)


def _analyze(cursor) -> None:
    """Fresh planner statistics, so that the first pages after a load are planned for its size."""
    if connection.vendor != "postgresql":
        cursor.execute("ANALYZE")
        return
    models_ = {Agency, Client, User, Strategy, Version, StatusChange, Comment} | {p.model for p in parts()}
    cursor.execute("ANALYZE " + ", ".join(sorted(_table(m) for m in models_)))
