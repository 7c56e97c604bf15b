"""Fuzzing with hypothesis: malformed files and form posts get clear errors, never a crash.

Three doors take input from people: the competitor post import (a file read on the web to see
its headers, then read, checked and stored by the worker), the import of actual figures (read
and stored in the request), and the wizard's stage forms. Each is fed thousands of broken,
truncated, mis-encoded and hostile inputs, through the code the real path runs: the view with
the test client, and the worker's function called directly. Every answer must be a page
(with its errors) or a redirect, and an import must end DONE or FAILED with its problems
listed; whatever is refused leaves the database as it was.

The examples are derandomised, so a run is repeatable in CI. ``FUZZ_DEEP=1`` explores new
random examples, ten times as many, to look for more.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from audiences.models import Segment
from competitors.importer import import_file
from competitors.importing import COLUMNS, ImportRefused, clean, iter_table, post_keys, suggest_mapping
from competitors.models import AccountAnalytics, Competitor, ImportJob, Post
from competitors.uploads import peek_headers
from metrics.actuals import import_actuals
from metrics.models import Actual, Kpi
from strategies.models import StageRevision, StrategyPlatform, StrategyTool, ToneOfVoice, Usp
from strategies.stages import all_stages
from tests.strategies.helpers import browser_form

pytestmark = pytest.mark.django_db

DEEP = bool(os.environ.get("FUZZ_DEEP"))


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples * (10 if DEEP else 1),
        deadline=None,
        derandomize=not DEEP,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# ---------------------------------------------------------------- what files are made of

HEADERS = [
    *COLUMNS,
    "Сеть",
    "Страница",
    "Время поста",
    "Тип",
    "Лайки",
    "Охват",
    "Подписчики",
    "id",
    "ID",
    "Platform",
    " platform ",
    "platform",
    "Unnamed: 0",
    "a.1",
    "=1+1",
    "",
    " ",
    "month",
    "Месяц",
    "period",
    "Площадка",
    "network",
    "reach",
    "охват",
    "leads",
    "Лиды",
    "spend",
    "cpl",
    "followers_end",
    "er_reach",
]
CELLS = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "−5",
    "–3",
    "1e309",
    "1e-5",
    "1E+999999",
    "NaN",
    "nan",
    "-NaN",
    "sNaN",
    "inf",
    "-inf",
    "Infinity",
    "-Infinity",
    "9" * 19,
    "9" * 40,
    "18446744073709551616",
    "1 200",
    "1,200",
    "1.200",
    "1,000,000.5",
    "1.2.3",
    "12,5",
    "12k",
    "1.5млн",
    "3 тыс.",
    "99999999999b",
    "1e400k",
    "50%",
    "½",
    "١٢٣",
    "²",
    "１２",
    "2026-10-01 18:30",
    "2026-10-01T18:30:00Z",
    "2026-10-01T18:30+03:00",
    "2026-10-01T18:30:00+25:00",
    "2026-02-30",
    "31.12.9999 23:59",
    "0001-01-01",
    "9999-12-31T23:59:59",
    "29.02.2025",
    "1.1.1",
    "45000",
    "45000,5",
    "79999.99",
    "10/13/2026",
    "2027-01",
    "01.2027",
    "2027-13",
    "2027-02-01 00:00:00",
    "46388",
    "instagram",
    "VK",
    "вконтакте",
    "tg",
    "telegram",
    "myspace",
    "reels",
    "карусель",
    "photo",
    '"',
    '""',
    "'",
    "a,b",
    "a;b",
    "a\tb",
    "a\nb",
    "\x00",
    "a\x00b",
    "=1+1",
    "@SUM(A1)",
    "\ufeff",
    "\u202e",
    "😀",
    "x" * 300,
]
cell_texts = st.one_of(
    st.sampled_from(CELLS),
    st.text(max_size=12),
    st.integers().map(str),
    st.floats().map(str),
    st.decimals().map(str),
    st.dates(min_value=date(1, 1, 1)).map(str),
)


header_texts = st.sampled_from(HEADERS)


def _joined(draw, header: list[str], rows: list[list[str]], *, separators=(",", ";", "\t", "|", " ", ",;")) -> str:
    """Header and rows as CSV text with any separator, quoting and line ending."""
    separator = draw(st.sampled_from(separators))
    quoted = draw(st.booleans())
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))

    def line(values):
        if quoted:
            return separator.join('"' + value.replace('"', '""') + '"' for value in values)
        return separator.join(values)

    return ending.join(line(values) for values in [header, *rows]) + draw(st.sampled_from(["", ending]))


@st.composite
def table_texts(draw, cells=cell_texts, headers=header_texts) -> str:
    """Any table: any width, any headers, ragged rows."""
    width = draw(st.integers(0, 8))
    header = draw(st.lists(st.one_of(headers, st.text(max_size=8)), min_size=width, max_size=width))
    return _joined(draw, header, draw(st.lists(st.lists(cells, max_size=width + 2), max_size=6)))


def _sometimes_odd(values):
    """Mostly ``values``, one time in ten anything a cell may hold."""
    return st.integers(0, 9).flatmap(lambda n: cell_texts if n == 0 else values)


POST_VALUES = {
    "platform": _sometimes_odd(st.sampled_from(["vk", "Instagram", "ВКонтакте", "tg", "X (Twitter)", "OK"])),
    "account": _sometimes_odd(st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1, max_size=30)),
    "published_at": _sometimes_odd(
        st.one_of(
            st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 1, 1)).map(str),
            st.sampled_from(["01.10.2026 18:30", "2026-10-01", "45413,5", "2026-03-29T02:30:00+03:00"]),
        )
    ),
    "format": _sometimes_odd(st.sampled_from(["photo", "Reels", "Клипы", "Текст", "", "stories"])),
    "post_id": _sometimes_odd(st.text(max_size=12)),
    "url": _sometimes_odd(st.text(max_size=12)),
}
COUNT_VALUES = _sometimes_odd(st.one_of(st.integers(0, 10**12).map(str), st.sampled_from(["1 200", "12k", ""])))


@st.composite
def post_tables(draw) -> str:
    """Tables in (roughly) our own format: most rows could be imported, some cells are odd."""
    optional = [name for name in COLUMNS if name not in ("platform", "account", "published_at")]
    chosen = draw(st.lists(st.sampled_from(optional), unique=True))
    header = draw(st.permutations(["platform", "account", "published_at", *chosen]))
    rows = draw(
        st.lists(st.tuples(*(POST_VALUES.get(name, COUNT_VALUES) for name in header)).map(list), min_size=1, max_size=8)
    )
    return _joined(draw, header, rows, separators=(",", ";", "\t"))


@st.composite
def encoded(draw, texts) -> bytes:
    """The text in an encoding we read; or, half the time, mangled: another encoding, cut short, after a stray mark."""
    text = draw(texts)
    if draw(st.sampled_from([False] * 29 + [True])):  # past the 64 KB the web and the worker sniff
        text = text.replace("\r", "\n").split("\n", 1)[0] + "\n" + f"vk,@{'a' * 200},2026-10-01\n" * 300 + text
    if not draw(st.booleans()):
        return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16"])), errors="replace")
    data = text.encode(draw(st.sampled_from(["utf-8", "cp1251", "utf-16-le", "utf-16-be", "koi8-r"])), errors="replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00"])) + data


XLSX_TEXT = st.text(max_size=15).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text))
xlsx_values = st.one_of(
    st.none(),
    st.sampled_from(CELLS).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)),
    XLSX_TEXT,
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
    st.dates(min_value=date(1900, 3, 1)),
    st.times(),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=900)),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**12), max_value=10**12),
    st.sampled_from(["=1/0", "=NOW()", '=HYPERLINK("http://evil","x")', "=A1+1"]),
)


@st.composite
def xlsx_files(draw) -> bytes:
    """Real workbooks written by openpyxl, with odd cells, sheets and shapes."""
    workbook = Workbook()
    sheet = workbook.active
    if draw(st.integers(0, 5)) == 0:
        workbook.create_chartsheet(index=0)
    if draw(st.booleans()):
        workbook.create_sheet("second")
    rows = draw(st.lists(st.lists(xlsx_values, max_size=8), max_size=6))
    header = draw(st.lists(st.one_of(st.sampled_from(HEADERS), xlsx_values), max_size=8))
    for row in [header, *rows] if header or rows else []:
        sheet.append(row)
    for cell in draw(st.lists(st.tuples(st.integers(1, 300), st.integers(1, 40), xlsx_values), max_size=3)):
        sheet.cell(row=cell[0], column=cell[1], value=cell[2])
    if draw(st.booleans()) and sheet.max_row > 1:
        sheet["B2"].number_format = "0%"
    if draw(st.integers(0, 5)) == 0:
        sheet.merge_cells("A1:B2")
    workbook.active = draw(st.integers(0, len(workbook.sheetnames) - 1))
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if draw(st.integers(0, 3)) == 0:
        data = _damaged_member(draw, data)
    return data


def _damaged_member(draw, data: bytes) -> bytes:
    """The workbook with one part of its zip replaced by garbage, cut short, or left out."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    victim = draw(st.sampled_from(names))
    action = draw(st.sampled_from(["garbage", "cut", "drop"]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in names:
            content = source.read(name)
            if name == victim:
                if action == "drop":
                    continue
                content = draw(st.binary(max_size=64)) if action == "garbage" else content[: len(content) // 2]
            target.writestr(name, content)
    return buffer.getvalue()


ZIP_MEMBERS = [
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "docProps/app.xml",
]


@st.composite
def zip_files(draw) -> bytes:
    """Zip archives that are not workbooks, or not quite."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in draw(st.lists(st.sampled_from(ZIP_MEMBERS), unique=True, max_size=5)):
            archive.writestr(name, draw(st.one_of(st.binary(max_size=80), st.sampled_from([b"<a/>", b"<?xml", b""]))))
    return buffer.getvalue()


file_bytes = st.one_of(
    encoded(post_tables()),
    encoded(post_tables()),
    encoded(post_tables()),
    encoded(table_texts()),
    st.binary(max_size=300),
    st.binary(max_size=200).map(lambda tail: b"PK\x03\x04" + tail),
    zip_files(),
    xlsx_files(),
)
names = st.sampled_from(["posts.csv", "posts.txt", "posts.tsv", "posts.xlsx", "posts.xlsm", "posts.CSV", "posts"])


@st.composite
def post_files(draw) -> tuple[bytes, str]:
    data = draw(file_bytes)
    zipped = data.startswith(b"PK")
    name = draw(st.one_of(st.just("posts.xlsx" if zipped else "posts.csv"), names))
    return data, name


# ---------------------------------------------------------------- competitor post import

mappings = st.none() | st.dictionaries(st.sampled_from(list(COLUMNS)), header_texts)


def _clean_every_part(data: bytes, name: str, mapping: dict | None, chunk_rows: int) -> None:
    try:
        headers, parts = iter_table(io.BytesIO(data), name, chunk_rows=chunk_rows)
        for raw in parts:
            result = clean(raw, mapping if mapping is not None else suggest_mapping(headers))
            assert result.problem_count >= len(result.problems)
            assert all(problem["message"] for problem in result.problems)
            if result.ok:
                assert len(post_keys(result.frame, brand="brand")) == len(raw)
    except ImportRefused as refused:
        assert refused.message


@fuzz(1000)
@given(file=post_files(), mapping=mappings, chunk_rows=st.sampled_from([2, 100, 200_000]))
def test_reading_and_checking_any_file_refuses_or_cleans(file, mapping, chunk_rows):
    """What the worker does with a file, part by part, and what the web does to see its headers."""
    data, name = file
    _clean_every_part(data, name, mapping, chunk_rows)
    try:
        assert all(isinstance(header, str) for header in peek_headers(io.BytesIO(data), name))
    except ImportRefused as refused:
        assert refused.message


@fuzz(120)
@given(file=post_files())
def test_uploading_any_file_answers_with_a_page_or_a_redirect(client, tenant, file):
    data, name = file
    client.force_login(tenant.marketer)
    jobs = ImportJob.objects.count()
    url = reverse("competitors:import", kwargs={"strategy_pk": tenant.strategy.pk})
    response = client.post(url, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert ImportJob.objects.count() == jobs
        assert "is-invalid" in response.content.decode() or "invalid-feedback" in response.content.decode()
    else:
        job = ImportJob.objects.latest("pk")
        assert job.status in (ImportJob.Status.MAPPING, ImportJob.Status.QUEUED)
        assert client.get(response.url).status_code == 200  # the mapping screen or the progress page


@fuzz(250)
@given(file=post_files(), mapping=st.one_of(st.none(), st.none(), mappings))
def test_the_worker_ends_any_import_done_or_failed_with_its_problems(tenant, file, mapping):
    data, name = file
    job = ImportJob(strategy=tenant.strategy, original_name=name, mapping=mapping or {}, created_by=tenant.marketer)
    job.file.save("fuzz.bin", ContentFile(data), save=False)
    job.status = ImportJob.Status.QUEUED
    job.save()
    posts, analytics = Post.objects.count(), AccountAnalytics.objects.count()

    import_file(job)

    job.refresh_from_db()
    event(job.status)
    assert job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED)
    assert job.finished_at is not None
    if job.status == ImportJob.Status.FAILED:
        assert job.problems and job.problem_count >= len(job.problems)
        assert all(problem["message"] for problem in job.problems)
        assert (Post.objects.count(), AccountAnalytics.objects.count()) == (posts, analytics)
    else:
        assert job.progress == 100 and job.rows_imported + job.rows_duplicate == job.rows_total
        assert Post.objects.count() == posts + job.rows_imported


# ---------------------------------------------------------------- actual figures

ACTUALS_HEADERS = st.sampled_from(
    [
        *("month", "Месяц", "period", "Month ", "platform", "Площадка", "network", "PLATFORM"),
        *("reach", "охват", "leads", "spend", "cpl", "followers_end", "er_reach", "posts", "unknown", ""),
    ]
)
ACTUALS_CELLS = st.one_of(
    st.sampled_from(CELLS),
    st.sampled_from(["2027-01", "2027-02", "01.2027", "2027-03-01", "vk", "telegram", "вк", "12", "1 200,5"]),
    st.decimals().map(str),
    st.text(max_size=8),
)
ODD_FIGURES = st.one_of(
    st.sampled_from(["NaN", "sNaN", "-NaN", "Infinity", "-Infinity", "inf", "1e30", "1E+999999", "9" * 25, "1e-30"]),
    st.sampled_from(["-1", "-0", "1 200,5", "1,000,000.5", "50%", "12,5", "", " ", "9" * 5000, "9" * 16]),
    st.decimals().map(str),
)
FIGURES = st.integers(0, 9).flatmap(lambda n: ODD_FIGURES if n < 2 else st.integers(0, 10**9).map(str))
ODD_MONTHS = st.sampled_from(
    ["2027-04", "2026-12", "9999-12", "0001-01", "2027-13", "", "1e5", "NaN", "Infinity", "-46388", "9" * 30]
)
MONTHS = st.sampled_from(["2027-01", "2027-02", "2027-03", "01.2027", "2027-03-01", "01.02.2027", "46388", "46388.9"])
ACTUALS_COLUMNS = {
    "month": (st.sampled_from(["month", "Месяц", "period", " MONTH "]), st.one_of(MONTHS, MONTHS, ODD_MONTHS)),
    "platform": (
        st.sampled_from(["platform", "Площадка", "network"]),
        st.sampled_from(["vk", "VK ", "telegram", "телеграм", "vk", "telegram", "instagram", "myspace", ""]),
    ),
    "figure": (st.sampled_from(["reach", "Охват", "leads", "spend", "cpl", "followers_end", "posts", "Лиды"]), FIGURES),
}


@st.composite
def actuals_tables(draw) -> str:
    """Tables of actual figures: the needed columns, mostly sensible months and platforms, any figures."""
    kinds = draw(st.permutations(["month", "platform", *["figure"] * draw(st.integers(1, 3))]))
    header = [draw(ACTUALS_COLUMNS[kind][0]) for kind in kinds]
    rows = draw(st.lists(st.tuples(*(ACTUALS_COLUMNS[kind][1] for kind in kinds)).map(list), min_size=1, max_size=6))
    return _joined(draw, header, rows, separators=(",", ";", "\t"))


actuals_files = st.one_of(
    encoded(actuals_tables()),
    encoded(actuals_tables()),
    encoded(actuals_tables()),
    encoded(table_texts(cells=ACTUALS_CELLS, headers=ACTUALS_HEADERS)),
    st.binary(max_size=200),
    zip_files(),
    xlsx_files(),
)


@pytest.fixture
def measured(tenant):
    """A three-month strategy on VK and Telegram, from January 2027."""
    strategy = tenant.strategy
    strategy.period_months = 3
    strategy.save()
    StrategyPlatform.objects.create(strategy=strategy, platform="vk", role="main")
    StrategyPlatform.objects.create(strategy=strategy, platform="telegram", role="supporting")
    return strategy


def _actuals() -> list[tuple]:
    return list(Actual.objects.order_by("pk").values_list("platform", "month", "metric", "value"))


@fuzz(400)
@given(data=actuals_files, name=st.sampled_from(["actuals.csv", "actuals.xlsx", "actuals.txt"]))
def test_importing_any_file_of_actuals_stores_it_whole_or_explains(measured, data, name):
    before = _actuals()
    try:
        result = import_actuals(measured, io.BytesIO(data), name)
    except ImportRefused as refused:
        event(f"refused file: {refused.message[:40]}")
        assert refused.message
        assert _actuals() == before
        return
    event("refused rows" if result.problem_count else "stored")
    if result.problem_count:
        assert result.problems and all(problem["message"] for problem in result.problems)
        assert _actuals() == before
    else:
        assert Actual.objects.filter(strategy=measured).count() >= result.stored


@fuzz(80)
@given(data=actuals_files, name=st.sampled_from(["actuals.csv", "actuals.xlsx", "actuals.txt", "actuals.pdf"]))
def test_uploading_any_file_of_actuals_answers_with_a_page_or_a_redirect(client, measured, data, name):
    client.force_login(measured.owner)
    before = _actuals()
    url = reverse("metrics:actuals", kwargs={"strategy_pk": measured.pk})
    response = client.post(url, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert _actuals() == before


# ---------------------------------------------------------------- the wizard's stages


def database_state() -> dict[str, list[dict]]:
    """Every row the wizard's apps hold, to show that a refused post changed nothing."""
    state = {}
    for label in ("strategies", "audiences", "competitors", "metrics"):
        for model in apps.get_app_config(label).get_models():
            state[model._meta.label] = list(model.objects.order_by("pk").values())
    return state


WEIRD_VALUES = st.one_of(
    st.sampled_from(CELLS),
    st.sampled_from(["x" * 20_000, "Ж" * 5_000 + "\x00", "2027-02-29", "2027-01-01", "12/31/2027", "on", "off"]),
    st.sampled_from(["3", "1000", "-1", "abc", "2147483648", "9223372036854775808", "1e3", "0x10", "1_000"]),
    st.text(max_size=30),
    st.integers().map(str),
    st.decimals().map(str),
    st.dates(min_value=date(1, 1, 1)).map(str),
)
# Any name a browser can send (it escapes quotes and line breaks in multipart names).
FIELD_NAMES = st.text(st.characters(exclude_characters='"\r\n\\'), max_size=20)
STAGES = [stage.key for stage in all_stages()]


@pytest.fixture
def filled(tenant):
    """A strategy with a row in every stage, so that posts can change and delete rows too."""
    strategy = tenant.strategy
    strategy.leading_goal = "awareness"
    strategy.review_every_months = 3
    strategy.save()
    strategy.goals.create(goal="awareness", metric="reach", target_value=Decimal(1000), deadline=date(2027, 6, 1))
    strategy.own_accounts.create(platform="vk", followers=5000, posts_per_week=Decimal(3))
    rival = Competitor.objects.create(strategy=strategy, name="Rival")
    rival.accounts.create(platform="vk", followers=1000, posts_per_week=Decimal(2))
    Segment.objects.create(strategy=strategy, name="Parents", is_primary=True)
    ToneOfVoice.objects.create(strategy=strategy)
    Usp.objects.create(strategy=strategy, statement="Fresh")
    StrategyPlatform.objects.create(strategy=strategy, platform="vk", role="main", rationale="audience")
    StrategyPlatform.objects.create(strategy=strategy, platform="telegram", role="supporting", rationale="news")
    strategy.content_items.create(platform="vk", format="photo", posts_per_week=Decimal(2))
    strategy.pillars.create(name="Tips", share=Decimal(100))
    StrategyTool.objects.create(strategy=strategy, tool="targeted_ads")
    strategy.budget_lines.create(category="targeted_ads", platform="vk", monthly_amount=Decimal(30000))
    Kpi.objects.create(strategy=strategy, metric="reach", target_value=Decimal(50000))
    return strategy


@pytest.mark.parametrize("stage_key", STAGES)
def test_any_post_to_a_stage_is_saved_or_shown_back_with_nothing_written(client, tenant, filled, stage_key):
    """Each post starts from the same saved strategy (it is rolled back after), so every run is repeatable."""
    url = next(stage for stage in all_stages() if stage.key == stage_key).url(filled)
    client.force_login(tenant.marketer)
    page = client.get(url)
    assert page.status_code == 200
    form = browser_form(page.content.decode())
    fields = sorted(name for name in form.offered if name not in ("csrfmiddlewaretoken", "_revision"))
    offered = sorted({value for values in form.offered.values() for value in values})
    sent = {name: values for name, values in form.sent.items() if not name.startswith("_")}
    revision = str(StageRevision.objects.filter(strategy=filled, stage=stage_key).values_list("revision").first() or 0)
    actions = {name: sorted(form.offered[name]) for name in ("_add", "_remove", "_goto") if name in form.offered}
    management = [name for name in fields if name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS"))]
    before = database_state()  # the same before every post: each one is rolled back
    statuses = []

    @fuzz(15)
    @given(data=st.data())
    def post_anything(data):
        post = {name: list(values) for name, values in sent.items()}
        post["_revision"] = [data.draw(st.one_of(st.just(revision), WEIRD_VALUES), "revision")]
        changed = data.draw(st.lists(st.sampled_from(fields), unique=True, max_size=6), "changed")
        if management and data.draw(st.booleans(), "tamper with a formset"):
            changed.append(data.draw(st.sampled_from(management), "management"))
        for name in changed:
            post[name] = data.draw(
                st.one_of(
                    st.just([]),
                    st.lists(st.sampled_from(offered), min_size=1, max_size=2),
                    st.lists(WEIRD_VALUES, min_size=1, max_size=2),
                ),
                name,
            )
        if actions and data.draw(st.booleans(), "press a button"):
            button = data.draw(st.sampled_from(sorted(actions)), "button")
            post[button] = [data.draw(st.one_of(st.sampled_from(actions[button]), WEIRD_VALUES), "button value")]
        post.update(data.draw(st.dictionaries(FIELD_NAMES, st.lists(WEIRD_VALUES, max_size=2)), "extra"))
        post = {name: values for name, values in post.items() if values}

        with transaction.atomic():
            response = client.post(url, post)
            assert response.status_code in (200, 302), response.status_code
            if response.status_code == 200:
                assert database_state() == before, "a post shown back with errors changed the database"
            statuses.append(response.status_code)
            transaction.set_rollback(True)

    post_anything()
    assert {200, 302} <= set(statuses)  # the fuzzing reached both the forms' checks and the saving
