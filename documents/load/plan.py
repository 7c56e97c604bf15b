"""What a load writes before any SQL: agencies, people and clients, the plan of every strategy, the prototypes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import Agency, Client, Role, User
from metrics.models import Forecast, TargetMonth
from metrics.services import run_forecast
from strategies.models import Strategy
from strategies.services import refresh_cached_figures
from strategies.snapshot import Part, parts
from strategies.stages import all_stages, get_stage

from ..demo import _coffee_shop, _create, _yoga_studio

LOAD_PASSWORD = DEMO_PASSWORD
MARKETERS_PER_AGENCY = 4
BATCH_SIZE = 1000
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
    to that level inside a savepoint that is rolled back. The copies carry no
    stored targets, so neither does the prototype while their figures are taken.
    """
    figures = {}
    for fill in sorted(set(fills)):
        with transaction.atomic():
            TargetMonth.objects.filter(strategy_id=strategy_pk).delete()
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
