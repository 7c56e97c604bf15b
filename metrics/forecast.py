"""The target forecast, method v2: plain functions on plain data (no ORM), Decimal throughout.

For each platform and month of the strategy period (shared methodology, §5):

Organic (the brand's own posts)
  reach per post     = followers × organic reach rate (the audit's own, else competitors' median, else benchmark)
  organic post reach = reach per post × posts           (a sum over posts: "total post reach", not people)
  organic engagements = organic post reach × organic ER by reach
  organic link clicks = organic post reach × organic CTR
Paid (ads, influencers, seeding)
  paid impressions   = ads budget / CPM × 1000 + influencer and seeding budgets / cost per 1,000 views × 1000
  paid engagements   = paid impressions × ad ER by impressions;  paid clicks = paid impressions × ad CTR
People reached (unique), random-duplication model
  reach curve        = pool × (1 − e^(−contacts / pool))   (negative-exponential)
  organic people     = curve of organic post reach over the followers' pool (never above U)
  people reached by ads = curve of paid impressions / ad frequency over the addressable audience U
  people reached     = U × (1 − (1 − organic/U)(1 − paid/U))   (Sainsbury: independent parts of U)
  total reach        = organic post reach + monthly reach of the ads (people seen twice count twice)
Results and costs
  leads = link clicks × click-to-lead conversion, organic and paid apart
  CPL (ads) = paid spend / paid leads;  cost per lead, all-in = all spend / all leads (likewise CPC and CPE)
  followers grow by the people reached who do not follow yet × follow rate − followers × churn; next month
  starts from there.

Every value is returned with the inputs it was computed from (``explain=True``); the search for
the budget that reaches a goal runs the same function without them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

FORECAST_VERSION = 2
WEEKS_PER_MONTH = Decimal("4.345")  # 52.14 weeks / 12
HUNDRED = Decimal(100)
THOUSAND = Decimal(1000)
ZERO = Decimal(0)
ONE = Decimal(1)

# Budget kinds a platform's monthly spend is split into; the first three buy paid media.
PAID_KINDS = ("ads", "influencers", "seeding")
ALL_KINDS = (*PAID_KINDS, "community", "contests", "content")

# Stored per platform and month but never shown as a figure of their own: what the
# unique-reach model needs to combine months and platforms (Plan does so).
COMPONENT_KEYS = ("audience", "organic_pool", "organic_people", "paid_contacts")

# Totals over months or platforms: additive figures are summed, ratios recomputed from their parts.
ADDITIVE = {
    "posts",
    "organic_reach",
    "paid_impressions",
    "paid_reach",
    "total_reach",
    "impressions",
    "organic_engagements",
    "paid_engagements",
    "engagements",
    "organic_clicks",
    "paid_clicks",
    "link_clicks",
    "organic_leads",
    "paid_leads",
    "leads",
    "spend",
    "paid_spend",
    "net_followers",
    "mentions",
    "organic_people",
    "paid_contacts",
}
# ratio key -> (numerator, denominator, scale)
RATIOS = {
    "er_reach": ("organic_engagements", "organic_reach", HUNDRED),
    "er_paid": ("paid_engagements", "paid_impressions", HUNDRED),
    "ctr": ("link_clicks", "impressions", HUNDRED),
    "cpl": ("paid_spend", "paid_leads", ONE),
    "cpl_all_in": ("spend", "leads", ONE),
    "cpc": ("paid_spend", "paid_clicks", ONE),
    "cpc_all_in": ("spend", "link_clicks", ONE),
    "cpe": ("paid_spend", "paid_engagements", ONE),
    "cpe_all_in": ("spend", "engagements", ONE),
}
COST_KEYS = {key for key, (_n, _d, scale) in RATIOS.items() if scale == ONE}

# Where a rate came from, in the order the method prefers them.
AUDIT, COMPETITORS, BENCHMARK = "audit", "competitors", "benchmark"


@dataclass(frozen=True)
class PlatformPlan:
    platform: str
    followers: int
    posts_per_week: Decimal
    monthly_budget: dict[str, Decimal]  # kind -> amount per month
    benchmarks: dict[str, Decimal]  # key -> value (% as percent, money in the strategy currency)
    reach_rate: Decimal  # organic reach of one post, % of followers
    reach_basis: str  # audit / competitors / benchmark
    er_reach: Decimal  # organic ER by reach, %
    er_basis: str  # audit / competitors / benchmark
    # How an ER by followers was turned into this ER by reach: {"er_followers": …, "reach_rate": …}; {} if not.
    er_conversion: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ForecastInput:
    months: int
    platforms: tuple[PlatformPlan, ...]
    audience: Decimal = ZERO  # U, the addressable audience in people
    audience_basis: str = "typed"  # typed / estimated
    scenario: str = ""  # the name of the scenario these inputs were scaled by ("": as the stages say)
    version: int = FORECAST_VERSION  # part of the fingerprint: a new method recomputes stored targets

    def scaled(self, *, budget: Decimal | dict[str, Decimal] = ONE, posts: Decimal | dict[str, Decimal] = ONE):
        """The same plan with every budget line and posting frequency scaled (per platform where a dict)."""

        def factor(value, platform: str) -> Decimal:
            return value.get(platform, ONE) if isinstance(value, dict) else value

        return replace(
            self,
            platforms=tuple(
                replace(
                    plan,
                    monthly_budget={k: v * factor(budget, plan.platform) for k, v in plan.monthly_budget.items()},
                    posts_per_week=plan.posts_per_week * factor(posts, plan.platform),
                )
                for plan in self.platforms
            ),
        )

    @property
    def monthly_budget(self) -> Decimal:
        return sum((sum(p.monthly_budget.values(), ZERO) for p in self.platforms), ZERO)


@dataclass
class Cell:
    value: Decimal
    inputs: dict[str, str] = field(default_factory=dict)


def _q(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    return numerator / denominator if denominator else ZERO


def reach_curve(contacts: Decimal, pool: Decimal) -> Decimal:
    """People reached when ``contacts`` fall at random on a pool of people: pool × (1 − e^(−contacts/pool))."""
    if pool <= 0 or contacts <= 0:
        return ZERO
    return pool * (ONE - (-contacts / pool).exp())


def combine(audience: Decimal, *parts: Decimal) -> Decimal:
    """Sainsbury's formula: independent audiences of one population U reach U × (1 − Π(1 − part/U))."""
    if audience <= 0:
        return ZERO
    missed = ONE
    for part in parts:
        missed *= ONE - min(part, audience) / audience
    return audience * (ONE - missed)


