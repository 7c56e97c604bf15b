"""The target forecast: plain functions on plain data (no ORM), Decimal throughout.

For each platform and month of the strategy period (method, §5):
  organic reach   = followers × organic reach rate × posts
  paid impressions = ads budget / CPM × 1000 + influencer and seeding views
  paid reach       = paid impressions / frequency
  engagements      = ER by reach × reach
  link clicks      = CTR × impressions;  leads = clicks × click-to-lead conversion
  CPL = spend / leads;  CPE = spend / engagements;  CPC = spend / clicks
  followers grow by reach × follow rate − followers × churn, which feeds the next month.
Every value is returned with the inputs it was computed from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

WEEKS_PER_MONTH = Decimal("4.345")  # 52.14 weeks / 12
HUNDRED = Decimal(100)
THOUSAND = Decimal(1000)
ZERO = Decimal(0)

# Budget kinds a platform's monthly spend is split into.
PAID_KINDS = ("ads", "influencers", "seeding")
ALL_KINDS = (*PAID_KINDS, "community", "contests", "content")

METRIC_KEYS = (
    "posts",
    "organic_reach",
    "paid_impressions",
    "paid_reach",
    "reach",
    "impressions",
    "engagements",
    "er_reach",
    "link_clicks",
    "ctr",
    "leads",
    "spend",
    "cpl",
    "cpe",
    "cpc",
    "net_followers",
    "followers_end",
    "mentions",
)
# Totals over months or platforms: additive metrics are summed, the rest recomputed.
ADDITIVE = {
    "posts",
    "organic_reach",
    "paid_impressions",
    "paid_reach",
    "reach",
    "impressions",
    "engagements",
    "link_clicks",
    "leads",
    "spend",
    "net_followers",
    "mentions",
}


@dataclass(frozen=True)
class PlatformPlan:
    platform: str
    followers: int
    posts_per_week: Decimal
    monthly_budget: dict[str, Decimal]  # kind -> amount per month
    benchmarks: dict[str, Decimal]  # key -> value (% as percent, money in the strategy currency)
    er_reach: Decimal  # the ER by reach aimed at, in %
    er_reach_basis: str  # "benchmark" or "competitors"


@dataclass(frozen=True)
class ForecastInput:
    months: int
    platforms: tuple[PlatformPlan, ...]
    version: int = 1  # bump when a formula changes, so fingerprints change too


@dataclass
class Cell:
    value: Decimal
    inputs: dict[str, str] = field(default_factory=dict)


def _q(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    return numerator / denominator if denominator else ZERO


def forecast_platform(plan: PlatformPlan, months: int) -> list[dict[str, Cell]]:
    b = plan.benchmarks
    followers = Decimal(plan.followers)
    posts = plan.posts_per_week * WEEKS_PER_MONTH
    budget = {kind: plan.monthly_budget.get(kind, ZERO) for kind in ALL_KINDS}
    spend = sum(budget.values(), ZERO)
    ad_impressions = _ratio(budget["ads"], b["cpm"]) * THOUSAND
    influencer_views = _ratio(budget["influencers"], b["influencer_cpv"]) * THOUSAND
    seeding_views = _ratio(budget["seeding"], b["seeding_cpv"]) * THOUSAND
    paid_impressions = ad_impressions + influencer_views + seeding_views
    paid_reach = _ratio(paid_impressions, b["frequency"])
    rows: list[dict[str, Cell]] = []
    for _month in range(months):
        organic_reach = followers * b["organic_reach_rate"] / HUNDRED * posts
        reach = organic_reach + paid_reach
        impressions = organic_reach + paid_impressions
        engagements = plan.er_reach / HUNDRED * reach
        clicks = b["ctr"] / HUNDRED * impressions
        leads = clicks * b["click_to_lead"] / HUNDRED
        net = reach * b["follow_rate"] / HUNDRED - followers * b["churn"] / HUNDRED
        end = max(followers + net, ZERO)
        mentions = reach / THOUSAND * b["mention_rate"]
        f = {"followers": str(_q(followers, "1")), "posts": str(_q(posts, "0.1"))}
        rows.append(
            {
                "posts": Cell(
                    _q(posts, "0.1"), {"posts_per_week": str(plan.posts_per_week), "weeks": str(WEEKS_PER_MONTH)}
                ),
                "organic_reach": Cell(
                    _q(organic_reach, "1"), {**f, "organic_reach_rate": str(b["organic_reach_rate"])}
                ),
                "paid_impressions": Cell(
                    _q(paid_impressions, "1"),
                    {
                        "ads_budget": str(budget["ads"]),
                        "cpm": str(b["cpm"]),
                        "influencer_budget": str(budget["influencers"]),
                        "influencer_cpv": str(b["influencer_cpv"]),
                        "seeding_budget": str(budget["seeding"]),
                        "seeding_cpv": str(b["seeding_cpv"]),
                    },
                ),
                "paid_reach": Cell(
                    _q(paid_reach, "1"),
                    {"paid_impressions": str(_q(paid_impressions, "1")), "frequency": str(b["frequency"])},
                ),
                "reach": Cell(
                    _q(reach, "1"),
                    {"organic_reach": str(_q(organic_reach, "1")), "paid_reach": str(_q(paid_reach, "1"))},
                ),
                "impressions": Cell(
                    _q(impressions, "1"),
                    {"organic_reach": str(_q(organic_reach, "1")), "paid_impressions": str(_q(paid_impressions, "1"))},
                ),
                "engagements": Cell(
                    _q(engagements, "1"),
                    {"er_reach": str(plan.er_reach), "er_basis": plan.er_reach_basis, "reach": str(_q(reach, "1"))},
                ),
                "er_reach": Cell(_q(plan.er_reach), {"er_basis": plan.er_reach_basis}),
                "link_clicks": Cell(_q(clicks, "1"), {"ctr": str(b["ctr"]), "impressions": str(_q(impressions, "1"))}),
                "ctr": Cell(_q(b["ctr"]), {}),
                "leads": Cell(
                    _q(leads, "0.1"), {"link_clicks": str(_q(clicks, "1")), "click_to_lead": str(b["click_to_lead"])}
                ),
                "spend": Cell(_q(spend), {kind: str(budget[kind]) for kind in ALL_KINDS}),
                "net_followers": Cell(
                    _q(net, "1"),
                    {**f, "reach": str(_q(reach, "1")), "follow_rate": str(b["follow_rate"]), "churn": str(b["churn"])},
                ),
                "followers_end": Cell(_q(end, "1"), {**f, "net_followers": str(_q(net, "1"))}),
                "mentions": Cell(
                    _q(mentions, "1"), {"reach": str(_q(reach, "1")), "mention_rate": str(b["mention_rate"])}
                ),
            }
        )
        # A cost per result only exists where there is a result: no leads, no CPL.
        costs = {
            "cpl": (leads, "0.1", {"spend": str(_q(spend)), "leads": str(_q(leads, "0.1"))}),
            "cpe": (engagements, "1", {"spend": str(_q(spend)), "engagements": str(_q(engagements, "1"))}),
            "cpc": (
                clicks,
                "1",
                {"spend": str(_q(spend)), "link_clicks": str(_q(clicks, "1")), "benchmark_cpc": str(b["cpc"])},
            ),
        }
        for key, (denominator, shown_as, inputs) in costs.items():
            if _q(denominator, shown_as):  # as displayed: a result of 0.0 is no result
                rows[-1][key] = Cell(_q(spend / denominator), inputs)
        followers = end
    return rows


def forecast(data: ForecastInput) -> dict[str, list[dict[str, Cell]]]:
    """Platform -> one dict of cells per month."""
    return {plan.platform: forecast_platform(plan, data.months) for plan in data.platforms}


def total(values: dict[str, Decimal]) -> dict[str, Decimal]:
    """Recompute the ratio metrics of a total from its additive parts (absent where undefined)."""
    out = dict(values)
    ratios = {
        "er_reach": ("engagements", "reach", HUNDRED),
        "ctr": ("link_clicks", "impressions", HUNDRED),
        "cpl": ("spend", "leads", Decimal(1)),
        "cpe": ("spend", "engagements", Decimal(1)),
        "cpc": ("spend", "link_clicks", Decimal(1)),
    }
    for key, (numerator, denominator, scale) in ratios.items():
        out.pop(key, None)
        if values.get(denominator):
            out[key] = _q(values.get(numerator, ZERO) / values[denominator] * scale)
    return out


def sum_rows(rows: list[dict[str, Decimal]]) -> dict[str, Decimal]:
    summed = {key: sum((row.get(key, ZERO) for row in rows), ZERO) for key in ADDITIVE}
    return total(summed)


def median(values: list[Decimal]) -> Decimal | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
