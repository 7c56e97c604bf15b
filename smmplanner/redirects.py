"""Where a form may send the user back to: only a path of this site, never another host.

A ``next`` field comes from the browser and can name any URL (``https://evil.example/``,
``//evil.example/x``); every view that honours one goes through ``safe_next``.
"""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback: str) -> str:
    """The ``next`` of the request (POST, then GET) if it stays on this site, otherwise ``fallback``."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure()):
        return wanted
    return fallback
