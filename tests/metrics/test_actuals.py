from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from metrics.models import Actual
from metrics.services import run_forecast

pytestmark = pytest.mark.django_db


def post_file(client, strategy, content: bytes, name="actuals.csv"):
    url = reverse("metrics:actuals", kwargs={"strategy_pk": strategy.pk})
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


def test_actuals_are_imported_and_held_against_the_plan(client, planned):
    run_forecast(planned.pk, generation=0)
    client.force_login(planned.owner)
    # The strategy starts on 2027-01-01 (tenant fixture); Russian headers, ';', thousands separators.
    content = "Месяц;Площадка;Охват;Лиды\n01.2027;ВКонтакте;30 000;12\n2027-02;vk;1 200 000;15\n".encode("cp1251")
    response = post_file(client, planned, content)
    assert "4 figures imported." in response.content.decode()
    assert Actual.objects.get(platform="vk", month=2, metric="unique_reach").value == Decimal("1200000")
    html = client.get(reverse("metrics:actuals", kwargs={"strategy_pk": planned.pk}), {"metric": "unique_reach"})
    text = html.content.decode()
    assert 'id="plan-vs-actual"' in text and "plotly-graph-div" in text and "%" in text
    # Importing a month again replaces it.
    post_file(client, planned, b"month,platform,reach\n2027-02,vk,900\n")
    assert Actual.objects.get(platform="vk", month=2, metric="unique_reach").value == Decimal("900")


def test_bad_rows_refuse_the_whole_file(client, planned):
    client.force_login(planned.owner)
    content = b"month,platform,reach,leads\n2027-01,vk,100,2\n2030-01,vk,100,2\nsoon,myspace,lots,-1\n"
    text = post_file(client, planned, content).content.decode()
    for message in ("outside the strategy period", "not a month", "unknown platform", "not a number", "negative"):
        assert message in text
    assert not Actual.objects.exists()


def test_files_without_the_needed_columns_are_refused(client, planned):
    client.force_login(planned.owner)
    text = post_file(client, planned, b"date,network\n2027-01,vk\n").content.decode()
    assert "needs a “month” column" in text
    assert not Actual.objects.exists()


def test_plan_vs_actual_percent_achieved(planned):
    from metrics.actuals import plan_vs_actual
    from metrics.views import stored_plan

    run_forecast(planned.pk, generation=0)
    plan = stored_plan(planned)
    planned_reach = plan.month_total(1)["unique_reach"]
    Actual.objects.create(strategy=planned, platform="vk", month=1, metric="unique_reach", value=planned_reach / 2)
    rows = plan_vs_actual(plan, list(planned.actuals.all()), "unique_reach")
    assert rows[0]["achieved"] == Decimal("50.0") and rows[1]["actual"] is None
