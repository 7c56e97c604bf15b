"""The one WeasyPrint wrapper: HTML in, PDF bytes out.

WeasyPrint fetches every stylesheet, image and font the HTML names. Documents
carry user text, so the fetcher here is an allow-list: it serves our own static
files (through the staticfiles finders, then STATIC_ROOT), uploaded media from
the media storage (MEDIA_ROOT, or its S3 bucket), ``data:`` URIs, and the in-memory resources the caller hands over
with the HTML (the charts). Nothing else is fetched: no network, no other file,
no redirect; a refused URL raises and WeasyPrint skips the resource with a
warning. Fonts come from fontconfig (DejaVu Sans) and are embedded as subsets.

Time limit: ``RENDER_TIME_LIMIT`` seconds, enforced with ``SIGALRM`` when the
render runs on the main thread of its process (the management command, a Celery
prefork child) and no other interval timer is armed. Elsewhere (a thread of a
web server or of a threaded worker pool) the Celery task's time limit bounds it.
"""

from __future__ import annotations

import functools
import mimetypes
import signal
import threading
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, storages
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

RENDER_TIME_LIMIT = 60  # seconds
# Resources the caller made in memory for this one document (its charts) have
# addresses of this scheme; they exist only in the mapping given to html_to_pdf.
RESOURCE_SCHEME = "document-resource"
# Images are downsampled and recompressed so that a mood board of phone photos
# does not make a document of tens of megabytes.
PDF_OPTIONS = {"optimize_images": True, "jpeg_quality": 85, "dpi": 150}


class PdfError(Exception):
    """The document could not be rendered."""


class ResourceRefused(ValueError):
    """The document asked for a resource outside the allow-list."""


class _Expired(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` inside WeasyPrint swallows it."""


def _static_roots() -> list[Path]:
    roots = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for entry in settings.STATICFILES_DIRS:
        roots.append(Path(entry[1] if isinstance(entry, (tuple, list)) else entry))
    return roots


def _within(path: Path, roots: list[Path]) -> bool:
    return any(path.is_relative_to(root.resolve()) for root in roots)


def _clean_relative(relative: str, url: str) -> str:
    """A path below a root, or ResourceRefused for traversal and odd characters."""
    relative = unquote(relative)
    segments = relative.split("/")
    if not relative or "\\" in relative or "\x00" in relative or any(s in {"", ".", ".."} for s in segments):
        raise ResourceRefused(f"refused path: {url}")
    return relative


class DocumentURLFetcher(URLFetcher):
    """Serves the allow-list above; ``base_url`` is the address the document's relative URLs resolve against.

    ``<base>/static/…`` is read from disk and ``<base>/media/…`` from the media
    storage, never requested over the network; ``file://`` URLs only inside the
    static and media roots.
    """

    def __init__(self, base_url: str, resources: Mapping[str, Callable[[], tuple[bytes, str]]] | None = None):
        super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)
        self.resources = dict(resources or {})
        base = urlsplit(base_url)
        self.base_origin = (base.scheme.lower(), base.netloc.lower())
        self.static_prefix = urlsplit(settings.STATIC_URL).path
        self.media_prefix = urlsplit(settings.MEDIA_URL).path

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == RESOURCE_SCHEME:
            if url not in self.resources:
                raise ResourceRefused(f"unknown resource: {url}")
            body, content_type = self.resources[url]()
            return URLFetcherResponse(url, body, {"Content-Type": content_type})
        name = self.media_name(url)
        if name is not None:
            return URLFetcherResponse(url, _open_media(name, url), {"Content-Type": _content_type(name)})
        path = self.resolve(url)
        return URLFetcherResponse(url, path.open("rb"), {"Content-Type": _content_type(path.name)})

    def media_name(self, url: str) -> str | None:
        """The uploaded file ``<base>/media/…`` names, in the media storage; None for any other URL."""
        return self._below(url, self.media_prefix)

    def resolve(self, url: str) -> Path:
        """The file on disk a URL stands for, or ResourceRefused."""
        parts = urlsplit(url)
        if parts.scheme.lower() == "file" and not parts.netloc:
            path = Path(url2pathname(parts.path))
            _clean_relative(parts.path.lstrip("/"), url)
            roots = [*_static_roots(), Path(settings.MEDIA_ROOT)]
            return self._existing(path, roots, url)
        relative = self._below(url, self.static_prefix)
        if relative is not None:
            found = finders.find(relative)
            path = Path(found) if isinstance(found, str) else Path(settings.STATIC_ROOT) / relative
            # A finder only returns files inside its own locations (app static folders included).
            roots = [*_static_roots(), path.parent] if isinstance(found, str) else _static_roots()
            return self._existing(path, roots, url)
        raise ResourceRefused(f"not an allowed resource: {url}")

    def _below(self, url: str, prefix: str) -> str | None:
        """The path after ``prefix`` of a URL on the document's own address, checked; None for other URLs."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        own = scheme in {"http", "https"} and (scheme, parts.netloc.lower()) == self.base_origin
        if own and parts.path.startswith(prefix):
            return _clean_relative(parts.path[len(prefix) :], url)
        return None

    @staticmethod
    def _existing(path: Path, roots: list[Path], url: str) -> Path:
        resolved = path.resolve()
        if not _within(resolved, roots) or not resolved.is_file():
            raise ResourceRefused(f"not an allowed file: {url}")
        return resolved


def _content_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _open_media(name: str, url: str):
    """The stored file, open for reading, or ResourceRefused: missing, a folder, or outside the storage.

    On disk the real path must stay inside MEDIA_ROOT, symbolic links resolved; in a bucket a
    name is only a key, and a missing one raises FileNotFoundError.
    """
    storage = storages["default"]
    try:
        if isinstance(storage, FileSystemStorage):
            return DocumentURLFetcher._existing(Path(storage.path(name)), [Path(settings.MEDIA_ROOT)], url).open("rb")
        return storage.open(name, "rb")
    except (OSError, SuspiciousFileOperation) as error:
        raise ResourceRefused(f"not an allowed file: {url}") from error


@contextmanager
def _time_limit(seconds: int):
    usable = (
        hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    def _expired(signum, frame):
        raise _Expired

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


STYLESHEETS = ("documents/document.css", "documents/document-print.css")


@functools.cache
def document_stylesheets() -> tuple[CSS, ...]:
    """The document's stylesheets, read from the app's own static files and parsed once per process."""
    return tuple(CSS(filename=finders.find(path)) for path in STYLESHEETS)


def html_to_pdf(
    html: str, *, base_url: str, resources: Mapping[str, Callable[[], tuple[bytes, str]]] | None = None
) -> bytes:
    """Render an HTML document to PDF bytes; see the module docstring for what it may fetch.

    ``resources`` maps ``document-resource:…`` addresses to callables returning
    (bytes, content type), called when WeasyPrint needs them: the charts, whose
    export finishes while the document is being laid out.
    """
    fetcher = DocumentURLFetcher(base_url, resources)
    try:
        with _time_limit(RENDER_TIME_LIMIT):
            document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
            return document.write_pdf(stylesheets=document_stylesheets(), **PDF_OPTIONS)
    except _Expired:
        raise PdfError(f"rendering took longer than {RENDER_TIME_LIMIT} s") from None
