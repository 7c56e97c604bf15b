from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password_reset/done/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("accounts/password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/profile/", views.ProfileView.as_view(), name="profile"),
    path("signup/", views.SignupView.as_view(), name="signup"),
    path("invite/<str:token>/", views.AcceptInvitationView.as_view(), name="accept_invitation"),
    path("language/", views.SetLanguageView.as_view(), name="set_language"),
    path("team/", views.TeamView.as_view(), name="team"),
    path("team/invitations/<int:pk>/revoke/", views.RevokeInvitationView.as_view(), name="revoke_invitation"),
    path("clients/", views.ClientListView.as_view(), name="client_list"),
    path("clients/new/", views.ClientCreateView.as_view(), name="client_create"),
    path("clients/<int:pk>/edit/", views.ClientUpdateView.as_view(), name="client_edit"),
    path("agency/settings/", views.AgencySettingsView.as_view(), name="agency_settings"),
]
