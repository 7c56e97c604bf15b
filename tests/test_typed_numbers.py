"""Numbers typed in the reader's style are read as such; anything else is an error next to the field, never a blank."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from smmplanner.numbers import typed_number
from strategies.models import OwnAccount


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("3,1", "ru", "3.1"),
        ("3,1", "en", "3.1"),
        ("3.1", "ru", "3.1"),
        ("60 000", "ru", "60000"),
        ("60\u00a0000,50", "ru", "60000.50"),
        ("60,000", "en", "60000"),
        ("60,000.5", "en", "60000.5"),
        ("1.000.000", "ru", "1000000"),
        ("12 %", "en", "12"),
        ("-7,5", "ru", "-7.5"),
        ("400e", "en", None),
        ("4 00e", "ru", None),
        ("abc", "ru", None),
        ("", "en", None),
    ],
)
def test_typed_numbers_in_the_readers_style(text, language, number):
    assert typed_number(text, language) == number


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "error"), [("en", "Enter a whole number."), ("ru", "Введите целое число.")])
def test_a_number_the_browser_cannot_parse_is_an_error_not_a_blank(client, tenant, language, error):
    tenant.marketer.language = language
    tenant.marketer.save()
    client.force_login(tenant.marketer)
    url = reverse("strategies:current", kwargs={"strategy_pk": tenant.strategy.pk})
    page = client.get(url).content.decode()
    assert 'name="accounts-0-followers"' in page and 'inputmode="numeric"' in page and 'type="number"' not in page
    data = {
        "_revision": "0", "_goto": "", "accounts-TOTAL_FORMS": "1", "accounts-INITIAL_FORMS": "0",
        "accounts-0-platform": "vk", "accounts-0-has_account": "on", "accounts-0-followers": "400e",
        "accounts-0-engagement_rate": "3,1",
    }  # fmt: skip
    html = client.post(url, data).content.decode()
    assert error in html and 'value="400e"' in html  # said next to the field, the input kept
    assert not OwnAccount.objects.exists()  # nothing half-saved
    data["accounts-0-followers"] = "1 100"
    assert client.post(url, data).status_code == 302
    account = OwnAccount.objects.get()
    assert (account.followers, account.engagement_rate) == (1100, Decimal("3.1"))  # 3,1 is 3.1, not 31
