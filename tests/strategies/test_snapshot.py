from __future__ import annotations

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from accounts.demo import seed_demo_accounts
from audiences.models import Segment
from competitors.models import CompetitorAccount
from documents.demo import seed_demo_strategies
from strategies.models import MoodImage, Strategy
from strategies.services import duplicate_strategy
from strategies.snapshot import dump_strategy
from tests.images import png_bytes

pytestmark = pytest.mark.django_db


def without_ids(data):
    """The same data with database ids (which must differ between copies) dropped."""
    if isinstance(data, dict):
        if set(data) == {"name", "content"}:  # a file: stored under the new strategy's folder
            return {"name": data["name"].rsplit("/", 1)[-1], "content": data["content"]}
        return {k: without_ids(v) for k, v in data.items() if k not in {"_id", "_parent"}}
    if isinstance(data, list):
        return [without_ids(v) for v in data]
    return data


@pytest.fixture
def demo_strategy():
    demo = seed_demo_accounts()
    strategy = seed_demo_strategies(demo)[0]
    mood = MoodImage(strategy=strategy, caption="Латте-арт")
    mood.image.save("latte.png", ContentFile(png_bytes(colour="#d9b38c")), save=True)
    return strategy


def test_export_then_import_is_lossless(demo_strategy, tmp_path):
    out = io.StringIO()
    call_command("export_strategy", demo_strategy.pk, stdout=out)
    exported = json.loads(out.getvalue())
    assert exported["strategy"]["language"] == "ru"
    assert (
        len(exported["parts"]["competitors.competitoraccount"])
        == CompetitorAccount.objects.filter(competitor__strategy=demo_strategy).count()
    )

    path = tmp_path / "strategy.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    created = io.StringIO()
    call_command("import_strategy", str(path), "--client", demo_strategy.client_id, stdout=created)
    copy = Strategy.objects.get(pk=int(created.getvalue()))

    assert copy.pk != demo_strategy.pk and copy.status == Strategy.Status.DRAFT
    assert without_ids(dump_strategy(copy)) == without_ids(exported)
    assert copy.completeness == 100
    image = copy.mood_images.get()
    assert image.image.read() == png_bytes(colour="#d9b38c")


def test_duplicate_copies_every_stage_independently(demo_strategy):
    copy = duplicate_strategy(demo_strategy, by=demo_strategy.owner)
    assert copy.title.startswith("Copy of")
    assert without_ids(dump_strategy(copy))["parts"] == without_ids(dump_strategy(demo_strategy))["parts"]
    Segment.objects.filter(strategy=copy).update(name="Changed")
    assert not Segment.objects.filter(strategy=demo_strategy, name="Changed").exists()


def test_import_refuses_a_file_that_is_not_an_export(demo_strategy, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": 99}', encoding="utf-8")
    with pytest.raises(CommandError, match="not a valid strategy export"):
        call_command("import_strategy", str(path), "--client", demo_strategy.client_id)
    path.write_text("not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not a valid strategy export"):
        call_command("import_strategy", str(path), "--client", demo_strategy.client_id)
    count = Strategy.objects.count()
    data = dump_strategy(demo_strategy)
    data["parts"]["competitors.competitoraccount"][0]["followers"] = "-5"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_strategy", str(path), "--client", demo_strategy.client_id)
    assert Strategy.objects.count() == count  # nothing half-imported


def test_export_of_a_missing_strategy_says_so():
    with pytest.raises(CommandError, match="no strategy with id 999"):
        call_command("export_strategy", 999)


def test_duplicate_button_opens_the_copy(client, demo_strategy):
    client.force_login(demo_strategy.owner)
    response = client.post(f"/strategies/{demo_strategy.pk}/duplicate/")
    copy = Strategy.objects.exclude(pk=demo_strategy.pk).get(client=demo_strategy.client)
    assert response.url == f"/strategies/{copy.pk}/"
