"""CSV downloads of user data that spreadsheets open safely and in the user's language.

Every export goes through ``csv_download``. The file is UTF-8 with a byte order mark,
without which Excel reads Cyrillic as mojibake. It follows the spreadsheet conventions
of the active language: where the decimal separator is a comma (Russian), Excel expects
``;`` between cells and would otherwise put a whole row in one column.

A text cell that a spreadsheet would evaluate (``=HYPERLINK(…)``, ``+1+1``, ``-2+3``,
``@SUM(A1)``, or one starting with a tab or a line break) gets a leading apostrophe, as
OWASP recommends against CSV injection: the spreadsheet then shows it as text. Numbers
are recognised by their type, not by their look: an ``int`` or a finite ``Decimal`` is
written as a plain number, so a negative figure stays a number that sums and charts
use, and its text (digits, a sign and a separator) cannot hold a formula. A title that
merely looks like a number (``-5``) is text and is neutralised like any other.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils import formats, timezone, translation
from django.utils.http import content_disposition_header

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet must show it: never as a formula."""
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def cell(value: object, *, decimal_separator: str = ".") -> str:
    """One value as the text of a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return neutralise(str(value))
    if isinstance(value, int | float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            return neutralise(str(value))
        return format(value, "f").replace(".", decimal_separator)
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(str(value))


class _Line:
    """The file-like object ``csv.writer`` writes one row into, handed back at once."""

    def write(self, text: str) -> str:
        return text


def csv_lines(header: Sequence[object], rows: Iterable[Sequence[object]]) -> Iterator[bytes]:
    """The encoded file, line by line, in the conventions of the active language."""
    decimal_separator = formats.get_format("DECIMAL_SEPARATOR")
    writer = csv.writer(_Line(), delimiter=";" if decimal_separator == "," else ",", lineterminator="\r\n")
    yield codecs.BOM_UTF8
    yield writer.writerow([neutralise(str(title)) for title in header]).encode("utf-8")
    for row in rows:
        yield writer.writerow([cell(value, decimal_separator=decimal_separator) for value in row]).encode("utf-8")


def csv_download(filename: str, header: Sequence[object], rows: Iterable[Sequence[object]]) -> StreamingHttpResponse:
    """A CSV attachment of ``rows`` below ``header``, streamed, so a long list never sits in memory.

    The rows are read while the response is sent, in the language active now.
    """
    language = translation.get_language()
    header = [str(title) for title in header]

    def content() -> Iterator[bytes]:
        with translation.override(language):
            yield from csv_lines(header, rows)

    response = StreamingHttpResponse(content(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
