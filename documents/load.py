"""Fill the database with agencies full of clients, people and strategies, for scale tests and load runs.

Strategies are spread over owners and over every status of the review workflow,
with the stage data the wizard shows; approved ones carry a frozen version, so
the client portal has a document to show. Writing a hundred thousand strategies
row by row through the ORM takes many minutes, so:

* agencies, people and clients are written with ``bulk_create`` in batches, with
  one password hash for everybody;
* per language one *prototype* strategy is written the way the demo writes its
  strategies (``documents.demo``), its targets computed and its document frozen;
* every strategy is first a row of a temporary plan table (sent in batches of
  rows); the strategies, their stage rows, versions, history and comments are
  then copied from the plan and the prototypes inside the database with one
  ``INSERT … SELECT`` per table, so the bulky text never crosses the wire again.
  The stage models come from the snapshot registry: a model that a stage app
  registers there is copied without a change here.

A frozen document is not recomputed per strategy either: each client's first
approved strategy gets the prototype's snapshot with its own client, agency,
owner and title, and the client's other versions reuse that payload. The PDF is
rendered once per language and offered by every version in that language.
"""

# Every name in the SQL below is a model's table or column through quote_name; every value is a parameter.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import Agency, Client, Role, User
from metrics.models import Forecast
from metrics.services import run_forecast
from strategies.models import Strategy
from strategies.services import refresh_cached_figures
from strategies.snapshot import Part, parts
from strategies.stages import all_stages, get_stage

from .demo import _coffee_shop, _create, _yoga_studio
from .models import Comment, StatusChange, Version
from .snapshot import document_snapshot

LOAD_PASSWORD = DEMO_PASSWORD
MARKETERS_PER_AGENCY = 4
BATCH_SIZE = 1000
PLAN = "seed_load_plan"
# The figures refresh_cached_figures stores on a strategy, copied from the prototype filled as far.
FIGURES = ("completeness", "warning_count", "stage_progress", "warning_counts")

S = Strategy.Status

# How far a strategy's wizard is filled: the key of the last stage done, "" for a
# strategy just created, None for every stage.
COMPLETE, AUDIENCE_DONE, GOALS_DONE, EMPTY = None, "audience", "goals", ""

# Twenty slots that strategies take in turn: a mature agency's mix of work.
STATUS_CYCLE: tuple[tuple[str, str | None], ...] = (
    (S.ACCEPTED, COMPLETE),
    (S.SHARED, COMPLETE),
    (S.DRAFT, COMPLETE),
    (S.IN_REVIEW, COMPLETE),
    (S.DRAFT, AUDIENCE_DONE),
    (S.ACCEPTED, COMPLETE),
    (S.CLIENT_CHANGES_REQUESTED, COMPLETE),
    (S.DRAFT, COMPLETE),
    (S.APPROVED, COMPLETE),
    (S.ACCEPTED, COMPLETE),
    (S.DRAFT, GOALS_DONE),
    (S.CHANGES_REQUESTED, COMPLETE),
    (S.SHARED, COMPLETE),
    (S.DRAFT, AUDIENCE_DONE),
    (S.ACCEPTED, COMPLETE),
    (S.IN_REVIEW, COMPLETE),
    (S.DRAFT, EMPTY),
    (S.ACCEPTED, COMPLETE),
    (S.SHARED, COMPLETE),
    (S.DRAFT, COMPLETE),
)
VERSIONED = {S.APPROVED, S.SHARED, S.ACCEPTED, S.CLIENT_CHANGES_REQUESTED}
SUBMITTED = VERSIONED | {S.IN_REVIEW, S.CHANGES_REQUESTED}

# Which wizard stage each registered snapshot part belongs to; a part not listed
# is copied only into complete strategies.
PART_STAGES = {
    "strategies.smartgoal": "goals",
    "strategies.ownaccount": "current",
    "competitors.competitor": "competitors",
    "competitors.competitoraccount": "competitors",
    "competitors.analysissummary": "competitors",
    "audiences.segment": "audience",
    "strategies.toneofvoice": "tone",
    "strategies.moodimage": "tone",
    "strategies.usp": "usp",
    "strategies.strategyplatform": "platforms",
    "strategies.contentplanitem": "content",
    "strategies.contentpillar": "content",
    "strategies.strategytool": "budget",
    "strategies.budgetline": "budget",
    "metrics.kpi": "metrics",
}

