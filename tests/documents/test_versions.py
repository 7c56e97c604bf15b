from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from audiences.models import Segment
from documents.diff import compare
from documents.snapshot import document_snapshot
from strategies.models import BudgetLine, StrategyPlatform, Usp
from tests.documents.conftest import compute

pytestmark = pytest.mark.django_db


def test_diff_names_what_was_added_removed_and_changed(demo):
    strategy = demo["en"]
    before = document_snapshot(strategy)
    Usp.objects.filter(strategy=strategy).update(statement="Yoga for people who sit all day")
    StrategyPlatform.objects.filter(strategy=strategy, platform="youtube").delete()
    StrategyPlatform.objects.create(strategy=strategy, platform="telegram", role="supporting", rationale="Newsletter")
    Segment.objects.filter(strategy=strategy, is_primary=False).first().delete()
    line = BudgetLine.objects.filter(strategy=strategy, category="targeted_ads", platform="instagram").get()
    line.monthly_amount = Decimal("1500")
    line.save()
    compute(strategy)
    after = document_snapshot(strategy)

    sections = {s.stage: s for s in compare(before, after)}
    assert set(sections) >= {"usp", "platforms", "audience", "budget", "metrics"}
    usp = sections["usp"].changes[0]
    assert usp.kind == "changed" and usp.fields[0][2] == "Yoga for people who sit all day"
    kinds = {(c.kind, c.item) for c in sections["platforms"].changes}
    assert ("removed", "YouTube") in kinds and ("added", "Telegram") in kinds
    assert [c.kind for c in sections["audience"].changes] == ["removed"]
    budget = next(c for c in sections["budget"].changes if c.kind == "changed")
    assert budget.fields == [("per month", "1,000", "1,500")]
    targets = next(c for c in sections["metrics"].changes if c.item == "Targets for the period")
    labels = {label for label, _old, _new in targets.fields}
    assert {"People reached (unique)", "Total reach (sum of post and ad reach)", "CPL (ads)"} <= labels
    assert "goals" not in sections  # untouched stages are not listed


def test_identical_snapshots_have_no_differences(demo):
    snapshot = document_snapshot(demo["ru"])
    assert compare(snapshot, snapshot) == []


def test_compare_page_against_the_draft(client, demo):
    from documents.workflow import perform

    strategy = demo["en"]
    perform(strategy, "submit", by=demo["marketer"])
    perform(strategy, "approve", by=demo["manager"])
    perform(strategy, "revise", by=demo["marketer"])
    Usp.objects.filter(strategy=strategy).update(statement="A new promise")
    client.force_login(demo["manager"])
    html = client.get(reverse("documents:compare", kwargs={"strategy_pk": strategy.pk}), {"a": 1, "b": "draft"})
    assert "A new promise" in html.content.decode()
    assert client.get(reverse("documents:compare", kwargs={"strategy_pk": strategy.pk}), {"b": "x"}).status_code == 404


def test_conclusions_and_share_of_voice_reach_the_document(demo):
    from competitors.models import AnalysisSummary
    from documents.rendering import render_document_html

    strategy = demo["en"]
    AnalysisSummary.objects.create(
        strategy=strategy, conclusions="Rivals lead on reels.", mentions={strategy.client.name: 20, "Zen Den": 60}
    )
    html = render_document_html(document_snapshot(strategy), version_label="v1", draft=False, for_pdf=False)
    assert "Rivals lead on reels." in html and "25" in html.split("Share of voice")[1][:200]
