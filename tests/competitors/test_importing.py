from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from django.core.files.base import ContentFile
from openpyxl import Workbook

from competitors.importer import import_file
from competitors.importing import (
    ImportRefused,
    clean,
    header_signature,
    missing_required,
    post_keys,
    read_table,
    suggest_mapping,
)
from competitors.models import AccountAnalytics, Competitor, ImportJob, Post

UTC = dt.UTC
MOSCOW = ZoneInfo("Europe/Moscow")
pytestmark = pytest.mark.django_db

NATIVE = (
    "platform,account,published_at,format,likes,comments,shares,views,reach,followers_at_post,post_id,url\n"
    "instagram,@rival,2024-05-01 10:00,photo,100,10,5,2000,1500,10000,p1,https://example.com/p1\n"
    "Instagram,@rival,2024-05-02T12:30:00+00:00,Reels,200,20,,5000,,10100,p2,\n"
    "VK,rival_club,2024-05-03,Клипы,7,0,1,,,,,\n"
)


@pytest.fixture(autouse=True)
def moscow(settings):
    settings.TIME_ZONE = "Europe/Moscow"


@pytest.fixture
def rival(tenant) -> Competitor:
    return Competitor.objects.create(strategy=tenant.strategy, name="Rival")


def make_job(tenant, content: bytes, name: str = "posts.csv", *, competitor=None, mapping=None) -> ImportJob:
    job = ImportJob(
        strategy=tenant.strategy,
        competitor=competitor,
        original_name=name,
        mapping=mapping or {},
        created_by=tenant.marketer,
    )
    job.file.save(name, ContentFile(content), save=False)
    job.save()
    return job


def frame_of(text: str) -> pd.DataFrame:
    raw, _headers = read_table(io.BytesIO(text.encode("utf-8")), "posts.csv")
    return raw


def cleaned(rows: dict[str, list[str]]) -> pd.DataFrame:
    raw = pd.DataFrame(rows, dtype=str)
    result = clean(raw, {name: name for name in rows})
    assert result.problems == [], result.problems
    return result.frame


# ---------------------------------------------------------------- whole imports


def test_native_csv_is_imported_with_local_times_and_aliases(tenant, rival):
    seen: list[int] = []
    job = import_file(make_job(tenant, NATIVE.encode(), competitor=rival), progress=seen.append)

    assert (job.status, job.progress, job.problem_count) == (ImportJob.Status.DONE, 100, 0)
    assert (job.rows_total, job.rows_imported, job.rows_duplicate) == (3, 3, 0)
    assert seen == [10, 40, 80, 100]
    posts = {p.account + p.published_at.isoformat(): p for p in Post.objects.filter(strategy=tenant.strategy)}
    first = posts["@rival2024-05-01T07:00:00+00:00"]  # 10:00 in Moscow
    assert (first.platform, first.format, first.likes, first.reach, first.followers_at_post) == (
        "instagram",
        "photo",
        100,
        1500,
        10000,
    )
    assert first.competitor == rival
    second = posts["@rival2024-05-02T12:30:00+00:00"]
    assert (second.format, second.shares, second.reach) == ("short_video", None, None)
    third = posts["rival_club2024-05-02T21:00:00+00:00"]  # midnight of 3 May in Moscow
    assert (third.platform, third.format, third.views) == ("vk", "short_video", None)

    analytics = {(a.platform, a.account): a.figures for a in AccountAnalytics.objects.filter(competitor=rival)}
    assert set(analytics) == {("instagram", "@rival"), ("vk", "rival_club")}
    instagram = analytics[("instagram", "@rival")]
    assert instagram["posts"] == 2
    assert instagram["followers"] == 10100
    # (100 + 10 + 5) / 10,000 × 100 = 1.15; (200 + 20 + 0) / 10,100 × 100 = 2.1782
    assert instagram["er_by_followers"] == pytest.approx((1.15 + 220 / 10100 * 100) / 2, abs=1e-4)
    json.dumps(instagram)


def test_the_same_file_imported_again_adds_nothing(tenant, rival):
    first = import_file(make_job(tenant, NATIVE.encode(), competitor=rival))
    again = import_file(make_job(tenant, NATIVE.encode(), competitor=rival))

    assert (first.rows_imported, first.rows_duplicate) == (3, 0)
    assert (again.status, again.rows_imported, again.rows_duplicate) == (ImportJob.Status.DONE, 0, 3)
    assert Post.objects.filter(strategy=tenant.strategy).count() == 3
    assert AccountAnalytics.objects.filter(competitor=rival, account="@rival").get().figures["posts"] == 2


