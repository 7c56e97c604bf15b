from __future__ import annotations

import os

from celery import Celery

from .observability import connect_task_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smmplanner.settings.dev")

app = Celery("smmplanner")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
connect_task_logging()
