"""Reading a document snapshot's values, and formatting them for the document's language.

Every value in a snapshot is the string ``Field.value_to_string`` made; the
formatting functions use the active language (callers run under
``translation.override``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from contextvars import ContextVar
from decimal import Decimal
from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.utils import formats, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from metrics import display
from smmplanner import numbers
from strategies.models import Platform

DASH = "—"
NBSP = "\u00a0"
HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
# Set while a document is rendered for a browser: the URL prefix its uploaded files are served under.
media_prefix: ContextVar[str | None] = ContextVar("document_media_prefix", default=None)


def part_rows(snapshot: dict, model: type[models.Model]) -> list[dict]:
    return list(snapshot.get("parts", {}).get(model._meta.label_lower, []))


def part_row(snapshot: dict, model: type[models.Model]) -> dict | None:
    rows = part_rows(snapshot, model)
    return rows[0] if rows else None


def to_decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def to_int(value) -> int | None:
    return None if value in (None, "") else int(value)


def to_bool(value) -> bool:
    return value in (True, "True", "true", "1", 1)


def to_date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def json_list(value) -> list:
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return list(value or [])


def text_lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def text_items(text: str | None) -> list[str]:
    """A list typed as lines, or as one line separated by commas (not those inside brackets)."""
    lines = text_lines(text)
    if len(lines) != 1:
        return lines
    items, depth, current = [], 0, []
    for char in lines[0]:
        if char in "(«[":
            depth += 1
        elif char in ")»]":
            depth -= 1
        if char in ",;" and depth <= 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return [item for item in items if item]


def position(values: list, value) -> int:
    return values.index(value) if value in values else len(values)


def choice_label(choices: type[models.TextChoices], value) -> str:
    return str(choices(value).label) if value in choices.values else str(value or "")


def field_label(model: type[models.Model], name: str) -> str:
    return str(capfirst(model._meta.get_field(name).verbose_name))


def platform_label(value: str) -> str:
    return choice_label(Platform, value) if value else _("All platforms")


# Formatting, always under the document's language.


def number(value, places: int = 0) -> str:
    return numbers.number(value, places)


def auto_number(value) -> str:
    """A typed-in figure with the decimals it carries, at most two (60000.00 → 60,000; 4.50 → 4.5)."""
    return numbers.typed(value)


def percent(value, places: int = 2) -> str:
    return numbers.rate(value, places)


def money(value, currency: str) -> str:
    """Money in whole currency units with the currency's sign (kopecks only in exports)."""
    return numbers.money(value, currency)


def metric_value(key: str, value, currency: str) -> str:
    """A forecast figure formatted by what it measures."""
    return display.shown(key, value, currency)


def long_date(value: dt.date | None) -> str:
    return formats.date_format(value, "j E Y") if value else DASH


def month_year(value: dt.date, *, in_text: bool = False) -> str:
    """The month and year ("January 2027"); inside a Russian phrase the month is written small
    («январь 2027»), as Russian does (Django's month names are capitalised, for headings and cells)."""
    shown = formats.date_format(value, "F Y")
    return shown.lower() if in_text and translation.get_language() == "ru" else shown


def tint(hex_colour: str, amount: float = 0.88) -> str:
    """The colour mixed with white, for table heads and boxes."""
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in channels)


def media_url(name: str) -> str:
    """Where the document finds an uploaded file: MEDIA_URL for the PDF (read from disk by its fetcher),
    the strategy's own tenant-scoped address in a browser (media is never served publicly)."""
    return (media_prefix.get() or settings.MEDIA_URL) + quote(name)
