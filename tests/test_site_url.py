"""`make run` tells the web server and the worker the address it serves, so emailed links point there."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_commands(*args: str) -> list[str]:
    result = subprocess.run(["make", "-n", "run", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if "celery -A smmplanner worker" in line or "runserver" in line]


@pytest.mark.parametrize(
    ("args", "site"),
    [
        ((), "http://127.0.0.1:8000"),
        (("PORT=8100",), "http://127.0.0.1:8100"),
        (("HOST=0.0.0.0", "PORT=9000"), "http://0.0.0.0:9000"),
        (("PORT=8100", "SITE_URL=https://planner.example"), "https://planner.example"),
    ],
)
def test_make_run_hands_its_address_to_the_server_and_the_worker(args, site):
    commands = run_commands(*args)
    assert len(commands) == 2
    assert all(f"SITE_URL={site} " in command for command in commands), commands
