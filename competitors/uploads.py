"""The web side of an import: look at the first row of an uploaded file without reading it all.

The headers must be the ones the worker will see (``competitors.importing``), so the same
rules pick the reader (a workbook by its extension or its zip signature), the encoding, the
separator and the first worksheet.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import PurePath

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .importing import _ZIP_MAGIC, XLSX_EXTENSIONS, ImportRefused, _cell_text, _looks_binary, _sniff_separator

SAMPLE_BYTES = 64 * 1024


def peek_headers(file_obj, filename: str) -> list[str]:
    """The header row of a CSV or XLSX upload; the worker reads (and checks) the rest.

    Raises ``ImportRefused`` when the file cannot be read at all.
    """
    file_obj.seek(0)
    sample = file_obj.read(SAMPLE_BYTES)
    if PurePath(filename).suffix.lower() in XLSX_EXTENSIONS or sample.startswith(_ZIP_MAGIC):
        file_obj.seek(0)
        return _workbook_headers(file_obj)
    text = _decoded(sample)
    if text is None or _looks_binary(text[:SAMPLE_BYTES]):
        raise ImportRefused(_("The file is not a readable table: save it as CSV (UTF-8) or XLSX."))
    lines = text.lstrip("\ufeff").splitlines()
    line = lines[0] if lines else ""
    cells = next(csv.reader(io.StringIO(line), delimiter=_sniff_separator(line)), [])
    return [cell.strip() for cell in cells if cell.strip()]


def _decoded(sample: bytes) -> str | None:
    """The sample as the worker decodes the whole file; a character cut by the sample's end is dropped."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return codecs.getincrementaldecoder("utf-16")(errors="replace").decode(sample)
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(sample)
    except UnicodeDecodeError:
        pass
    try:
        return sample.decode("cp1251")
    except UnicodeDecodeError:
        return None


def _workbook_headers(file_obj) -> list[str]:
    unreadable = _("The file could not be read as an Excel workbook (.xlsx).")
    try:
        workbook = load_workbook(file_obj, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zip, XML and key errors alike for a broken workbook
        raise ImportRefused(unreadable) from error
    try:
        if not workbook.worksheets:
            return []
        first = next(workbook.worksheets[0].iter_rows(max_row=1), ())
        return [text.strip() for text in map(_cell_text, first) if text.strip()]
    except Exception as error:  # a sheet's XML is only parsed now
        raise ImportRefused(unreadable) from error
    finally:
        workbook.close()
