"""The plan as people read it: month × platform tables, totals and KPI figures.

Built from stored targets (or from a fresh forecast for what-if), with no ORM
inside, so the page, the PDF and the benchmarks share it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .forecast import ADDITIVE, ZERO, _q, sum_rows


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
        """From the ``plan`` part of a document snapshot (documents.snapshot)."""
        values: dict[str, dict[int, dict[str, Decimal]]] = {p: {} for p in plan["platforms"]}
        manual = set()
        for row in plan["rows"]:
            if row["platform"] in values:
                values[row["platform"]][row["month"]] = {k: Decimal(v) for k, v in row["values"].items()}
                manual.update((row["platform"], row["month"], metric) for metric in row["manual"])
        return cls(list(plan["platforms"]), plan["months"], start, values, manual)

    @classmethod
    def from_forecast(cls, results, *, months, start) -> Plan:
        values = {
            platform: {index: {k: cell.value for k, cell in cells.items()} for index, cells in enumerate(rows, 1)}
            for platform, rows in results.items()
        }
        return cls(list(results), months, start, values, set())

    @property
    def is_empty(self) -> bool:
        return not any(self.values.values())

    def month_label(self, month: int) -> dt.date:
        year, index = divmod(self.start.month - 1 + month - 1, 12)
        return dt.date(self.start.year + year, index + 1, 1)

    def cell(self, platform: str, month: int, metric: str) -> Decimal | None:
        return self.values.get(platform, {}).get(month, {}).get(metric)

    def platform_total(self, platform: str) -> dict[str, Decimal]:
        rows = list(self.values.get(platform, {}).values())
        totals = sum_rows(rows)
        totals.update(self._stock_figures([platform]))
        return totals

    def month_total(self, month: int) -> dict[str, Decimal]:
        return sum_rows([self.values[p].get(month, {}) for p in self.platforms])

    def grand_total(self) -> dict[str, Decimal]:
        totals = sum_rows([row for p in self.platforms for row in self.values[p].values()])
        totals.update(self._stock_figures(self.platforms))
        return totals

    def _stock_figures(self, platforms: list[str]) -> dict[str, Decimal]:
        """Figures that are levels, not flows: followers at the start and end, growth rate."""
        start = end = ZERO
        for platform in platforms:
            months = self.values.get(platform, {})
            if not months:
                continue
            first, last = months.get(1, {}), months.get(max(months), {})
            start += first.get("followers_end", ZERO) - first.get("net_followers", ZERO)
            end += last.get("followers_end", ZERO)
        posts = sum((row.get("posts", ZERO) for p in platforms for row in self.values.get(p, {}).values()), ZERO)
        engagements = sum(
            (row.get("engagements", ZERO) for p in platforms for row in self.values.get(p, {}).values()), ZERO
        )
        return {
            "followers_start": _q(start, "1"),
            "followers_end": _q(end, "1"),
            "follower_growth_rate": _q((end - start) / start * 100) if start else ZERO,
            "er_followers": _q(engagements / posts / start * 100) if posts and start else ZERO,
        }

    def table(self, metric: str) -> list[tuple[dt.date, list[Decimal | None], Decimal | None]]:
        rows = []
        for month in range(1, self.months + 1):
            cells = [self.cell(p, month, metric) for p in self.platforms]
            rows.append((self.month_label(month), cells, self.month_total(month).get(metric)))
        return rows

    def column_totals(self, metric: str) -> tuple[list[Decimal | None], Decimal | None]:
        if metric == "followers_end":
            per_platform = [self.platform_total(p).get("followers_end") for p in self.platforms]
            return per_platform, self.grand_total().get("followers_end")
        if metric not in ADDITIVE and metric not in {"er_reach", "ctr", "cpl", "cpe", "cpc"}:
            return [None] * len(self.platforms), None
        return [self.platform_total(p).get(metric) for p in self.platforms], self.grand_total().get(metric)
