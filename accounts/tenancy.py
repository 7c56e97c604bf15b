"""The one place that decides which rows a user may see.

Every tenant-owned model gets a queryset derived from ``TenantQuerySet`` that
names the lookup from the model to its agency and, where client users may see
it, to its client. Views never filter by agency themselves: they go through
``TenantScopedMixin`` (accounts.access), which calls ``for_user``.
"""

from __future__ import annotations

from django.db import models


class TenantQuerySet(models.QuerySet):
    agency_lookup: str = "agency"
    # Lookup to the Client for rows a client user may see; None hides the model
    # from client users entirely.
    client_lookup: str | None = None

    def for_user(self, user):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.agency_id is None:
            return self.none()
        if user.role == "client":
            if self.client_lookup is None or user.client_id is None:
                return self.none()
            return self.filter(**{self.client_lookup: user.client_id}).visible_to_client()
        return self.filter(**{self.agency_lookup: user.agency_id})

    def visible_to_client(self):
        """Narrow what client users see within their own client (e.g. no drafts)."""
        return self
