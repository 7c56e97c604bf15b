"""The strategy document, built from a document snapshot (documents.snapshot).

``document_context`` turns the snapshot into display-ready data: labels resolved
from the model choices and the metrics catalogue, numbers, money and dates
formatted for the document's language. The same HTML is the PDF's source and,
with ``for_pdf=False``, the in-browser preview (everything scoped under
``.strategy-doc``). Nothing here reads the database: a frozen version renders
the same forever.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from documents import pdf
from metrics.plan import Plan
from strategies.models import Currency

from . import figures, sections, values
from .values import (
    DASH,
    HEX_COLOUR,
    auto_number,
    choice_label,
    long_date,
    media_url,
    metric_value,
    money,
    month_year,
    number,
    percent,
    tint,
    to_date,
    to_int,
)

__all__ = [
    "auto_number",
    "document_context",
    "metric_value",
    "money",
    "number",
    "percent",
    "render_document_html",
    "render_document_pdf",
    "section_titles",
]

TEMPLATE = "documents/document/base.html"
DEFAULT_ACCENT = "#2f6fed"


def section_titles(language: str) -> list[str]:
    """The section headings of a document in ``language``, in order."""
    with translation.override(language):
        return [str(title) for _key, title in sections.SECTIONS]


def document_context(snapshot: dict, *, version_label: str, draft: bool, issued_on: dt.date | None = None) -> dict:
    """Everything the document templates show, formatted in the strategy's language."""
    context, charts = _build_context(snapshot, version_label=version_label, draft=draft, issued_on=issued_on)
    figures.finish_charts(charts)
    return context


def _build_context(
    snapshot: dict, *, version_label: str, draft: bool, issued_on: dt.date | None
) -> tuple[dict, list[dict]]:
    """The context, and its charts still exporting."""
    strategy = snapshot["strategy"]
    meta = snapshot.get("meta", {})
    language = strategy.get("language") or settings.LANGUAGE_CODE
    with translation.override(language):
        months = to_int(strategy.get("period_months")) or 1
        start = to_date(strategy["start_date"])
        plan = Plan.from_snapshot(snapshot["plan"], start=start)
        order = sections.platform_order(snapshot)
        currency = strategy.get("currency") or ""
        accent = meta.get("accent_color") or ""
        accent = accent if HEX_COLOUR.match(accent) else DEFAULT_ACCENT
        # First the sections with charts, so that the exports run while the rest is built.
        metrics = sections.target_metrics(snapshot, plan, currency)
        budget = sections.budget(snapshot, strategy, months, order)
        platforms = sections.platforms(snapshot, order)
        review_every = to_int(strategy.get("review_every_months"))
        client = meta.get("client") or snapshot.get("client") or ""
        context = {
            "language": language,
            "draft": draft,
            "version_label": version_label,
            # The running header has room for one short line each.
            "running_client": Truncator(client).chars(60),
            "running_version": Truncator(version_label).chars(40),
            "issued_on": long_date(issued_on or timezone.localdate()),
            "accent": accent,
            "accent_light": tint(accent),
            "client": client,
            "agency": meta.get("agency") or "",
            "agency_logo": media_url(meta["agency_logo"]) if meta.get("agency_logo") else "",
            "owner": meta.get("owner") or "",
            "strategy": {
                "title": strategy.get("title") or "",
                "product": strategy.get("product") or "",
                "market": strategy.get("market") or "",
                "geography": strategy.get("geography") or "",
                "start": long_date(start),
                "first_month": month_year(plan.month_label(1), in_text=True),
                "last_month": month_year(plan.month_label(months), in_text=True),
                "months": months,
                "period_length": ngettext("%(months)s month", "%(months)s months", months) % {"months": months},
                "currency": choice_label(Currency, currency),
            },
            "sections": sections.headings(),
            "goals": sections.goals(snapshot, strategy),
            "key_figures": sections.key_figures(plan, currency),
            "current": sections.current_state(snapshot, order),
            "competitors": sections.competitors(snapshot, order),
            "analysis": sections.analysis_summary(snapshot),
            "analysis_table": sections.analysis_table(snapshot),
            "segments": sections.segments(snapshot),
            "tone": sections.tone(snapshot),
            "usp": sections.usp(snapshot),
            "platforms": platforms,
            "main_platforms": [p["platform"] for p in platforms if p["main"]],
            "supporting_platforms": [p["platform"] for p in platforms if not p["main"]],
            "content": sections.content_plan(snapshot, order),
            "budget": budget,
            "metrics": metrics,
            "review": {
                "cadence": ngettext("Every %(months)s month", "Every %(months)s months", review_every)
                % {"months": review_every}
                if review_every
                else DASH,
                "next": long_date(to_date(strategy.get("next_review_date"))),
                "notes": strategy.get("review_notes") or "",
            },
            "labels": sections.labels(),
            "page_label": _page_label_parts(_("Page %(page)s of %(pages)s")),
        }
        return context, [chart for chart in (*metrics["charts"], budget["chart"]) if chart]


