"""Production settings: refuse to start without secrets, and pass check --deploy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "smmplanner.settings.prod",
    "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "planner.example.com",
    "DATABASE_URL": "postgres://planner@127.0.0.1:5432/planner",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_production():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", env=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PROD_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_media_storage_must_be_one_the_app_knows():
    result = manage("check", env={**PROD_ENV, "MEDIA_STORAGE": "ftp"})
    assert result.returncode != 0
    assert "MEDIA_STORAGE must be 'filesystem' or 's3', not 'ftp'" in result.stderr


def test_production_with_media_in_a_bucket_passes_check_deploy():
    env = {**PROD_ENV, "MEDIA_STORAGE": "s3", "S3_BUCKET": "planner-media", "S3_REGION": "eu-central-1"}
    script = "from django.core.files.storage import storages as s; d = s['default']; "
    script += "print(type(d).__name__, d.bucket_name, d.file_overwrite, d.default_acl)"
    result = manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["S3Storage", "planner-media", "False", "private"]
    result = manage("check", "--deploy", "--fail-level", "DEBUG", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
