from __future__ import annotations

from django.views.generic import DetailView, TemplateView

from accounts.access import AnyRoleMixin, RoleRequiredMixin, TenantScopedMixin
from accounts.models import Client

from .models import Strategy


class DashboardView(AnyRoleMixin, TemplateView):
    """One page per role: managers see the agency, marketers their own work,
    client users what has been shared with them."""

    def get_template_names(self):
        return [f"strategies/dashboard_{self.request.user.role}.html"]

    def get_context_data(self, **kwargs):
        user = self.request.user
        strategies = Strategy.objects.for_user(user).select_related("client", "owner")
        context = {"strategies": strategies[:50]}
        if user.is_manager:
            context["clients"] = Client.objects.for_user(user)
        elif user.is_marketer:
            context["strategies"] = strategies.owned_by(user)[:50]
            context["clients"] = Client.objects.for_user(user)
        else:
            context["client"] = user.client
        return super().get_context_data(**context, **kwargs)


class ClientDetailView(RoleRequiredMixin, TenantScopedMixin, DetailView):
    model = Client
    template_name = "strategies/client_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            strategies=Strategy.objects.for_user(self.request.user).filter(client=self.object).select_related("owner"),
            client_users=self.object.users.order_by("email"),
            **kwargs,
        )
