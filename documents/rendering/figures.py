"""The document's charts: exported in the background while the rest of the document is built.

For the PDF the exports even overlap with WeasyPrint's own work: each chart is a
``document-resource:`` address that the PDF's fetcher resolves when WeasyPrint
gets to it.
"""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from xml.sax.saxutils import escape as xml_escape

from django.utils.translation import gettext as _

from documents import charts as document_charts
from documents import pdf
from metrics import charts as plan_charts

_exporters: dict[int, ThreadPoolExecutor] = {}
# In the browser preview charts are interactive plotly.js divs: no export, no Chromium in the web process.
interactive: ContextVar[bool] = ContextVar("interactive_charts", default=False)


def start_chart(fig) -> dict:
    """A chart whose export starts at once, in the background; finish_charts or defer_charts collects it."""
    title = str(fig.layout.title.text or "")
    if interactive.get():
        return {"title": title, "html": plan_charts.to_html(fig, f"doc-chart-{uuid.uuid4().hex[:8]}"), "src": ""}
    pid = os.getpid()
    if pid not in _exporters:  # one pool per process: a pool inherited through fork has no threads
        _exporters.clear()
        _exporters[pid] = ThreadPoolExecutor(max_workers=document_charts.TABS, thread_name_prefix="chart")
    return {
        "title": title,
        "future": _exporters[pid].submit(document_charts.chart_svg, fig),
        "src": "",
        "placeholder": _("Chart unavailable: %(title)s") % {"title": title},
    }


def finish_charts(charts: list[dict]) -> None:
    """Wait for the exports; a chart becomes an SVG image or keeps its placeholder.

    A data: URI keeps the SVG out of the page's markup, so nothing needs |safe.
    """
    for chart in charts:
        if "future" not in chart:
            continue
        svg = _wait(chart.pop("future"))
        if svg:
            chart["src"] = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def defer_charts(charts: list[dict]) -> dict[str, Callable[[], tuple[bytes, str]]]:
    """Charts the PDF fetches while WeasyPrint is already at work (the exports run meanwhile).

    Each chart gets an address of its own, served from memory by the PDF's fetcher;
    a failed export is served as a placeholder picture with the same words.
    """
    resources = {}
    for chart in charts:
        future, placeholder = chart.pop("future"), chart["placeholder"]
        chart["src"] = f"{pdf.RESOURCE_SCHEME}:{uuid.uuid4().hex}.svg"

        def load(future=future, placeholder=placeholder) -> tuple[bytes, str]:
            svg = _wait(future)
            return (svg or _placeholder_svg(placeholder)).encode(), "image/svg+xml"

        resources[chart["src"]] = load
    return resources


def _wait(future) -> str | None:
    try:
        return future.result(timeout=document_charts.EXPORT_TIMEOUT + 10)
    except Exception:
        return None


def _placeholder_svg(text: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="700" height="110" viewBox="0 0 700 110">'
        '<rect x="1" y="1" width="698" height="108" rx="4" fill="#f5f7fa" stroke="#9aa4b2" stroke-dasharray="6 4"/>'
        '<text x="350" y="60" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="15" '
        f'fill="#5f6b7a">{xml_escape(text)}</text></svg>'
    )
