from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from competitors.models import AccountAnalytics, ColumnMapping, Competitor, ImportJob, Post
from competitors.tasks import run_import

pytestmark = pytest.mark.django_db

NATIVE = (
    "platform,account,published_at,format,likes,comments,shares,views,reach,followers_at_post\n"
    "instagram,@rival,2026-10-01 18:30,photo,100,10,5,2000,1500,10000\n"
    "instagram,@rival,2026-10-03 12:00,short_video,300,20,15,9000,7000,10100\n"
)
# Headers of another tool: partly recognised, so the mapping screen is shown once.
RUSSIAN = (
    "Сеть;Страница;Время поста;Тип;Лайки;Комментарии;Репосты;Просмотры;Охват;Подписчики\n"
    "ВКонтакте;club1;01.10.2026 18:30;Фото;1 200;30;12;15 000;11 000;52 000\n"
).encode("cp1251")


def upload(client, strategy, content: bytes, name: str, competitor=None, captured=None):
    data = {"file": SimpleUploadedFile(name, content)}
    if competitor:
        data["competitor"] = competitor.pk
    return client.post(reverse("competitors:import", kwargs={"strategy_pk": strategy.pk}), data)


@pytest.fixture
def rival(tenant):
    return Competitor.objects.create(strategy=tenant.strategy, name="Rival")


def test_native_file_goes_straight_to_the_worker_and_shows_the_analysis(
    client, tenant, rival, django_capture_on_commit_callbacks
):
    client.force_login(tenant.marketer)
    with django_capture_on_commit_callbacks() as callbacks:
        response = upload(client, tenant.strategy, NATIVE.encode(), "rival.csv", rival)
    job = ImportJob.objects.get()
    assert response.url == reverse("competitors:import_job", kwargs={"strategy_pk": tenant.strategy.pk, "pk": job.pk})
    assert job.status == ImportJob.Status.QUEUED and len(callbacks) == 1
    page = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in page  # the bar polls until the worker is done

    assert run_import(job.pk) == ImportJob.Status.DONE
    job.refresh_from_db()
    assert (job.rows_total, job.rows_imported, job.progress) == (2, 2, 100)
    assert Post.objects.filter(competitor=rival).count() == 2
    assert AccountAnalytics.objects.filter(competitor=rival, platform="instagram").exists()
    html = client.get(reverse("competitors:analytics", kwargs={"strategy_pk": tenant.strategy.pk})).content.decode()
    assert "Instagram" in html and "plotly-graph-div" in html and "Rival" in html


def test_other_headers_are_mapped_once_and_remembered(client, tenant, django_capture_on_commit_callbacks):
    client.force_login(tenant.marketer)
    response = upload(client, tenant.strategy, RUSSIAN, "vk.csv")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.MAPPING
    mapping_url = reverse("competitors:import_mapping", kwargs={"strategy_pk": tenant.strategy.pk, "pk": job.pk})
    assert response.url == mapping_url
    form = client.get(mapping_url).content.decode()
    assert "Время поста" in form and 'value="Лайки" selected' in form  # suggested from the headers
    data = {
        "platform": "Сеть",
        "account": "Страница",
        "published_at": "Время поста",
        "format": "Тип",
        "likes": "Лайки",
        "comments": "Комментарии",
        "shares": "Репосты",
        "views": "Просмотры",
        "reach": "Охват",
        "followers_at_post": "Подписчики",
    }
    broken = client.post(mapping_url, {**data, "platform": ""})
    assert "This field is required." in broken.content.decode()
    with django_capture_on_commit_callbacks():
        client.post(mapping_url, data)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED and job.mapping["likes"] == "Лайки"
    assert ColumnMapping.objects.filter(agency=tenant.agency).count() == 1
    run_import(job.pk)
    assert Post.objects.get().likes == 1200

    # The same headers again: no mapping screen, and nothing imported twice.
    with django_capture_on_commit_callbacks():
        upload(client, tenant.strategy, RUSSIAN, "vk-again.csv")
    again = ImportJob.objects.latest("pk")
    assert again.status == ImportJob.Status.QUEUED
    run_import(again.pk)
    again.refresh_from_db()
    assert (again.rows_imported, again.rows_duplicate) == (0, 1) and Post.objects.count() == 1


def test_a_bad_file_is_refused_whole_with_its_problems_listed(client, tenant, rival):
    client.force_login(tenant.marketer)
    bad = NATIVE + "instagram,@rival,not a date,photo,-5,10,5,2000,1500,10000\n"
    upload(client, tenant.strategy, bad.encode(), "bad.csv", rival)
    job = ImportJob.objects.get()
    run_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and not Post.objects.exists()
    html = client.get(reverse("competitors:import_job", kwargs={"strategy_pk": tenant.strategy.pk, "pk": job.pk}))
    text = html.content.decode()
    assert "not a date" in text and "negative number" in text and "Nothing was saved" in text


