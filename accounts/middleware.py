from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import translation


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the cookie and the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class UploadLimitMiddleware:
    """Refuse a request body over the upload limit before anything reads it.

    It sits before the CSRF check, which would otherwise read the whole body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH") or ""
        limit = settings.UPLOAD_MAX_MB * 1024 * 1024
        if length.isdigit() and int(length) > limit:
            return render(request, "413.html", {"limit_mb": settings.UPLOAD_MAX_MB}, status=413)
        return self.get_response(request)
