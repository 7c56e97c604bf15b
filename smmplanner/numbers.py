"""Numbers as people read them, one module for the web pages, the PDF, the CSV exports and the emails.

Counts of people, posts, clicks, leads and followers are whole numbers; money is in
whole currency units on pages and in documents (kopecks only in exports); rates carry
at most two decimals. Everything is formatted in the active language (callers of a
document run under ``translation.override``), and rows of a table are rounded so that
the shown months add up to the shown total (largest-remainder rounding).

A plain helper: it imports no app of the project. Templates use it as
``{% load numbers %}`` and ``{{ value|count }}``, ``{{ value|rate }}``,
``{{ value|money:currency }}``.
"""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import formats, translation

DASH = "—"
NBSP = "\u00a0"
CURRENCY_SIGNS = {"RUB": "₽", "USD": "$", "EUR": "€", "KZT": "₸", "BYN": "Br"}

register = template.Library()


def to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None


def rounded(value, places: int = 0) -> Decimal | None:
    value = to_decimal(value)
    return None if value is None else value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value, places: int = 0) -> str:
    """A number with ``places`` decimals and grouped thousands, in the active language."""
    value = rounded(value, places)
    if value is None:
        return DASH
    if value == 0:
        value = abs(value)  # never "-0"
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


@register.filter
def count(value) -> str:
    """People, posts, clicks, leads, followers: whole numbers."""
    return number(value, 0)


@register.filter
def rate(value, places: int = 2) -> str:
    """A percentage with at most two decimals (2 %, 1.9 %, 7.35 %)."""
    value = rounded(value, int(places))
    if value is None:
        return DASH
    shown = value.normalize()
    exponent = shown.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return f"{number(value, min(decimals, int(places)))}{NBSP}%"


def currency_sign(currency: str) -> str:
    return CURRENCY_SIGNS.get(currency, currency)


@register.filter
def money(value, currency: str = "", places: int = 0) -> str:
    """Money in whole currency units, with the currency's sign where the language puts it."""
    if to_decimal(value) is None:
        return DASH
    amount = number(value, int(places))
    sign = currency_sign(currency)
    if not sign:
        return amount
    if translation.get_language() == "en" and len(sign) == 1 and not sign.isalpha():
        return f"{sign}{amount}"
    return f"{amount}{NBSP}{sign}"


def typed(value) -> str:
    """A typed-in figure with the decimals it carries, at most two (60000.00 → 60,000; 4.50 → 4.5)."""
    value = to_decimal(value)
    if value is None:
        return DASH
    exponent = value.normalize().as_tuple().exponent
    return number(value, min(2, max(0, -exponent if isinstance(exponent, int) else 0)))


def figure(kind: str, value, currency: str = "") -> str:
    """A value by what it measures: "count", "rate" or "money"."""
    if kind == "money":
        return money(value, currency)
    if kind == "rate":
        return rate(value)
    return count(value)


def export_value(kind: str, value) -> Decimal | None:
    """A figure for a CSV cell: counts whole, rates with two decimals, money with its kopecks."""
    return rounded(value, 0 if kind == "count" else 2)


def largest_remainder(values: list, places: int = 0, total=None) -> list[Decimal | None]:
    """Round ``values`` so that they add up to their total rounded the same way (or to ``total``).

    Each value is rounded down, and the units still missing go to the values with the
    largest remainders (Hamilton's method); empty values stay empty.
    """
    step = Decimal(1).scaleb(-places)
    present = [(index, to_decimal(v)) for index, v in enumerate(values) if to_decimal(v) is not None]
    result: list[Decimal | None] = [None] * len(values)
    if not present:
        return result
    exact_total = sum((v for _i, v in present), Decimal(0))
    target = rounded(exact_total if total is None else total, places)
    floors = {i: v.quantize(step, rounding=ROUND_FLOOR) for i, v in present}
    missing = int(((target - sum(floors.values(), Decimal(0))) / step).to_integral_value())
    by_remainder = sorted(present, key=lambda item: (-(item[1] - floors[item[0]]), item[0]))
    if missing < 0:  # a total below the rounded-down values: take from the smallest remainders
        by_remainder.reverse()
    for position, (index, _value) in enumerate(by_remainder):
        bump = (step if missing > 0 else -step) if position < abs(missing) else Decimal(0)
        result[index] = floors[index] + bump
    return result


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_PLAIN = re.compile(r"[+-]?\d+(?:\.\d+)?")
_GROUPED = {",": re.compile(r"[+-]?\d{1,3}(?:,\d{3})+"), ".": re.compile(r"[+-]?\d{1,3}(?:\.\d{3}){2,}")}


def typed_number(text: str, language: str = "en") -> str | None:
    """A number as people type it, in their language, as plain digits with a dot; None if it is not one.

    "3,1" and "3.1" are 3.1; "60 000", "60,000" (in English) and "1.000.000" are grouped
    thousands; a trailing "%" is allowed (the field says it is a percentage). "400e" is None,
    so the form says "Enter a number" next to the field instead of saving a blank.
    """
    value = _SPACES.sub("", text or "").removesuffix("%")
    if not value:
        return None
    if "," in value and "." in value:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
        value = value.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in value:
        thousands = language == "en" and _GROUPED[","].fullmatch(value)
        value = value.replace(",", "") if thousands or value.count(",") > 1 else value.replace(",", ".")
    elif value.count(".") > 1 and _GROUPED["."].fullmatch(value):
        value = value.replace(".", "")
    return value if _PLAIN.fullmatch(value) else None