def test_the_same_posts_of_the_brand_and_of_a_competitor_are_different_posts(tenant, rival):
    import_file(make_job(tenant, NATIVE.encode(), competitor=rival))
    brand = import_file(make_job(tenant, NATIVE.encode()))

    assert brand.rows_imported == 3
    assert Post.objects.filter(strategy=tenant.strategy, competitor=None).count() == 3
    assert AccountAnalytics.objects.filter(strategy=tenant.strategy, competitor=None).count() == 2


def test_xlsx_with_native_dates_serial_numbers_and_percent_cells(tenant, rival):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Платформа", "Аккаунт", "Дата", "Формат", "Лайки", "Комментарии", "Подписчики"])
    sheet.append(["Instagram", "@rival", dt.datetime(2024, 5, 1, 10, 0), "Карусель", 120, 3, 5000])
    sheet.append(["Telegram", "rival_channel", 45413.5, "Видео", 1200.0, 0, 3000])
    sheet.append([None] * 7)
    buffer = io.BytesIO()
    workbook.save(buffer)

    job = import_file(make_job(tenant, buffer.getvalue(), "export.xlsx", competitor=rival))

    assert job.status == ImportJob.Status.DONE, job.problems
    assert job.rows_imported == 2
    posts = Post.objects.filter(competitor=rival).order_by("published_at")
    assert [(p.platform, p.format, p.likes) for p in posts] == [
        ("instagram", "carousel", 120),
        ("telegram", "video", 1200),
    ]
    # serial 45413.5 is 2024-05-01 12:00 local
    assert posts[1].published_at == dt.datetime(2024, 5, 1, 12, 0, tzinfo=MOSCOW)

    percent = Workbook()
    percent.active.append(["platform", "account", "published_at", "likes"])
    percent.active.append(["vk", "club", dt.datetime(2024, 5, 1), 0.035])
    percent.active["D2"].number_format = "0.0%"
    buffer = io.BytesIO()
    percent.save(buffer)
    refused = import_file(make_job(tenant, buffer.getvalue(), "percent.xlsx", competitor=rival))
    assert refused.problems == [{"row": 2, "column": "likes", "message": "percentages are not counts"}]


def test_russian_export_in_windows_1251_with_semicolons_thousands_and_serial_dates(tenant, rival):
    text = (
        "Соцсеть;Сообщество;Дата публикации;Тип;Нравится;Комментарии;Поделились;Просмотры;Охват;Подписчики\n"
        "ВКонтакте;Кофейня;45413,5;Фото;1 234;12;3;12,5 тыс.;1.234.567;20\u00a0500\n"
        "Одноклассники;Кофейня;01.05.2024 18:30;Сторис;1\u00a0001;0;0;1,2K;;20 600\n"
        "ВКонтакте;Кофейня;02.05.2024;Видео;2,345;;;1.5M;3 000;\n"
    )
    job = import_file(make_job(tenant, text.encode("cp1251"), "выгрузка.csv", competitor=rival))

    assert job.status == ImportJob.Status.DONE, job.problems
    assert job.mapping["published_at"] == "Дата публикации"
    assert job.mapping["followers_at_post"] == "Подписчики"
    posts = list(Post.objects.filter(competitor=rival).order_by("published_at"))
    assert [
        (p.platform, p.account, p.format, p.likes, p.comments, p.views, p.reach, p.followers_at_post) for p in posts
    ] == [
        ("vk", "Кофейня", "photo", 1234, 12, 12500, 1234567, 20500),
        ("ok", "Кофейня", "stories", 1001, 0, 1200, None, 20600),
        ("vk", "Кофейня", "video", 2345, None, 1500000, 3000, None),
    ]
    assert posts[0].published_at == dt.datetime(2024, 5, 1, 12, 0, tzinfo=MOSCOW)
    assert posts[1].published_at == dt.datetime(2024, 5, 1, 18, 30, tzinfo=MOSCOW)


def test_a_remembered_mapping_for_unusual_headers(tenant):
    text = "Сеть публикации,Кто,Когда,Сердечки\nTelegram,@brand,2024-05-01T09:00:00Z,15\n"
    mapping = {"platform": "Сеть публикации", "account": "Кто", "published_at": "Когда", "likes": "Сердечки"}
    job = import_file(make_job(tenant, text.encode(), mapping=mapping))

    assert job.status == ImportJob.Status.DONE
    post = Post.objects.get(strategy=tenant.strategy)
    assert (post.platform, post.likes, post.published_at) == ("telegram", 15, dt.datetime(2024, 5, 1, 9, tzinfo=UTC))


