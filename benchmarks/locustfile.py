"""Locust users for ``python -m benchmarks.load``, which writes the plan this file reads and runs it.

The plan (a JSON file named by ``LOAD_PLAN``) holds the accounts and their
strategies, the stage addresses, the phase (``wizard`` or ``ceiling``) and the
windows. Measuring starts once every user has signed in and the warm-up has
passed: a saturated window (marketers without pauses), then, if asked, a paced
one (marketers pausing between stages). This file records each request's time
itself (exact, not locust's rounded buckets) with the server's and its own CPU
time, writes the windows to the plan's result file and stops locust.

Requests carry ``X-Forwarded-Proto: https`` and an HTTPS ``Origin`` and
``Referer``, as they reach gunicorn from the TLS proxy in front of it, so
production's Secure cookies, SSL redirect and CSRF checks stay on.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import time
from html import unescape
from html.parser import HTMLParser
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, between, constant, events, task
from locust.exception import StopUser

from benchmarks.load import cpu_seconds, descendants, machine_busy

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text()) if os.environ.get("LOAD_PLAN") else {}
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
if not PLAN.get("keep_alive"):
    # As nginx talks to its upstream by default: a connection per request, so requests spread over the workers.
    PROXY_HEADERS["Connection"] = "close"
FORM_ID = PLAN.get("form_id", "stage-form")
FORM_ENCODED = "application/x-www-form-urlencoded"

_marketers = list(PLAN.get("marketers", []))
_managers = list(PLAN.get("managers", []))
_state: dict = {"signed_in": 0, "sign_in_failed": 0, "window": None, "paced": False}
_windows: dict[str, dict] = {}


# -- reading the stage form -----------------------------------------------------------------


class _FormReader(HTMLParser):
    """The values a browser would submit from the form with the given id (buttons and files left out)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: dict | None = None
        self._option: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
            return
        if not self.inside or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self.fields.append((name, a.get("value") or "on"))
                return
            self.fields.append((name, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in a, "chosen": [], "first": None}
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": [], "selected": "selected" in a}

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            # A browser drops one newline right after <textarea>.
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select" and self._select is not None:
            if self._option is not None:
                self._close_option()
            select = self._select
            values = select["chosen"] or ([] if select["multiple"] or select["first"] is None else [select["first"]])
            self.fields.extend((select["name"], value) for value in values)
            self._select = None

    def _close_option(self):
        option, select = self._option, self._select
        value = option["value"] if option["value"] is not None else "".join(option["text"]).strip()
        if select["first"] is None:
            select["first"] = value
        if option["selected"]:
            select["chosen"].append(value)
        self._option = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)
        elif self._option is not None:
            self._option["text"].append(data)


_FORM_SLICE = re.compile(rf"<form\b[^>]*\bid=\"{re.escape(FORM_ID)}\".*?</form>", re.S)
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_FIELD_ERROR = re.compile(r'class="invalid-feedback[^"]*"[^>]*>(.*?)<', re.S)
_PAGE_ERROR = re.compile(r'class="alert alert-danger[^"]*"[^>]*>(.*?)<', re.S)


def form_fields(html: str) -> list[tuple[str, str]]:
    """Parse only the stage form's slice of the page: the rest is not submitted and parsing costs CPU."""
    match = _FORM_SLICE.search(html)
    reader = _FormReader(FORM_ID)
    reader.feed(match.group(0) if match else html)
    reader.close()
    return reader.fields


def first_error(html: str) -> str:
    """The first field error of a refused form (or the page's error message), for the error report."""
    match = _FIELD_ERROR.search(html or "") or _PAGE_ERROR.search(html or "")
    return " ".join(unescape(match.group(1)).split())[:160] if match else ""


# -- users ----------------------------------------------------------------------------------


