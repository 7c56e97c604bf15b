"""Wizard pages under load: gunicorn on loopback, PostgreSQL, Redis, driven by locust.

    python -m benchmarks.load                 # 2,000 strategies, about 2.5 minutes
    python -m benchmarks.load --full          # 100,000 strategies (seeding them once takes about 2 minutes)
    python -m benchmarks.load --help          # sizes, users, windows, gunicorn worker class and count

Prepares its own PostgreSQL database (``DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/smmplanner_load``: created if missing,
migrated, filled by ``manage.py seed_load`` unless it already holds exactly the
asked size, otherwise dropped and filled again), checks Redis (``REDIS_URL``),
collects the static files once, then starts gunicorn on a free loopback port
with the production settings (``benchmarks.settings``: ``smmplanner.settings.prod``
with its own task queue; HTTPS-only cookies, HSTS, SSL redirect and CSRF stay
on, the load generator speaking for the TLS proxy, one connection per request
as nginx opens them towards gunicorn) and a worker count from the core count.

Workers: measured here (2 cores, other work on the machine, 20-second windows,
alternating runs), gthread workers of 4 threads served more wizard requests
than the README's 2 × cores + 1 sync workers (37–44 against 30–34 rps) at less
server CPU per request (36–42 against 47–53 ms), with cores + 1 workers at
least as good as 2 × cores + 1 and a third less memory; sync had the tighter
tail at saturation. Hence the default: cores + 1 gthread workers × 4 threads;
``--worker-class``, ``--workers``, ``--threads`` and ``--keep-alive`` try others.

Two phases run against that same server, with the same locust set-up (one
locust process, ``FastHttpUser``, all users started at once, sign-in and a
warm-up excluded from the measurement):

* ceiling: ``--users`` users asking for ``/healthz/`` (a bare view: no session,
  no database) with no pause between requests;
* wizard: ``--users`` marketers, each signed in as a different marketer (taken
  in turn from each agency), walking the stages of their own editable
  strategies with no pause: open a stage (GET), submit its form back exactly
  as shown, revision token included ("Save and continue", POST), expect the
  redirect to the next stage. A validation-error or conflict page, a wrong
  redirect or any status but 200/302 counts as an error. Besides them,
  ``--managers`` managers open their agency's dashboard every 1–3 s.

Why no think time for ``rps``: with a pause per user, the throughput is set by
the pause (users / (pause + latency)) and its ratio to the ceiling says little.
With none, both phases keep the server saturated, so ``rps`` and
``ceiling_rps`` are the server's capacity for wizard requests and for bare
requests on this machine, with the same 20 users and the same client cost,
and ``ratio`` is what a wizard request costs next to the fixed cost of
any request (HTTP, gunicorn, middleware, logging, the load generator). The
price is that latency at saturation is mostly queueing: every user waits for
the others, so ``p95_ms`` is about 20 / ``rps`` whatever one page costs.
Hence a second window in the same wizard run, ``paced_*``: the same marketers
now pause 2–6 s between one stage and the next (still far quicker than people
fill a stage), which is the latency a team of 20 marketers would see.
``server_p95_ms`` (from the server's own request log) and
``server_cpu_ms_per_request`` show how much of the time is the work itself.
locust shares the two cores with the server: its CPU share and the machine's
busy share are reported, so a run disturbed by other work shows. No Celery
worker runs: the forecasts that saves ask for wait in the benchmark's own queue,
which is emptied afterwards, so only the web tier is measured.

Prints one line of JSON on stdout (progress on stderr; locust's CSV, logs and
the server log under ``var/load/run-*``). gunicorn and locust run in process
groups of their own and are stopped on exit, on errors and on Ctrl-C (and
receive SIGTERM if this process is killed outright).
"""

from __future__ import annotations

import argparse
import ctypes
import http.client
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import closing, suppress
from itertools import zip_longest
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/smmplanner_load"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
QUEUE = "smmplanner-load"
STAGE_REQUEST = re.compile(r"^(GET|POST) ")
FULL_SIZE = (100, 50, 20)
QUICK_SIZE = (10, 20, 10)
KEEP_RUNS = 10  # the newest run folders kept under var/load (logs, locust's CSV)
# Seconds a marketer pauses between one stage and the next in the paced window.
PACED_WAIT = (2, 6)


