"""The web side of an import: look at the first row of an uploaded file without reading it all."""

from __future__ import annotations

import csv
import io
from pathlib import PurePath

from openpyxl import load_workbook

SAMPLE_BYTES = 64 * 1024


def peek_headers(file_obj, filename: str) -> list[str]:
    """The header row of a CSV or XLSX upload; the worker reads (and checks) the rest."""
    file_obj.seek(0)
    if PurePath(filename).suffix.lower() == ".xlsx":
        workbook = load_workbook(file_obj, read_only=True, data_only=True)
        try:
            first = next(workbook.active.iter_rows(max_row=1, values_only=True), ())
        finally:
            workbook.close()
        return [str(cell).strip() for cell in first if cell is not None and str(cell).strip()]
    sample = file_obj.read(SAMPLE_BYTES)
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = sample.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return []
    line = text.splitlines()[0] if text.splitlines() else ""
    separator = max(";,\t", key=line.count)
    return [cell.strip() for cell in next(csv.reader(io.StringIO(line), delimiter=separator), []) if cell.strip()]
