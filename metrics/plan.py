"""The plan as people read it: month × platform tables, totals and KPI figures.

Built from stored targets (or from a fresh forecast for what-if), with no ORM
inside, so the page, the PDF and the benchmarks share it.

Additive figures (posts, clicks, leads, spend…) are summed; rates and costs are
recomputed from their parts; people reached (unique) is never summed: months
and platforms are combined by the random-duplication model (metrics.forecast).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .forecast import ADDITIVE, RATIOS, ZERO, combine, ratios, reach_curve

# Method v1 stored "reach" as organic + paid reach added up, and its costs on all spend:
# read under v2 they are the total reach and the all-in costs.
LEGACY_KEYS = {"reach": "total_reach", "cpl": "cpl_all_in", "cpc": "cpc_all_in", "cpe": "cpe_all_in"}
RATE_KEYS = {"er_reach", "er_paid", "ctr", "cpl", "cpl_all_in", "cpc", "cpc_all_in", "cpe", "cpe_all_in"}


def upgrade_values(values: dict, version: int) -> dict:
    if version >= 2:
        return values
    return {LEGACY_KEYS.get(key, key): value for key, value in values.items()}


@dataclass
class Plan:
    platforms: list[str]
    months: int
    start: dt.date
    # values[platform][month] = {metric: value}, months counted from 1
    values: dict[str, dict[int, dict[str, Decimal]]]
    manual: set[tuple[str, int, str]]

    @classmethod
    def from_targets(cls, rows, *, platforms, months, start) -> Plan:
        """From stored TargetMonth rows; values set by hand replace the forecast."""
        values: dict[str, dict[int, dict[str, Decimal]]] = {p: {} for p in platforms}
        manual = set()
        for row in rows:
            if row.platform not in values or row.month > months:
                continue
            values[row.platform][row.month] = row.values()
            manual.update((row.platform, row.month, metric) for metric in row.manual)
        return cls(list(platforms), months, start, values, manual)

    @classmethod
    def from_snapshot(cls, plan: dict, *, start: dt.date) -> Plan:
        """From the ``plan`` part of a document snapshot (documents.snapshot); a v1 snapshot reads as v1 meant it."""
        version = plan.get("forecast_version", 1)
        values: dict[str, dict[int, dict[str, Decimal]]] = {p: {} for p in plan["platforms"]}
        manual = set()
        for row in plan["rows"]:
            if row["platform"] in values:
                cells = upgrade_values({k: Decimal(v) for k, v in row["values"].items()}, version)
                values[row["platform"]][row["month"]] = cells
                names = upgrade_values(dict.fromkeys(row["manual"]), version)
                manual.update((row["platform"], row["month"], metric) for metric in names)
        return cls(list(plan["platforms"]), plan["months"], start, values, manual)

    @classmethod
    def from_forecast(cls, results, *, months, start) -> Plan:
        values = {
            platform: {
                index: {k: getattr(cell, "value", cell) for k, cell in cells.items()}
                for index, cells in enumerate(rows, 1)
            }
            for platform, rows in results.items()
        }
        return cls(list(results), months, start, values, set())

    @property
    def is_empty(self) -> bool:
        return not any(self.values.values())

    def month_label(self, month: int) -> dt.date:
        year, index = divmod(self.start.month - 1 + month - 1, 12)
        return dt.date(self.start.year + year, index + 1, 1)

    def month_of(self, day: dt.date) -> int:
        """The month of the strategy a date falls in, kept within the period."""
        index = (day.year - self.start.year) * 12 + day.month - self.start.month + 1
        return min(max(index, 1), self.months)

    def cell(self, platform: str, month: int, metric: str) -> Decimal | None:
        return self.values.get(platform, {}).get(month, {}).get(metric)

    def rows(self, platforms=None, months=None) -> list[dict[str, Decimal]]:
        months = months or range(1, self.months + 1)
        return [self.values[p][m] for p in (platforms or self.platforms) for m in months if m in self.values.get(p, {})]

    def figures(self, platforms=None, months=None) -> dict[str, Decimal]:
        """Every figure for a set of platforms (all) over a range of months (the period)."""
        platforms = list(platforms or self.platforms)
        months = list(months or range(1, self.months + 1))
        rows = self.rows(platforms, months)
        summed = {key: sum((row.get(key, ZERO) for row in rows), ZERO) for key in ADDITIVE}
        if not any(key in row for row in rows for key in ("spend", "posts")):
            return {}
        out = {**summed, **ratios(summed)}
        people = self._people(platforms, months)
        if people is not None:
            out["unique_reach"] = people
        out.update(self._stock_figures(platforms, months))
        return out

    def figure(self, key: str, platforms=None, months=None) -> Decimal | None:
        """One figure of ``figures``, computing only what it needs (the goal search asks for one at a time)."""
        platforms = list(platforms or self.platforms)
        months = list(months or range(1, self.months + 1))
        rows = self.rows(platforms, months)
        if not rows:
            return None
        if key in ADDITIVE:
            return sum((row.get(key, ZERO) for row in rows), ZERO)
        if key in RATIOS:
            numerator, denominator, _scale = RATIOS[key]
            parts = {name: sum((row.get(name, ZERO) for row in rows), ZERO) for name in (numerator, denominator)}
            return ratios(parts).get(key)
        if key == "unique_reach":
            return self._people(platforms, months)
        return self._stock_figures(platforms, months).get(key)

    def _people(self, platforms: list[str], months: list[int]) -> Decimal | None:
        """People reached (unique) by these platforms in these months: each platform's organic and paid
        contacts over its pool, combined by Sainsbury's formula, never more than the months' people added up."""
        parts, audience, ceiling = [], ZERO, ZERO
        for platform in platforms:
            rows = [self.values[platform][m] for m in months if m in self.values.get(platform, {})]
            if not rows or "unique_reach" not in rows[0]:
                continue
            monthly = sum((row["unique_reach"] for row in rows), ZERO)
            audience = max(audience, rows[0].get("audience", ZERO))
            if len(rows) == 1:
                parts.append(rows[0]["unique_reach"])
            elif "audience" in rows[0]:
                pool = max(row["organic_pool"] for row in rows)
                organic = min(
                    reach_curve(sum((row["organic_reach"] for row in rows), ZERO), pool),
                    sum((row["organic_people"] for row in rows), ZERO),
                )
                paid = reach_curve(sum((row["paid_contacts"] for row in rows), ZERO), rows[0]["audience"])
                parts.append(min(combine(rows[0]["audience"], organic, paid), monthly))
            else:
                parts.append(monthly)
            ceiling += monthly
        if not parts:
            return None
        people = combine(audience, *parts) if audience else sum(parts, ZERO)
        return min(people, ceiling)

    def platform_total(self, platform: str) -> dict[str, Decimal]:
        return self.figures([platform])

    def month_total(self, month: int) -> dict[str, Decimal]:
        return self.figures(months=[month])

    def grand_total(self) -> dict[str, Decimal]:
        return self.figures()

    def _stock_figures(self, platforms: list[str], months: list[int]) -> dict[str, Decimal]:
        """Figures that are levels, not flows: followers at the start and at the end of the months, growth rate,
        and ER per post by followers (organic engagements per post over the followers at the start)."""
        start = end = ZERO
        first_month, last_month = min(months), max(months)
        for platform in platforms:
            cells = self.values.get(platform, {})
            first, last = cells.get(first_month), cells.get(last_month)
            if not first or not last:
                continue
            start += first.get("followers_end", ZERO) - first.get("net_followers", ZERO)
            end += last.get("followers_end", ZERO)
        rows = self.rows(platforms, months)
        posts = sum((row.get("posts", ZERO) for row in rows), ZERO)
        organic = sum((row.get("organic_engagements", row.get("engagements", ZERO)) for row in rows), ZERO)
        figures = {"followers_start": start, "followers_end": end}
        if start:
            figures["follower_growth_rate"] = (end - start) / start * 100
            if posts:
                figures["er_followers"] = organic / posts / start * 100
        return figures

    def table(self, metric: str) -> list[tuple[dt.date, list[Decimal | None], Decimal | None]]:
        rows = []
        for month in range(1, self.months + 1):
            cells = [self.cell(p, month, metric) for p in self.platforms]
            rows.append((self.month_label(month), cells, self.month_total(month).get(metric)))
        return rows

    def column_totals(self, metric: str) -> tuple[list[Decimal | None], Decimal | None]:
        if metric not in ADDITIVE and metric not in RATE_KEYS and metric not in {"followers_end", "unique_reach"}:
            return [None] * len(self.platforms), None
        return [self.platform_total(p).get(metric) for p in self.platforms], self.grand_total().get(metric)