def log(message: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_argument_group("data size (default: a quick run; --full: 100,000 strategies)")
    size.add_argument("--full", action="store_true", help="{} agencies × {} clients × {} strategies".format(*FULL_SIZE))
    size.add_argument("--agencies", type=int)
    size.add_argument("--clients-per-agency", type=int)
    size.add_argument("--strategies-per-client", type=int)
    load = parser.add_argument_group("load")
    load.add_argument("--users", type=int, default=20, help="marketers walking the wizard (and ceiling users)")
    load.add_argument("--managers", type=int, default=2, help="managers opening the dashboard every 1-3 s")
    load.add_argument("--warmup", type=float, default=10, help="seconds after every user signed in, not measured")
    load.add_argument("--duration", type=float, default=30, help="measured seconds of the saturated wizard phase")
    load.add_argument("--ceiling-duration", type=float, default=20, help="measured seconds of the bare-view phase")
    load.add_argument(
        "--paced-duration",
        type=float,
        default=30,
        help="measured seconds with marketers pausing between stages (0: off)",
    )
    server = parser.add_argument_group("server")
    # gthread measured ahead of sync here: see "Workers" in the module docstring.
    server.add_argument("--worker-class", choices=["sync", "gthread"], default="gthread")
    server.add_argument("--workers", type=int, help="default: cores + 1 (gthread) or 2 × cores + 1 (sync)")
    server.add_argument("--threads", type=int, default=4, help="threads per gthread worker (default 4)")
    server.add_argument(
        "--keep-alive",
        action="store_true",
        help="reuse each user's connection (default: one per request, as nginx does towards gunicorn)",
    )
    args = parser.parse_args()
    default = FULL_SIZE if args.full else QUICK_SIZE
    args.agencies = args.agencies or default[0]
    args.clients_per_agency = args.clients_per_agency or default[1]
    args.strategies_per_client = args.strategies_per_client or default[2]
    cores = os.cpu_count() or 1
    args.workers = args.workers or (cores + 1 if args.worker_class == "gthread" else 2 * cores + 1)
    args.strategies = args.agencies * args.clients_per_agency * args.strategies_per_client
    return args


# -- processes ----------------------------------------------------------------------------------


class Processes:
    """Every child started in its own process group, stopped (group-wide) on the way out."""

    def __init__(self):
        self.children: list[subprocess.Popen] = []

    def start(self, command: list[str], **kwargs) -> subprocess.Popen:
        child = subprocess.Popen(command, start_new_session=True, preexec_fn=_die_with_parent, **kwargs)
        self.children.append(child)
        return child

    def stop(self, child: subprocess.Popen, timeout: float = 10) -> None:
        if child.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGTERM)
            try:
                child.wait(timeout)
            except subprocess.TimeoutExpired:
                log(f"pid {child.pid} did not stop in {timeout:.0f} s: killing its group")
        # Whatever is left of the group (a worker whose master is gone) goes too.
        with suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            child.wait(5)

    def stop_all(self) -> None:
        for child in reversed(self.children):
            self.stop(child)


def _die_with_parent() -> None:
    """In the child before exec: if this harness is killed outright (SIGKILL), the child gets SIGTERM."""
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _terminate(signum, frame):
    log(f"stopping on {signal.Signals(signum).name}")
    raise SystemExit(128 + signum)


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError, IndexError, ValueError):
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    found, frontier = [pid], {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found.extend(frontier)
    return found


def peak_rss_mb(pids: list[int]) -> tuple[float, float]:
    """Sum and largest of the processes' own peaks (VmHWM), in MB."""
    peaks = []
    for pid in pids:
        with suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
    return round(sum(peaks), 1), round(max(peaks, default=0), 1)


def manage(*arguments: str, env: dict, timeout: float | None = None) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        start_new_session=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


# -- the environment -------------------------------------------------------------------------


def server_environment() -> dict:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    env.setdefault("REDIS_URL", DEFAULT_REDIS_URL)
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(BASE_DIR / "var" / "load" / "static"),
        LOAD_CELERY_QUEUE=QUEUE,
        PYTHONUNBUFFERED="1",
    )
    return env


def _maintenance(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name == "smmplanner" or name.startswith("test"):
        raise SystemExit(f"refusing to load-test database {name!r}: use a database of its own")
    return name, urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))


