"""Every URL in the URLconf × every role, discovered rather than listed.

A view states its policy as data (``public`` or ``allowed_roles``, see
accounts.access); this test reads it and checks what each kind of visitor gets.
A new view is covered the moment it is added to the URLconf; a view whose
policy or URL arguments the test cannot understand makes it fail.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import Client, Invitation, Role
from competitors.models import Competitor, ImportJob
from documents.models import Comment, DraftPdf, Version
from documents.snapshot import document_snapshot
from metrics.models import Scenario, TargetMonth
from strategies.models import MoodImage, Strategy
from tests.conftest import Tenant
from tests.images import png_bytes

SKIPPED_NAMESPACES = {"admin"}  # Django's admin has its own staff-only checks
OPAQUE_KWARGS = {
    "token": "not-a-real-token",
    "uidb64": "MQ",
    # a forecast cell: tenant_objects() stores one for the strategy
    "platform": "vk",
    "month": 1,
    "metric": "unique_reach",
    # a frozen version: tenant_objects() stores v1, shared with the client
    "number": 1,
    "kind": "csv",
}
# URL arguments that name an object, by argument name; ``pk`` means the view's own model.
KWARG_MODELS = {"client_pk": Client, "strategy_pk": Strategy, "scenario_pk": Scenario}


def discover(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from discover(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


ROUTES = sorted(dict(discover()).items())


def view_class(pattern: URLPattern):
    cls = getattr(pattern.callback, "view_class", None)
    assert cls is not None, f"{pattern.name}: use a class-based view that declares its access policy"
    assert hasattr(cls, "public"), f"{pattern.name}: {cls.__name__} declares neither PublicMixin nor a role mixin"
    return cls


def tenant_objects(tenant: Tenant) -> dict[type | str, object]:
    invitation = Invitation(agency=tenant.agency, email=f"new@{tenant.agency.pk}.test", role=Role.MARKETER)
    invitation.issue_token()
    invitation.save()
    TargetMonth.objects.create(
        strategy=tenant.strategy, platform="vk", month=1, computed={"unique_reach": "100"}, inputs={"unique_reach": {}}
    )
    scenario = Scenario.objects.create(strategy=tenant.strategy, name="Base")
    competitor = Competitor.objects.create(strategy=tenant.strategy, name="Rival")
    Version.objects.create(
        strategy=tenant.strategy, number=1, snapshot=document_snapshot(tenant.strategy), shared_at=timezone.now()
    )
    comment = Comment.objects.create(strategy=tenant.strategy, stage="general", body="Hi", for_client=True)
    draft_pdf = DraftPdf.objects.create(strategy=tenant.strategy)
    job = ImportJob(strategy=tenant.strategy, original_name="posts.csv", status=ImportJob.Status.MAPPING)
    job.file.save("posts.csv", ContentFile(b"platform,account,published_at\n"), save=True)
    mood = MoodImage(strategy=tenant.strategy, caption="ref")
    mood.image.save("ref.png", ContentFile(png_bytes()), save=True)
    tenant.agency.logo.save("logo.png", ContentFile(png_bytes()), save=True)
    return {
        # a file the strategy's document shows to every role: the agency logo
        "path": tenant.agency.logo.name,
        Client: tenant.client,
        Strategy: tenant.strategy,
        Invitation: invitation,
        Competitor: competitor,
        MoodImage: mood,
        Comment: comment,
        DraftPdf: draft_pdf,
        ImportJob: job,
        Scenario: scenario,
    }


def build_url(name: str, pattern: URLPattern, objects: dict[type | str, object]) -> tuple[str, bool]:
    """The URL with every argument filled from ``objects``; also whether it names a tenant object."""
    cls = view_class(pattern)
    kwargs, names_object = {}, False
    for arg in pattern.pattern.regex.groupindex:
        if arg in objects:
            kwargs[arg] = objects[arg]
            continue
        if arg in OPAQUE_KWARGS:
            kwargs[arg] = OPAQUE_KWARGS[arg]
            continue
        model = cls.model if arg == "pk" else KWARG_MODELS.get(arg)
        assert model in objects, f"{name}: the permission test does not know how to fill <{arg}>"
        kwargs[arg] = objects[model].pk
        names_object = True
    return reverse(name, kwargs=kwargs), names_object


ROLES = ("manager", "marketer", "client_user")


@pytest.mark.parametrize(("name", "pattern"), ROUTES, ids=[name for name, _ in ROUTES])
def test_url_policy(client, tenant, other_tenant, name, pattern):
    cls = view_class(pattern)
    # Shared, so that client users may see it: their role, not the status, is under test.
    Strategy.objects.filter(pk=tenant.strategy.pk).update(status=Strategy.Status.SHARED)
    own = tenant_objects(tenant)
    url, names_object = build_url(name, pattern, own)

    if cls.public:
        response = client.get(url)
        # 503 is an answer (readiness says a service is missing); 500 is a crash.
        assert response.status_code != 500, f"{name}: public view failed for an anonymous visitor"
        return

    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 302, f"anonymous {method.upper()} {name}"
        assert response.url.startswith(reverse("login")), f"anonymous {method.upper()} {name} -> {response.url}"

    for role in ROLES:
        user = getattr(tenant, role)
        client.force_login(user)
        if user.role not in cls.allowed_roles:
            assert client.get(url).status_code == 403, f"{role} GET {name}"
            assert client.post(url).status_code == 403, f"{role} POST {name}"
            continue
        status = client.get(url).status_code
        assert status in (200, 302, 405), f"{role} GET {name} answered {status}"

        # The same role in another agency must not learn the object exists.
        if names_object:
            client.force_login(getattr(other_tenant, role))
            for method in ("get", "post"):
                # A method the view does not have may be refused before any lookup.
                expected = {404} if hasattr(cls, method) else {404, 405}
                status = getattr(client, method)(url).status_code
                assert status in expected, f"{role} of another agency {method.upper()} {name}: {status}"

    # A client user never reaches another client of their own agency.
    if Role.CLIENT in cls.allowed_roles and names_object:
        sibling = {**own, Client: tenant.other_client}
        sibling_strategy = Strategy.objects.create(
            client=tenant.other_client,
            owner=tenant.marketer,
            title="sibling",
            start_date=tenant.strategy.start_date,
            status=Strategy.Status.SHARED,
        )
        sibling[Strategy] = sibling_strategy
        sibling[Competitor] = Competitor.objects.create(strategy=sibling_strategy, name="Sibling rival")
        sibling_mood = MoodImage(strategy=sibling_strategy)
        sibling_mood.image.save("s.png", ContentFile(png_bytes()), save=True)
        sibling[MoodImage] = sibling_mood
        sibling[Comment] = Comment.objects.create(strategy=sibling_strategy, stage="general", body="x", for_client=True)
        Version.objects.create(
            strategy=sibling_strategy, number=1, snapshot=document_snapshot(sibling_strategy), shared_at=timezone.now()
        )
        sibling_url, _ = build_url(name, pattern, sibling)
        client.force_login(tenant.client_user)
        assert client.get(sibling_url).status_code == 404, f"client user GET another client's {name}"


def test_every_view_is_in_the_matrix():
    """The matrix covers the views that exist, so it cannot silently cover nothing."""
    names = {name for name, _ in ROUTES}
    assert {"dashboard", "client_detail", "team", "login", "signup"} <= names