AGENCY_NAMES = ("Северный ветер", "Brightline Social", "Пиксель и партнёры", "Northwind Media", "Сарафан")
ACCENTS = ("#2f6fed", "#d9480f", "#2b8a3e", "#862e9c", "#0b7285", "#c2255c")
BUSINESSES = {  # (name, industry)
    "ru": (
        ("Кофейня «Северное зерно»", "Кофейни и обжарка кофе"),
        ("Пекарня «Тёплый хлеб»", "Пекарни"),
        ("Барбершоп «Бритва»", "Салоны красоты"),
        ("Цветочная мастерская «Пион»", "Флористика"),
        ("Стоматология «Улыбка»", "Медицина"),
        ("Фитнес-клуб «Атлет»", "Фитнес"),
    ),
    "en": (
        ("Brightside Yoga Studio", "Fitness and wellbeing"),
        ("Harbour Bakery", "Bakeries"),
        ("Green Leaf Florist", "Florists"),
        ("Maple Dental Care", "Healthcare"),
        ("Northside Climbing Gym", "Fitness and wellbeing"),
        ("Blue Door Bistro", "Restaurants"),
    ),
}
PEOPLE = {
    "ru": (("Анна", "Смирнова"), ("Иван", "Петров"), ("Мария", "Кузнецова"), ("Олег", "Соколов"), ("Ксения", "Попова")),
    "en": (("Emma", "Walker"), ("James", "Carter"), ("Olivia", "Hughes"), ("Noah", "Bennett"), ("Grace", "Turner")),
}
TITLES = {
    "ru": (
        "SMM-стратегия на первое полугодие {year}",
        "SMM-стратегия на второе полугодие {year}",
        "Продвижение во ВКонтакте и Telegram, {year}",
        "Запуск Telegram-канала, {year}",
        "Узнаваемость и лояльность, {year}",
    ),
    "en": (
        "Social media strategy, H1 {year}",
        "Social media strategy, H2 {year}",
        "Always-on social plan {year}",
        "Launch campaign {year}",
        "Brand awareness push {year}",
    ),
}
CHANGES_COMMENT = {
    "ru": "Уточните бюджет на таргет и добавьте рубрику с отзывами гостей.",
    "en": "Please revisit the ads budget and add a pillar with member stories.",
}
CLIENT_CHANGES_COMMENT = {
    "ru": "Нам нравится, но хотим больше роликов и меньше акций. Можно перераспределить бюджет?",
    "en": "We like it, but we would like more video and fewer promotions. Can the budget move?",
}
SPECS: dict[str, Callable[[], dict]] = {"ru": _coffee_shop, "en": _yoga_studio}


# Stage 1 and the review cadence live on the strategy row itself.
GOAL_FIELDS = ("leading_goal", "product", "market", "geography")
REVIEW_FIELDS = ("review_every_months", "review_notes")


def load_email(role: str, agency_number: int, index: int | None = None) -> str:
    """``manager@load-agency-7.example``, ``marketer2@…``, ``client15@…`` (one client user per client)."""
    return f"{role}{index if index is not None else ''}@load-agency-{agency_number}.example"


def _fill_order(level: str | None) -> int:
    if level is None:
        return max(stage.order for stage in all_stages())
    return get_stage(level).order if level else 0


def _part_order(part: Part) -> int:
    stage = PART_STAGES.get(part.key)
    return get_stage(stage).order if stage else _fill_order(COMPLETE)


def _next_agency_number() -> int:
    emails = User.objects.filter(email__startswith="manager@load-agency-").values_list("email", flat=True)
    return max((int(e.split("load-agency-", 1)[1].split(".", 1)[0]) for e in emails), default=0) + 1


def _person(language: str, index: int) -> str:
    people = PEOPLE[language]
    return f"{people[index % len(people)][0]} {people[(index // len(people) + index) % len(people)][1]}"


