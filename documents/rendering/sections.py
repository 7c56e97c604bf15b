"""The document's sections, each built from the snapshot as display-ready data."""

from __future__ import annotations

import json
from decimal import Decimal

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audiences.models import AgeBand, Segment
from competitors import analytics
from competitors.models import Competitor, CompetitorAccount
from metrics import charts as plan_charts
from metrics import display
from metrics.catalogue import FORECAST_BY_KEY, FORECAST_METRICS, INPUT_LABELS, KPI_FORECAST
from metrics.goals import TargetCheck
from metrics.models import Kpi
from metrics.plan import Plan
from metrics.services import SCENARIO_FIGURES
from smmplanner import numbers
from strategies.forms import ToneForm
from strategies.kpis import BY_KEY as KPI_BY_KEY
from strategies.models import (
    BudgetCategory,
    BudgetLine,
    ContentFormat,
    ContentPillar,
    ContentPlanItem,
    Goal,
    MoodImage,
    OwnAccount,
    Platform,
    PromotionTool,
    SmartGoal,
    Strategy,
    StrategyPlatform,
    StrategyTool,
    ToneOfVoice,
    Usp,
)

from .figures import start_chart
from .values import (
    DASH,
    HEX_COLOUR,
    auto_number,
    choice_label,
    field_label,
    json_list,
    long_date,
    media_url,
    metric_value,
    money,
    month_year,
    number,
    part_row,
    part_rows,
    percent,
    platform_label,
    position,
    text_items,
    text_lines,
    to_bool,
    to_date,
    to_decimal,
    to_int,
)

SECTIONS = (
    ("summary", gettext_lazy("Executive summary")),
    ("goals", gettext_lazy("Goals")),
    ("current", gettext_lazy("Current state")),
    ("competitors", gettext_lazy("Competitors")),
    ("audience", gettext_lazy("Audience portrait")),
    ("tone", gettext_lazy("Tone of voice")),
    ("usp", gettext_lazy("USP")),
    ("platforms", gettext_lazy("Platforms and roles")),
    ("content", gettext_lazy("Content plan")),
    ("budget", gettext_lazy("Tools and budget")),
    ("metrics", gettext_lazy("Target metrics")),
    ("review", gettext_lazy("Review schedule")),
)
# The tone form's scales and what their ends mean, as the wizard shows them.
TONE_SCALES = tuple((name, *ToneForm.SCALE_ENDS[name]) for name in ToneForm.SCALES)
# Always in the target tables, whatever KPIs were chosen (the plan's backbone).
# Always in the document, and the only metrics printed month by month (the others by platform).
CORE_METRICS = ("unique_reach", "total_reach", "engagements", "link_clicks", "leads")
KEY_FIGURES = ("unique_reach", "total_reach", "link_clicks", "leads", "cpl", "cpl_all_in")
BUDGET_KINDS = ("content", "ads", "influencers", "seeding", "community", "contests")


def headings() -> list[dict]:
    """The sections, for the headings and the table of contents, numbered as the wizard numbers its stages
    (the executive summary stands before them, unnumbered)."""
    numbered = [key for key, _title in SECTIONS if key != "summary"]
    return [
        {"id": f"doc-{key}", "number": numbered.index(key) + 1 if key in numbered else "", "title": str(title)}
        for key, title in SECTIONS
    ]


def platform_order(snapshot: dict) -> list[str]:
    return list(snapshot.get("plan", {}).get("platforms", []))


def platform_positions(order: list[str]) -> dict[str, int]:
    """The strategy's platforms first (main ones, then supporting), then the rest in choice order."""
    return {p: i for i, p in enumerate(dict.fromkeys([*order, *Platform.values]))}


def sorted_by_platform(rows: list[dict], order: list[str]) -> list[dict]:
    positions = platform_positions(order)
    return sorted(rows, key=lambda row: positions.get(row.get("platform"), len(positions)))


