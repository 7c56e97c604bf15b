"""A health-check warning acknowledged with a reason: shown greyed, no longer counted, kept in the history."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from documents.models import StatusChange
from metrics import health
from strategies.models import (
    BudgetLine,
    ContentPlanItem,
    HealthAcknowledgement,
    OwnAccount,
    Strategy,
    StrategyPlatform,
    ToneOfVoice,
)
from strategies.services import HealthCheckError, acknowledge_warning, refresh_cached_figures

pytestmark = pytest.mark.django_db

TONE_RULE = f"{health.tone_without_examples.__module__}.{health.tone_without_examples.__qualname__}"
AUDIT_RULE = f"{health.platform_without_followers.__module__}.{health.platform_without_followers.__qualname__}"
TONE_WARNING = "The tone of voice has no example phrases."


@pytest.fixture
def strategy(tenant):
    """A fresh draft whose only warning is the tone without example phrases."""
    refresh_cached_figures(tenant.strategy)
    assert tenant.strategy.warning_counts[TONE_RULE] == 1
    assert tenant.strategy.warning_count == 1
    return tenant.strategy


def summary_url(strategy) -> str:
    return reverse("strategies:summary", kwargs={"strategy_pk": strategy.pk})


def acknowledge(client, strategy, reason: str, *, rule: str = TONE_RULE, subject: str = ""):
    return client.post(
        reverse("strategies:acknowledge_warning", kwargs={"strategy_pk": strategy.pk}),
        {"rule": rule, "subject": subject, "reason": reason},
    )


def withdraw(client, strategy, *, rule: str = TONE_RULE, subject: str = ""):
    return client.post(
        reverse("strategies:withdraw_acknowledgement", kwargs={"strategy_pk": strategy.pk}),
        {"rule": rule, "subject": subject},
    )


def warning_items(html: str) -> list[str]:
    """The summary's health-check list, one piece of HTML per warning."""
    card = html[html.index('id="health-check"') :]
    card = card[: card.index("</div></div>")]
    return card.split('<li class="mb-3 health-warning')[1:]


def warning_item(html: str, text: str) -> str:
    """The summary's list item of the warning that says ``text``."""
    found = [item for item in warning_items(html) if text in item]
    assert len(found) == 1, warning_items(html)
    return found[0]


def dashboard_warnings(client) -> str:
    return client.get(reverse("dashboard"), {"flag": "warnings"}).content.decode()


@pytest.mark.parametrize(
    ("language", "error"),
    [("en", "Say why this warning can stay."), ("ru", "Объясните, почему это предупреждение можно оставить.")],
)
def test_acknowledging_needs_a_reason(client, tenant, strategy, language, error):
    tenant.marketer.language = language
    tenant.marketer.save(update_fields=["language"])
    client.force_login(tenant.marketer)
    response = acknowledge(client, strategy, "   ")
    assert response.status_code == 200
    html = response.content.decode()
    # The error sits under the reason field of that warning's form, which is open.
    [item] = warning_items(html)
    assert '<details class="mt-1" open>' in item
    field = re.search(r'<input type="text" name="reason" id="(warning-\d+-reason)"[^>]*>', item, re.S)
    assert field and "is-invalid" in field.group(0)
    assert f'<div class="invalid-feedback" id="{field.group(1)}-error">{error}</div>' in item
    assert not HealthAcknowledgement.objects.exists()
    strategy.refresh_from_db()
    assert strategy.warning_count == 1
    # The page's links back to its own address (the language switch) land on the summary.
    back = client.get(reverse("strategies:acknowledge_warning", kwargs={"strategy_pk": strategy.pk}))
    assert back.status_code == 302 and back.url == summary_url(strategy) + "#health-check"


def test_a_reason_longer_than_300_characters_is_refused(client, tenant, strategy):
    client.force_login(tenant.marketer)
    html = acknowledge(client, strategy, "x" * 301).content.decode()
    assert "Ensure this value has at most 300 characters (it has 301)." in warning_item(html, TONE_WARNING)
    assert not HealthAcknowledgement.objects.exists()
    assert acknowledge(client, strategy, "x" * 300).status_code == 302
    assert HealthAcknowledgement.objects.get().reason == "x" * 300


