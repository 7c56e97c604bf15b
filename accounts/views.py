from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, FormView, ListView, TemplateView, UpdateView

from smmplanner.redirects import safe_next

from .access import AnyRoleMixin, ManagerRequiredMixin, PublicMixin, RoleRequiredMixin, TenantScopedMixin
from .forms import AcceptInvitationForm, AgencySettingsForm, ClientForm, InvitationForm, ProfileForm, SignupForm
from .models import Client, Invitation, User
from .services import AccountsError, accept_invitation, invite_member, sign_up_agency

BACKEND = "accounts.backends.UserBackend"


class LoginView(PublicMixin, auth_views.LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = self.request.user.language
        response.set_cookie("django_language", language, samesite="Lax", secure=self.request.is_secure())
        return response


class LogoutView(PublicMixin, auth_views.LogoutView):
    pass


class PasswordResetView(PublicMixin, auth_views.PasswordResetView):
    pass


class PasswordResetDoneView(PublicMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(PublicMixin, auth_views.PasswordResetConfirmView):
    pass


class PasswordResetCompleteView(PublicMixin, auth_views.PasswordResetCompleteView):
    pass


class PasswordChangeView(AnyRoleMixin, auth_views.PasswordChangeView):
    success_url = reverse_lazy("profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


class SignupView(PublicMixin, FormView):
    template_name = "accounts/signup.html"
    form_class = SignupForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("dashboard")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        user = sign_up_agency(
            agency_name=data["agency_name"],
            full_name=data["full_name"],
            email=data["email"],
            password=data["password1"],
            language=translation.get_language() or "en",
        )
        login(self.request, user, backend=BACKEND)
        messages.success(self.request, _("Welcome! Your agency has been created."))
        return redirect("dashboard")


class AcceptInvitationView(PublicMixin, FormView):
    template_name = "accounts/accept_invitation.html"
    form_class = AcceptInvitationForm

    def dispatch(self, request, *args, **kwargs):
        self.invitation = Invitation.objects.by_token(kwargs["token"]).select_related("agency", "client").first()
        if self.invitation is None:
            return self.render_to_response({"invalid": True}, status=404)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "invitation": self.invitation}

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitation=self.invitation, **kwargs)

    def form_valid(self, form):
        try:
            user = accept_invitation(
                self.invitation, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password1"]
            )
        except AccountsError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        login(self.request, user, backend=BACKEND)
        messages.success(self.request, _("Welcome to %(agency)s!") % {"agency": user.agency.name})
        return redirect("dashboard")


class SetLanguageView(PublicMixin, View):
    """Switch the interface language; a signed-in user's choice is remembered."""

    http_method_names = ["post"]

    def post(self, request):
        language = request.POST.get("language", "")
        next_url = safe_next(request, "/")
        if language not in dict(settings.LANGUAGES):
            return HttpResponseRedirect(next_url)
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
        response = HttpResponseRedirect(next_url)
        response.set_cookie("django_language", language, samesite="Lax", secure=request.is_secure())
        return response


class ProfileView(AnyRoleMixin, UpdateView):
    template_name = "accounts/profile.html"
    form_class = ProfileForm
    success_url = reverse_lazy("profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        response = super().form_valid(form)
        translation.activate(form.instance.language)
        messages.success(self.request, _("Your profile has been saved."))
        response.set_cookie("django_language", form.instance.language, samesite="Lax", secure=self.request.is_secure())
        return response


class TeamView(ManagerRequiredMixin, FormView):
    template_name = "accounts/team.html"
    form_class = InvitationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agency": self.request.user.agency}

    def get_initial(self):
        return {"language": self.request.user.language}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            members=User.objects.filter(agency=user.agency).select_related("client").order_by("role", "email"),
            invitations=Invitation.objects.for_user(user).pending().select_related("client"),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invite_member(
                agency=self.request.user.agency,
                by=self.request.user,
                email=data["email"],
                role=data["role"],
                client=data["client"],
                language=data["language"],
            )
        except AccountsError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Invitation sent to %(email)s.") % {"email": data["email"]})
        return redirect("team")


class RevokeInvitationView(ManagerRequiredMixin, TenantScopedMixin, View):
    model = Invitation
    http_method_names = ["post"]

    def post(self, request, pk):
        invitation = get_object_or_404(self.get_queryset().pending(), pk=pk)
        invitation.delete()
        messages.success(request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email})
        return redirect("team")


class ClientListView(RoleRequiredMixin, TenantScopedMixin, ListView):
    model = Client
    template_name = "accounts/client_list.html"
    paginate_by = 50


class ClientCreateView(ManagerRequiredMixin, CreateView):
    model = Client
    form_class = ClientForm
    template_name = "accounts/client_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agency": self.request.user.agency}

    def form_valid(self, form):
        form.instance.agency = self.request.user.agency
        self.object = form.save()
        messages.success(self.request, _("Client “%(name)s” created.") % {"name": self.object.name})
        return redirect("client_detail", pk=self.object.pk)


class ClientUpdateView(ManagerRequiredMixin, TenantScopedMixin, UpdateView):
    model = Client
    form_class = ClientForm
    template_name = "accounts/client_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agency": self.request.user.agency}

    def form_valid(self, form):
        self.object = form.save()
        messages.success(self.request, _("Client “%(name)s” saved.") % {"name": self.object.name})
        return redirect("client_detail", pk=self.object.pk)


class AgencySettingsView(ManagerRequiredMixin, UpdateView):
    form_class = AgencySettingsForm
    template_name = "accounts/agency_settings.html"
    success_url = reverse_lazy("agency_settings")

    def get_object(self, queryset=None):
        return self.request.user.agency

    def form_valid(self, form):
        messages.success(self.request, _("Agency settings saved."))
        return super().form_valid(form)


class HomeView(PublicMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("dashboard")
        return redirect(reverse("login"))
