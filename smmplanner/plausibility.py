"""Plausibility warnings: a typed figure that is allowed but unlikely gets a note next to its field.

Never a validation error: the value is saved as typed, but an absurd input (an ER of 35 %,
reach ten times the followers) silently turns into an absurd forecast, so the page says so.
A form mixes in ``PlausibilityMixin`` and implements ``check_plausibility(values)``;
``{% field_row %}`` shows the warnings under each field's widget.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.formats import number_format


class PlausibilityMixin:
    """A form whose implausible values earn a warning next to the field, never an error.

    The values judged are the form's current ones: what was typed if the form is bound
    (only the fields that cleaned: a value the page shows as an error is not judged too),
    otherwise the initial ones, that is the saved row. So a warning shows right after a
    POST and again when the saved page is loaded later.
    """

    def check_plausibility(self, values: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
        """Yield ``(field name, message)`` for each implausible value."""
        return ()

    def plausibility_values(self) -> dict[str, Any]:
        if self.is_bound:
            self.is_valid()  # cleans once; the fields that cleaned are in cleaned_data even if others did not
            return dict(self.cleaned_data)
        return {name: self[name].initial for name in self.fields}

    def plausibility_warnings(self) -> dict[str, list[str]]:
        if getattr(self, "_plausibility_warnings", None) is None:
            warnings: dict[str, list[str]] = {}
            for name, message in self.check_plausibility(self.plausibility_values()):
                warnings.setdefault(name, []).append(message)
            self._plausibility_warnings = warnings
        return self._plausibility_warnings


def number(value) -> Decimal | None:
    """A figure as a Decimal, or None when it is empty or not a number (initial values may be text)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def shown(value: Decimal | int) -> str:
    """A figure for a message, in the reader's locale and without trailing zeros (35, not 35.00)."""
    return number_format(Decimal(value).normalize())
