"""Two complete demo strategies, one per demo client, that `seed_demo` loads.

The data lives in two builder functions, a module each (`_coffee_shop` in Russian,
`_yoga_studio` in English), that return plain structures; `_create` (in `create`)
turns one of them into rows.
Every stage of the wizard is filled, so both strategies are 100 % complete.
Running the seed again finds the strategies by title and creates nothing.
"""

from __future__ import annotations

from django.db import transaction

from strategies.models import Strategy

from .coffee_shop import RU_TITLE, _coffee_shop
from .create import Spec, _create
from .yoga_studio import EN_TITLE, _yoga_studio

__all__ = ["EN_TITLE", "RU_TITLE", "seed_demo_strategies"]


def _ensure(spec: Spec, *, client, owner) -> Strategy:
    existing = Strategy.objects.filter(client=client, title=spec["strategy"]["title"]).order_by("pk").first()
    return existing if existing is not None else _create(spec, client=client, owner=owner)


@transaction.atomic
def seed_demo_strategies(demo: dict) -> list[Strategy]:
    """One complete draft strategy per demo client; returns the existing ones on a second run."""
    owner = demo["marketer"]
    return [
        _ensure(_coffee_shop(), client=demo["ru_client"], owner=owner),
        _ensure(_yoga_studio(), client=demo["en_client"], owner=owner),
    ]