def test_an_acknowledged_warning_is_shown_greyed_and_no_longer_counts(client, tenant, strategy):
    client.force_login(tenant.manager)
    assert strategy.title in dashboard_warnings(client)

    client.force_login(tenant.marketer)
    tenant.marketer.full_name = "Mira Marketer"
    tenant.marketer.save(update_fields=["full_name"])
    response = acknowledge(client, strategy, "The client writes the examples <b>later</b>.")
    assert response.status_code == 302
    assert response.url == summary_url(strategy) + "#health-check"

    strategy.refresh_from_db()
    assert strategy.warning_count == 0
    assert strategy.warning_counts[TONE_RULE] == 0
    item = warning_item(client.get(summary_url(strategy)).content.decode(), TONE_WARNING)
    assert "acknowledged-warning" in item and "text-body-secondary" in item
    today = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    assert f"Acknowledged by Mira Marketer on {today}: The client writes the examples &lt;b&gt;later&lt;/b&gt;." in item
    assert ">Withdraw</button>" in item
    assert 'name="reason"' not in item

    client.force_login(tenant.manager)
    assert strategy.title not in dashboard_warnings(client)


def test_withdrawing_restores_the_count(client, tenant, strategy):
    client.force_login(tenant.marketer)
    acknowledge(client, strategy, "Examples come with the first posts.")
    strategy.refresh_from_db()
    assert strategy.warning_count == 0

    client.force_login(tenant.manager)
    response = withdraw(client, strategy)
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.warning_count == 1
    assert strategy.warning_counts[TONE_RULE] == 1
    assert strategy.title in dashboard_warnings(client)
    item = warning_item(client.get(summary_url(strategy)).content.decode(), TONE_WARNING)
    assert "Acknowledged by" not in item and 'name="reason"' in item
    row = HealthAcknowledgement.objects.get()
    assert row.withdrawn_by == tenant.manager and row.withdrawn_at is not None
    # Acknowledged again: a new row, the withdrawn one stays on record.
    acknowledge(client, strategy, "Agreed with the client after all.")
    assert HealthAcknowledgement.objects.count() == 2
    assert HealthAcknowledgement.objects.active().get().reason == "Agreed with the client after all."


def test_the_history_shows_acknowledgements_and_withdrawals_among_the_status_changes(client, tenant, strategy):
    client.force_login(tenant.marketer)
    acknowledge(client, strategy, "Examples come with the first posts.")
    StatusChange.objects.create(strategy=strategy, from_status="draft", to_status="in_review", by=tenant.marketer)
    client.force_login(tenant.manager)
    withdraw(client, strategy)
    # The warning reads differently now: the history keeps what it said when it was acknowledged.
    HealthAcknowledgement.objects.update(message="The tone of voice had no example phrases back then.")

    html = client.get(reverse("documents:history", kwargs={"strategy_pk": strategy.pk})).content.decode()
    log = html[html.index('id="audit-log"') : html.index("</tbody>")]
    rows = log.split("<tr>")[2:]  # after the header's
    assert len(rows) == 3
    withdrawn, changed, acknowledged = rows  # newest first, in one list
    assert "Acknowledgement of a health-check warning withdrawn" in withdrawn and str(tenant.manager) in withdrawn
    assert "In review" in changed and str(tenant.marketer) in changed
    assert "Health-check warning acknowledged" in acknowledged and str(tenant.marketer) in acknowledged
    for row in (withdrawn, acknowledged):
        assert "The tone of voice had no example phrases back then." in row
        assert "Reason: Examples come with the first posts." in row


def test_the_history_in_russian(client, tenant, strategy):
    tenant.marketer.language = "ru"
    tenant.marketer.save(update_fields=["language"])
    client.force_login(tenant.marketer)
    acknowledge(client, strategy, "Примеры пришлёт клиент.")
    html = client.get(reverse("documents:history", kwargs={"strategy_pk": strategy.pk})).content.decode()
    assert "Предупреждение проверки принято" in html
    assert "Причина: Примеры пришлёт клиент." in html
    assert "⚠ В тоне коммуникации нет примеров фраз." in html


