"""No view sends a user to another site through its ``next`` field (open redirect)."""

from __future__ import annotations

import inspect

import pytest
from django.urls import reverse

from documents.models import Comment
from tests.accounts.test_permissions import ROUTES

pytestmark = pytest.mark.django_db

EVIL = ["https://evil.example/", "//evil.example/x", "http:\\\\evil.example", "javascript:alert(1)"]


def views_taking_next() -> set[str]:
    """Every URL whose view reads a ``next`` parameter, found in the views' source."""
    found = set()
    for name, pattern in ROUTES:
        view = getattr(pattern.callback, "view_class", None)
        try:
            source = inspect.getsource(view) if view is not None else ""
        except OSError:  # a view class made at run time has no source to read
            continue
        if '"next"' in source or "safe_next(" in source:
            found.add(name)
    return found


def cases(tenant):
    comment = Comment.objects.create(strategy=tenant.strategy, stage="general", body="Hi")
    strategy = {"strategy_pk": tenant.strategy.pk}
    return {
        "set_language": (reverse("set_language"), {"language": "ru"}),
        "documents:comment": (reverse("documents:comment", kwargs=strategy), {"stage": "general", "body": "Hello"}),
        "documents:comment_resolve": (
            reverse("documents:comment_resolve", kwargs={**strategy, "pk": comment.pk}),
            {},
        ),
    }


def test_every_view_taking_next_is_walked(tenant):
    assert views_taking_next() == set(cases(tenant))


@pytest.mark.parametrize("target", EVIL)
def test_next_never_leaves_the_site(client, tenant, target):
    client.force_login(tenant.marketer)
    for name, (url, data) in cases(tenant).items():
        response = client.post(url, {**data, "next": target})
        assert response.status_code == 302, name
        location = response["Location"]
        assert location.startswith("/") and not location.startswith("//"), (name, location)
        assert "evil" not in location and "javascript" not in location, (name, location)


def test_next_inside_the_site_is_followed(client, tenant):
    client.force_login(tenant.marketer)
    back = reverse("strategies:summary", kwargs={"strategy_pk": tenant.strategy.pk})
    for name, (url, data) in cases(tenant).items():
        assert client.post(url, {**data, "next": back})["Location"] == back, name