def _s(value: Decimal, places: str = "0.01") -> str:
    return str(_q(value, places))


def forecast_platform(plan: PlatformPlan, months: int, audience: Decimal, *, explain: bool = True):
    b = plan.benchmarks
    followers = Decimal(plan.followers)
    posts = plan.posts_per_week * WEEKS_PER_MONTH
    budget = {kind: plan.monthly_budget.get(kind, ZERO) for kind in ALL_KINDS}
    spend = sum(budget.values(), ZERO)
    paid_spend = sum((budget[kind] for kind in PAID_KINDS), ZERO)
    ad_impressions = _ratio(budget["ads"], b["cpm"]) * THOUSAND
    influencer_views = _ratio(budget["influencers"], b["influencer_cpv"]) * THOUSAND
    seeding_views = _ratio(budget["seeding"], b["seeding_cpv"]) * THOUSAND
    paid_impressions = ad_impressions + influencer_views + seeding_views
    paid_contacts = _ratio(paid_impressions, b["frequency"])
    paid_people = reach_curve(paid_contacts, audience)
    paid_engagements = paid_impressions * b["ad_er"] / HUNDRED
    paid_clicks = paid_impressions * b["ctr"] / HUNDRED
    paid_leads = paid_clicks * b["click_to_lead"] / HUNDRED
    reach_rate, er_reach = plan.reach_rate, plan.er_reach
    rows: list[dict] = []
    for _month in range(months):
        reach_per_post = followers * reach_rate / HUNDRED
        organic_reach = reach_per_post * posts
        pool = min(audience, max(followers, reach_per_post)) if audience else max(followers, reach_per_post)
        organic_people = reach_curve(organic_reach, pool)
        unique = combine(audience, organic_people, paid_people) if audience else organic_people + paid_people
        organic_engagements = organic_reach * er_reach / HUNDRED
        organic_clicks = organic_reach * b["organic_ctr"] / HUNDRED
        organic_leads = organic_clicks * b["click_to_lead"] / HUNDRED
        # People reached who do not follow yet: every person reached but the followers among the organic ones.
        newcomers = max(unique - min(organic_people, followers), ZERO)
        net = newcomers * b["follow_rate"] / HUNDRED - followers * b["churn"] / HUNDRED
        end = max(followers + net, ZERO)
        values = {
            "posts": posts,
            "reach_per_post": reach_per_post,
            "organic_reach": organic_reach,
            "paid_impressions": paid_impressions,
            "paid_reach": paid_people,
            "total_reach": organic_reach + paid_people,
            "unique_reach": unique,
            "impressions": organic_reach + paid_impressions,
            "organic_engagements": organic_engagements,
            "paid_engagements": paid_engagements,
            "engagements": organic_engagements + paid_engagements,
            "organic_clicks": organic_clicks,
            "paid_clicks": paid_clicks,
            "link_clicks": organic_clicks + paid_clicks,
            "organic_leads": organic_leads,
            "paid_leads": paid_leads,
            "leads": organic_leads + paid_leads,
            "spend": spend,
            "paid_spend": paid_spend,
            "net_followers": net,
            "followers_end": end,
            "mentions": unique / THOUSAND * b["mention_rate"],
            "audience": audience,
            "organic_pool": pool,
            "organic_people": organic_people,
            "paid_contacts": paid_contacts,
        }
        if explain:  # bare rows (the goal search) leave rates and costs to the totals, which recompute them
            values.update(ratios(values))
            rows.append(_explain(plan, values, followers, budget))
        else:
            rows.append(values)
        followers = end
    return rows