def goals(snapshot: dict, strategy: dict) -> dict:
    goals = sorted(part_rows(snapshot, SmartGoal), key=lambda row: (row["deadline"], row["_id"]))
    leading = strategy.get("leading_goal") or ""
    others = [g for g in Goal.values if g != leading and any(row["goal"] == g for row in goals)]
    currency = strategy.get("currency", "")
    smart = []
    for row in goals:
        # Exports and versions of method v1 carry a free-text metric and a unit instead of a catalogue key.
        key = row.get("metric") if row.get("metric") in KPI_BY_KEY else ""
        definition = KPI_BY_KEY.get(key)
        note = row.get("note") or ("" if key else " ".join(filter(None, (row.get("metric"), row.get("unit")))))
        target = to_decimal(row["target_value"])
        smart.append(
            {
                "goal": choice_label(Goal, row["goal"]),
                "metric": str(definition.label) if definition else note,
                "note": note if definition else "",
                "platform": platform_label(row.get("platform") or ""),
                "scope": choice_label(SmartGoal.Scope, row.get("scope") or SmartGoal.Scope.PERIOD),
                "target": numbers.figure(definition.kind, target, currency) if definition else auto_number(target),
                "deadline": long_date(to_date(row["deadline"])),
            }
        )
    return {
        "leading": choice_label(Goal, leading) if leading else DASH,
        "others": [choice_label(Goal, g) for g in others],
        "smart": smart,
        "labels": {
            name: field_label(SmartGoal, name) for name in ("goal", "metric", "target_value", "platform", "scope")
        },
    }


def current_state(snapshot: dict, order: list[str]) -> list[dict]:
    return [
        {
            "platform": platform_label(row["platform"]),
            "exists": to_bool(row.get("has_account")),
            "url": row.get("url") or "",
            "followers": number(to_int(row.get("followers"))),
            "reach": number(to_int(row.get("avg_reach"))),
            "er": percent(to_decimal(row.get("engagement_rate"))),
            "posts": auto_number(to_decimal(row.get("posts_per_week"))),
            "what_works": row.get("what_works") or "",
        }
        for row in sorted_by_platform(part_rows(snapshot, OwnAccount), order)
    ]


def competitors(snapshot: dict, order: list[str]) -> list[dict]:
    accounts: dict[int, list[dict]] = {}
    for row in sorted_by_platform(part_rows(snapshot, CompetitorAccount), order):
        account = CompetitorAccount(
            platform=row["platform"],
            followers=to_int(row.get("followers")) or 0,
            avg_likes=to_int(row.get("avg_likes")),
            avg_comments=to_int(row.get("avg_comments")),
            avg_shares=to_int(row.get("avg_shares")),
        )
        accounts.setdefault(row["_parent"], []).append(
            {
                "platform": platform_label(row["platform"]),
                "followers": number(account.followers),
                "posts": auto_number(to_decimal(row.get("posts_per_week"))),
                "likes": number(account.avg_likes),
                "comments": number(account.avg_comments),
                "shares": number(account.avg_shares),
                "er": percent(account.er_by_followers),
                "formats": row.get("formats") or "",
            }
        )
    return [
        {
            "name": row["name"],
            "website": row.get("website") or "",
            "strengths": row.get("strengths") or "",
            "gaps": row.get("gaps") or "",
            "accounts": accounts.get(row["_id"], []),
        }
        for row in part_rows(snapshot, Competitor)
    ]


def analysis_table(snapshot: dict) -> list[dict]:
    """The figures computed from imported posts, ready to print."""
    return [
        {
            "platform": platform_label(row["platform"]),
            "label": row["label"],
            "is_brand": row["is_brand"],
            "posts": number(row["posts"]),
            "followers": number(row["followers"]),
            "posts_per_week": auto_number(to_decimal(row["posts_per_week"])),
            "er_by_followers": percent(to_decimal(row["er_by_followers"])),
            "er_by_reach": percent(to_decimal(row["er_by_reach"])),
        }
        for row in snapshot.get("competitor_analysis", [])
    ]


