"""Plotly figures as SVG for the document, through one warm Kaleido browser per process.

Starting Chromium costs about 3 s; an export from a running one 0.2–0.5 s. So
each worker process starts a Kaleido browser on an event loop in a background
thread as soon as it starts (``start_in_background``; any other process on its
first export) and later exports reuse it. Kaleido's own
``start_sync_server`` would do the same, but its calls wait without a time limit
and hang for good if the browser fails to start; here every call has one, and a
browser that failed or timed out is dropped and started afresh on a later call.

A worker process that cannot start Chromium gets None for every chart (after
one warning), and the document shows a placeholder instead.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import threading
import time

log = logging.getLogger(__name__)
# Kaleido and its browser driver log every tab and temporary folder at INFO; keep
# worker logs readable unless the project's logging configuration says otherwise.
for _name in ("kaleido", "choreographer", "logistro"):
    if logging.getLogger(_name).level == logging.NOTSET:
        logging.getLogger(_name).setLevel(logging.WARNING)

START_TIMEOUT = 60  # seconds to launch Chromium and load the plotly page
EXPORT_TIMEOUT = 30  # seconds for one figure
RETRY_AFTER = 300  # seconds before trying to start Chromium again after a failure
CHART_WIDTH = 700  # px; the document scales the SVG to the text width
TABS = 3  # a document has three charts; each tab exports one at a time


class _ExportServer:
    """A Kaleido browser owned by an asyncio loop running in a daemon thread."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="kaleido-export", daemon=True)
        self.thread.start()
        try:
            self.kaleido = self._run(self._open(), START_TIMEOUT)
        except BaseException:
            self._stop_loop()
            raise

    @staticmethod
    async def _open():
        import kaleido

        browser = kaleido.Kaleido(n=TABS, timeout=EXPORT_TIMEOUT, mathjax=False)
        await browser.open()
        return browser

    def _run(self, coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def export(self, fig, opts: dict) -> bytes:
        return self._run(self.kaleido.calc_fig(fig, opts=opts), EXPORT_TIMEOUT + 5)

    def close(self) -> None:
        try:
            self._run(self.kaleido.close(), 10)
        except Exception as error:
            log.debug("closing the chart browser: %s", error)
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


_lock = threading.Lock()
_server: _ExportServer | None = None
_unavailable_until = 0.0


def _get_server() -> _ExportServer | None:
    global _server, _unavailable_until
    with _lock:
        if _server is not None and (_server.pid != os.getpid() or not _server.thread.is_alive()):
            _server = None  # inherited through fork, or its loop died: start our own
        if _server is None:
            if time.monotonic() < _unavailable_until:
                return None
            try:
                _server = _ExportServer()
            except Exception as error:
                _unavailable_until = time.monotonic() + RETRY_AFTER
                log.warning("charts unavailable, Chromium could not be started: %s", error or type(error).__name__)
                return None
        return _server


def start_in_background() -> threading.Thread:
    """Start this process's chart browser now, without waiting for it (a worker calls it at start).

    Otherwise the first document a worker renders waits for Chromium too: a draft PDF
    took 11.8 s from click to download under ``make run``.
    """
    thread = threading.Thread(target=_get_server, name="chart-browser-start", daemon=True)
    thread.start()
    return thread


def _drop_server(server: _ExportServer) -> None:
    global _server
    with _lock:
        if _server is server:
            _server = None
    server.close()


def stop_server() -> None:
    """Close the browser of this process (tests and benchmarks use it to start cold)."""
    global _server, _unavailable_until
    with _lock:
        server, _server, _unavailable_until = _server, None, 0.0
    if server is not None and server.pid == os.getpid():
        server.close()


atexit.register(stop_server)


def chart_svg(fig) -> str | None:
    """The figure as an SVG document string, or None when it cannot be exported (logged)."""
    server = _get_server()
    if server is None:
        return None
    try:
        data = server.export(fig, {"format": "svg", "width": CHART_WIDTH})
    except Exception as error:
        log.warning("chart export failed: %s", error or type(error).__name__)
        _drop_server(server)
        return None
    svg = data.decode("utf-8") if isinstance(data, bytes) else str(data)
    start = svg.find("<svg")
    if start < 0:
        log.warning("chart export returned no SVG")
        return None
    return svg[start:]