def ratios(values: dict[str, Decimal]) -> dict[str, Decimal]:
    """The rates and costs of a set of additive figures; a cost per result is absent where there is no result."""
    out = {}
    for key, (numerator, denominator, scale) in RATIOS.items():
        base = values.get(denominator, ZERO)
        if scale == ONE and _q(base) <= 0:  # no result, no cost per result
            continue
        if scale == HUNDRED and base <= 0:
            continue
        out[key] = values.get(numerator, ZERO) / base * scale
    return out


def _explain(plan: PlatformPlan, v: dict[str, Decimal], followers: Decimal, budget: dict[str, Decimal]) -> dict:
    b = plan.benchmarks
    f = {"followers": _s(followers, "1")}
    paid_inputs = {
        "ads_budget": str(budget["ads"]),
        "cpm": str(b["cpm"]),
        "influencer_budget": str(budget["influencers"]),
        "influencer_cpv": str(b["influencer_cpv"]),
        "seeding_budget": str(budget["seeding"]),
        "seeding_cpv": str(b["seeding_cpv"]),
    }
    er_inputs = {"er_reach": str(plan.er_reach), "er_basis": plan.er_basis, **plan.er_conversion}
    inputs = {
        "posts": {"posts_per_week": str(plan.posts_per_week), "weeks": str(WEEKS_PER_MONTH)},
        "reach_per_post": {**f, "organic_reach_rate": str(plan.reach_rate), "reach_basis": plan.reach_basis},
        "organic_reach": {"reach_per_post": _s(v["reach_per_post"]), "posts": _s(v["posts"])},
        "paid_impressions": paid_inputs,
        "paid_reach": {
            "paid_impressions": _s(v["paid_impressions"], "1"),
            "frequency": str(b["frequency"]),
            "audience": _s(v["audience"], "1"),
        },
        "total_reach": {"organic_reach": _s(v["organic_reach"], "1"), "paid_reach": _s(v["paid_reach"], "1")},
        "unique_reach": {
            "organic_reach": _s(v["organic_reach"], "1"),
            "organic_pool": _s(v["organic_pool"], "1"),
            "organic_people": _s(v["organic_people"], "1"),
            "paid_reach": _s(v["paid_reach"], "1"),
            "audience": _s(v["audience"], "1"),
        },
        "impressions": {
            "organic_reach": _s(v["organic_reach"], "1"),
            "paid_impressions": _s(v["paid_impressions"], "1"),
        },
        "organic_engagements": {"organic_reach": _s(v["organic_reach"], "1"), **er_inputs},
        "paid_engagements": {"paid_impressions": _s(v["paid_impressions"], "1"), "ad_er": str(b["ad_er"])},
        "engagements": {
            "organic_engagements": _s(v["organic_engagements"]),
            "paid_engagements": _s(v["paid_engagements"]),
        },
        "er_reach": er_inputs,
        "er_paid": {"ad_er": str(b["ad_er"])},
        "organic_clicks": {"organic_reach": _s(v["organic_reach"], "1"), "organic_ctr": str(b["organic_ctr"])},
        "paid_clicks": {"paid_impressions": _s(v["paid_impressions"], "1"), "ctr": str(b["ctr"])},
        "link_clicks": {"organic_clicks": _s(v["organic_clicks"]), "paid_clicks": _s(v["paid_clicks"])},
        "ctr": {"link_clicks": _s(v["link_clicks"]), "impressions": _s(v["impressions"], "1")},
        "organic_leads": {"organic_clicks": _s(v["organic_clicks"]), "click_to_lead": str(b["click_to_lead"])},
        "paid_leads": {"paid_clicks": _s(v["paid_clicks"]), "click_to_lead": str(b["click_to_lead"])},
        "leads": {"organic_leads": _s(v["organic_leads"]), "paid_leads": _s(v["paid_leads"])},
        "spend": {kind: str(budget[kind]) for kind in ALL_KINDS},
        "paid_spend": {kind: str(budget[kind]) for kind in PAID_KINDS},
        "net_followers": {
            **f,
            "unique_reach": _s(v["unique_reach"], "1"),
            "follow_rate": str(b["follow_rate"]),
            "churn": str(b["churn"]),
        },
        "followers_end": {**f, "net_followers": _s(v["net_followers"])},
        "mentions": {"unique_reach": _s(v["unique_reach"], "1"), "mention_rate": str(b["mention_rate"])},
    }
    for key, (numerator, denominator, _scale) in RATIOS.items():
        if key not in inputs:
            inputs[key] = {numerator: _s(v[numerator]), denominator: _s(v[denominator])}
    return {key: Cell(_q(value), inputs.get(key, {})) for key, value in v.items()}


def forecast(data: ForecastInput, *, explain: bool = True) -> dict[str, list]:
    """Platform -> one dict per month: of Cells (``explain``) or of bare Decimals."""
    return {
        plan.platform: forecast_platform(plan, data.months, data.audience, explain=explain) for plan in data.platforms
    }


def median(values: list[Decimal]) -> Decimal | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