def analysis_summary(snapshot: dict) -> dict:
    """The marketer's conclusions from the competitor analysis, and share of voice when mentions were counted."""
    row = next(iter(snapshot.get("parts", {}).get("competitors.analysissummary", [])), None) or {}
    mentions = row.get("mentions") or {}
    if isinstance(mentions, str):
        mentions = json.loads(mentions)
    brand = snapshot.get("client", "")
    share = analytics.share_of_voice(mentions, brand) if mentions else None
    return {"conclusions": row.get("conclusions") or "", "share_of_voice": percent(share) if share is not None else ""}


def segments(snapshot: dict) -> list[dict]:
    rows = sorted(part_rows(snapshot, Segment), key=lambda row: (not to_bool(row.get("is_primary")), row["_id"]))
    segments = []
    for row in rows:
        women = to_int(row.get("women_share"))
        ages = [str(AgeBand(v).label) for v in json_list(row.get("age_bands")) if v in AgeBand.values]
        platforms = [platform_label(v) for v in json_list(row.get("platforms")) if v in Platform.values]
        facts = [
            (_("Gender"), _("women %(women)s %%, men %(men)s %%") % {"women": women, "men": 100 - women})
            if women is not None
            else None,
            (field_label(Segment, "age_bands"), ", ".join(ages)) if ages else None,
            *[
                (field_label(Segment, name), row.get(name))
                for name in ("geography", "income", "occupation", "interests", "pains", "objections")
            ],
            (field_label(Segment, "platforms"), ", ".join(platforms)) if platforms else None,
            (field_label(Segment, "content"), row.get("content")),
        ]
        segments.append(
            {
                "name": row["name"],
                "primary": to_bool(row.get("is_primary")),
                "facts": [fact for fact in facts if fact and fact[1]],
            }
        )
    return segments


def tone(snapshot: dict) -> dict | None:
    row = part_row(snapshot, ToneOfVoice)
    if row is None:
        return None
    scales = []
    for name, left, right in TONE_SCALES:
        value = min(5, max(1, to_int(row.get(name)) or 3))
        scales.append({"left": str(left), "right": str(right), "value": value, "position": (value - 1) * 25})
    colours = [c.strip() for c in (row.get("brand_colors") or "").split(",") if c.strip()]
    address = row.get("address_form") or ""
    return {
        "scales": scales,
        "address": choice_label(ToneOfVoice.Address, address) if address else "",
        "personality": row.get("personality") or "",
        "do": text_items(row.get("words_to_use")),
        "dont": text_items(row.get("words_to_avoid")),
        "emoji": choice_label(ToneOfVoice.Emoji, row.get("emoji_policy")) if row.get("emoji_policy") else "",
        "comment_replies": row.get("comment_replies") or "",
        "complaint_replies": row.get("complaint_replies") or "",
        "examples": text_lines(row.get("example_phrases")),
        "colours": [{"code": c, "valid": bool(HEX_COLOUR.match(c))} for c in colours],
        "fonts": row.get("fonts") or "",
        "photo_style": row.get("photo_style") or "",
        "mood": [
            {"url": media_url(picture["image"]["name"]), "caption": picture.get("caption") or ""}
            for picture in part_rows(snapshot, MoodImage)
            if (picture.get("image") or {}).get("name")
        ],
        "labels": {
            name: field_label(ToneOfVoice, name)
            for name in (
                "address_form",
                "personality",
                "words_to_use",
                "words_to_avoid",
                "emoji_policy",
                "comment_replies",
                "complaint_replies",
                "example_phrases",
                "brand_colors",
                "fonts",
                "photo_style",
            )
        },
    }


def usp(snapshot: dict) -> dict | None:
    row = part_row(snapshot, Usp)
    if row is None:
        return None
    sides = [
        (name, field_label(Usp, name), text_lines(row.get(name)))
        for name in ("product_strengths", "product_weaknesses", "brand_strengths", "brand_weaknesses")
    ]
    return {
        "statement": row.get("statement") or "",
        "reasons": text_lines(row.get("reasons_to_believe")),
        "sides": [{"key": key, "label": label, "items": items} for key, label, items in sides],
        "labels": {name: field_label(Usp, name) for name in ("statement", "reasons_to_believe")},
    }