def test_an_acknowledgement_applies_again_when_its_warning_comes_back(client, tenant, strategy):
    client.force_login(tenant.marketer)
    acknowledge(client, strategy, "Examples come later.")
    tone = ToneOfVoice.objects.create(strategy=strategy, example_phrases="Hello, friend!")
    refresh_cached_figures(strategy, "tone")
    assert strategy.warning_count == 0
    # The warning is gone: nothing is shown for it, but the acknowledgement is kept.
    html = client.get(summary_url(strategy)).content.decode()
    assert TONE_WARNING not in html and "Examples come later." not in html
    assert HealthAcknowledgement.objects.active().count() == 1

    tone.example_phrases = ""
    tone.save()
    refresh_cached_figures(strategy, "tone")
    assert strategy.warning_count == 0
    item = warning_item(client.get(summary_url(strategy)).content.decode(), TONE_WARNING)
    assert "Examples come later." in item


def test_two_warnings_of_one_rule_are_told_apart_by_their_subject(client, tenant, strategy):
    StrategyPlatform.objects.create(strategy=strategy, platform="vk", role="main")
    StrategyPlatform.objects.create(strategy=strategy, platform="telegram", role="supporting")
    refresh_cached_figures(strategy)
    assert strategy.warning_counts[AUDIT_RULE] == 2
    assert [w.subject for w in health.platform_without_followers(strategy)] == ["vk", "telegram"]

    client.force_login(tenant.marketer)
    assert acknowledge(client, strategy, "A new VK account.", rule=AUDIT_RULE, subject="vk").status_code == 302
    strategy.refresh_from_db()
    assert strategy.warning_counts[AUDIT_RULE] == 1
    html = client.get(summary_url(strategy)).content.decode()
    assert "A new VK account." in warning_item(html, "VK is in the plan")
    assert "Acknowledged by" not in warning_item(html, "Telegram is in the plan")

    # Auditing VK makes its warning go away; the count stays right.
    OwnAccount.objects.create(strategy=strategy, platform="vk", followers=10)
    refresh_cached_figures(strategy, "current")
    assert strategy.warning_counts[AUDIT_RULE] == 1


def test_a_warning_that_is_not_there_cannot_be_acknowledged(client, tenant, strategy):
    client.force_login(tenant.marketer)
    response = acknowledge(client, strategy, "Why not.", rule=AUDIT_RULE, subject="vk")
    assert response.status_code == 302
    assert not HealthAcknowledgement.objects.exists()
    html = client.get(summary_url(strategy)).content.decode()
    assert "This warning is no longer found; there is nothing to acknowledge." in html
    with pytest.raises(HealthCheckError):
        acknowledge_warning(strategy, rule="metrics.health.no_such_rule", subject="", reason="x", by=tenant.marketer)


def test_who_may_acknowledge(client, tenant, other_tenant, strategy):
    client.force_login(other_tenant.marketer)
    assert acknowledge(client, strategy, "Not my strategy.").status_code == 404
    assert withdraw(client, strategy).status_code == 404
    client.force_login(tenant.client_user)
    assert acknowledge(client, strategy, "I am the client.").status_code == 403
    assert withdraw(client, strategy).status_code == 403
    assert not HealthAcknowledgement.objects.exists()

    # In review: the reviewing manager may, the marketer (who can no longer edit it) may not.
    Strategy.objects.filter(pk=strategy.pk).update(status=Strategy.Status.IN_REVIEW)
    client.force_login(tenant.marketer)
    assert acknowledge(client, strategy, "Too late.").status_code == 302
    assert not HealthAcknowledgement.objects.exists()
    html = client.get(summary_url(strategy)).content.decode()
    assert "Warnings of a strategy that is in review cannot be acknowledged or withdrawn." in html
    assert 'name="reason"' not in html
    client.force_login(tenant.manager)
    assert acknowledge(client, strategy, "Fine for the first month.").status_code == 302
    assert HealthAcknowledgement.objects.get().by == tenant.manager

    Strategy.objects.filter(pk=strategy.pk).update(status=Strategy.Status.APPROVED)
    assert withdraw(client, strategy).status_code == 302
    assert HealthAcknowledgement.objects.active().count() == 1
    html = client.get(summary_url(strategy)).content.decode()
    assert "Warnings of a strategy that is approved cannot be acknowledged or withdrawn." in html
    # Still shown as acknowledged, without the button.
    assert "Fine for the first month." in warning_item(html, TONE_WARNING)
    assert ">Withdraw</button>" not in html


