"""View mixins: who may open a view, and through which tenant scope.

Each view class states its policy as data (``public`` or ``allowed_roles``) so
that the permission test can read it for every URL in the URLconf.
"""

from __future__ import annotations

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import AGENCY_ROLES, Role


class PublicMixin:
    """Marks a view that anyone may open, signed in or not."""

    public = True


class RoleRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; a signed-in user whose role is not
    allowed gets 403 (they are inside the right tenant, just not permitted)."""

    public = False
    allowed_roles: tuple[str, ...] = AGENCY_ROLES

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if user.role not in self.allowed_roles:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ManagerRequiredMixin(RoleRequiredMixin):
    allowed_roles = (Role.MANAGER,)


class AnyRoleMixin(RoleRequiredMixin):
    allowed_roles = (Role.MANAGER, Role.MARKETER, Role.CLIENT)


class TenantScopedMixin:
    """Every object lookup goes through ``Model.objects.for_user(user)``.

    Another tenant's object is simply not in the queryset, so it answers 404.
    """

    model = None

    def get_queryset(self):
        return self.model.objects.for_user(self.request.user)

    def scoped(self, model, **lookup):
        return get_object_or_404(model.objects.for_user(self.request.user), **lookup)