def _create_people(first: int, agencies: int, clients_per_agency: int, password: str):
    """Agencies with a manager and marketers each, their clients and one client user per client."""
    numbers = range(first, first + agencies)
    agency_rows = Agency.objects.bulk_create(
        Agency(name=f"{AGENCY_NAMES[n % len(AGENCY_NAMES)]} {n}", accent_color=ACCENTS[n % len(ACCENTS)])
        for n in numbers
    )
    businesses = [
        (language, *BUSINESSES[language][c // 2 % len(BUSINESSES[language])])
        for c in range(clients_per_agency)
        for language in ["ru" if c % 2 == 0 else "en"]
    ]
    clients = Client.objects.bulk_create(
        (
            Client(
                agency=agency,
                name=f"{name} #{c + 1}",
                brand_language=language,
                industry=industry,
                website=f"https://client{c + 1}.load-agency-{n}.example",
            )
            for n, agency in zip(numbers, agency_rows, strict=True)
            for c, (language, name, industry) in enumerate(businesses)
        ),
        batch_size=BATCH_SIZE,
    )
    staff = User.objects.bulk_create(
        (
            User(
                email=load_email("manager", n) if m == 0 else load_email("marketer", n, m),
                password=password,
                full_name=_person("ru" if n % 2 else "en", n + m),
                agency=agency,
                role=Role.MANAGER if m == 0 else Role.MARKETER,
                language="ru" if n % 2 else "en",
            )
            for n, agency in zip(numbers, agency_rows, strict=True)
            for m in range(1 + MARKETERS_PER_AGENCY)
        ),
        batch_size=BATCH_SIZE,
    )
    client_users = User.objects.bulk_create(
        (
            User(
                email=load_email("client", first + i // clients_per_agency, i % clients_per_agency + 1),
                password=password,
                full_name=_person(client.brand_language, i),
                agency_id=client.agency_id,
                client=client,
                role=Role.CLIENT,
                language=client.brand_language,
            )
            for i, client in enumerate(clients)
        ),
        batch_size=BATCH_SIZE,
    )
    team = 1 + MARKETERS_PER_AGENCY
    teams = {agency.pk: staff[i * team : (i + 1) * team] for i, agency in enumerate(agency_rows)}
    return clients, client_users, teams


def _plan(clients, client_users, teams, strategies_per_client: int, now: dt.datetime) -> list[dict[str, Any]]:
    """Every strategy to write, as a row of the plan table: who, which status, how far filled, when."""
    today = timezone.localdate(now)
    specs = {language: spec()["strategy"] for language, spec in SPECS.items()}
    rows = []
    for client, client_user in zip(clients, client_users, strict=True):
        manager, *marketers = teams[client.agency_id]
        language, spec, titles = client.brand_language, specs[client.brand_language], TITLES[client.brand_language]
        has_head = False
        for k in range(strategies_per_client):
            i = len(rows)
            status, level = STATUS_CYCLE[i % len(STATUS_CYCLE)]
            fill = _fill_order(level)
            year = 2025 + k // len(titles) % 4
            title = titles[k % len(titles)].format(year=year)
            if k >= len(titles) * 4:
                title = f"{title} ({k // (len(titles) * 4) + 1})"
            updated = now - dt.timedelta(minutes=(i * 7919) % (365 * 24 * 60))
            versioned = status in VERSIONED
            rows.append(
                {
                    "strategy_id": None,
                    "proto_id": 0,
                    "fill": fill,
                    "client_id": client.pk,
                    "owner_id": marketers[(k + client.pk) % len(marketers)].pk,
                    "manager_id": manager.pk,
                    "client_user_id": client_user.pk,
                    "title": title,
                    "status": status,
                    "language": language,
                    "currency": spec["currency"],
                    "period_months": spec["period_months"],
                    "start_date": dt.date(year, 1 if k % 2 == 0 else 7, 1),
                    "submitted_at": updated - dt.timedelta(days=5) if status in SUBMITTED else None,
                    "next_review_date": (
                        today + dt.timedelta(days=(i * 37) % 300 - 90) if fill >= _fill_order(COMPLETE) else None
                    ),
                    "created_at": updated - dt.timedelta(days=30),
                    "updated_at": updated,
                    "approved_at": updated - dt.timedelta(days=3) if versioned else None,
                    "shared_at": (None if not versioned or status == S.APPROVED else updated - dt.timedelta(days=1)),
                    "accepted_at": updated if status == S.ACCEPTED else None,
                    "is_head": int(versioned and not has_head),
                    **dict.fromkeys(FIGURES),
                }
            )
            has_head = has_head or versioned
    return rows


def _figures(strategy_pk: int, fills: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The stored figures (completeness, warnings, per stage and per rule) of the prototype filled to each level.

    Computed by the real stage checks and health rules on the prototype cut back
    to that level inside a savepoint that is rolled back.
    """
    figures = {}
    for fill in sorted(set(fills)):
        with transaction.atomic():
            for part in parts():
                if part.parent_key is None and _part_order(part) > fill:
                    part.model.objects.filter(**{part.parent_field: strategy_pk}).delete()
            cleared = [name for name in GOAL_FIELDS if fill < get_stage("goals").order]
            cleared += [name for name in (*REVIEW_FIELDS, "next_review_date") if fill < get_stage("review").order]
            blank = {name: None if Strategy._meta.get_field(name).null else "" for name in cleared}
            Strategy.objects.filter(pk=strategy_pk).update(**blank)
            strategy = Strategy.objects.select_related("client").get(pk=strategy_pk)
            refresh_cached_figures(strategy)
            figures[fill] = {name: getattr(strategy, name) for name in FIGURES}
            transaction.set_rollback(True)
    return figures


def _create_prototypes(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Per language, the first planned strategy is written in full, with its targets computed."""
    prototypes = {}
    for language, spec in SPECS.items():
        row = next((r for r in rows if r["language"] == language), None)
        if row is None:
            continue
        client, owner = Client.objects.get(pk=row["client_id"]), User.objects.get(pk=row["owner_id"])
        strategy = _create(spec(), client=client, owner=owner)
        forecast, _ = Forecast.objects.get_or_create(strategy=strategy)
        run_forecast(strategy.pk, generation=forecast.generation)
        figures = _figures(strategy.pk, [r["fill"] for r in rows if r["language"] == language])
        complete = _fill_order(COMPLETE)
        for r in rows:
            if r["language"] == language:
                r["proto_id"] = strategy.pk
                r.update(figures[r["fill"]])
        row.update(strategy_id=strategy.pk, fill=complete, **figures[complete])
        row["next_review_date"] = row["next_review_date"] or strategy.next_review_date
        kept = ("title", "status", "start_date", "submitted_at", "next_review_date", "created_at", "updated_at")
        Strategy.objects.filter(pk=strategy.pk).update(**{name: row[name] for name in kept})
        prototypes[language] = strategy.pk
    return prototypes


# -- copies inside the database ------------------------------------------------------------


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
    from .rendering import render_document_pdf

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


def seed_load(
    *,
    agencies: int,
    clients_per_agency: int,
    strategies_per_client: int,
    pdf: bool = True,
    stdout: TextIO | None = None,
) -> dict[str, Any]:
    """Add ``agencies`` agencies, numbered after those loaded before, full of clients and strategies.

    Everything is written in one transaction. Without ``pdf`` the versions' PDFs are
    left for the worker to render. Returns the counts and the seconds it took.
    """
    if min(agencies, clients_per_agency, strategies_per_client) < 1:
        raise ValueError("agencies, clients per agency and strategies per client must each be at least 1")
    started = mark = time.perf_counter()

    def step(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        if stdout is not None:
            stdout.write(f"  {name}: {now - mark:.1f} s\n")
        mark = now

    with transaction.atomic(), connection.cursor() as cursor:
        first = _next_agency_number()
        clients, client_users, teams = _create_people(first, agencies, clients_per_agency, make_password(LOAD_PASSWORD))
        step("agencies, people and clients")
        rows = _plan(clients, client_users, teams, strategies_per_client, timezone.now())
        prototypes = _create_prototypes(rows)
        step("prototypes")
        _write_plan(cursor, rows)
        step("plan")
        _insert_strategies(cursor)
        step("strategies")
        stage_rows = _copy_parts(cursor)
        step("stage rows")
        versions = _freeze_versions(cursor, prototypes, pdf=pdf)
        step("versions")
        history = _write_history(cursor)
        step("history and comments")
        cursor.execute(f"DROP TABLE {PLAN}")
        # Run the deferred foreign-key checks now, once, rather than at commit: a caller that keeps the
        # transaction open (the scale tests) would otherwise pay for them at every later check.
        connection.check_constraints()
        step("foreign-key checks")
        _analyze(cursor)
        step("statistics")
    return {
        "first_agency": first,
        "agencies": agencies,
        "clients": len(clients),
        "users": len(client_users) + agencies * (1 + MARKETERS_PER_AGENCY),
        "strategies": len(rows),
        "stage_rows": stage_rows,
        "versions": versions,
        "history_rows": history,
        "seconds": round(time.perf_counter() - started, 1),
    }
