"""Plotly figures of the competitor analysis: one definition per chart (page and document)."""

from __future__ import annotations

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from metrics.charts import PALETTE, _layout
from strategies.models import ContentFormat


def er_comparison(figures: dict[str, dict]) -> go.Figure:
    labels = list(figures)
    fig = go.Figure()
    for index, (key, name) in enumerate(
        (("er_by_followers", _("ER per post by followers, %")), ("er_by_reach", _("ER by reach (ERR), %")))
    ):
        fig.add_trace(
            go.Bar(x=labels, y=[figures[label].get(key) for label in labels], name=name, marker_color=PALETTE[index])
        )
    fig.update_layout(barmode="group")
    return _layout(fig, _("Engagement rate"))


def posting_frequency(figures: dict[str, dict]) -> go.Figure:
    labels = list(figures)
    fig = go.Figure(
        go.Bar(x=labels, y=[figures[label].get("posts_per_week") for label in labels], marker_color=PALETTE[1])
    )
    return _layout(fig, _("Posts per week"))


def format_mix(figures: dict[str, dict]) -> go.Figure:
    labels = list(figures)
    formats = sorted({name for f in figures.values() for name in (f.get("format_mix") or {})})
    fig = go.Figure()
    for index, name in enumerate(formats):
        label = str(ContentFormat(name).label) if name in ContentFormat.values else (name or _("unknown"))
        fig.add_trace(
            go.Bar(
                x=labels,
                y=[(figures[account].get("format_mix") or {}).get(name, 0) for account in labels],
                name=label,
                marker_color=PALETTE[index % len(PALETTE)],
            )
        )
    fig.update_layout(barmode="stack", yaxis_title="%")
    # xgettext:no-python-format
    title = _("Format mix, % of posts")
    return _layout(fig, title)


def heatmap(figures: dict, account: str) -> go.Figure:
    days = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
    grid = (figures.get("heatmap") or {}).get("mean_engagements") or [[None] * 24 for _day in range(7)]
    fig = go.Figure(go.Heatmap(z=grid, x=list(range(24)), y=days, colorscale="Blues", hoverongaps=False))
    fig.update_layout(xaxis_title=_("Hour"))
    return _layout(fig, _("Mean engagements by weekday and hour: %(account)s") % {"account": account}, height=320)
