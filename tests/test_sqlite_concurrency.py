"""The embedded SQLite database under a small team signing in and saving at the same moment.

``make run`` serves from SQLite with Django's threaded ``runserver`` and ATOMIC_REQUESTS.
Each request is a transaction that reads first and writes later (a sign-in reads the
user, hashes the password, then writes the session and ``last_login``); SQLite refuses
such a late upgrade to a writer at once, with "database is locked", whatever the busy
timeout. The test runs the real server in another process on a database file of its
own, so it runs in CI too, where DATABASE_URL names PostgreSQL.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from http.cookiejar import CookieJar
from pathlib import Path
from urllib import error, parse, request

import pytest

from tests.worker import wait_until

ROOT = Path(__file__).resolve().parent.parent
TEAM = 20
PASSWORD = "team-Password-123"

SEED = f"""
import datetime as dt, json
from django.contrib.auth.hashers import make_password
from accounts.models import Agency, Client, Role, User
from strategies.models import Strategy
agency = Agency.objects.create(name="Team Agency")
client = Client.objects.create(agency=agency, name="Team Client")
plans = {{}}
for n in range({TEAM}):
    owner = User.objects.create_user(f"marketer{{n}}@team.test", None, agency=agency, role=Role.MARKETER)
    plans[owner.email] = Strategy.objects.create(
        client=client, owner=owner, title=f"Plan {{n}}", start_date=dt.date(2027, 1, 1)
    ).pk
User.objects.filter(agency=agency).update(password=make_password({PASSWORD!r}))
print(json.dumps(plans))
"""


class _NoRedirects(request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _Browser:
    """One person's browser: its own cookies, redirects reported rather than followed."""

    def __init__(self, base: str):
        self.base = base
        self.opener = request.build_opener(request.HTTPCookieProcessor(CookieJar()), _NoRedirects)
        self.statuses: list[tuple[str, int]] = []

    def open(self, path: str, form: dict[str, str] | None = None) -> str:
        data = parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(self.base + path, data=data, timeout=90) as response:
                status, body = response.status, response.read()
        except error.HTTPError as response:
            status, body = response.code, response.read()
        self.statuses.append((f"{'POST' if form is not None else 'GET'} {path}", status))
        return body.decode()


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def sqlite_server(tmp_path):
    """``runserver`` (threaded, as in ``make run``) on a fresh SQLite file with one strategy per marketer."""
    database = tmp_path / "db.sqlite3"
    hidden = {"DJANGO_ALLOW_ASYNC_UNSAFE", "CELERY_TEST_QUEUE", "DEBUG", "ALLOWED_HOSTS"}
    env = {key: value for key, value in os.environ.items() if key not in hidden}
    env.update(
        DJANGO_SETTINGS_MODULE="smmplanner.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(tmp_path / "media"),
        REDIS_URL="",
        # The forecasts a save asks for die with the server: no worker of a developer's
        # `make run` or of CI ever receives tasks about a database that is gone.
        CELERY_BROKER_URL="memory://",
        PYTHONUNBUFFERED="1",
    )
    _manage("migrate", "--no-input", env=env)
    plans = json.loads(_manage("shell", "-c", SEED, env=env).strip().splitlines()[-1])
    port = _free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        assert server.poll() is None, f"runserver exited:\n{log_path.read_text()}"
        probe = HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            probe.request("GET", "/healthz/")
            return probe.getresponse().status == 200
        except OSError:
            return False
        finally:
            probe.close()

    try:
        wait_until(answers, timeout=60, interval=0.1, message="runserver to answer")
        yield base, plans, database, log_path
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def test_a_team_signing_in_and_saving_at_once_gets_no_errors_on_sqlite(sqlite_server):
    base, plans, database, log_path = sqlite_server
    together = threading.Barrier(TEAM, timeout=120)

    def sign_in_and_save(email: str, strategy_pk: int) -> list[tuple[str, int]]:
        browser = _Browser(base)
        try:
            page = browser.open("/accounts/login/")
            together.wait()
            credentials = {"username": email, "password": PASSWORD}
            browser.open(
                "/accounts/login/", {"csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken"), **credentials}
            )
            stage = f"/strategies/{strategy_pk}/review/"
            page = browser.open(stage)
            together.wait()
            browser.open(
                stage,
                {
                    "csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken"),
                    "_revision": _field(page, "_revision"),
                    "_goto": "",
                    "review_every_months": "3",
                    "next_review_date": "2027-04-01",
                },
            )
        except BaseException:
            together.abort()
            raise
        return browser.statuses

    with ThreadPoolExecutor(max_workers=TEAM) as pool:
        runs = list(pool.map(lambda plan: sign_in_and_save(*plan), plans.items()))

    statuses = [status for run in runs for status in run]
    # A page answers 200; a successful sign-in and a successful save redirect. Anything else is an error.
    errors = [(what, status) for what, status in statuses if status != (302 if what.startswith("POST") else 200)]
    log = log_path.read_text()
    report = f"{len(errors)} of {len(statuses)} responses wrong {Counter(errors).most_common()}; "
    report += f"the server logged 'database is locked' {log.count('database is locked')} times ({log_path})"
    assert len(statuses) == 4 * TEAM
    assert all(status < 500 for _, status in statuses), report
    assert errors == [], report
    assert "database is locked" not in log, report
    assert "Traceback" not in log, report
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        saved = connection.execute("SELECT COUNT(*) FROM strategies_strategy WHERE review_every_months = 3")
        assert saved.fetchone() == (TEAM,)
