"""Every Celery task of the project can actually be scheduled with its limits."""

from __future__ import annotations

from django.conf import settings

from smmplanner.celery import app


def project_tasks():
    app.loader.import_default_modules()
    return [task for name, task in app.tasks.items() if not name.startswith("celery.")]


def test_every_task_has_a_soft_limit_below_its_hard_limit():
    tasks = project_tasks()
    assert len(tasks) >= 8
    for task in tasks:
        soft = task.soft_time_limit or settings.CELERY_TASK_SOFT_TIME_LIMIT
        hard = task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        assert soft <= hard, f"{task.name}: soft_time_limit {soft} > time_limit {hard}"


def test_periodic_tasks_are_registered_with_names():
    app.loader.import_default_modules()
    app.finalize()
    names = set(app.conf.beat_schedule)
    assert {"documents: review reminders", "metrics: re-send stale forecast requests"} <= names
