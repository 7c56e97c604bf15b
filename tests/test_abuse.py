"""Abuse: CSV exports that cannot smuggle formulas into a spreadsheet, and the inputs the fuzzer found.

The fuzz tests themselves are in tests/test_fuzz.py; each product bug they found has a plain
regression test here.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from accounts.csvexport import cell, neutralise
from competitors.importer import import_file
from competitors.models import ImportJob, Post
from competitors.uploads import SAMPLE_BYTES, peek_headers
from metrics.models import Actual, Kpi, TargetMonth
from strategies.models import Strategy, StrategyPlatform
from tests.strategies.helpers import browser_form

pytestmark = pytest.mark.django_db

EVIL_TITLES = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def download(client, url, params=None) -> tuple[object, list[list[str]]]:
    response = client.get(url, params or {})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(codecs.BOM_UTF8), "Excel needs the BOM to read UTF-8"
    text = body.decode("utf-8-sig")
    delimiter = ";" if response.wsgi_request.LANGUAGE_CODE == "ru" else ","
    return response, list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def add_strategy(tenant, title: str, **fields) -> Strategy:
    return Strategy.objects.create(
        client=tenant.client, owner=tenant.marketer, title=title, start_date=dt.date(2027, 1, 1), **fields
    )


# ---------------------------------------------------------------- the shared writer


@pytest.mark.parametrize("text", [*EVIL_TITLES, "\n=1", "-", "=", "@"])
def test_text_that_a_spreadsheet_would_evaluate_is_written_as_text(text):
    assert neutralise(text) == "'" + text
    assert cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Spring", "Весна", "1+1", "a=b", " =1", "'=1", ""])
def test_ordinary_text_is_left_alone(text):
    assert cell(text) == text


def test_numbers_stay_numbers_even_when_negative():
    assert cell(Decimal("-2.50")) == "-2.50"
    assert cell(Decimal("-2.50"), decimal_separator=",") == "-2,50"
    assert cell(Decimal("1E+3")) == "1000"
    assert cell(-7) == "-7"
    assert cell(0.5) == "0.5"
    # Not a number any spreadsheet can use: text, neutralised like any other.
    assert cell(Decimal("-Infinity")) == "'-Infinity"
    assert cell(Decimal("NaN")) == "NaN"
    # A string is text even when it looks like a number.
    assert cell("-5") == "'-5"


def test_empty_values_dates_and_times():
    assert cell(None) == ""
    assert cell(dt.date(2027, 3, 1)) == "2027-03-01"
    assert cell(dt.datetime(2027, 3, 1, 9, 5, tzinfo=dt.UTC)) == "2027-03-01 12:05"  # Europe/Moscow


# ---------------------------------------------------------------- the dashboard


def test_dashboard_export_has_the_agency_strategies_with_a_header_row(client, tenant, other_tenant):
    add_strategy(tenant, "Second", status=Strategy.Status.IN_REVIEW, completeness=40, warning_count=2)
    client.force_login(tenant.manager)
    response, rows = download(client, reverse("dashboard_export"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="strategies-')
    assert rows[0] == [
        "Client",
        "Strategy",
        "Owner",
        "Status",
        "Start date",
        "Period, months",
        "Currency",
        "Complete, %",
        "Health-check warnings",
        "Last change",
        "Next review",
        "Flags",
    ]
    by_title = {row[1]: row for row in rows[1:]}
    assert set(by_title) == {"alpha strategy", "Second"}  # nothing of the other agency
    second = by_title["Second"]
    assert second[0] == "alpha Client" and second[2] == "marketer@alpha.test" and second[3] == "In review"
    assert second[4:9] == ["2027-01-01", "6", "RUB", "40", "2"]


def test_dashboard_export_honours_the_filters_and_the_order_of_the_page(client, tenant):
    today = dt.date.today()
    add_strategy(tenant, "Bravo", next_review_date=today - dt.timedelta(days=3))
    add_strategy(tenant, "Alpha late", next_review_date=today - dt.timedelta(days=1))
    add_strategy(tenant, "Charlie", status=Strategy.Status.APPROVED)
    client.force_login(tenant.manager)
    _response, rows = download(client, reverse("dashboard_export"), {"flag": "overdue", "sort": "title"})
    assert [row[1] for row in rows[1:]] == ["Alpha late", "Bravo"]
    assert {row[11] for row in rows[1:]} == {"Review overdue"}
    _response, rows = download(client, reverse("dashboard_export"), {"status": "approved"})
    assert [row[1] for row in rows[1:]] == ["Charlie"]
    # More rows than a page of the dashboard: the export has them all.
    Strategy.objects.bulk_create(
        Strategy(client=tenant.client, owner=tenant.marketer, title=f"Bulk {i}", start_date=today) for i in range(30)
    )
    _response, rows = download(client, reverse("dashboard_export"), {"q": "bulk", "page": "2"})
    assert len(rows) == 31


def test_dashboard_export_needs_the_same_queries_for_many_rows(client, tenant):
    client.force_login(tenant.manager)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            download(client, reverse("dashboard_export"))
        return len(captured)

    few = queries()
    Strategy.objects.bulk_create(
        Strategy(client=tenant.client, owner=tenant.marketer, title=f"Bulk {i}", start_date=dt.date(2027, 1, 1))
        for i in range(40)
    )
    assert queries() == few


def test_dashboard_page_links_to_the_export_with_its_filters(client, tenant):
    client.force_login(tenant.manager)
    html = client.get(reverse("dashboard"), {"q": "x", "sort": "title", "page": "1"}).content.decode()
    assert f'href="{reverse("dashboard_export")}?q=x&amp;sort=title"' in html


def test_only_managers_export_the_dashboard(client, tenant):
    for user in (tenant.marketer, tenant.client_user):
        client.force_login(user)
        assert client.get(reverse("dashboard_export")).status_code == 403


def test_formula_injection_in_titles_and_names_is_neutralised(client, tenant):
    for title in EVIL_TITLES:
        add_strategy(tenant, title, completeness=0)
    tenant.client.name = "=cmd|' /C calc'!A0"
    tenant.client.save()
    client.force_login(tenant.manager)
    _response, rows = download(client, reverse("dashboard_export"))
    titles = {row[1] for row in rows[1:]}
    assert {"'" + title for title in EVIL_TITLES} <= titles
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for value in row)
    assert {row[0] for row in rows[1:]} == {"'=cmd|' /C calc'!A0"}
    assert {row[7] for row in rows[1:]} == {"0"}  # numbers are not touched


def test_cyrillic_round_trip_in_the_users_language(client, tenant):
    add_strategy(tenant, "Весна — «Ёлки» 2027", status=Strategy.Status.APPROVED)
    tenant.manager.language = "ru"
    tenant.manager.save()
    client.force_login(tenant.manager)
    _response, rows = download(client, reverse("dashboard_export"), {"q": "весна"})
    assert rows[0][:4] == ["Клиент", "Стратегия", "Ответственный", "Статус"]
    assert rows[1][1] == "Весна — «Ёлки» 2027"
    assert rows[1][3] == "Утверждена"
    assert len(rows) == 2


# ---------------------------------------------------------------- the plan


@pytest.fixture
def plan(tenant):
    """Two platforms over two months; VK loses followers in month 2, and its month-2 reach was set by hand."""
    strategy = tenant.strategy
    strategy.period_months = 2
    strategy.currency = "EUR"
    strategy.title = "=1+1 plan"
    strategy.save()
    StrategyPlatform.objects.create(strategy=strategy, platform="vk", role="main")
    StrategyPlatform.objects.create(strategy=strategy, platform="telegram", role="supporting")
    figures = {"total_reach": "1000", "spend": "250.50", "net_followers": "12", "followers_end": "5012", "ctr": "1.25"}
    TargetMonth.objects.create(strategy=strategy, platform="vk", month=1, computed=figures)
    TargetMonth.objects.create(
        strategy=strategy,
        platform="vk",
        month=2,
        computed={**figures, "net_followers": "-7.5", "followers_end": "5004.5"},
        manual={"total_reach": "1500"},
    )
    TargetMonth.objects.create(strategy=strategy, platform="telegram", month=1, computed=figures)
    return strategy


def test_plan_export_is_month_by_platform_with_the_currency(client, tenant, plan):
    client.force_login(tenant.marketer)
    response, rows = download(client, reverse("metrics:plan_export", kwargs={"strategy_pk": plan.pk}))
    assert f"plan-{plan.pk}-11-plan.csv" in response["Content-Disposition"]
    header = rows[0]
    assert header[:3] == ["Month of the strategy", "Month", "Platform"] and header[-1] == "Set by hand"
    reach = "Total reach (sum of post and ad reach)"
    assert "Spend, all-in, EUR" in header and "CTR (link), all impressions, %" in header and reach in header
    column = {name: index for index, name in enumerate(header)}
    body = [row for row in rows[1:] if row[0]]
    assert [(row[1], row[2]) for row in body] == [("2027-01", "VK"), ("2027-01", "Telegram"), ("2027-02", "VK")]
    vk_2 = body[2]
    assert vk_2[column[reach]] == "1500" and vk_2[-1] == reach  # set by hand, and said so
    assert vk_2[column["Follower growth"]] == "-8"  # a count is whole; a negative number stays a number
    assert vk_2[column["Spend, all-in, EUR"]] == "250.50"  # money keeps its cents in an export
    totals = [row for row in rows[1:] if not row[0]]
    assert [(row[1], row[2]) for row in totals] == [("Period", p) for p in ("VK", "Telegram", "All platforms")]
    assert totals[-1][column[reach]] == "3500" and totals[-1][column["Spend, all-in, EUR"]] == "751.50"


def test_plan_export_in_russian_uses_semicolons_and_decimal_commas(client, tenant, plan):
    tenant.marketer.language = "ru"
    tenant.marketer.save()
    client.force_login(tenant.marketer)
    _response, rows = download(client, reverse("metrics:plan_export", kwargs={"strategy_pk": plan.pk}))
    assert rows[0][1:3] == ["Месяц", "Площадка"]
    vk_2 = next(row for row in rows[1:] if row[:2] == ["2", "2027-02"])
    assert "-8" in vk_2 and "250,50" in vk_2


def test_plan_export_stays_inside_the_tenant(client, tenant, other_tenant, plan):
    url = reverse("metrics:plan_export", kwargs={"strategy_pk": plan.pk})
    client.force_login(other_tenant.marketer)
    assert client.get(url).status_code == 404
    client.force_login(other_tenant.manager)
    assert client.get(url).status_code == 404
    client.force_login(tenant.client_user)
    assert client.get(url).status_code == 403


def test_plan_page_offers_the_export(client, tenant, plan):
    client.force_login(tenant.marketer)
    html = client.get(reverse("metrics:stage", kwargs={"strategy_pk": plan.pk})).content.decode()
    assert reverse("metrics:plan_export", kwargs={"strategy_pk": plan.pk}) in html


# ---------------------------------------------------------------- what the fuzzer found (tests/test_fuzz.py)

NATIVE_HEADER = "platform,account,published_at\n"


def upload_posts(client, tenant, content: bytes, name: str):
    url = reverse("competitors:import", kwargs={"strategy_pk": tenant.strategy.pk})
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def imported(tenant, content: bytes, name: str = "posts.csv") -> ImportJob:
    job = ImportJob(strategy=tenant.strategy, original_name=name, created_by=tenant.marketer)
    job.file.save(name, ContentFile(content), save=False)
    job.status = ImportJob.Status.QUEUED
    job.save()
    return import_file(job)


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_broken_workbook_is_refused_on_the_upload_page(client, tenant):
    client.force_login(tenant.marketer)
    response = upload_posts(client, tenant, b"PK\x03\x04 not really a workbook", "posts.xlsx")
    assert response.status_code == 200
    assert "could not be read as an Excel workbook" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_upload_page_reads_the_first_worksheet_as_the_worker_does(
    client, tenant, django_capture_on_commit_callbacks
):
    workbook = Workbook()
    workbook.active.append(["platform", "account", "published_at"])
    workbook.active.append(["vk", "club", "2026-10-01 10:00"])
    workbook.create_sheet("notes").append(["just notes"])
    workbook.active = 1  # saved while the notes were open
    client.force_login(tenant.marketer)
    with django_capture_on_commit_callbacks():
        response = upload_posts(client, tenant, workbook_bytes(workbook), "posts.xlsx")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.QUEUED, "our own headers need no mapping"
    assert response.url == reverse("competitors:import_job", kwargs={"strategy_pk": tenant.strategy.pk, "pk": job.pk})


def test_headers_of_a_large_utf8_file_are_not_garbled_where_the_sample_ends():
    header = "Площадка;Аккаунт;Дата публикации\n"
    rows = "ВКонтакте;Клуб;01.10.2026 18:30\n" * (SAMPLE_BYTES // 40)
    for padding in range(40):  # move the rows until the sample ends inside a two-byte letter
        data = (header + "ВКонтакте;Клуб" + "x" * padding + rows[14:]).encode("utf-8")
        if data[SAMPLE_BYTES - 1] & 0xE0 == 0xC0:
            break
    assert len(data) > SAMPLE_BYTES and data[SAMPLE_BYTES - 1] & 0xE0 == 0xC0
    assert peek_headers(io.BytesIO(data), "posts.csv") == ["Площадка", "Аккаунт", "Дата публикации"]


def test_a_separator_at_the_end_of_each_row_does_not_shift_the_columns(tenant):
    job = imported(tenant, (NATIVE_HEADER + "vk,@one,2026-10-01 10:00,\nTelegram,@two,2026-10-02 10:00,\n").encode())
    assert job.status == ImportJob.Status.DONE, job.problems
    assert sorted(Post.objects.values_list("platform", "account")) == [("telegram", "@two"), ("vk", "@one")]


def test_a_value_past_the_last_header_is_refused_not_shifted(tenant):
    job = imported(tenant, (NATIVE_HEADER + "vk,@one,2026-10-01 10:00,surplus\nvk,@two,2026-10-02 10:00,\n").encode())
    assert job.status == ImportJob.Status.FAILED
    assert job.problems[0]["message"] == "Row 2 has more cells than the header row."
    assert not Post.objects.exists()


def test_a_file_starting_with_a_blank_line_is_refused_with_a_message(tenant):
    job = imported(tenant, ("\n" + "vk,@one,2026-10-01 10:00\n" * 3).encode())
    assert job.status == ImportJob.Status.FAILED
    assert job.problems[0]["message"] == "The first row of the file must name the columns."


def test_a_workbook_whose_sheet_is_damaged_fails_the_import_with_a_message(tenant):
    workbook = Workbook()
    workbook.active.append(["platform", "account", "published_at"])
    workbook.active.append(["vk", "club", "2026-10-01 10:00"])
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(workbook)))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, content[: len(content) // 2] if name == "xl/worksheets/sheet1.xml" else content)
    job = imported(tenant, damaged.getvalue(), "posts.xlsx")
    assert job.status == ImportJob.Status.FAILED
    assert job.problems[0]["message"] == "The file could not be read as an Excel workbook (.xlsx)."


@pytest.mark.parametrize("published", ["31.12.9999 23:59", "0001-01-01", "1677-09-21 00:12:43", "2262-04-12T00:00Z"])
def test_a_date_no_post_was_published_on_is_a_problem_of_its_row(tenant, published):
    job = imported(tenant, (NATIVE_HEADER + f"vk,@one,2026-10-01 10:00\nvk,@two,{published}\n").encode())
    assert job.status == ImportJob.Status.FAILED
    assert job.problems == [{"row": 3, "column": "published_at", "message": "not a date"}]


def test_actuals_that_are_no_figures_or_too_large_are_problems_of_their_rows(client, tenant):
    strategy = tenant.strategy
    StrategyPlatform.objects.create(strategy=strategy, platform="vk", role="main")
    client.force_login(tenant.marketer)
    content = b"month,platform,reach,leads\n2027-01,vk,NaN,Infinity\n2027-02,vk,1e30,-Infinity\n2027-03,vk,5,sNaN\n"
    response = client.post(
        reverse("metrics:actuals", kwargs={"strategy_pk": strategy.pk}),
        {"file": SimpleUploadedFile("actuals.csv", content)},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("not a number") == 4 and "number is too large" in text and "negative number" not in text
    assert not Actual.objects.exists()


def stage_page(client, strategy, name: str) -> tuple[str, dict]:
    url = reverse(name, kwargs={"strategy_pk": strategy.pk})
    return url, {**browser_form(client.get(url).content.decode()).sent, "_revision": "0"}


def test_a_platform_row_posted_with_another_network_keeps_its_own(client, tenant):
    client.force_login(tenant.marketer)
    url, data = stage_page(client, tenant.strategy, "strategies:platforms")
    data.update({"platform-vk-use": "on", "platform-vk-rationale": "reach", "platform-vk-platform": "telegram"})
    data.update({"platform-telegram-use": "on", "platform-telegram-rationale": "news"})
    assert client.post(url, data).status_code == 302
    assert sorted(tenant.strategy.platforms.values_list("platform", "rationale")) == [
        ("telegram", "news"),
        ("vk", "reach"),
    ]


def test_a_kpi_row_posted_with_an_unknown_metric_keeps_its_own(client, tenant):
    client.force_login(tenant.marketer)
    url, data = stage_page(client, tenant.strategy, "metrics:stage")
    data.update({"kpi-reach-use": "on", "kpi-reach-metric": "no-such-metric", "kpi-reach-target_value": "5000"})
    assert client.post(url, data).status_code == 302
    assert Kpi.objects.get(strategy=tenant.strategy, metric="reach").target_value == Decimal(5000)
    assert not Kpi.objects.filter(metric="no-such-metric").exists()


@pytest.mark.parametrize("count", ["abc", "", "9" * 5000, "-1"])
def test_adding_a_row_with_a_tampered_row_count_shows_the_form_again(client, tenant, count):
    client.force_login(tenant.marketer)
    url, data = stage_page(client, tenant.strategy, "strategies:goals")
    data.update({"_add": "goals", "goals-TOTAL_FORMS": count, "product": "Coffee"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Coffee" in response.content.decode()  # the input is kept, not saved
    tenant.strategy.refresh_from_db()
    assert tenant.strategy.product == ""
