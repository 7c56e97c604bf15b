"""Production settings for the load benchmark, unchanged but for the task queue's name.

Everything security-related stays as in production (HTTPS-only cookies, HSTS,
the SSL redirect, CSRF): the load generator sends ``X-Forwarded-Proto: https``
as the TLS-terminating proxy in front of gunicorn would. The only difference is
that tasks queued by the pages (forecast recomputations after a save) go to a
queue of their own, which no worker of a real installation on the same Redis
would take and which the benchmark empties afterwards.
"""

from __future__ import annotations

from smmplanner.settings.prod import *
from smmplanner.settings.prod import env

CELERY_TASK_DEFAULT_QUEUE = env.str("LOAD_CELERY_QUEUE", default="smmplanner-load")
