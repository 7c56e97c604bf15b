"""The demo agency that `make run` loads, shared by seed_demo and the tests."""

from __future__ import annotations

from django.db import transaction

from .models import Agency, Client, Role, User

DEMO_PASSWORD = "smmplanner-demo"
DEMO_AGENCY = "Demo Agency"
RU_CLIENT = "Кофейня «Северное зерно»"
EN_CLIENT = "Brightside Yoga Studio"


@transaction.atomic
def seed_demo_accounts() -> dict[str, object]:
    agency, _ = Agency.objects.get_or_create(name=DEMO_AGENCY)
    ru_client, _ = Client.objects.get_or_create(
        agency=agency,
        name=RU_CLIENT,
        defaults={
            "brand_language": "ru",
            "industry": "Кофейни и обжарка кофе",
            "website": "https://example.com/coffee",
        },
    )
    en_client, _ = Client.objects.get_or_create(
        agency=agency,
        name=EN_CLIENT,
        defaults={"brand_language": "en", "industry": "Fitness and wellbeing", "website": "https://example.com/yoga"},
    )
    people = {
        "manager": ("manager@demo.example", "Maria Manager", Role.MANAGER, None, "en"),
        "marketer": ("marketer@demo.example", "Mark Marketer", Role.MARKETER, None, "en"),
        "client": ("client@demo.example", "Клим Клиентов", Role.CLIENT, ru_client, "ru"),
    }
    users = {}
    for key, (email, name, role, client, language) in people.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, full_name=name, agency=agency, role=role, client=client, language=language
            )
        users[key] = user
    return {"agency": agency, "ru_client": ru_client, "en_client": en_client, **users}