def test_upload_form_refuses_wrong_types_and_large_files(client, tenant, settings):
    client.force_login(tenant.marketer)
    html = upload(client, tenant.strategy, b"x", "report.pdf").content.decode()
    assert "Upload a .csv or .xlsx file." in html
    html = upload(client, tenant.strategy, b"a,b\n1,2\n", "old.xls").content.decode()
    assert "Old Excel files (.xls)" in html
    settings.UPLOAD_MAX_MB = 0
    response = upload(client, tenant.strategy, NATIVE.encode(), "big.csv")
    assert response.status_code == 413
    assert not ImportJob.objects.exists()


def test_templates_download_in_both_formats(client, tenant):
    client.force_login(tenant.marketer)
    csv_response = client.get(
        reverse("competitors:import_template", kwargs={"strategy_pk": tenant.strategy.pk, "kind": "csv"})
    )
    assert csv_response.content.decode("utf-8-sig").startswith("platform,account,published_at")
    xlsx = client.get(
        reverse("competitors:import_template", kwargs={"strategy_pk": tenant.strategy.pk, "kind": "xlsx"})
    )
    assert xlsx.content[:2] == b"PK"
    assert (
        client.get(
            reverse("competitors:import_template", kwargs={"strategy_pk": tenant.strategy.pk, "kind": "exe"})
        ).status_code
        == 404
    )


def test_conclusions_and_share_of_voice_are_saved_and_frozen_with_the_strategy(client, tenant, rival):
    from competitors.models import AnalysisSummary
    from strategies.snapshot import dump_strategy

    client.force_login(tenant.marketer)
    url = reverse("competitors:analytics", kwargs={"strategy_pk": tenant.strategy.pk})
    bad = client.post(url, {"conclusions": "x", "mentions_0": "-3"})
    assert "Ensure this value is greater than or equal to 0." in bad.content.decode()
    client.post(url, {"conclusions": "Competitors own short video.", "mentions_0": "30", "mentions_1": "90"})
    summary = AnalysisSummary.objects.get(strategy=tenant.strategy)
    assert summary.mentions == {"alpha Client": 30, "Rival": 90}
    html = client.get(url).content.decode()
    assert "Share of voice: 25\u00a0%" in html and "Competitors own short video." in html
    assert dump_strategy(tenant.strategy)["parts"]["competitors.analysissummary"][0]["conclusions"] == (
        "Competitors own short video."
    )


def test_choosing_a_period_recomputes_the_figures(client, tenant, rival, django_capture_on_commit_callbacks):
    from competitors.tasks import refresh_analysis

    client.force_login(tenant.marketer)
    upload(client, tenant.strategy, NATIVE.encode(), "rival.csv", rival)
    run_import(ImportJob.objects.get().pk)
    assert AccountAnalytics.objects.get(competitor=rival).figures["posts"] == 2
    url = reverse("competitors:analytics", kwargs={"strategy_pk": tenant.strategy.pk})
    bad = client.post(url, {"period_start": "2026-10-05", "period_end": "2026-10-01"})
    assert "The end of the period is before its start." in bad.content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(url, {"period_start": "2026-10-02", "period_end": "2026-10-31"})
    assert len(callbacks) == 1  # the worker recomputes
    refresh_analysis(tenant.strategy.pk)
    assert AccountAnalytics.objects.get(competitor=rival).figures["posts"] == 1  # only the post of 3 October


def test_the_analysis_reaches_the_strategy_document(client, tenant, rival):
    from documents.rendering import render_document_html
    from documents.snapshot import document_snapshot

    client.force_login(tenant.marketer)
    upload(client, tenant.strategy, NATIVE.encode(), "rival.csv", rival)
    run_import(ImportJob.objects.get().pk)
    html = render_document_html(document_snapshot(tenant.strategy), version_label="v1", draft=False, for_pdf=False)
    section = html.split("From the imported posts")[1][:3000]
    assert "Rival" in section and "Instagram" in section


def test_deleting_a_competitor_or_a_strategy_removes_their_posts(client, tenant, rival):
    client.force_login(tenant.marketer)
    upload(client, tenant.strategy, NATIVE.encode(), "rival.csv", rival)
    run_import(ImportJob.objects.get().pk)
    assert Post.objects.filter(competitor=rival).count() == 2
    rival.delete()
    assert not Post.objects.exists()
    brand = NATIVE.replace("@rival", "@brand")
    upload(client, tenant.strategy, brand.encode(), "brand.csv")
    run_import(ImportJob.objects.latest("pk").pk)
    assert Post.objects.count() == 2
    tenant.client.delete()  # client → strategies → posts
    assert not Post.objects.exists()