def platforms(snapshot: dict, order: list[str]) -> list[dict]:
    return [
        {
            "platform": platform_label(row["platform"]),
            "main": row.get("role") == StrategyPlatform.Role.MAIN,
            "role": choice_label(StrategyPlatform.Role, row.get("role")),
            "account": choice_label(StrategyPlatform.AccountStatus, row.get("account_status")),
            "handle": row.get("handle") or "",
            "rationale": row.get("rationale") or "",
            "profile": row.get("profile_description") or "",
            "links": text_lines(row.get("links")),
        }
        for row in sorted_by_platform(part_rows(snapshot, StrategyPlatform), order)
    ]


def content_plan(snapshot: dict, order: list[str]) -> dict:
    items = part_rows(snapshot, ContentPlanItem)
    platforms = [*order, *sorted({row["platform"] for row in items} - set(order))]
    grid: dict[str, dict[str, Decimal]] = {}
    for row in items:
        grid.setdefault(row["format"], {})[row["platform"]] = to_decimal(row["posts_per_week"]) or Decimal(0)
    per_platform = {p: sum((cells.get(p, Decimal(0)) for cells in grid.values()), Decimal(0)) for p in platforms}
    pillars = sorted(part_rows(snapshot, ContentPillar), key=lambda row: (-(to_decimal(row["share"]) or 0), row["_id"]))
    return {
        "platforms": [platform_label(p) for p in platforms],
        "rows": [
            {
                "format": choice_label(ContentFormat, fmt),
                "cells": [auto_number(grid[fmt][p]) if p in grid[fmt] else "" for p in platforms],
                "total": auto_number(sum(grid[fmt].values(), Decimal(0))),
            }
            for fmt in ContentFormat.values
            if fmt in grid
        ],
        "totals": [auto_number(per_platform[p]) for p in platforms],
        "total": auto_number(sum(per_platform.values(), Decimal(0))),
        "pillars": [
            {
                "name": row["name"],
                "description": row.get("description") or "",
                "share": percent(to_decimal(row["share"]), 0),
                "width": min(100, max(0, float(to_decimal(row["share"]) or 0))),
            }
            for row in pillars
        ],
    }


