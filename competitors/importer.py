"""The database side of an import: a whole file of posts is written, or none of it.

The file is read and cleaned in parts of ``CHUNK_ROWS`` rows inside one transaction; a
problem anywhere rolls the transaction back, so nothing of a refused file remains. No
model instance is built per row. On PostgreSQL each part goes through a binary ``COPY``
into a temporary table and one ``INSERT … SELECT … ON CONFLICT DO NOTHING``, run by a
helper thread on the same connection while the next part is cleaned (the server and
pandas then use both cores). On SQLite the rows go in with ``INSERT OR IGNORE``. Either
way a post already imported (same strategy and post key) is skipped, so importing a
file twice adds nothing.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from datetime import datetime

import numpy as np
import pandas as pd
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from strategies.models import ContentFormat

from .analytics import account_figures
from .importing import COUNT_COLUMNS, ImportRefused, clean, iter_table, mapping_problems, post_keys, suggest_mapping
from .models import AccountAnalytics, AnalysisSummary, ImportJob, Post

logger = logging.getLogger(__name__)

MAX_PROBLEMS = 100
CHUNK_ROWS = 50_000
_ANALYTICS_COLUMNS = ("published_at", "format", *COUNT_COLUMNS)


class _Refused(Exception):
    def __init__(self, problems: list[dict], count: int):
        super().__init__(count)
        self.problems, self.count = problems, count


def import_file(job: ImportJob, *, progress: Callable[[int], object] | None = None) -> ImportJob:
    """Read, check and store ``job.file``, then refresh the analytics of the accounts it touched.

    A file with problems leaves the job FAILED with the first 100 of them (and their count) and
    no post written. Messages are in the language of the person who uploaded the file.
    ``progress`` is called with 10 (read), 40 (checked), 80 (written) and 100 (analysed).
    """
    with translation.override(_language(job)):
        try:
            return _import(job, progress or (lambda percent: None))
        except Exception:
            logger.exception("import %s stopped", job.pk)
            job.stopped_unexpectedly = True
            with suppress(DatabaseError):
                _finish(job, ImportJob.Status.FAILED, _stopped_problems(), 1)
            raise


def give_up_stopped_imports(*, started_before: datetime, limit: int) -> int:
    """Mark as stopped the imports claimed before ``started_before`` and still running: their run is gone.

    Nothing of such an import is in the database: its posts, their figures and the job's DONE
    status are committed together (see ``_import``), so a job still RUNNING wrote no post.
    """
    given_up = 0
    for job in ImportJob.objects.running_since(started_before).select_related("created_by")[:limit]:
        with translation.override(_language(job)):
            problems = _stopped_problems()
        given_up += (
            ImportJob.objects.running_since(started_before)
            .filter(pk=job.pk)
            .update(
                status=ImportJob.Status.FAILED,
                problems=problems,
                problem_count=1,
                stopped_unexpectedly=True,
                finished_at=timezone.now(),
            )
        )
    return given_up


def uploads_to_release(before: datetime):
    """Imports whose uploaded file is no longer needed: ended, or never mapped, before ``before``."""
    return ImportJob.objects.filter(
        Q(status__in=[ImportJob.Status.DONE, ImportJob.Status.FAILED], finished_at__lt=before)
        | Q(status=ImportJob.Status.MAPPING, created_at__lt=before)
    ).exclude(file="")


def release_upload_files(*, before: datetime) -> list[str]:
    """Let go of the uploaded files of ``uploads_to_release(before)``; return their names.

    An ended import keeps its figures and its problems, not the file; an upload whose columns
    were never matched is closed. Only the rows are changed here: the caller deletes the files
    once that is committed, so a failed deletion leaves an orphan file for the media sweep,
    never a row naming a missing file.
    """
    names = []
    closed = {"status": ImportJob.Status.FAILED, "never_mapped": True, "finished_at": timezone.now()}
    while batch := list(uploads_to_release(before).values_list("pk", "status", "file")[:500]):
        for pk, status, name in batch:
            fields = {"file": "", **(closed if status == ImportJob.Status.MAPPING else {})}
            if ImportJob.objects.filter(pk=pk, status=status, file=name).update(**fields):
                names.append(name)
    return names


def _language(job: ImportJob) -> str:
    """Messages of an import are in the language of the person who uploaded the file."""
    return getattr(job.created_by, "language", None) or translation.get_language()


def _stopped_problems() -> list[dict]:
    return [{"row": None, "column": "", "message": _("The import stopped unexpectedly; nothing was imported.")}]


def _import(job: ImportJob, progress: Callable[[int], object]) -> ImportJob:
    job.status, job.progress, job.problems, job.problem_count = ImportJob.Status.RUNNING, 0, [], 0
    job.rows_total = job.rows_imported = job.rows_duplicate = 0
    job.save(update_fields=["status", "progress", "problems", "problem_count", *_COUNTERS])
    try:
        with job.file.open("rb") as handle:
            headers, chunks = iter_table(handle, job.original_name or job.file.name, chunk_rows=CHUNK_ROWS)
    except ImportRefused as refused:
        return _finish(job, ImportJob.Status.FAILED, [{"row": None, "column": "", "message": refused.message}], 1)
    if not job.mapping:
        job.mapping = suggest_mapping(headers)
    header_problems = mapping_problems(headers, job.mapping)
    if header_problems:
        return _finish(job, ImportJob.Status.FAILED, header_problems, len(header_problems))
    job.progress = 10
    job.save(update_fields=["mapping", "progress"])
    progress(10)

    try:
        with transaction.atomic():
            accounts = _store(job, chunks)
            job.progress = 40
            progress(40)
            job.rows_duplicate = job.rows_total - job.rows_imported
            job.progress = 80
            progress(80)
            refresh_account_analytics(
                strategy_id=job.strategy_id,
                competitor_id=job.competitor_id,
                accounts=accounts,
                written=job.rows_imported,
                period=analysis_period(job.strategy_id),
            )
            _finish(job, ImportJob.Status.DONE, [], 0)
    except ImportRefused as refused:
        job.rows_imported = 0
        return _finish(job, ImportJob.Status.FAILED, [{"row": None, "column": "", "message": refused.message}], 1)
    except _Refused as refused:
        job.rows_imported = 0
        return _finish(job, ImportJob.Status.FAILED, refused.problems, refused.count)
    progress(100)
    return job


def _store(job: ImportJob, chunks: Iterable[pd.DataFrame]) -> list[tuple[str, str]]:
    """Clean and write every part; the (platform, account) pairs written. Raises _Refused on any problem.

    After the first problem the rest is still checked, to report the total, but no longer written.
    """
    brand = f"competitor:{job.competitor_id}" if job.competitor_id else "brand"
    accounts: dict[tuple[str, str], None] = {}
    problems: list[dict] = []
    problem_count = 0
    writer = _PostgresWriter(job) if connection.vendor == "postgresql" else _SQLiteWriter(job)
    try:
        for raw in chunks:
            job.rows_total += len(raw)
            result = clean(raw, job.mapping, max_problems=MAX_PROBLEMS)
            if result.problem_count or problem_count:
                problems += result.problems[: MAX_PROBLEMS - len(problems)]
                problem_count += result.problem_count
                continue
            frame = result.frame
            accounts.update(dict.fromkeys(frame[["platform", "account"]].drop_duplicates().itertuples(False, None)))
            writer.write(frame, post_keys(frame, brand=brand))
        if problem_count:
            raise _Refused(problems, problem_count)
        job.rows_imported = writer.finish()
    finally:
        writer.close()
    return list(accounts)


_COUNTERS = ["rows_total", "rows_imported", "rows_duplicate"]


def _finish(job: ImportJob, status: str, problems: list[dict], problem_count: int) -> ImportJob:
    job.status, job.problems, job.problem_count = status, problems[:MAX_PROBLEMS], problem_count
    job.finished_at = timezone.now()
    if status == ImportJob.Status.DONE:
        job.progress = 100
    fields = ["status", "problems", "problem_count", "progress", "finished_at", "stopped_unexpectedly", *_COUNTERS]
    job.save(update_fields=fields)
    return job


# ---------------------------------------------------------------- PostgreSQL

_PG_EPOCH_US = 946_684_800_000_000  # 2000-01-01 in Unix microseconds: PostgreSQL's zero for timestamps
_PG_SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + bytes(8)  # no flags, no header extension
_PG_TRAILER = b"\xff\xff"
_FORMAT_CODES = {name: code for code, name in enumerate(["", *ContentFormat.values], start=1)}
_PG_CREATE = (
    "CREATE TEMPORARY TABLE import_posts (account_code integer, format_code integer, post_key varchar(64), "
    "published_at timestamptz, likes bigint, comments bigint, shares bigint, views bigint, reach bigint, "
    "followers_at_post bigint) ON COMMIT DROP"
)
_PG_COPY = (
    "COPY import_posts (account_code, format_code, post_key, published_at, likes, comments, shares, views, reach, "
    "followers_at_post) FROM STDIN (FORMAT binary)"
)
# Platforms, accounts and formats travel as small arrays and are looked up by position, so the
# SELECT reads import_posts in the order it was written (sorted by key, kind to the unique index).
_PG_INSERT = """
    INSERT INTO competitors_post (strategy_id, competitor_id, platform, account, post_key, published_at, format,
                                  likes, comments, shares, views, reach, followers_at_post)
    SELECT %s, %s, (%s::varchar[])[p.account_code], (%s::varchar[])[p.account_code], p.post_key, p.published_at,
           (%s::varchar[])[p.format_code], NULLIF(p.likes, -1), NULLIF(p.comments, -1), NULLIF(p.shares, -1),
           NULLIF(p.views, -1), NULLIF(p.reach, -1), NULLIF(p.followers_at_post, -1)
    FROM import_posts p
    ON CONFLICT (strategy_id, post_key) DO NOTHING
