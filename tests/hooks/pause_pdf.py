"""Loaded into a worker process with ``--include``: holds every rendered PDF half-written.

The task's real storage call writes the file; this only hands it the bytes in two
halves and, between them, waits while the file named by SMM_PAUSE_FILE exists.
So a test can kill the worker with half a PDF on disk, in the middle of the task.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.core.files.base import ContentFile

from documents import tasks

_PAUSE = Path(os.environ["SMM_PAUSE_FILE"])


class _HalfThenWait(ContentFile):
    def chunks(self, chunk_size=None):
        content = b"".join(super().chunks(chunk_size))
        half = len(content) // 2
        yield content[:half]
        _PAUSE.with_suffix(".reached").write_text(str(len(content)))
        while _PAUSE.exists():
            time.sleep(0.05)
        yield content[half:]


tasks.ContentFile = _HalfThenWait