def budget(snapshot: dict, strategy: dict, months: int, order: list[str]) -> dict:
    currency = strategy["currency"]
    category_order = {c: i for i, c in enumerate(BudgetCategory.values)}
    platform_rank = {"": -1, **platform_positions(order)}
    lines = sorted(
        part_rows(snapshot, BudgetLine),
        key=lambda row: (category_order.get(row["category"], 99), platform_rank.get(row["platform"], 99), row["_id"]),
    )
    monthly = sum((to_decimal(row["monthly_amount"]) or Decimal(0) for row in lines), Decimal(0))
    by_category: dict[str, Decimal] = {}
    for row in lines:
        by_category[row["category"]] = by_category.get(row["category"], Decimal(0)) + to_decimal(row["monthly_amount"])
    content = sum((v for k, v in by_category.items() if k in BudgetCategory.content()), Decimal(0))

    shared = {
        platform: {kind: Decimal(amount) for kind, amount in kinds.items()}
        for platform, kinds in snapshot.get("plan", {}).get("budget_by_platform", {}).items()
    }
    kinds = [k for k in BUDGET_KINDS if any(k in v for v in shared.values())]
    kinds += sorted({k for v in shared.values() for k in v} - set(kinds))
    platform_rows = []
    for platform in [p for p in order if p in shared] + [p for p in shared if p not in order]:
        row_total = sum(shared[platform].values(), Decimal(0))
        platform_rows.append(
            {
                "platform": platform_label(platform),
                "cells": [money(shared[platform].get(k), currency) if k in shared[platform] else DASH for k in kinds],
                "monthly": money(row_total, currency),
                "period": money(row_total * months, currency),
            }
        )
    kind_totals = [sum((v.get(k, Decimal(0)) for v in shared.values()), Decimal(0)) for k in kinds]
    shared_total = sum(kind_totals, Decimal(0))
    chart = None
    if shared and shared_total:
        floats = {p: {k: float(v) for k, v in values.items()} for p, values in shared.items()}
        chart = start_chart(plan_charts.budget_split(floats, currency))
    return {
        "tools": [
            {"tool": choice_label(PromotionTool, row["tool"]), "notes": row.get("notes") or ""}
            for row in sorted(
                part_rows(snapshot, StrategyTool), key=lambda row: position(PromotionTool.values, row["tool"])
            )
        ],
        "lines": [
            {
                "category": choice_label(BudgetCategory, row["category"]),
                "platform": platform_label(row.get("platform") or ""),
                "note": row.get("note") or "",
                "monthly": money(to_decimal(row["monthly_amount"]), currency),
                "period": money(to_decimal(row["monthly_amount"]) * months, currency),
            }
            for row in lines
        ],
        "monthly": money(monthly, currency),
        "period": money(monthly * months, currency),
        "content_monthly": money(content, currency),
        "content_period": money(content * months, currency),
        "promotion_monthly": money(monthly - content, currency),
        "promotion_period": money((monthly - content) * months, currency),
        "categories": [
            {
                "category": choice_label(BudgetCategory, category),
                "monthly": money(amount, currency),
                "period": money(amount * months, currency),
                "share": percent(amount / monthly * 100 if monthly else None, 1),
            }
            for category, amount in sorted(by_category.items(), key=lambda item: category_order.get(item[0], 99))
        ],
        "kinds": [str(capfirst(INPUT_LABELS.get(k, k))) for k in kinds],
        "platform_rows": platform_rows,
        "kind_totals": [money(v, currency) for v in kind_totals],
        "shared_monthly": money(shared_total, currency),
        "shared_period": money(shared_total * months, currency),
        "chart": chart,
        "labels": {name: field_label(BudgetLine, name) for name in ("category", "platform", "note", "monthly_amount")},
    }


def target_metrics(snapshot: dict, plan: Plan, currency: str) -> dict:
    kpis = [row for row in part_rows(snapshot, Kpi) if row["metric"] in KPI_BY_KEY]
    totals = plan.grand_total() if not plan.is_empty else {}
    kpi_rows = []
    for row in kpis:
        definition = KPI_BY_KEY[row["metric"]]
        forecast_key = KPI_FORECAST.get(row["metric"])
        kpi_rows.append(
            {
                "label": str(definition.label),
                "formula": str(definition.formula),
                "forecast": metric_value(forecast_key, totals.get(forecast_key), currency) if forecast_key else None,
                "target": numbers.figure(definition.kind, to_decimal(row.get("target_value")), currency),
                "notes": row.get("notes") or "",
            }
        )
    wanted = set(CORE_METRICS) | {KPI_FORECAST.get(row["metric"]) for row in kpis}
    if any(row["metric"] == "follower_growth" for row in kpis):
        wanted.add("net_followers")
    wanted |= {"cpl", "cpl_all_in"}  # both variants of the cost per lead, named
    shown = [m for m in FORECAST_METRICS if m.key in wanted and (m.key in totals or plan.is_empty)]
    by_platform, tables = [], []
    if not plan.is_empty:
        for metric in shown:
            column_totals, grand = plan.column_totals(metric.key)
            by_platform.append(
                {
                    "label": str(metric.label),
                    "cells": [metric_value(metric.key, value, currency) for value in column_totals],
                    "total": metric_value(metric.key, grand, currency),
                }
            )
        # Month by month for the volumes the plan is built on; every other metric's
        # months are on the plan page and in its CSV export. Each such table costs
        # the PDF about 0.07 s to lay out and a page to read.
        for metric in (m for m in shown if m.key in CORE_METRICS):
            rows, column_totals, grand = display.rounded_table(plan, metric.key)
            tables.append(
                {
                    "key": metric.key,
                    "label": str(metric.label),
                    "formula": str(metric.formula),
                    "rows": [
                        {
                            "month": month_year(month),
                            "cells": [metric_value(metric.key, value, currency) for value in cells],
                            "total": metric_value(metric.key, total, currency),
                        }
                        for month, cells, total in rows
                    ],
                    "totals": [metric_value(metric.key, value, currency) for value in column_totals],
                    "total": metric_value(metric.key, grand, currency),
                }
            )
    stored = snapshot.get("plan", {})
    audience = to_decimal(stored.get("audience"))
    return {
        "kpis": kpi_rows,
        "goal_checks": [
            display.goal_row(TargetCheck.from_dict(row), plan, currency) for row in stored.get("goal_checks", [])
        ],
        "audience": number(audience) if audience else "",
        "scenario": stored.get("scenario") or "",
        "scenarios": scenario_table(stored.get("scenarios", []), currency),
        "audience_estimated": stored.get("audience_basis") == "estimated",
        "platforms": [platform_label(p) for p in plan.platforms],
        "by_platform": by_platform,
        "tables": tables,
        "definitions": [{"label": str(m.label), "formula": str(m.formula)} for m in shown],
        "charts": [start_chart(plan_charts.monthly_results(plan)), start_chart(plan_charts.platform_contribution(plan))]
        if not plan.is_empty
        else [],
    }