# ---------------------------------------------------------------- refused files: nothing is written

GOOD_ROW = "vk,club,2024-05-01 10:00,10"
BAD_FILES = [
    ("vk,club,yesterday,10", "Published", "not a date"),
    ("vk,club,2024-05-01 10:00,many", "Likes", "not a whole number"),
    ("vk,club,2024-05-01 10:00,12.5", "Likes", "not a whole number"),
    ("vk,club,2024-05-01 10:00,-5", "Likes", "negative number"),
    ('vk,club,2024-05-01 10:00,"3,5%"', "Likes", "percentages are not counts"),
    ("Foo,club,2024-05-01 10:00,10", "Network", "unknown platform “Foo”"),
    ("vk,,2024-05-01 10:00,10", "Account", "required value is missing"),
    ("vk,club, ,10", "Published", "required value is missing"),
]


@pytest.mark.parametrize(("bad_row", "column", "message"), BAD_FILES)
def test_one_bad_cell_refuses_the_whole_file_and_names_row_and_column(tenant, rival, bad_row, column, message):
    text = "\n".join(["Network,Account,Published,Likes", GOOD_ROW, GOOD_ROW.replace("10:00", "11:00"), bad_row]) + "\n"

    job = import_file(make_job(tenant, text.encode(), competitor=rival))

    assert job.status == ImportJob.Status.FAILED
    assert job.problems == [{"row": 4, "column": column, "message": message}]
    assert job.problem_count == 1
    assert not Post.objects.exists()
    assert not AccountAnalytics.objects.exists()


def test_a_missing_required_column_is_reported_on_the_header_row(tenant):
    job = import_file(make_job(tenant, b"platform,account,likes\nvk,club,10\n"))

    assert job.status == ImportJob.Status.FAILED
    assert job.problems == [
        {"row": 1, "column": "published_at", "message": "The required column “published_at” is not mapped."}
    ]
    assert not Post.objects.exists()


def test_a_mapping_naming_an_absent_header_is_refused(tenant):
    mapping = {"platform": "platform", "account": "account", "published_at": "Дата"}
    job = import_file(make_job(tenant, NATIVE.encode(), mapping=mapping))

    assert job.problems == [{"row": 1, "column": "Дата", "message": "The column “Дата” is not in the file."}]
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "posts.csv", "The file is empty."),
        (b"\xef\xbb\xbf\r\n  \r\n", "posts.csv", "The file is empty."),
        (b"platform,account,published_at\n", "posts.csv", "The file has no rows below the header."),
        (bytes(range(256)) * 40, "posts.csv", "The file is not a readable table: save it as CSV (UTF-8) or XLSX."),
        (b"PK\x03\x04 not really a workbook", "posts.xlsx", "The file could not be read as an Excel workbook (.xlsx)."),
        (b"%PDF-1.7", "posts.pdf", "Files of type “.pdf” cannot be imported: upload a .csv or .xlsx file."),
        (b"whatever", "posts.xls", "Old Excel files (.xls) cannot be read: save the file as .xlsx or .csv."),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(tenant, content, name, message):
    with pytest.raises(ImportRefused) as refused:
        read_table(io.BytesIO(content), name)
    assert refused.value.message == message

    job = import_file(make_job(tenant, content, name))
    assert (job.status, job.problem_count) == (ImportJob.Status.FAILED, 1)
    assert job.problems == [{"row": None, "column": "", "message": message}]
    assert not Post.objects.exists()


def test_only_the_first_hundred_problems_are_kept_with_the_total(tenant):
    rows = [f"vk,club,2024-05-01 10:{i % 60:02d},{-i - 1}" for i in range(250)]
    text = "platform,account,published_at,likes\n" + "\n".join(rows) + "\n"

    job = import_file(make_job(tenant, text.encode()))

    assert job.status == ImportJob.Status.FAILED
    assert job.problem_count == 250
    assert len(job.problems) == 100
    assert job.problems[0] == {"row": 2, "column": "likes", "message": "negative number"}
    assert job.problems[-1]["row"] == 101
    assert not Post.objects.exists()


def test_problems_are_listed_in_file_order_across_columns():
    raw = frame_of("platform,account,published_at,likes\nvk,,2024-05-01,x\nMySpace,club,never,5\n")
    result = clean(raw, suggest_mapping(raw.columns))

    assert result.problem_count == 4
    assert result.problems == [
        {"row": 2, "column": "account", "message": "required value is missing"},
        {"row": 2, "column": "likes", "message": "not a whole number"},
        {"row": 3, "column": "platform", "message": "unknown platform “MySpace”"},
        {"row": 3, "column": "published_at", "message": "not a date"},
    ]


