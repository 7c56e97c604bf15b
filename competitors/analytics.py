"""Figures of one account computed from its posts, and how the brand compares with its competitors.

Plain functions on pandas frames, no ORM: the worker, the pages and the benchmarks all
call them. Every figure names its formula (``figures["formulas"]``: figure → formula id,
``FORMULAS``: formula id → the definition to show next to the number), following
the shared methodology, §4. Rates are percentages (1.25 means 1.25 %).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from decimal import Decimal

import numpy as np
import pandas as pd
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

COUNTS = ("likes", "comments", "shares", "views", "reach", "followers_at_post")
ER_METRICS = ("er_by_followers", "er_by_reach", "er_by_views", "daily_er")
TOP_POSTS = 10
# Differences smaller than these are not worth a sentence.
MATERIAL_ER_DIFFERENCE = 20  # % of the competitors' median
MATERIAL_FREQUENCY_RATIO = 1.5
MATERIAL_FORMAT_RATIO = 2.0

FORMULAS = {
    "engagements": gettext_lazy("engagements = likes + comments + shares (a missing part counts as 0)"),
    "er_by_followers": gettext_lazy(
        "ER per post by followers = (likes + comments + shares) / followers when posted × 100; "
        "the mean over the posts with a follower count"
    ),
    "er_by_reach": gettext_lazy(
        "ER by reach (ERR) = engagements of a post / reach of that post × 100; the mean over the posts with reach"
    ),
    "er_by_views": gettext_lazy("ER by views = engagements / views × 100; the mean over the posts with views"),
    "daily_er": gettext_lazy(
        "daily ER = engagements in a day / followers × 100 (followers: the latest count that day); "
        "the mean over the days with posts"
    ),
    "posts_per_week": gettext_lazy("posts per week = posts / days in the period × 7"),
    "followers": gettext_lazy("followers = the follower count reported with the latest post"),
    "follower_growth": gettext_lazy(
        "audience growth rate = (followers at the last post − followers at the first post) / "
        "followers at the first post × 100"
    ),
    "format_mix": gettext_lazy("share of a format = posts of that format / all posts × 100"),
    "averages": gettext_lazy("mean and median per post, over the posts that report the figure"),
    "heatmap": gettext_lazy("mean engagements per post by weekday and hour of publication, in local time"),
    "share_of_voice": gettext_lazy("share of voice = brand mentions / (brand + competitor mentions) × 100"),
}
METRIC_NAMES = {
    "er_by_followers": gettext_lazy("ER per post by followers"),
    "er_by_reach": gettext_lazy("ER by reach (ERR)"),
    "er_by_views": gettext_lazy("ER by views"),
    "daily_er": gettext_lazy("daily ER"),
}


def formula_text(formula_id: str) -> str:
    return str(FORMULAS[formula_id])


def _float(value, places: int) -> float | None:
    if value is None or pd.isna(value):
        return None
    return round(float(value), places)


def _floats(values: pd.Series) -> np.ndarray:
    numbers = pd.to_numeric(values, errors="coerce")
    return pd.array(numbers, dtype="Float64").to_numpy(dtype="float64", na_value=np.nan)


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _local_bound(value, tz: str, *, end: bool) -> pd.Timestamp | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        stamp = pd.Timestamp(value).tz_localize(tz)
        return stamp + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1) if end else stamp
    stamp = pd.Timestamp(value)
    return stamp.tz_localize(tz) if stamp.tzinfo is None else stamp


def account_figures(posts: pd.DataFrame, *, start=None, end=None, tz: str | None = None) -> dict:
    """The figures of one account over [start, end] (dates or datetimes; dates are whole local days).

    ``posts`` needs ``published_at`` (naive values are UTC) and may have ``format`` and the counts.
    The result is JSON-serialisable.
    """
    tz = tz or settings.TIME_ZONE
    published = pd.to_datetime(posts["published_at"], utc=True).astype("datetime64[ns, UTC]")
    frame = pd.DataFrame({"local": published.dt.tz_convert(tz).reset_index(drop=True)})
    formats = posts["format"] if "format" in posts else pd.Series("", index=posts.index)
    frame["format"] = formats.fillna("").astype(str).to_numpy()
    for name in COUNTS:
        frame[name] = _floats(posts[name]) if name in posts else np.nan
    first_bound, last_bound = _local_bound(start, tz, end=False), _local_bound(end, tz, end=True)
    if first_bound is not None:
        frame = frame[frame["local"] >= first_bound]
    if last_bound is not None:
        frame = frame[frame["local"] <= last_bound]
    frame = frame.sort_values("local", kind="stable").reset_index(drop=True)
    parts = frame[["likes", "comments", "shares"]]
    frame["engagements"] = parts.sum(axis=1, min_count=1)

    figures: dict = {"time_zone": tz, "posts": len(frame)}
    figures["period"] = _period(frame, first_bound, last_bound)
    days = figures["period"]["days"]
    figures["posts_per_week"] = _float(len(frame) / days * 7, 2) if days else None
    figures.update(_followers(frame))
    figures["format_mix"] = _format_mix(frame)
    figures["averages"] = {
        name: {
            "mean": _float(frame[name].mean(), 2),
            "median": _float(frame[name].median(), 2),
            "posts": int(frame[name].notna().sum()),
        }
        for name in ("likes", "comments", "shares", "views", "reach", "engagements")
    }
    basis: dict[str, int] = {}
    per_post = {}
    for metric, denominator in (
        ("er_by_followers", "followers_at_post"),
        ("er_by_reach", "reach"),
        ("er_by_views", "views"),
    ):
        usable = frame["engagements"].notna() & (frame[denominator] > 0)
        rates = frame["engagements"][usable] / frame[denominator][usable] * 100
        per_post[metric] = rates
        figures[metric] = _float(rates.mean(), 4)
        basis[metric] = int(usable.sum())
    figures["daily_er"], basis["daily_er"] = _daily_er(frame)
    figures["basis"] = basis
    figures["heatmap"] = _heatmap(frame)
    figures["top_posts"] = _top_posts(frame, per_post["er_by_followers"])
    figures["formulas"] = {
        "posts_per_week": "posts_per_week",
        "followers": "followers",
        "follower_growth": "follower_growth",
        "format_mix": "format_mix",
        "averages": "averages",
        "engagements": "engagements",
        "er_by_followers": "er_by_followers",
        "er_by_reach": "er_by_reach",
        "er_by_views": "er_by_views",
        "daily_er": "daily_er",
        "heatmap": "heatmap",
        "top_posts": "er_by_followers",
    }
    return figures


def _period(frame: pd.DataFrame, first: pd.Timestamp | None, last: pd.Timestamp | None) -> dict:
    if first is None and len(frame):
        first = frame["local"].iloc[0]
    if last is None and len(frame):
        last = frame["local"].iloc[-1]
    if first is None or last is None:
        return {"start": None, "end": None, "days": 0}
    start_day, end_day = first.date(), last.date()
    return {"start": start_day.isoformat(), "end": end_day.isoformat(), "days": (end_day - start_day).days + 1}


def _followers(frame: pd.DataFrame) -> dict:
    known = frame["followers_at_post"].dropna()
    if known.empty:
        return {"followers": None, "follower_growth": None}
    first, last = int(known.iloc[0]), int(known.iloc[-1])
    return {
        "followers": last,
        "follower_growth": {
            "first": first,
            "last": last,
            "net": last - first,
            "percent": _float((last - first) / first * 100, 2) if first else None,
        },
    }


def _format_mix(frame: pd.DataFrame) -> dict[str, float]:
    if frame.empty:
        return {}
    shares = frame["format"].replace("", "other").value_counts(normalize=True) * 100
    return {str(name): round(float(share), 1) for name, share in shares.items()}


def _daily_er(frame: pd.DataFrame) -> tuple[float | None, int]:
    usable = frame[frame["engagements"].notna() & (frame["followers_at_post"] > 0)]
    if usable.empty:
        return None, 0
    days = usable["local"].dt.tz_localize(None).to_numpy().astype("datetime64[D]")
    by_day = usable.groupby(days, sort=True).agg(
        engagements=("engagements", "sum"), followers=("followers_at_post", "last")
    )
    rates = by_day["engagements"] / by_day["followers"] * 100
    return _float(rates.mean(), 4), len(by_day)


def _heatmap(frame: pd.DataFrame) -> dict:
    usable = frame[frame["engagements"].notna()]
    cells = (usable["local"].dt.day_of_week * 24 + usable["local"].dt.hour).to_numpy()
    counts = np.bincount(cells, minlength=168)
    sums = np.bincount(cells, weights=usable["engagements"].to_numpy(), minlength=168)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums / counts
    grid = [[_float(means[d * 24 + h], 2) for h in range(24)] for d in range(7)]
    posts = [[int(counts[d * 24 + h]) for h in range(24)] for d in range(7)]
    best = None
    if counts.any():
        cell = int(np.nanargmax(np.where(counts > 0, means, np.nan)))
        best = {"weekday": cell // 24, "hour": cell % 24, "mean_engagements": _float(means[cell], 2)}
    return {"mean_engagements": grid, "posts": posts, "best": best}


def _top_posts(frame: pd.DataFrame, rates: pd.Series) -> list[dict]:
    if rates.empty:
        return []
    ranked = pd.DataFrame({"er": rates, "engagements": frame["engagements"][rates.index]})
    ranked = ranked.nlargest(TOP_POSTS, ["er", "engagements"])
    return [
        {
            "published_at": frame["local"][index].isoformat(),
            "format": frame["format"][index],
            "engagements": _int(row.engagements),
            "er": _float(row.er, 4),
        }
        for index, row in ranked.iterrows()
    ]


# ---------------------------------------------------------------- comparison


def _growth_percent(figures: Mapping) -> float | None:
    growth = figures.get("follower_growth") or {}
    return growth.get("percent")


def _average(name: str):
    return lambda figures: ((figures.get("averages") or {}).get(name) or {}).get("mean")


COMPARED = (
    ("followers", "followers", lambda f: f.get("followers")),
    ("posts_per_week", "posts_per_week", lambda f: f.get("posts_per_week")),
    ("follower_growth_percent", "follower_growth", _growth_percent),
    *((metric, metric, lambda f, metric=metric: f.get(metric)) for metric in ER_METRICS),
    *(
        (f"{name}_mean", "averages", _average(name))
        for name in ("likes", "comments", "shares", "views", "reach", "engagements")
    ),
)


def _relative(value: float | None, base: float | None) -> float | None:
    if value is None or base is None or base == 0:
        return None
    return round((value - base) / abs(base) * 100, 1)


def _median(values) -> float | None:
    present = [v for v in values if v is not None]
    return round(float(statistics.median(present)), 4) if present else None


def platform_comparison(figures_by_account: Mapping[str, Mapping], *, brand: str | None = None) -> dict:
    """The brand against each competitor and against the competitors' median, metric by metric.

    The brand is ``brand`` or, when not given, the first label.
    """
    labels = list(figures_by_account)
    if brand is None:
        brand = labels[0] if labels else ""
    competitors = [label for label in labels if label != brand]
    brand_figures = figures_by_account.get(brand) or {}
    rows = []
    for metric, formula, read in COMPARED:
        value = read(brand_figures)
        theirs = {label: read(figures_by_account[label]) for label in competitors}
        median = _median(theirs.values())
        rows.append(
            {
                "metric": metric,
                "formula": formula,
                "brand": value,
                "competitors": theirs,
                "competitors_median": median,
                "brand_vs_median_percent": _relative(value, median),
                "brand_vs_competitor_percent": {label: _relative(value, other) for label, other in theirs.items()},
            }
        )
    return {"brand": brand, "competitors": competitors, "metrics": rows}


def _weekly_by_format(figures: Mapping) -> dict[str, float]:
    per_week = figures.get("posts_per_week") or 0
    return {name: per_week * share / 100 for name, share in (figures.get("format_mix") or {}).items()}


def _format_label(name: str) -> str:
    from strategies.models import ContentFormat

    return str(ContentFormat(name).label).lower() if name in ContentFormat.values else name


def suggestions(brand_figures: Mapping, competitor_figures: Mapping[str, Mapping] | Sequence[Mapping]) -> list[str]:
    """Observations worth a sentence, in the active language; only material differences are mentioned."""
    theirs = list(competitor_figures.values()) if isinstance(competitor_figures, Mapping) else list(competitor_figures)
    if not theirs:
        return []
    notes: list[str] = []

    brand_rate = brand_figures.get("posts_per_week")
    median_rate = _median(f.get("posts_per_week") for f in theirs)
    if brand_rate and median_rate:
        if median_rate / brand_rate >= MATERIAL_FREQUENCY_RATIO:
            notes.append(
                _(
                    "Competitors post %(ratio)s× more often than the brand "
                    "(median %(competitors)s posts a week against %(brand)s)."
                )
                % {
                    "ratio": number_format(median_rate / brand_rate, 1),
                    "competitors": number_format(median_rate, 1),
                    "brand": number_format(brand_rate, 1),
                }
            )
        elif brand_rate / median_rate >= MATERIAL_FREQUENCY_RATIO:
            notes.append(
                _(
                    "The brand posts %(ratio)s× more often than the competitors "
                    "(%(brand)s posts a week against their median %(competitors)s)."
                )
                % {
                    "ratio": number_format(brand_rate / median_rate, 1),
                    "competitors": number_format(median_rate, 1),
                    "brand": number_format(brand_rate, 1),
                }
            )

    brand_formats = _weekly_by_format(brand_figures)
    their_formats = [_weekly_by_format(f) for f in theirs]
    for name in sorted({name for formats in their_formats for name in formats} - {"other"}):
        median = _median(formats.get(name, 0.0) for formats in their_formats) or 0.0
        own = brand_formats.get(name, 0.0)
        if median <= 0:
            continue
        if own == 0 and median >= 0.5:
            notes.append(
                _("Competitors post %(format)s (median %(count)s a week) and the brand does not.")
                % {"format": _format_label(name), "count": number_format(median, 1)}
            )
        elif own and median / own >= MATERIAL_FORMAT_RATIO:
            notes.append(
                _("Competitors post %(format)s %(ratio)s× more often than the brand.")
                % {"format": _format_label(name), "ratio": number_format(median / own, 1)}
            )

    for metric in ER_METRICS:
        value = brand_figures.get(metric)
        median = _median(f.get(metric) for f in theirs)
        difference = _relative(value, median)
        if difference is None or abs(difference) < MATERIAL_ER_DIFFERENCE:
            continue
        values = {
            "metric": METRIC_NAMES[metric],
            "percent": number_format(abs(difference), 0),
            "brand": number_format(value, 2),
            "median": number_format(median, 2),
        }
        if difference < 0:
            message = _(
                "The brand's %(metric)s is %(percent)s %% below the competitors' median "
                "(%(brand)s %% against %(median)s %%)."
            )
        else:
            message = _(
                "The brand's %(metric)s is %(percent)s %% above the competitors' median "
                "(%(brand)s %% against %(median)s %%)."
            )
        notes.append(message % values)
    return notes


def share_of_voice(mentions: Mapping[str, int], brand: str) -> Decimal | None:
    """Brand mentions / (brand + competitor mentions) × 100, to 0.01; None without the brand or any mention."""
    if brand not in mentions:
        return None
    if any(count < 0 for count in mentions.values()):
        raise ValueError("mention counts cannot be negative")
    total = sum(mentions.values())
    if not total:
        return None
    return (Decimal(mentions[brand]) * 100 / Decimal(total)).quantize(Decimal("0.01"))
