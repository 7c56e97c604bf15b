"""Post import speed.

    python -m benchmarks.competitor_import [--rows 1000000] [--naive-rows 20000]

Writes a realistic export (native English headers: four accounts on four platforms,
two years, mixed formats, some figures missing) of N rows, then imports it end to end
as the worker does (read, check, write, analytics) on a throw-away database. Baseline in
the same process: the same kind of rows checked one by one in Python and stored with
``Post.objects.create`` after ``full_clean``. Prints one line of JSON.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks._common import Timer, emit, peak_rss_mb, setup_django, test_database

HEADER = "platform,account,published_at,format,likes,comments,shares,views,reach,followers_at_post,post_id,url"
ACCOUNTS = [("instagram", "@north_bean"), ("vk", "north_bean_club"), ("telegram", "northbean"), ("tiktok", "@nb")]
FORMATS = np.array(["photo", "carousel", "video", "short_video", "stories", ""], dtype=object)
START = np.datetime64("2024-01-01T00:00:00")
TWO_YEARS = 730 * 86_400


def write_export(path: Path, rows: int, *, seed: int = 7, chunk: int = 100_000) -> None:
    """Written in chunks so the generator does not inflate the measured peak memory."""
    rng = np.random.default_rng(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER + "\n")
        for first in range(0, rows, chunk):
            n = min(chunk, rows - first)
            account = rng.integers(0, len(ACCOUNTS), n)
            followers = rng.integers(5_000, 250_000, n)
            likes = (followers * rng.uniform(0.001, 0.05, n)).astype(np.int64)
            views = (followers * rng.uniform(0.2, 3.0, n)).astype(np.int64)
            reach = (views * rng.uniform(0.5, 0.9, n)).astype(np.int64)
            seconds = rng.integers(0, TWO_YEARS, n)
            ids = np.arange(first, first + n)
            frame = pd.DataFrame(
                {
                    "platform": [ACCOUNTS[i][0] for i in account],
                    "account": [ACCOUNTS[i][1] for i in account],
                    "published_at": np.datetime_as_string(START + seconds.astype("timedelta64[s]"), unit="s"),
                    "format": FORMATS[rng.integers(0, len(FORMATS), n)],
                    "likes": likes,
                    "comments": likes // rng.integers(8, 40, n),
                    "shares": likes // rng.integers(10, 80, n),
                    "views": pd.array(views, dtype="Int64"),
                    "reach": pd.array(reach, dtype="Int64"),
                    "followers_at_post": followers,
                    "post_id": [f"{i:09d}" for i in ids],
                    "url": [f"https://example.com/p/{i}" for i in ids],
                }
            )
            missing = rng.random(n) < 0.1  # stories and old posts often come without views or reach
            frame.loc[missing, ["views", "reach"]] = pd.NA
            frame.to_csv(out, header=False, index=False, lineterminator="\n")


def naive_import(path: Path, strategy, competitor) -> int:
    """What a first version would do: check each row in Python, then one ORM create per row."""
    from django.utils import timezone

    from competitors.models import Post

    local = timezone.get_default_timezone()
    count = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            published = dt.datetime.fromisoformat(row["published_at"]).replace(tzinfo=local)
            counts = {}
            for name in ("likes", "comments", "shares", "views", "reach", "followers_at_post"):
                value = row[name].strip()
                counts[name] = int(value) if value else None
                if counts[name] is not None and counts[name] < 0:
                    raise ValueError(name)
            key = hashlib.sha256(f"naive|{row['platform']}|{row['account']}|{row['post_id']}".encode()).hexdigest()
            post = Post(
                strategy=strategy,
                competitor=competitor,
                platform=row["platform"],
                account=row["account"],
                post_key=key,
                published_at=published,
                format=row["format"],
                **counts,
            )
            post.full_clean()
            post.save(force_insert=True)
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--naive-rows", type=int, default=20_000)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings

    with tempfile.TemporaryDirectory() as folder, test_database():
        from accounts.models import Agency, Client, Role, User
        from competitors.importer import import_file
        from competitors.models import AccountAnalytics, Competitor, ImportJob
        from strategies.models import Strategy

        settings.MEDIA_ROOT = folder
        export = Path(folder) / "export.csv"
        write_export(export, args.rows)
        naive_export = Path(folder) / "naive.csv"
        write_export(naive_export, args.naive_rows, seed=11)
        rss_before = peak_rss_mb()

        agency = Agency.objects.create(name="Benchmark agency")
        client = Client.objects.create(agency=agency, name="Benchmark client")
        owner = User.objects.create_user("bench@example.com", "x", agency=agency, role=Role.MARKETER)
        strategy = Strategy.objects.create(client=client, owner=owner, title="Import", start_date=dt.date(2027, 1, 1))
        rival = Competitor.objects.create(strategy=strategy, name="North Bean")
        job = ImportJob.objects.create(
            strategy=strategy, competitor=rival, file="export.csv", original_name="export.csv", created_by=owner
        )

        with Timer() as run:
            import_file(job)
        job.refresh_from_db()
        assert job.status == ImportJob.Status.DONE, job.problems[:3]
        assert job.rows_imported == args.rows, (job.rows_imported, job.rows_duplicate)

        other = Competitor.objects.create(strategy=strategy, name="Naive")
        with Timer() as naive:
            naive_count = naive_import(naive_export, strategy, other)

        rows_per_second = args.rows / run.seconds
        naive_per_second = naive_count / naive.seconds
        emit(
            {
                "benchmark": "competitor_import",
                "rows": args.rows,
                "seconds": round(run.seconds, 2),
                "peak_rss_mb": peak_rss_mb(),
                "peak_rss_mb_before_import": rss_before,
                "rows_per_second": round(rows_per_second),
                "naive_rows": naive_count,
                "naive_rows_per_second": round(naive_per_second),
                "ratio": round(rows_per_second / naive_per_second, 1),
                "accounts_analysed": AccountAnalytics.objects.filter(competitor=rival).count(),
                "file_mb": round(export.stat().st_size / 2**20, 1),
            }
        )


if __name__ == "__main__":
    main()