def test_blank_lines_are_skipped_but_rows_keep_their_numbers():
    raw = frame_of("platform,account,published_at,likes\nvk,club,2024-05-01,1\n,,,\n\nvk,club,2024-05-02,-1\n")
    result = clean(raw, suggest_mapping(raw.columns))

    assert len(result.frame) == 2
    assert result.problems == [{"row": 5, "column": "likes", "message": "negative number"}]


# ---------------------------------------------------------------- cell values


def test_counts_accept_thousands_separators_and_abbreviations():
    values = [
        "1 234",
        "1\u00a0234\u202f567",
        "1,234",
        "1.234.567",
        "12,5K",
        "1.2M",
        "12,5 тыс.",
        "3 млн",
        "12.0",
        "0",
        "",
    ]
    frame = cleaned(
        {"platform": ["vk"] * 11, "account": ["a"] * 11, "published_at": ["2024-05-01"] * 11, "likes": values}
    )

    assert frame["likes"].tolist() == [1234, 1234567, 1234, 1234567, 12500, 1200000, 12500, 3000000, 12, 0, pd.NA]
    assert str(frame["likes"].dtype) == "Int64"


def test_dates_in_every_accepted_shape_become_utc():
    values = [
        "2024-05-01T10:00:00Z",
        "2024-05-01T10:00:00+03:00",
        "2024-05-01 10:00",
        "01.05.2024 10:00",
        "01.05.2024",
        "45413.5",
    ]
    frame = cleaned({"platform": ["vk"] * 6, "account": ["a"] * 6, "published_at": values})

    assert str(frame["published_at"].dtype) == "datetime64[ns, UTC]"
    assert [stamp.isoformat() for stamp in frame["published_at"]] == [
        "2024-05-01T10:00:00+00:00",
        "2024-05-01T07:00:00+00:00",
        "2024-05-01T07:00:00+00:00",
        "2024-05-01T07:00:00+00:00",
        "2024-04-30T21:00:00+00:00",
        "2024-05-01T09:00:00+00:00",
    ]


def test_platform_and_format_names_in_english_and_russian():
    platforms = ["Instagram", "ВКонтакте", "VK", "Одноклассники", "Telegram", "X", "Twitter", "tiktok"]
    formats = ["Reels", "Клипы", "Фото", "Видео", "Карусель", "Сторис", "short_video", "Текст"]
    frame = cleaned(
        {"platform": platforms, "account": ["a"] * 8, "published_at": ["2024-05-01"] * 8, "format": formats}
    )

    assert frame["platform"].tolist() == ["instagram", "vk", "vk", "ok", "telegram", "x", "x", "tiktok"]
    assert frame["format"].tolist() == [
        "short_video",
        "short_video",
        "photo",
        "video",
        "carousel",
        "stories",
        "short_video",
        "text",  # a text post is a format of the plan now (Telegram channels are mostly text)
    ]


def test_an_unknown_format_is_a_problem():
    raw = pd.DataFrame({"platform": ["vk"], "account": ["a"], "published_at": ["2024-05-01"], "format": ["Hologram"]})
    result = clean(raw, {name: name for name in raw.columns})
    assert result.problems == [{"row": 2, "column": "format", "message": "unknown format “Hologram”"}]


# ---------------------------------------------------------------- headers and keys


def test_headers_are_recognised_in_english_and_russian():
    russian = ["Площадка", "Аккаунт", "Дата публикации", "Тип", "Лайки", "Комментарии", "Репосты", "Просмотры", "Охват"]
    english = [
        "Network",
        "Account",
        "Date",
        "Format",
        "Likes",
        "Comments",
        "Shares",
        "Views",
        "Reach",
        "Followers",
        "URL",
    ]

    assert suggest_mapping(russian) == {
        "platform": "Площадка",
        "account": "Аккаунт",
        "published_at": "Дата публикации",
        "format": "Тип",
        "likes": "Лайки",
        "comments": "Комментарии",
        "shares": "Репосты",
        "views": "Просмотры",
        "reach": "Охват",
    }
    assert suggest_mapping(english)["followers_at_post"] == "Followers"
    assert suggest_mapping(["Соцсеть", "Дата", "Published", "Нравится", "Reposts"]) == {
        "platform": "Соцсеть",
        "published_at": "Published",
        "likes": "Нравится",
        "shares": "Reposts",
    }
    assert missing_required(suggest_mapping(["Соцсеть", "Дата"])) == ["account"]


