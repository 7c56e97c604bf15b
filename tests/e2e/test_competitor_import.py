"""A marketer uploads a competitor's posts, watches the import, and reads the analysis."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD, seed_demo_accounts
from competitors.models import Post
from documents.demo import seed_demo_strategies
from tests.e2e.conftest import log_in
from tests.worker import running_worker

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def posts_csv(account: str, rows: int) -> str:
    lines = ["platform;account;published_at;format;likes;comments;shares;views;reach;followers_at_post"]
    for day in range(rows):
        lines.append(
            f"instagram;{account};{day % 28 + 1:02d}.10.2026 {9 + day % 10}:00;"
            f"{'short_video' if day % 3 else 'photo'};{100 + day};{10 + day % 7};{day % 5};"
            f"{2000 + 10 * day};{1500 + 5 * day};{10000 + day}"
        )
    return "\n".join(lines) + "\n"


def test_upload_progress_and_charts(page, tmp_path):
    demo = seed_demo_accounts()
    strategy = seed_demo_strategies(demo)[1]
    rival = strategy.competitors.first()
    brand_file = tmp_path / "brand.csv"
    brand_file.write_text(posts_csv("@brightside", 40), encoding="utf-8")
    rival_file = tmp_path / "rival.csv"
    rival_file.write_text(posts_csv("@rival", 60), encoding="utf-8")
    log_in(page, "marketer@demo.example", DEMO_PASSWORD)

    with running_worker():
        page.goto(f"/strategies/{strategy.pk}/current/")
        page.click("text=Import the brand's posts from a CSV or XLSX file")
        page.set_input_files("input[name=file]", str(brand_file))
        page.click("main form button[type=submit]")
        expect(page.locator("#import-status")).to_contain_text("40 new posts imported", timeout=60_000)

        page.goto(f"/strategies/{strategy.pk}/competitors/{rival.pk}/")
        page.click("text=Import its posts from a CSV or XLSX file")
        page.set_input_files("input[name=file]", str(rival_file))
        page.click("main form button[type=submit]")
        expect(page.locator(".progress-bar")).to_be_visible()
        expect(page.locator("#import-status")).to_contain_text("60 new posts imported", timeout=60_000)

    page.click("text=See the analysis")
    expect(page.locator("h2.h4").first).to_have_text("Instagram")
    expect(page.locator(".plotly-graph-div").first).to_be_visible()
    expect(page.locator(".comparison-table").first).to_contain_text(rival.name)
    assert Post.objects.filter(strategy=strategy).count() == 100
