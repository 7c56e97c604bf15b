"""Default benchmarks per platform, each with its source and year.

Plain data. An agency overrides any value (BenchmarkOverride); what its
strategies use is the default merged with its overrides. Published figures are
labelled with their publication; everything else is a planning assumption,
said so in its source, for the agency to replace with its own data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

ASSUMPTION = _("Planning assumption (SMM Strategy Planner defaults)")
RIVAL_IQ_2022 = "Rival IQ, Social Media Industry Benchmark Report 2022: median ER per post by followers"
# xgettext:no-python-format
TELEGRAM_MARKET = _("Russian-market usage (TGStat): a view rate of 0.5–3 % is average; planning value")
ASSUMPTION_YEAR = 2026


@dataclass(frozen=True)
class BenchmarkKey:
    key: str
    label: str
    unit: str
    money: bool = False
    help: str = ""


KEYS: tuple[BenchmarkKey, ...] = (
    BenchmarkKey("organic_reach_rate", _("Organic reach rate"), "%", help=_("share of followers one post reaches")),
    BenchmarkKey("er_followers", _("ER per post by followers"), "%"),
    BenchmarkKey(
        "er_reach", _("ER by reach (ERR), organic posts"), "%", help=_("engagements per person a post reaches")
    ),
    BenchmarkKey("ad_er", _("ER by impressions, ads"), "%", help=_("engagements per ad impression: a colder audience")),
    BenchmarkKey("organic_ctr", _("CTR (link), organic posts"), "%", help=_("link clicks per post view")),
    BenchmarkKey("cpm", _("CPM, targeted ads"), "", money=True, help=_("cost per 1,000 impressions")),
    BenchmarkKey("frequency", _("Ad frequency"), "×", help=_("impressions per person reached in a month")),
    BenchmarkKey("ctr", _("CTR (link), ads"), "%", help=_("link clicks per paid impression")),
    BenchmarkKey("cpc", _("CPC"), "", money=True, help=_("cost per link click, for comparison")),
    BenchmarkKey("click_to_lead", _("Click-to-lead conversion"), "%"),
    BenchmarkKey("influencer_cpv", _("Influencer cost per 1,000 views"), "", money=True),
    BenchmarkKey("seeding_cpv", _("Seeding cost per 1,000 views"), "", money=True),
    BenchmarkKey("follow_rate", _("Follow rate"), "%", help=_("share of people reached who follow")),
    BenchmarkKey("churn", _("Monthly unfollow rate"), "%"),
    BenchmarkKey("mention_rate", _("Mentions per 1,000 reached"), ""),
)
BY_KEY = {k.key: k for k in KEYS}
MONEY_KEYS = {k.key for k in KEYS if k.money}


# Per platform: values in % or plain numbers; money in USD, converted below.
def _row(values: str) -> dict[str, str]:
    keys = (
        "organic_reach_rate",
        "er_followers",
        "er_reach",
        "cpm",
        "frequency",
        "ctr",
        "cpc",
        "click_to_lead",
        "influencer_cpv",
        "seeding_cpv",
        "follow_rate",
        "churn",
        "mention_rate",
        "ad_er",
        "organic_ctr",
    )
    return dict(zip(keys, values.split(), strict=True))


_PLATFORM_VALUES: dict[str, dict[str, str]] = {
    #              reach ER/f   ERR  CPM    freq adCTR CPC   c→l  infl   seed   follow churn mentn adER  orgCTR
    "instagram": _row("12    0.47   3.0  7.00   2.0  0.90  0.80  2.5  12.00  6.00   0.40  1.0  0.30  0.60  0.30"),
    "facebook": _row("5     0.06   1.5  8.00   2.0  0.90  0.85  2.5  10.00  5.00   0.20  0.8  0.20  0.40  0.30"),
    "vk": _row("10    0.50   2.0  2.50   2.5  0.60  0.40  2.0  5.00   2.50   0.30  1.0  0.30  0.50  0.30"),
    "ok": _row("8     0.40   1.5  2.00   2.5  0.50  0.40  2.0  4.00   2.00   0.20  0.8  0.20  0.40  0.20"),
    "tiktok": _row("30    5.69   5.0  6.00   1.5  0.80  0.90  1.5  8.00   4.00   0.50  1.5  0.20  1.00  0.10"),
    "youtube": _row("10    1.00   3.0  9.00   1.5  0.50  1.20  2.0  20.00  8.00   0.30  0.5  0.20  0.50  0.30"),
    "linkedin": _row("8     0.60   2.0  30.00  2.0  0.50  5.50  4.0  40.00  15.00  0.30  0.5  0.20  0.40  0.40"),
    "x": _row("5     0.035  1.0  6.00   2.0  0.80  0.70  1.5  8.00   4.00   0.20  1.0  0.40  0.30  0.30"),
    "telegram": _row("30    0.80   2.0  4.00   2.0  0.40  0.80  2.0  10.00  5.00   0.20  1.0  0.20  0.10  0.80"),
}

# Fixed planning rates to turn the USD money defaults into each strategy currency.
USD_RATES = {
    "USD": Decimal("1"),
    "EUR": Decimal("0.92"),
    "RUB": Decimal("90"),
    "KZT": Decimal("480"),
    "BYN": Decimal("3.2"),
}

_PUBLISHED_ER = {"instagram", "facebook", "tiktok", "x"}


@dataclass(frozen=True)
class BenchmarkValue:
    value: Decimal
    source: str  # may be a lazy translation
    year: int
    overridden: bool = False


def default_benchmarks(currency: str) -> dict[tuple[str, str], BenchmarkValue]:
    rate = USD_RATES.get(currency, Decimal("1"))
    table: dict[tuple[str, str], BenchmarkValue] = {}
    for platform, values in _PLATFORM_VALUES.items():
        for key, raw in values.items():
            value = Decimal(raw)
            source, year = ASSUMPTION, ASSUMPTION_YEAR
            if key in MONEY_KEYS:
                value = (value * rate).quantize(Decimal("0.01"))
                if currency != "USD":
                    source = format_lazy(
                        _("{assumption}; USD value at 1 USD = {rate} {currency}"),
                        assumption=ASSUMPTION,
                        rate=rate,
                        currency=currency,
                    )
            elif key == "er_followers" and platform in _PUBLISHED_ER:
                source, year = RIVAL_IQ_2022, 2022
            elif platform == "telegram" and key == "organic_reach_rate":
                source = TELEGRAM_MARKET
            table[(platform, key)] = BenchmarkValue(value, source, year)
    return table


# What producing one piece of content costs, in USD, by format: the health check
# compares the content budget with the posting plan.
CONTENT_COST_PER_POST_USD = {
    "photo": Decimal("25"),
    "carousel": Decimal("40"),
    "video": Decimal("150"),
    "short_video": Decimal("60"),
    "stories": Decimal("10"),
    "live": Decimal("50"),
    "podcast": Decimal("200"),
    "longread": Decimal("60"),
    "text": Decimal("15"),
}


def content_cost_per_post(format_key: str, currency: str) -> Decimal:
    return CONTENT_COST_PER_POST_USD[format_key] * USD_RATES.get(currency, Decimal(1))