"""


def _binary_rows(frame: pd.DataFrame, keys: pd.Series, account_codes: np.ndarray) -> np.ndarray:
    """The rows in PostgreSQL's binary COPY layout, built by numpy: every field has a fixed width.

    A missing count is written as -1 (counts are never negative) and turned back into NULL
    by the INSERT, so no row needs a variable-width NULL marker.
    """
    fields = [("fields", ">i2"), ("account_len", ">i4"), ("account", ">i4"), ("format_len", ">i4"), ("format", ">i4")]
    fields += [("key_len", ">i4"), ("key", "S64"), ("published_len", ">i4"), ("published", ">i8")]
    for name in COUNT_COLUMNS:
        fields += [(f"{name}_len", ">i4"), (name, ">i8")]
    rows = np.empty(len(frame), dtype=np.dtype(fields))
    rows["fields"] = 4 + len(COUNT_COLUMNS)
    rows["account_len"], rows["format_len"], rows["key_len"], rows["published_len"] = 4, 4, 64, 8
    rows["account"] = account_codes
    rows["format"] = frame["format"].map(_FORMAT_CODES).to_numpy(dtype=np.int32)
    rows["key"] = np.asarray(keys.to_numpy(dtype=object), dtype="S64")
    published = frame["published_at"].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy().astype("datetime64[us]")
    rows["published"] = published.astype(np.int64) - _PG_EPOCH_US
    for name in COUNT_COLUMNS:
        rows[f"{name}_len"] = 8
        rows[name] = frame[name].to_numpy(dtype=np.int64, na_value=-1)
    return rows[np.argsort(rows["key"], kind="stable")]


class _PostgresWriter:
    """Stores each part on a helper thread while the caller cleans the next one.

    The helper uses the very connection (and so the transaction) of the caller, which does
    no database work of its own until ``finish``. Foreign keys (deferred in Django's schema) are
    checked as each part is inserted, while its rows are still in the buffer cache: checking a
    million rows at the commit costs about three times as much. ``finish`` defers them again.
    """

    def __init__(self, job: ImportJob):
        self.params = [job.strategy_id, job.competitor_id]
        self.accounts: dict[tuple[str, str], int] = {}
        self.inserted = 0
        self.pending: Future[int] | None = None
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS import_posts")
            cursor.execute(_PG_CREATE)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self.raw = connection.connection
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="post-import")

    def write(self, frame: pd.DataFrame, keys: pd.Series) -> None:
        pairs = pd.MultiIndex.from_arrays([frame["platform"], frame["account"]])
        codes, uniques = pd.factorize(pairs)
        for pair in uniques:
            self.accounts.setdefault(pair, len(self.accounts) + 1)
        table = np.array([self.accounts[pair] for pair in uniques], dtype=np.int32)
        rows = _binary_rows(frame, keys, table[codes])
        self._collect()
        platforms = [platform for platform, _account in self.accounts]
        names = [account for _platform, account in self.accounts]
        formats = list(_FORMAT_CODES)
        self.pending = self.pool.submit(self._store, rows, [*self.params, platforms, names, formats])

    def _store(self, rows: np.ndarray, params: list) -> int:
        with self.raw.cursor() as cursor:
            with cursor.copy(_PG_COPY) as copy:
                copy.write(_PG_SIGNATURE)
                copy.write(rows.tobytes())
                copy.write(_PG_TRAILER)
            cursor.execute(_PG_INSERT, params)
            inserted = cursor.rowcount
            cursor.execute("TRUNCATE import_posts")
        return inserted

    def _collect(self) -> None:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            self.inserted += pending.result()

    def finish(self) -> int:
        self._collect()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("DROP TABLE import_posts")
        return self.inserted

    def close(self) -> None:
        """Wait for the helper (the connection must be idle before a rollback) and let it go."""
        if self.pending is not None:
            with suppress(Exception):
                self.pending.result()
        self.pool.shutdown(wait=True)


# ---------------------------------------------------------------- SQLite and others

_SQLITE_INSERT = """
    INSERT OR IGNORE INTO competitors_post (strategy_id, competitor_id, platform, account, post_key, published_at,
                                            format, likes, comments, shares, views, reach, followers_at_post)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
"""


class _SQLiteWriter:
    def __init__(self, job: ImportJob):
        self.job = job
        self.inserted = 0

    def write(self, frame: pd.DataFrame, keys: pd.Series) -> None:
        n = len(frame)
        published = frame["published_at"].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
        # the text Django's SQLite backend stores for an aware datetime: UTC, no offset
        stamps = np.char.replace(np.datetime_as_string(published, unit="us"), "T", " ").tolist()
        columns = [
            [self.job.strategy_id] * n,
            [self.job.competitor_id] * n,
            frame["platform"].tolist(),
            frame["account"].tolist(),
            keys.tolist(),
            stamps,
            frame["format"].tolist(),
            *(frame[name].astype(object).where(frame[name].notna(), None).tolist() for name in COUNT_COLUMNS),
        ]
        with connection.cursor() as cursor:
            cursor.executemany(_SQLITE_INSERT, list(zip(*columns, strict=True)))
            self.inserted += cursor.rowcount

    def finish(self) -> int:
        return self.inserted

    def close(self) -> None:
        pass


# ---------------------------------------------------------------- analytics


def analysis_period(strategy_id: int) -> tuple:
    """The period the marketer chose on the analysis page: (start, end), either may be None."""
    summary = AnalysisSummary.objects.filter(strategy_id=strategy_id).values_list("period_start", "period_end").first()
    return summary or (None, None)


def refresh_strategy_analytics(strategy_id: int) -> int:
    """Recompute every account of a strategy over its chosen period (after the period changes)."""
    period = analysis_period(strategy_id)
    groups: dict[int | None, list[tuple[str, str]]] = {}
    for competitor_id, platform, account in (
        Post.objects.filter(strategy_id=strategy_id).values_list("competitor_id", "platform", "account").distinct()
    ):
        groups.setdefault(competitor_id, []).append((platform, account))
    refreshed = 0
    for competitor_id, accounts in groups.items():
        refreshed += len(
            refresh_account_analytics(
                strategy_id=strategy_id, competitor_id=competitor_id, accounts=accounts, period=period
            )
        )
    return refreshed


def refresh_account_analytics(
    *,
    strategy_id: int,
    competitor_id: int | None,
    accounts: Iterable[tuple[str, str]],
    written: int = 0,
    period: tuple = (None, None),
) -> list[AccountAnalytics]:
    """Recompute the stored figures of these (platform, account) pairs of the brand or of one competitor.

    ``written``: posts just added in this transaction; many of them make the table's statistics
    stale, and they are refreshed first. ``period``: (start, end) dates, either may be None.
    """
    start, end = period
    accounts = list(dict.fromkeys(accounts))
    stored = []
    for (platform, account), posts in _read_posts(strategy_id, competitor_id, accounts, written).items():
        analytics, _created = AccountAnalytics.objects.update_or_create(
            strategy_id=strategy_id,
            competitor_id=competitor_id,
            platform=platform,
            account=account,
            defaults={"figures": account_figures(posts, start=start, end=end)},
        )
        stored.append(analytics)
    return stored


# One query for every account: the server renders each account's posts as one CSV text, which
# pandas parses in one go; fetching a million posts row by row takes several times longer. (A
# text value is limited to 1 GB, about 20 million posts of one account.)
_PG_READ = """
    SELECT platform, account,
           string_agg(concat((date_part('epoch', published_at) * 1000000)::bigint, ',', "format", ',', likes, ',',
                             comments, ',', shares, ',', views, ',', reach, ',', followers_at_post), E'\\n')
    FROM competitors_post
    WHERE strategy_id = %s AND competitor_id IS NOT DISTINCT FROM %s AND platform = ANY(%s) AND account = ANY(%s)
    GROUP BY platform, account
"""
_SQLITE_READ = """
    SELECT platform, account, published_at, format, likes, comments, shares, views, reach, followers_at_post
    FROM competitors_post
    WHERE strategy_id = %s AND competitor_id IS %s
      AND platform IN (SELECT value FROM json_each(%s)) AND account IN (SELECT value FROM json_each(%s))
"""


_MANY_NEW_ROWS = 50_000


def _read_posts(
    strategy_id: int, competitor_id: int | None, accounts: list[tuple[str, str]], written: int
) -> dict[tuple[str, str], pd.DataFrame]:
    """The posts of these accounts (only the columns the figures need), read with a single query."""
    if not accounts:
        return {}
    wanted = set(accounts)
    platforms = sorted({platform for platform, _account in accounts})
    names = sorted({account for _platform, account in accounts})
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if written >= _MANY_NEW_ROWS:
                # without fresh statistics the planner would sort a million rows to group them
                cursor.execute("ANALYZE competitors_post")
            cursor.execute(_PG_READ, [strategy_id, competitor_id, platforms, names])
            texts = {(platform, account): text for platform, account, text in cursor.fetchall()}
        return {pair: _parse_block(text) for pair, text in texts.items() if pair in wanted}
    with connection.cursor() as cursor:
        cursor.execute(_SQLITE_READ, [strategy_id, competitor_id, json.dumps(platforms), json.dumps(names)])
        posts = pd.DataFrame(cursor.fetchall(), columns=["platform", "account", *_ANALYTICS_COLUMNS])
    posts["published_at"] = pd.to_datetime(posts["published_at"], utc=True, format="ISO8601")
    return {
        pair: group.drop(columns=["platform", "account"])
        for pair, group in posts.groupby(["platform", "account"], sort=False)
        if pair in wanted
    }


def _parse_block(text: str) -> pd.DataFrame:
    posts = pd.read_csv(
        io.StringIO(text),
        names=list(_ANALYTICS_COLUMNS),
        header=None,
        dtype={"format": str, **dict.fromkeys(COUNT_COLUMNS, "Int64")},
        keep_default_na=False,
        na_values={name: [""] for name in COUNT_COLUMNS},
    )
    posts["published_at"] = pd.to_datetime(posts["published_at"], unit="us", utc=True)
    return posts