class _SignedInUser(FastHttpUser):
    abstract = True
    # Zero-wait users hold their connection; a sync gunicorn worker closes it after each answer anyway.
    connection_timeout = 30.0
    network_timeout = 60.0

    def sign_in(self, account: dict) -> None:
        # The browser's leg is HTTPS (to the proxy): send production's Secure cookies on this plain loopback leg too.
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("https", "wss", "http")))
        login = PLAN["login_url"]
        page = self.client.get(login, headers=PROXY_HEADERS, name="sign in (page)")
        token = _CSRF_INPUT.search(page.text or "")
        with self.client.post(
            login,
            data=urlencode(
                {
                    "csrfmiddlewaretoken": token and token.group(1),
                    "username": account["email"],
                    "password": account["password"],
                }
            ),
            headers=self.post_headers(login),
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in of {account['email']} answered {response.status_code}")
                _state["sign_in_failed"] += 1
                raise StopUser
        _state["signed_in"] += 1

    def post_headers(self, path: str) -> dict:
        origin = "https://" + self.host.split("://", 1)[1].rstrip("/")
        return {**PROXY_HEADERS, "Origin": origin, "Referer": origin + path, "Content-Type": FORM_ENCODED}


class MarketerUser(_SignedInUser):
    """Walks the wizard of their own strategies: each stage is opened, then saved as shown with "Save and continue"."""

    fixed_count = len(_marketers) if PLAN.get("phase") == "wizard" else 0

    def wait_time(self):
        """None while saturating the server; in the paced window a pause between one stage and the next."""
        return random.uniform(*PLAN["paced_wait"]) if _state["paced"] else 0

    def on_start(self):
        if not _marketers:
            raise StopUser
        self.account = _marketers.pop(0)
        self.sign_in(self.account)
        rng = random.Random(self.account["email"])
        self.strategies = list(self.account["strategies"])
        rng.shuffle(self.strategies)
        self.strategy_index = 0
        # Start somewhere along the walk, so the users are not all on the same stage at once.
        self.stage_index = rng.randrange(len(PLAN["stages"]))

    @task
    def next_stage(self):
        stages = PLAN["stages"]
        strategy = self.strategies[self.strategy_index]
        stage = stages[self.stage_index]
        url = stage["url"].format(pk=strategy)
        following = (
            stages[self.stage_index + 1]["url"].format(pk=strategy) if self.stage_index + 1 < len(stages) else ""
        )
        expected = following or PLAN["summary_url"].format(pk=strategy)

        with self.client.get(url, headers=PROXY_HEADERS, name=f"GET {stage['key']}", catch_response=True) as page:
            html = page.text or ""
            if page.status_code != 200:
                page.failure(f"GET {stage['key']} answered {page.status_code}")
                return self.advance()
            fields = form_fields(html)
            if not any(name == "_revision" for name, _ in fields):
                page.failure(f"GET {stage['key']}: no editable stage form")
                return self.advance()
        fields.append(("_goto", "_next"))
        with self.client.post(
            url,
            data=urlencode(fields),
            headers=self.post_headers(url),
            name=f"POST {stage['key']}",
            allow_redirects=False,
            catch_response=True,
        ) as saved:
            location = saved.headers.get("Location", "") if saved.headers else ""
            if saved.status_code != 302:
                saved.failure(f"POST {stage['key']} answered {saved.status_code}: {first_error(saved.text)}")
            elif not location.endswith(expected):
                saved.failure(f"POST {stage['key']} went to {location}, not {expected}")
        self.advance()

    def advance(self):
        self.stage_index += 1
        if self.stage_index == len(PLAN["stages"]):
            self.stage_index = 0
            self.strategy_index = (self.strategy_index + 1) % len(self.strategies)


class ManagerUser(_SignedInUser):
    """Opens the agency dashboard now and then, as a manager keeping an eye on the work."""

    fixed_count = len(_managers) if PLAN.get("phase") == "wizard" else 0
    wait_time = between(*PLAN.get("manager_wait", [1, 3]))

    def on_start(self):
        if not _managers:
            raise StopUser
        self.sign_in(_managers.pop(0))

    @task
    def dashboard(self):
        with self.client.get(PLAN["dashboard_url"], headers=PROXY_HEADERS, name="dashboard", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"dashboard answered {r.status_code}")


class BareViewUser(FastHttpUser):
    """The ceiling: the same client and concurrency, asking for the bare liveness view."""

    fixed_count = PLAN.get("ceiling_users", 0) if PLAN.get("phase") == "ceiling" else 0
    wait_time = constant(0)
    connection_timeout = 30.0
    network_timeout = 60.0

    def on_start(self):
        _state["signed_in"] += 1

    @task
    def liveness(self):
        with self.client.get(PLAN["ceiling_url"], headers=PROXY_HEADERS, name="bare view", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"bare view answered {r.status_code}")


# -- the measurement windows --------------------------------------------------------------


@events.request.add_listener
def _record(request_type, name, response_time, exception=None, **kwargs):
    window = _windows.get(_state["window"])
    if window is None:
        return
    window["samples"].setdefault(name, []).append(response_time)
    if exception is not None:
        window["errors"][name] = window["errors"].get(name, 0) + 1
        if len(window["error_examples"]) < 10:
            window["error_examples"].append(str(exception)[:300])


def _resources() -> dict:
    """CPU seconds so far of the server (master and workers), of this process and of the whole machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    busy, total = machine_busy()
    server = cpu_seconds(descendants(PLAN["server_pid"])) if PLAN.get("server_pid") else 0.0
    return {"server": server, "locust": own.ru_utime + own.ru_stime, "busy": busy, "total": total, "log": _log_size()}


def _log_size() -> int:
    try:
        return os.path.getsize(PLAN["server_log"])
    except (KeyError, OSError):
        return 0


def _measure(name: str, seconds: float) -> None:
    window = _windows[name] = {"samples": {}, "errors": {}, "error_examples": []}
    before, started = _resources(), time.monotonic()
    _state["window"] = name
    gevent.sleep(seconds)
    _state["window"] = None
    after, stopped = _resources(), time.monotonic()
    window.update(
        window_s=round(stopped - started, 3),
        server_log=[before["log"], after["log"]],
        server_cpu_s=round(after["server"] - before["server"], 2),
        locust_cpu_s=round(after["locust"] - before["locust"], 2),
        machine_busy=round((after["busy"] - before["busy"]) / max(after["total"] - before["total"], 1e-9), 3),
    )


def _schedule(environment):
    try:
        expected = PLAN.get("expected_users", 0)
        deadline = time.monotonic() + PLAN.get("sign_in_timeout_s", 60)
        while _state["signed_in"] + _state["sign_in_failed"] < expected and time.monotonic() < deadline:
            gevent.sleep(0.2)
        gevent.sleep(PLAN.get("warmup_s", 10))
        _measure("saturated", PLAN.get("measure_s", 30))
        if PLAN.get("paced_s"):
            # Marketers now pause between stages; let the queue of the saturated window drain first.
            _state["paced"] = True
            gevent.sleep(PLAN["paced_wait"][1] + 3)
            _measure("paced", PLAN["paced_s"])
    finally:
        result = {"signed_in": _state["signed_in"], "expected_users": PLAN.get("expected_users", 0), **_windows}
        Path(PLAN["result"]).write_text(json.dumps(result))
        environment.runner.quit()


@events.test_start.add_listener
def _start(environment, **kwargs):
    if PLAN:
        gevent.spawn(_schedule, environment)
