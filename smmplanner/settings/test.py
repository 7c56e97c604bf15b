from __future__ import annotations

import os

from .base import *
from .base import DATABASES, REDIS_URL, VAR_DIR, env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="test-only-insecure-key")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory, so tests read the outbox; worker processes started by a test write files instead.
EMAIL_BACKEND = env.str("TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env.str("TEST_EMAIL_FILE_PATH", default=str(VAR_DIR / "test-mail"))

# Tests get their own queue, so a developer's running worker never steals them;
# worker processes started by a test are handed the same name.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TEST_QUEUE", default=f"smmplanner-test-{os.getpid()}")
# Worker processes started by tests reach the test database through a file.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
if not REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "celery-test" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery-test" / "queue"),
        "processed_folder": str(VAR_DIR / "celery-test" / "processed"),
        "control_folder": str(VAR_DIR / "celery-test" / "control"),
        "store_processed": False,
    }
    for _folder in ("queue", "processed", "control"):
        (VAR_DIR / "celery-test" / _folder).mkdir(parents=True, exist_ok=True)
# The many worker processes tests start render no document, except where a test says so.
CHART_BROWSER_AT_WORKER_START = env.bool("CHART_BROWSER_AT_WORKER_START", default=False)