def ensure_database(url: str, *, fresh: bool = False) -> None:
    """Create the database if missing; ``fresh`` drops it first (its data has another size)."""
    import psycopg

    name, maintenance = _maintenance(url)
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=10) as conn:
        if fresh:
            log(f"dropping database {name} (seeded at another size)")
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            log(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def purge_queue(url: str) -> int:
    import redis

    client = redis.Redis.from_url(url, socket_timeout=5)
    client.ping()
    return client.delete(QUEUE)


def static_fingerprint() -> str:
    from django.contrib.staticfiles.finders import get_finders

    newest, count = 0.0, 0
    for finder in get_finders():
        for path, storage in finder.list([]):
            newest = max(newest, os.path.getmtime(storage.path(path)))
            count += 1
    return f"{count}:{newest}"


def collect_static(env: dict) -> None:
    """WhiteNoise's manifest storage needs collected files; compressing them takes half a minute, so only once."""
    from django.conf import settings

    marker = Path(settings.STATIC_ROOT) / ".load-fingerprint"
    fingerprint = static_fingerprint()
    if (
        marker.exists()
        and marker.read_text() == fingerprint
        and (Path(settings.STATIC_ROOT) / "staticfiles.json").exists()
    ):
        return
    log("collecting static files (once; about 30 s)")
    manage("collectstatic", "--noinput", "-v", "0", env=env, timeout=300)
    marker.write_text(fingerprint)


def seeded_size() -> tuple[int, int, int]:
    """Agencies, clients and strategies in the database; agencies that seed_load did not make count as a mismatch."""
    from accounts.models import Agency, Client, User
    from strategies.models import Strategy

    loaded = User.objects.filter(email__startswith="manager@load-agency-").count()
    if Agency.objects.count() != loaded:
        return -1, -1, -1
    return loaded, Client.objects.count(), Strategy.objects.count()


def seed(args, env: dict) -> int:
    """Reuse the data if it has exactly the asked size; otherwise start from an empty database."""
    from django.db import connection

    wanted = (args.agencies, args.agencies * args.clients_per_agency, args.strategies)
    present = seeded_size()
    if present == wanted:
        return present[2]
    if present != (0, 0, 0):
        connection.close()
        ensure_database(env["DATABASE_URL"], fresh=True)
        manage("migrate", "--noinput", "-v", "0", env=env, timeout=600)
    log(f"seeding {args.agencies} × {args.clients_per_agency} × {args.strategies_per_client} strategies")
    started = time.monotonic()
    output = manage(
        "seed_load",
        "--agencies",
        str(args.agencies),
        "--clients-per-agency",
        str(args.clients_per_agency),
        "--strategies-per-client",
        str(args.strategies_per_client),
        env=env,
        timeout=3600,
    )
    log(f"seeded in {time.monotonic() - started:.0f} s: {output.strip()}")
    present = seeded_size()
    if present != wanted:
        raise SystemExit(f"seed_load left {present} (agencies, clients, strategies); expected {wanted}")
    return present[2]


def pick_accounts(args, password: str) -> tuple[list[dict], list[dict]]:
    """Marketers taken in turn from each agency, with their own editable strategies; managers of their agencies."""
    from django.db.models import Exists, F, OuterRef, Q

    from accounts.models import Role, User
    from strategies.models import SmartGoal, Strategy

    # Saved as shown, a strategy must pass the stage forms. seed_load copies stage rows from a prototype,
    # so a strategy that starts after the prototype's dates has goal deadlines and a first review before
    # its start, which the goals and review forms refuse: such strategies are left out.
    dated_before_start = Exists(SmartGoal.objects.filter(strategy=OuterRef("pk"), deadline__lt=OuterRef("start_date")))
    editable = Strategy.objects.filter(status__in=Strategy.EDITABLE_STATUSES).exclude(
        Q(next_review_date__lte=F("start_date")) | Q(dated_before_start)
    )
    by_agency: dict[int, list] = {}
    for user in User.objects.filter(role=Role.MARKETER, is_active=True, agency__isnull=False).order_by("pk"):
        by_agency.setdefault(user.agency_id, []).append(user)
    marketers: list[dict] = []
    for round_robin in zip_longest(*by_agency.values()):
        for user in filter(None, round_robin):
            strategies = list(editable.filter(owner=user).order_by("pk").values_list("pk", flat=True)[:10])
            if strategies and len(marketers) < args.users:
                marketers.append({"email": user.email, "password": password, "strategies": strategies})
                marketers[-1]["agency"] = user.agency_id
        if len(marketers) == args.users:
            break
    if len(marketers) < args.users:
        raise SystemExit(f"only {len(marketers)} marketers with editable strategies; {args.users} needed")
    managers = []
    for agency in dict.fromkeys(m.pop("agency") for m in marketers):
        user = User.objects.filter(role=Role.MANAGER, is_active=True, agency_id=agency).order_by("pk").first()
        if user and len(managers) < args.managers:
            managers.append({"email": user.email, "password": password})
    return marketers, managers


def addresses() -> dict:
    """The pages the users open, from the URLconf; a strategy's pages with ``{pk}`` in place of its id."""
    from django.urls import reverse

    from strategies.stages import all_stages

    marker = 987654321

    def for_strategy(name: str) -> str:
        return reverse(name, kwargs={"strategy_pk": marker}).replace(str(marker), "{pk}")

    return {
        "login_url": reverse("login"),
        "dashboard_url": reverse("dashboard"),
        "ceiling_url": reverse("liveness"),
        "summary_url": for_strategy("strategies:summary"),
        "stages": [{"key": stage.key, "url": for_strategy(stage.url_name)} for stage in all_stages()],
    }


# -- measuring ---------------------------------------------------------------------------------


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def machine_busy() -> tuple[float, float]:
    """Busy and total CPU seconds of the whole machine so far (all cores)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    ticks = os.sysconf("SC_CLK_TCK")
    idle = values[3] + values[4]
    return (sum(values) - idle) / ticks, sum(values) / ticks


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = math.ceil(share * len(ordered))
    return ordered[max(0, min(len(ordered), rank) - 1)]


def server_log_durations(path: Path, start: int, end: int, stages: list[dict]) -> list[float]:
    """Server-side times of wizard stage requests, from the JSON request log written during the window."""
    stage_path = re.compile("|".join(re.escape(s["url"]).replace(re.escape("{pk}"), r"\d+") + "$" for s in stages))
    durations = []
    with path.open("rb") as handle:
        handle.seek(start)
        for line in handle.read(max(0, end - start)).decode(errors="replace").splitlines():
            if '"event": "request"' not in line:
                continue
            with suppress(ValueError):
                record = json.loads(line)
                if stage_path.match(record.get("path", "")):
                    durations.append(float(record["duration_ms"]))
    return durations


def run_phase(processes: Processes, phase: str, plan: dict, run_dir: Path, url: str) -> dict:
    """One locust process for one phase; the locustfile measures and writes its windows to the result file."""
    plan = {**plan, "phase": phase, "result": str(run_dir / f"{phase}.json")}
    plan_path = run_dir / f"{phase}-plan.json"
    plan_path.write_text(json.dumps(plan))
    classes = ["BareViewUser"] if phase == "ceiling" else ["MarketerUser", "ManagerUser"]
    users = plan["expected_users"]
    paced = plan.get("paced_s", 0) and plan["paced_s"] + plan["paced_wait"][1] + 3
    limit = plan["sign_in_timeout_s"] + plan["warmup_s"] + plan["measure_s"] + paced + 30
    env = {**os.environ, "LOAD_PLAN": str(plan_path), "PYTHONUNBUFFERED": "1"}
    command = [PYTHON, "-m", "locust", "-f", str(BASE_DIR / "benchmarks" / "locustfile.py"), "--headless"]
    command += ["--host", url, "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{int(limit)}s"]
    command += ["--stop-timeout", "5", "--only-summary", "--loglevel", "WARNING", "--csv", str(run_dir / phase)]
    log(f"{phase}: {users} users, {plan['warmup_s']:.0f} s warm-up, {plan['measure_s']:.0f} s measured")
    with (run_dir / f"{phase}-locust.log").open("w") as output:
        locust = processes.start([*command, *classes], cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            locust.wait(limit + 30)
        except subprocess.TimeoutExpired:
            log(f"{phase}: locust did not finish in time")
        processes.stop(locust)
    result_path = Path(plan["result"])
    if not result_path.exists() or "saturated" not in (result := json.loads(result_path.read_text())):
        raise SystemExit(f"{phase}: locust measured nothing; see {run_dir / (phase + '-locust.log')}")
    if result["signed_in"] < result["expected_users"]:
        log(f"{phase}: only {result['signed_in']} of {result['expected_users']} users signed in")
    return result


def _times(window: dict, pattern: re.Pattern | str) -> list[float]:
    match = pattern.match if isinstance(pattern, re.Pattern) else (lambda name: name == pattern)
    return [t for name, values in window["samples"].items() if match(name) for t in values]


def _p(values: list[float], share: float) -> float:
    return round(percentile(values, share), 1)


def report(wizard: dict, ceiling: dict, *, stages: list[dict], server_log: Path) -> dict:
    """The figures of the windows: wizard stage requests (GET and POST) unless named otherwise."""
    saturated, bare = wizard["saturated"], ceiling["saturated"]
    stage_times = _times(saturated, STAGE_REQUEST)
    ceiling_times = _times(bare, "bare view")
    rps = len(stage_times) / saturated["window_s"]
    ceiling_rps = len(ceiling_times) / bare["window_s"]
    requests = sum(len(values) for values in saturated["samples"].values())
    server_times = server_log_durations(server_log, *saturated["server_log"], stages)
    figures = {
        "rps": round(rps, 1),
        "p50_ms": _p(stage_times, 0.50),
        "p95_ms": _p(stage_times, 0.95),
        "p99_ms": _p(stage_times, 0.99),
        "errors": sum(saturated["errors"].values()),
        "ceiling_rps": round(ceiling_rps, 1),
        "ratio": round(rps / ceiling_rps, 3) if ceiling_rps else None,
        "duration_s": saturated["window_s"],
        "stage_requests": len(stage_times),
        "get_p95_ms": _p(_times(saturated, re.compile("GET ")), 0.95),
        "post_p95_ms": _p(_times(saturated, re.compile("POST ")), 0.95),
        "stage_p95_ms": {
            stage["key"]: _p(_times(saturated, re.compile(f"(GET|POST) {stage['key']}$")), 0.95) for stage in stages
        },
        "dashboard_requests": len(_times(saturated, "dashboard")),
        "dashboard_p95_ms": _p(_times(saturated, "dashboard"), 0.95),
        # Inside the server (the request log): the part of the latency that is not waiting for a free worker.
        "server_p50_ms": _p(server_times, 0.50),
        "server_p95_ms": _p(server_times, 0.95),
        # CPU within the windows: the server's per request, the load generator's share, the machine's busy share.
        "server_cpu_ms_per_request": round(1000 * saturated["server_cpu_s"] / max(1, requests), 2),
        "locust_cpu_share": round(saturated["locust_cpu_s"] / saturated["window_s"], 2),
        "machine_busy": saturated["machine_busy"],
        "ceiling_duration_s": bare["window_s"],
        "ceiling_p95_ms": _p(ceiling_times, 0.95),
        "ceiling_errors": sum(bare["errors"].values()),
        "ceiling_server_cpu_ms_per_request": round(1000 * bare["server_cpu_s"] / max(1, len(ceiling_times)), 2),
        "ceiling_locust_cpu_share": round(bare["locust_cpu_s"] / bare["window_s"], 2),
        "ceiling_machine_busy": bare["machine_busy"],
    }
    paced = wizard.get("paced")
    if paced:
        paced_times = _times(paced, STAGE_REQUEST)
        figures.update(
            paced_rps=round(len(paced_times) / paced["window_s"], 1),
            paced_p50_ms=_p(paced_times, 0.50),
            paced_p95_ms=_p(paced_times, 0.95),
            paced_p99_ms=_p(paced_times, 0.99),
            paced_errors=sum(paced["errors"].values()),
            paced_dashboard_p95_ms=_p(_times(paced, "dashboard"), 0.95),
            paced_duration_s=paced["window_s"],
            paced_machine_busy=paced["machine_busy"],
        )
    examples = [*saturated["error_examples"], *(paced or {}).get("error_examples", []), *bare["error_examples"]]
    figures["error_examples"] = examples[:5]
    return figures


def wait_until_up(url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    """Until gunicorn answers its liveness view on the loopback address (plain HTTP, as from the proxy)."""
    address = urlsplit(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with code {server.returncode}")
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=2)
        with suppress(OSError), closing(connection):
            connection.request("GET", "/healthz/", headers={"X-Forwarded-Proto": "https"})
            if connection.getresponse().status == 200:
                return
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz/ in time")


def main() -> None:
    args = parse_args()
    # Also when started from a script, where SIGINT may arrive ignored: Ctrl-C must still clean up.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _terminate)
    env = server_environment()
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "STATIC_ROOT")})
    os.environ.update(DATABASE_URL=env["DATABASE_URL"], REDIS_URL=env["REDIS_URL"], LOAD_CELERY_QUEUE=QUEUE)
    started = time.monotonic()

    try:
        ensure_database(env["DATABASE_URL"])
    except Exception as error:  # psycopg's errors, without a traceback: the address is what to check
        raise SystemExit(f"PostgreSQL at {env['DATABASE_URL']}: {error}") from error
    try:
        purge_queue(env["REDIS_URL"])
    except Exception as error:
        raise SystemExit(f"Redis at {env['REDIS_URL']}: {error}") from error
    manage("migrate", "--noinput", "-v", "0", env=env, timeout=600)

    import django

    django.setup()
    from django.db import connection

    strategies = seed(args, env)
    from documents.load import LOAD_PASSWORD

    marketers, managers = pick_accounts(args, LOAD_PASSWORD)
    collect_static(env)
    pages = addresses()
    connection.close()

    run_dir = BASE_DIR / "var" / "load" / time.strftime("run-%Y%m%d-%H%M%SZ", time.gmtime())
    run_dir.mkdir(parents=True, exist_ok=True)
    for old in sorted(run_dir.parent.glob("run-*"))[:-KEEP_RUNS]:
        shutil.rmtree(old, ignore_errors=True)
    processes = Processes()
    try:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server_log = run_dir / "server.log"
        gunicorn = [PYTHON, "-m", "gunicorn", "smmplanner.wsgi", "--bind", f"127.0.0.1:{port}"]
        gunicorn += ["--workers", str(args.workers), "--worker-class", args.worker_class]
        if args.worker_class == "gthread":
            gunicorn += ["--threads", str(args.threads)]
        gunicorn += ["--log-level", "warning", "--graceful-timeout", "5"]
        log(f"gunicorn: {args.workers} {args.worker_class} workers on {url}")
        with server_log.open("w") as output:
            server = processes.start(gunicorn, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT)
        wait_until_up(url, server)

        common = {
            **pages,
            "server_log": str(server_log),
            "server_pid": server.pid,
            "warmup_s": args.warmup,
            "manager_wait": [1, 3],
            "keep_alive": args.keep_alive,
        }
        ceiling = run_phase(
            processes,
            "ceiling",
            {
                **common,
                "ceiling_users": args.users,
                "expected_users": args.users,
                "sign_in_timeout_s": 10,
                "measure_s": args.ceiling_duration,
            },
            run_dir,
            url,
        )
        wizard = run_phase(
            processes,
            "wizard",
            {
                **common,
                "marketers": marketers,
                "managers": managers,
                "expected_users": len(marketers) + len(managers),
                "sign_in_timeout_s": 120,
                "measure_s": args.duration,
                "paced_s": args.paced_duration,
                "paced_wait": PACED_WAIT,
            },
            run_dir,
            url,
        )
        server_processes = descendants(server.pid)
        rss_total, rss_worker = peak_rss_mb(server_processes)
        processes.stop(server)
    finally:
        processes.stop_all()
        with suppress(Exception):
            purge_queue(env["REDIS_URL"])

    result = {
        "benchmark": "load",
        **report(wizard, ceiling, stages=pages["stages"], server_log=server_log),
        "users": len(marketers),
        "managers": len(managers),
        "server": f"gunicorn {args.worker_class}",
        "server_workers": len(server_processes) - 1,
        "threads": args.threads if args.worker_class == "gthread" else 1,
        "peak_rss_mb": rss_total,
        "peak_worker_rss_mb": rss_worker,
        "strategies": strategies,
        "database": "postgresql",
        "cores": os.cpu_count(),
        "total_s": round(time.monotonic() - started, 1),
        "run_dir": str(run_dir.relative_to(BASE_DIR)),
    }
    print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