@pytest.fixture
def underfunded(strategy):
    """2 video posts a week on VK and 3 photos on Telegram against a content budget of 5,000 RUB."""
    strategy.currency = "RUB"
    strategy.save(update_fields=["currency"])
    ContentPlanItem.objects.create(strategy=strategy, platform="vk", format="video", posts_per_week=Decimal(2))
    ContentPlanItem.objects.create(
        strategy=strategy, platform="telegram", format="photo", posts_per_week=Decimal("1.5")
    )
    BudgetLine.objects.create(strategy=strategy, category="video", monthly_amount=Decimal(5000))
    return strategy


def test_the_content_cost_warning_lists_its_formula_inputs_and_source(client, tenant, underfunded):
    client.force_login(tenant.marketer)
    # VK: 2 × 4.345 × 13,500 = 117,315; Telegram: 1.5 × 4.345 × 2,250 = 14,664.375; need 131,979.375
    item = warning_item(client.get(summary_url(underfunded)).content.decode(), "The posting plan needs")
    assert "needs about 131,979 RUB of content a month, but the content budget is 5,000 RUB." in item
    details = re.search(r'<ul class="warning-details[^"]*">(.*?)</ul>', item, re.S).group(1)
    lines = re.findall(r"<li>(.*?)</li>", details)
    assert lines == [
        "Formula: posts per week × 4.345 weeks a month × cost per piece of the format, summed over the content plan.",
        "Telegram, Photo: 1.5 a week × 4.345 × 2,250 RUB a piece = 14,664 RUB a month.",
        "VK, Video: 2 a week × 4.345 × 13,500 RUB a piece = 117,315 RUB a month.",
        "Content budget (copywriting, design, photo and video lines): 5,000 RUB a month.",
        "Flagged when the content budget is below 50 % of the need, here 65,990 RUB.",
        "Source of the costs per piece: Planning assumption (SMM Strategy Planner defaults), in USD, converted at "
        "a fixed rate of 1 USD = 90 RUB.",
    ]


def test_the_content_cost_warning_explains_itself_in_russian(client, tenant, underfunded):
    tenant.marketer.language = "ru"
    tenant.marketer.save(update_fields=["language"])
    client.force_login(tenant.marketer)
    item = warning_item(client.get(summary_url(underfunded)).content.decode(), "131\xa0979")
    lines = re.findall(
        r"<li>(.*?)</li>", re.search(r'<ul class="warning-details[^"]*">(.*?)</ul>', item, re.S).group(1)
    )
    assert lines[0].startswith("Формула: публикаций в неделю × 4,345 недели в месяц")
    assert lines[1] == "Telegram, Фото: 1,5 в неделю × 4,345 × 2\xa0250 RUB за единицу = 14\xa0664 RUB в месяц."
    assert lines[2] == "ВКонтакте, Видео: 2 в неделю × 4,345 × 13\xa0500 RUB за единицу = 117\xa0315 RUB в месяц."
    assert (
        lines[4]
        == "Предупреждение появляется, когда бюджет на контент меньше 50 % от потребности, здесь — 65\xa0990 RUB."
    )
    assert lines[5].startswith("Источник стоимости единицы контента: Плановое допущение")
    assert lines[5].endswith("по фиксированному курсу 1 USD = 90 RUB.")
    assert ">Принять<" in item


def test_the_content_cost_warning_in_dollars_needs_no_conversion(tenant, underfunded):
    underfunded.currency = "USD"
    BudgetLine.objects.filter(strategy=underfunded).update(monthly_amount=Decimal(100))
    [warning] = health.content_budget_too_small(underfunded)
    assert (
        warning.details[-1]
        == "Source of the costs per piece: Planning assumption (SMM Strategy Planner defaults), in USD."
    )
    assert "VK, Video: 2 a week × 4.345 × 150 USD a piece = 1,304 USD a month." in warning.details
