"""Loaded into a worker process with ``--include``: holds every forecast just
before it stores its targets while the file named by SMM_PAUSE_FILE exists,
so a test can kill the worker in the middle of a computation."""

from __future__ import annotations

import os
import time
from pathlib import Path

from metrics import services

_PAUSE = Path(os.environ["SMM_PAUSE_FILE"])
_store_targets = services.store_targets


def _paused_store_targets(strategy, results):
    _PAUSE.with_suffix(".reached").write_text("in the middle")
    while _PAUSE.exists():
        time.sleep(0.05)
    return _store_targets(strategy, results)


services.store_targets = _paused_store_targets
