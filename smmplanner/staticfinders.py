"""Serve plotly.js from the installed plotly package, so the page and the Python
figures always use the same version and nothing is loaded from a CDN."""

from __future__ import annotations

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PACKAGE_DATA = Path(plotly.__file__).parent / "package_data"
PUBLIC_PATH = "vendor/plotly/plotly.min.js"


class PlotlyFinder(BaseFinder):
    storage = FileSystemStorage(location=PACKAGE_DATA)
    storage.prefix = "vendor/plotly"

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path != PUBLIC_PATH:
            return [] if find_all else None
        found = str(PACKAGE_DATA / "plotly.min.js")
        return [found] if find_all else found

    def list(self, ignore_patterns):
        yield "plotly.min.js", self.storage
