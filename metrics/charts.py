"""Plotly figures of the plan: one definition per chart, for the web page and the PDF."""

from __future__ import annotations

import plotly.graph_objects as go
from django.utils import translation
from django.utils.translation import gettext as _
from plotly.subplots import make_subplots

from strategies.models import Platform

from .plan import Plan

PALETTE = ["#2f6fed", "#20a779", "#f0a202", "#d1495b", "#7b4fd0", "#00a6c0", "#8d6a4f", "#e36588", "#5b8e7d"]
FONT = {"family": "DejaVu Sans, Arial, sans-serif", "size": 12}


def _layout(fig: go.Figure, title: str, height: int = 360) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        font=FONT,
        height=height,
        margin={"l": 50, "r": 20, "t": 50, "b": 40},
        legend={"orientation": "h", "y": -0.15},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    fig.update_xaxes(gridcolor="#eeeeee")
    fig.update_yaxes(gridcolor="#eeeeee", rangemode="tozero")
    return fig


def _months(plan: Plan) -> list[str]:
    return [plan.month_label(m).strftime("%m.%Y") for m in range(1, plan.months + 1)]


def monthly_results(plan: Plan) -> go.Figure:
    """People reached, engagements and leads per month, all platforms together."""
    months = _months(plan)
    rows = [
        (_("People reached (unique), per month"), "unique_reach"),
        (_("Engagements"), "engagements"),
        (_("Leads"), "leads"),
    ]
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, subplot_titles=[label for label, _key in rows])
    for index, (label, key) in enumerate(rows, start=1):
        values = [float(plan.month_total(m).get(key, 0)) for m in range(1, plan.months + 1)]
        fig.add_trace(
            go.Scatter(x=months, y=values, name=label, mode="lines+markers", line={"color": PALETTE[index - 1]}),
            row=index,
            col=1,
        )
    fig.update_layout(showlegend=False)
    return _layout(fig, _("Monthly results, all platforms"), height=520)


def platform_contribution(plan: Plan) -> go.Figure:
    months = _months(plan)
    fig = go.Figure()
    for index, platform in enumerate(plan.platforms):
        values = [float(plan.cell(platform, m, "total_reach") or 0) for m in range(1, plan.months + 1)]
        fig.add_trace(go.Bar(x=months, y=values, name=str(Platform(platform).label), marker_color=PALETTE[index % 9]))
    fig.update_layout(barmode="stack")
    return _layout(fig, _("Total reach (sum of post and ad reach) by platform"))


def budget_split(budget_by_platform: dict[str, dict[str, float]], currency: str) -> go.Figure:
    """Monthly budget per platform, stacked by category (kind)."""
    kinds = sorted({kind for values in budget_by_platform.values() for kind in values})
    platforms = list(budget_by_platform)
    labels = [str(Platform(p).label) if p in Platform.values else _("All platforms") for p in platforms]
    names = {
        "ads": _("Targeted ads"),
        "influencers": _("Influencers"),
        "seeding": _("Seeding"),
        "community": _("Community management"),
        "contests": _("Contests"),
        "content": _("Content production"),
    }
    fig = go.Figure()
    for index, kind in enumerate(kinds):
        fig.add_trace(
            go.Bar(
                x=labels,
                y=[budget_by_platform[p].get(kind, 0) for p in platforms],
                name=str(names.get(kind, kind)),
                marker_color=PALETTE[index % 9],
            )
        )
    fig.update_layout(barmode="stack", yaxis_title=currency)
    return _layout(fig, _("Budget per month by platform and category"))


def to_html(fig: go.Figure, element_id: str) -> str:
    """A div for the web page; plotly.js itself is served from our static files."""
    config = {"displaylogo": False, "responsive": True, "locale": translation.get_language() or "en"}
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=element_id, config=config)


def plan_vs_actual(rows: list[dict], label: str) -> go.Figure:
    months = [row["month"].strftime("%m.%Y") for row in rows]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=months, y=[float(r["plan"] or 0) for r in rows], name=_("Plan"), marker_color="#c9d6f2"))
    fig.add_trace(
        go.Scatter(
            x=months,
            y=[float(r["actual"]) if r["actual"] is not None else None for r in rows],
            name=_("Actual"),
            mode="lines+markers",
            line={"color": PALETTE[0]},
        )
    )
    return _layout(fig, _("Plan and actual: %(metric)s") % {"metric": label})
