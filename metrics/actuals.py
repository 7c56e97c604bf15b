"""Actual monthly figures per platform, read from CSV or XLSX with the same rules as post imports.

Columns: ``month`` (2027-03, 03.2027, 2027-03-01 or an Excel date), ``platform``,
and any of the forecast metrics (reach, impressions, engagements, link_clicks,
leads, spend, followers_end, mentions …). A file is stored whole or not at all;
importing a month again replaces its figures.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from competitors.importing import ImportRefused, read_table
from strategies.models import Strategy

from .catalogue import FORECAST_BY_KEY
from .models import Actual

MAX_ROWS = 5_000
TOO_LARGE = Decimal(10) ** (Actual._meta.get_field("value").max_digits - Actual._meta.get_field("value").decimal_places)
MONTH_HEADERS = {"month", "месяц", "период", "period"}
PLATFORM_HEADERS = {"platform", "площадка", "соцсеть", "network"}
PLATFORM_NAMES = {
    "instagram": "instagram", "инстаграм": "instagram", "facebook": "facebook", "фейсбук": "facebook",
    "vk": "vk", "вк": "vk", "вконтакте": "vk", "vkontakte": "vk", "ok": "ok", "одноклассники": "ok",
    "odnoklassniki": "ok", "tiktok": "tiktok", "тикток": "tiktok", "youtube": "youtube", "ютуб": "youtube",
    "linkedin": "linkedin", "x": "x", "twitter": "x", "x (twitter)": "x", "telegram": "telegram",
    "телеграм": "telegram",
}  # fmt: skip
METRIC_ALIASES = {
    **{key: key for key in FORECAST_BY_KEY},
    "reach": "unique_reach", "охват": "unique_reach", "суммарный охват": "total_reach", "показы": "impressions",
    "взаимодействия": "engagements", "клики": "link_clicks",
    "клики по ссылкам": "link_clicks", "лиды": "leads", "заявки": "leads", "расходы": "spend",
    "подписчики": "followers_end", "упоминания": "mentions", "публикации": "posts",
}  # fmt: skip


@dataclass
class ActualsResult:
    rows: int = 0
    stored: int = 0
    problems: list[dict] = field(default_factory=list)
    problem_count: int = 0


def _number(text: str) -> Decimal | None:
    cleaned = re.sub(r"[\s\u00a0]", "", text).replace("%", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", cleaned):
        cleaned = cleaned.replace(",", "")
    cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None  # NaN and Infinity are words, not figures


def _month(text: str, start: dt.date) -> int | None:
    text = text.strip()
    parsed = None
    for pattern in ("%Y-%m", "%m.%Y", "%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            parsed = dt.datetime.strptime(text, pattern).date()
            break
        except ValueError:
            continue
    if parsed is None:
        serial = _number(text)
        if serial is None or not 20_000 < serial < 80_000:
            return None
        parsed = (dt.datetime(1899, 12, 30) + dt.timedelta(days=int(serial))).date()
    return (parsed.year - start.year) * 12 + parsed.month - start.month + 1


def import_actuals(strategy: Strategy, file_obj, filename: str, *, max_problems: int = 100) -> ActualsResult:
    raw, headers = read_table(file_obj, filename)
    result = ActualsResult(rows=len(raw))
    if len(raw) > MAX_ROWS:
        raise ImportRefused(_("A file of actuals has at most %(n)s rows.") % {"n": MAX_ROWS})
    normalised = {h: h.strip().lower() for h in headers}
    month_col = next((h for h, n in normalised.items() if n in MONTH_HEADERS), None)
    platform_col = next((h for h, n in normalised.items() if n in PLATFORM_HEADERS), None)
    metric_cols = {h: METRIC_ALIASES[n] for h, n in normalised.items() if n in METRIC_ALIASES}
    if not month_col or not platform_col or not metric_cols:
        raise ImportRefused(
            _("The file needs a “month” column, a “platform” column and at least one metric column (e.g. reach).")
        )

    def problem(row: int, column: str, message: str) -> None:
        result.problem_count += 1
        if len(result.problems) < max_problems:
            result.problems.append({"row": row, "column": column, "message": message})

    chosen = set(strategy.chosen_platforms())
    cells: dict[tuple[str, int, str], Decimal] = {}
    for index, record in enumerate(raw.fillna("").astype(str).to_dict("records"), start=2):
        month = _month(record[month_col], strategy.start_date)
        platform = PLATFORM_NAMES.get(record[platform_col].strip().lower())
        if month is None:
            problem(index, month_col, _("not a month"))
        elif not 1 <= month <= strategy.period_months:
            problem(index, month_col, _("outside the strategy period"))
        if platform is None:
            problem(index, platform_col, _("unknown platform “%(value)s”") % {"value": record[platform_col]})
        elif platform not in chosen:
            problem(index, platform_col, _("not a platform of this strategy"))
        for header, metric in metric_cols.items():
            text = record[header].strip()
            if not text:
                continue
            value = _number(text)
            if value is None:
                problem(index, header, _("not a number"))
            elif value < 0:
                problem(index, header, _("negative number"))
            elif value >= TOO_LARGE:
                problem(index, header, _("number is too large"))
            elif month is not None and platform is not None:
                cells[(platform, month, metric)] = value
    if result.problem_count:
        return result
    with transaction.atomic():
        for (platform, month, metric), value in cells.items():
            Actual.objects.update_or_create(
                strategy=strategy, platform=platform, month=month, metric=metric, defaults={"value": value}
            )
    result.stored = len(cells)
    return result


def plan_vs_actual(plan, actuals: list[Actual], metric: str) -> list[dict]:
    """Month by month, all platforms together: plan, actual and % achieved for one metric."""
    measured: dict[int, Decimal] = {}
    for row in actuals:
        if row.metric == metric:
            measured[row.month] = measured.get(row.month, Decimal(0)) + row.value
    rows = []
    for month in range(1, plan.months + 1):
        planned = plan.month_total(month).get(metric)
        actual = measured.get(month)
        achieved = (actual / planned * 100).quantize(Decimal("0.1")) if actual is not None and planned else None
        rows.append({"month": plan.month_label(month), "plan": planned, "actual": actual, "achieved": achieved})
    return rows
