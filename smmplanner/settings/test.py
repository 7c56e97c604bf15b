from __future__ import annotations

import os

from .base import *
from .base import REDIS_URL, VAR_DIR, env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="test-only-insecure-key")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Tests get their own queue, so a developer's running worker never steals them.
CELERY_TASK_DEFAULT_QUEUE = f"smmplanner-test-{os.getpid()}"
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
