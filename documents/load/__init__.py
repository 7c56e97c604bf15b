"""Fill the database with agencies full of clients, people and strategies, for scale tests and load runs.

Strategies are spread over owners and over every status of the review workflow,
with the stage data the wizard shows; approved ones carry a frozen version, so
the client portal has a document to show. Writing a hundred thousand strategies
row by row through the ORM takes many minutes, so:

* agencies, people and clients are written with ``bulk_create`` in batches, with
  one password hash for everybody;
* per language one *prototype* strategy is written the way the demo writes its
  strategies (``documents.demo``), its targets computed and its document frozen;
* every strategy is first a row of a temporary plan table (sent in batches of
  rows); the strategies, their stage rows, versions, history and comments are
  then copied from the plan and the prototypes inside the database with one
  ``INSERT … SELECT`` per table, so the bulky text never crosses the wire again.
  The stage models come from the snapshot registry: a model that a stage app
  registers there is copied without a change here.

A frozen document is not recomputed per strategy either: each client's first
approved strategy gets the prototype's snapshot with its own client, agency,
owner and title, and the client's other versions reuse that payload. The PDF is
rendered once per language and offered by every version in that language.
"""

from __future__ import annotations

import time
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from .plan import (
    LOAD_PASSWORD,
    MARKETERS_PER_AGENCY,
    PART_STAGES,
    _create_people,
    _create_prototypes,
    _next_agency_number,
    _plan,
    load_email,
)
from .sql import PLAN, _analyze, _copy_parts, _freeze_versions, _insert_strategies, _write_history, _write_plan

__all__ = ["LOAD_PASSWORD", "MARKETERS_PER_AGENCY", "PART_STAGES", "load_email", "seed_load"]


def seed_load(
    *,
    agencies: int,
    clients_per_agency: int,
    strategies_per_client: int,
    pdf: bool = True,
    stdout: TextIO | None = None,
) -> dict[str, Any]:
    """Add ``agencies`` agencies, numbered after those loaded before, full of clients and strategies.

    Everything is written in one transaction. Without ``pdf`` the versions' PDFs are
    left for the worker to render. Returns the counts and the seconds it took.
    """
    if min(agencies, clients_per_agency, strategies_per_client) < 1:
        raise ValueError("agencies, clients per agency and strategies per client must each be at least 1")
    started = mark = time.perf_counter()

    def step(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        if stdout is not None:
            stdout.write(f"  {name}: {now - mark:.1f} s\n")
        mark = now

    with transaction.atomic(), connection.cursor() as cursor:
        first = _next_agency_number()
        clients, client_users, teams = _create_people(first, agencies, clients_per_agency, make_password(LOAD_PASSWORD))
        step("agencies, people and clients")
        rows = _plan(clients, client_users, teams, strategies_per_client, timezone.now())
        prototypes = _create_prototypes(rows)
        step("prototypes")
        _write_plan(cursor, rows)
        step("plan")
        _insert_strategies(cursor)
        step("strategies")
        stage_rows = _copy_parts(cursor)
        step("stage rows")
        versions = _freeze_versions(cursor, prototypes, pdf=pdf)
        step("versions")
        history = _write_history(cursor)
        step("history and comments")
        cursor.execute(f"DROP TABLE {PLAN}")
        # Run the deferred foreign-key checks now, once, rather than at commit: a caller that keeps the
        # transaction open (the scale tests) would otherwise pay for them at every later check.
        connection.check_constraints()
        step("foreign-key checks")
        _analyze(cursor)
        step("statistics")
    return {
        "first_agency": first,
        "agencies": agencies,
        "clients": len(clients),
        "users": len(client_users) + agencies * (1 + MARKETERS_PER_AGENCY),
        "strategies": len(rows),
        "stage_rows": stage_rows,
        "versions": versions,
        "history_rows": history,
        "seconds": round(time.perf_counter() - started, 1),
    }