def test_the_header_signature_ignores_order_and_case():
    assert header_signature(["Дата", "Лайки"]) == header_signature([" лайки ", "ДАТА"])
    assert header_signature(["Дата", "Лайки"]) != header_signature(["Дата", "Лайки", "Охват"])
    assert len(header_signature(["Дата"])) == 64


def test_post_keys_use_the_post_id_or_the_publication_time():
    frame = cleaned(
        {
            "platform": ["vk", "vk", "vk"],
            "account": ["club", "club", "club"],
            "published_at": ["2024-05-01 10:00", "2024-05-01 10:00", "2024-05-01T07:00:00Z"],
            "post_id": ["42", "", ""],
        }
    )
    keys = post_keys(frame, brand="brand")

    assert keys.iloc[0] == hashlib.sha256(b"brand|vk|club|42").hexdigest()
    assert keys.iloc[1] == hashlib.sha256(b"brand|vk|club|2024-05-01T07:00:00+00:00").hexdigest()
    assert keys.iloc[1] == keys.iloc[2]
    assert post_keys(frame, brand="competitor:7").iloc[0] != keys.iloc[0]


# ---------------------------------------------------------------- files read in parts


def test_a_file_read_in_parts_is_stored_whole_and_its_repeats_counted_once(tenant, rival, monkeypatch):
    monkeypatch.setattr("competitors.importer.CHUNK_ROWS", 2)
    rows = [f"vk,club,2024-05-{day:02d} 10:00,{day}" for day in range(1, 8)] + ["vk,club,2024-05-01 10:00,1"]
    text = "platform,account,published_at,likes\n" + "\n".join(rows) + "\n"

    job = import_file(make_job(tenant, text.encode(), competitor=rival))

    assert (job.status, job.rows_total, job.rows_imported, job.rows_duplicate) == (ImportJob.Status.DONE, 8, 7, 1)
    assert sorted(Post.objects.values_list("likes", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    assert AccountAnalytics.objects.get(competitor=rival).figures["posts"] == 7


def test_a_problem_in_a_later_part_undoes_the_parts_already_written(tenant, rival, monkeypatch):
    monkeypatch.setattr("competitors.importer.CHUNK_ROWS", 2)
    rows = [f"vk,club,2024-05-{day:02d} 10:00,{day}" for day in range(1, 8)]
    rows[5] = "vk,club,2024-05-06 10:00,lots"
    text = "platform,account,published_at,likes\n" + "\n".join(rows) + "\nvk,club,2024-05-09,-1\n"

    job = import_file(make_job(tenant, text.encode(), competitor=rival))

    assert job.status == ImportJob.Status.FAILED
    assert job.rows_total == 8
    assert job.problem_count == 2
    assert job.problems == [
        {"row": 7, "column": "likes", "message": "not a whole number"},
        {"row": 9, "column": "likes", "message": "negative number"},
    ]
    assert not Post.objects.exists()
    assert not AccountAnalytics.objects.exists()


def test_utf16_tab_separated_text_is_read():
    text = "Площадка\tАккаунт\tДата\tЛайки\nVK\tклуб\t01.05.2024 10:00\t1 234\n"
    raw, headers = read_table(io.BytesIO(text.encode("utf-16")), "export.txt")

    assert headers == ["Площадка", "Аккаунт", "Дата", "Лайки"]
    assert clean(raw, suggest_mapping(headers)).frame["likes"].tolist() == [1234]


def test_account_names_are_stored_exactly(tenant):
    name = 'Кофе, "зерно" {1} \\ NULL'
    text = 'platform;account;published_at\nvk;"Кофе, ""зерно"" {1} \\ NULL";2024-05-01\nvk;NULL;2024-05-01\n'

    job = import_file(make_job(tenant, text.encode()))

    assert job.status == ImportJob.Status.DONE, job.problems
    assert sorted(Post.objects.values_list("account", flat=True)) == ["NULL", name]


def test_text_posts_are_a_format_of_their_own():
    formats = ["Status", "Текстовый пост", "Пост", "Link", "Опрос"]
    frame = cleaned(
        {"platform": ["telegram"] * 5, "account": ["a"] * 5, "published_at": ["2024-05-01"] * 5, "format": formats}
    )
    assert frame["format"].tolist() == ["text", "text", "text", "", ""]  # links and polls are not planned
