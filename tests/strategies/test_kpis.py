"""Free-text SMART metrics of older strategies and export files, matched to the catalogue."""

from __future__ import annotations

import pytest

from strategies.kpis import BY_KEY, is_monthly, match_metric


@pytest.mark.parametrize(
    ("text", "unit", "key"),
    [
        ("Месячный охват во ВКонтакте и Telegram", "человек", "reach"),
        ("Monthly reach across all platforms", "people", "reach"),
        ("Суммарный охват публикаций", "", "total_reach"),
        ("Подписчики сообщества ВКонтакте", "подписчиков", "followers_end"),
        ("Прирост подписчиков", "подписчиков", "net_followers"),
        ("Рост аудитории", "%", "follower_growth"),
        ("ER по охвату (ERR) во ВКонтакте, среднее за месяц", "%", "er_reach"),
        ("Trial class bookings from social media per month", "bookings", "leads"),
        ("Cost per trial booking", "€", "cpl"),
        ("Cost per lead", "€", "cpl"),
        ("Стоимость заявки", "₽", "cpl"),
        ("Переходы на сайт", "кликов", "link_clicks"),
        ("Упоминания бренда", "", "mentions"),
        ("Something nobody can match", "", ""),
    ],
)
def test_free_text_metrics_are_matched_by_their_words(text, unit, key):
    assert match_metric(text, unit) == key
    assert key == "" or key in BY_KEY


def test_monthly_wording_is_recognised():
    assert is_monthly("Месячный охват") and is_monthly("leads per month") and not is_monthly("Leads by June")