def _page_label_parts(label: str) -> dict[str, str]:
    """The footer's "Page X of Y" cut around its two numbers; CSS counters fill them in."""
    before, _sep, rest = label.partition("%(page)s")
    middle, _sep, after = rest.partition("%(pages)s")
    return {"before": before, "middle": middle, "after": after}


def render_document_html(
    snapshot: dict,
    *,
    version_label: str,
    draft: bool,
    for_pdf: bool,
    issued_on: dt.date | None = None,
    media_prefix: str | None = None,
) -> str:
    """The document as HTML: a whole page for WeasyPrint, or (for_pdf=False) a fragment for a preview.

    ``media_prefix`` is the address uploaded files (mood board, logo) are served
    under for a browser; the PDF reads them from MEDIA_ROOT instead.
    """
    token = values.media_prefix.set(media_prefix)
    try:
        html, _resources = _render_html(
            snapshot, version_label=version_label, draft=draft, for_pdf=for_pdf, issued_on=issued_on, defer=False
        )
    finally:
        values.media_prefix.reset(token)
    return html


def render_document_pdf(
    snapshot: dict, *, version_label: str, draft: bool = False, issued_on: dt.date | None = None
) -> bytes:
    """The PDF clients receive; ``issued_on`` is the date on the cover (today when not given)."""
    html, resources = _render_html(
        snapshot, version_label=version_label, draft=draft, for_pdf=True, issued_on=issued_on, defer=True
    )
    return pdf.html_to_pdf(html, base_url=settings.SITE_URL + "/", resources=resources)


# Russian law requires a note wherever Meta's networks are named: each mention is marked with an
# asterisk and the document ends with the note (Meta is recognised as extremist in Russia).
META_NAMES = re.compile(r"\b(Instagram|Facebook|Инстаграм\w*|Фейсбук\w*)\b(?!\*)", re.IGNORECASE)
_TAG_OR_TEXT = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<[^>]+>)", re.DOTALL | re.IGNORECASE)


META_NOTE = gettext_lazy(
    "* Instagram and Facebook belong to Meta Platforms Inc., which is recognised as an extremist organisation "
    "and banned in the Russian Federation."
)


def mentions_meta(snapshot: dict) -> bool:
    return bool(META_NAMES.search(json.dumps(snapshot, ensure_ascii=False)))


def mark_meta_mentions(html: str) -> str:
    """Every mention of Instagram or Facebook in the document's text gets its asterisk (not in tags or scripts)."""
    parts = _TAG_OR_TEXT.split(html)
    return "".join(part if index % 2 else META_NAMES.sub(r"\1*", part) for index, part in enumerate(parts))


def _render_html(
    snapshot: dict, *, version_label: str, draft: bool, for_pdf: bool, issued_on: dt.date | None, defer: bool
) -> tuple[str, dict]:
    language = snapshot["strategy"].get("language") or settings.LANGUAGE_CODE
    token = figures.interactive.set(not for_pdf)
    try:
        with translation.override(language):
            context, charts = _build_context(snapshot, version_label=version_label, draft=draft, issued_on=issued_on)
    finally:
        figures.interactive.reset(token)
    with translation.override(language):
        if defer:
            resources = figures.defer_charts(charts)
        else:
            figures.finish_charts(charts)
            resources = {}
        context["for_pdf"] = for_pdf
        context["meta_note"] = language == "ru" and mentions_meta(snapshot)
        html = render_to_string(TEMPLATE, context)
        if context["meta_note"]:
            note = format_html('<p class="doc-note doc-meta-note" id="doc-meta-note">{}</p>', META_NOTE)
            html = mark_meta_mentions(html).replace("<!-- meta-note -->", note)
        return html, resources
