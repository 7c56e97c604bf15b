"""Signing in with email and password: Django's model backend, loading what every page shows with the user."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from .models import User


class UserBackend(ModelBackend):
    """The signed-in user comes with their agency and client, whose names the page header shows.

    Without this, every page asked for the agency in a query of its own.
    """

    def get_user(self, user_id):
        try:
            user = User._default_manager.select_related("agency", "client").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