def scenario_table(columns: list[dict], currency: str) -> dict | None:
    """The scenarios side by side, the plan marked (a column per scenario, the stages as typed first)."""
    if not columns:
        return None
    keys = ("monthly_budget", *SCENARIO_FIGURES)
    rows = []
    for key in keys:
        label = _("Monthly budget") if key == "monthly_budget" else str(FORECAST_BY_KEY[key].label)
        kind = "money" if key == "monthly_budget" else display.kind_of(key)
        rows.append({"label": label, "cells": [numbers.figure(kind, c["figures"].get(key), currency) for c in columns]})
    has_plan = any(c["is_plan"] for c in columns)
    heads = [
        {
            "name": c["name"] or _("As the stages say"),
            "plan": c["is_plan"] or (not c["name"] and not has_plan),
            "detail": _("budget %(b)s, posting %(p)s")
            % {"b": numbers.rate(c["budget_percent"], 1), "p": numbers.rate(c["posts_percent"], 1)},
        }
        for c in columns
    ]
    return {"heads": heads, "rows": rows}


def labels() -> dict[str, str]:
    """Column and field names shared with the wizard: the models' own verbose names."""
    fields = {
        "avg_reach": (OwnAccount, "avg_reach"),
        "what_works": (OwnAccount, "what_works"),
        "strengths": (Competitor, "strengths"),
        "gaps": (Competitor, "gaps"),
        "formats": (CompetitorAccount, "formats"),
        "likes": (CompetitorAccount, "avg_likes"),
        "comments": (CompetitorAccount, "avg_comments"),
        "shares": (CompetitorAccount, "avg_shares"),
        "product": (Strategy, "product"),
        "market": (Strategy, "market"),
        "geography": (Strategy, "geography"),
        "next_review": (Strategy, "next_review_date"),
        "review_notes": (Strategy, "review_notes"),
        "rationale": (StrategyPlatform, "rationale"),
        "profile": (StrategyPlatform, "profile_description"),
        "links": (StrategyPlatform, "links"),
        "handle": (StrategyPlatform, "handle"),
        "account": (StrategyPlatform, "account_status"),
        "format": (ContentPlanItem, "format"),
        "pillar": (ContentPillar, "name"),
        "pillar_description": (ContentPillar, "description"),
        "deadline": (SmartGoal, "deadline"),
    }
    return {key: field_label(model, name) for key, (model, name) in fields.items()}


def key_figures(plan: Plan, currency: str) -> list[dict]:
    totals = plan.grand_total() if not plan.is_empty else {}
    return [
        {
            "label": str(FORECAST_BY_KEY[key].label),
            "value": metric_value(key, totals.get(key), currency),
            "formula": str(FORECAST_BY_KEY[key].formula),
        }
        for key in KEY_FIGURES
        if key in totals or not totals
    ]
