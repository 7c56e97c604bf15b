"""Build the POST data a browser would send for a wizard stage."""

from __future__ import annotations

from html.parser import HTMLParser


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def rows(prefix: str, items: list[dict], initial: int = 0) -> dict[str, str]:
    data = management(prefix, len(items), initial)
    for index, item in enumerate(items):
        for key, value in item.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def stage_post(revision: int = 0, goto: str = "", **parts) -> dict[str, str]:
    data = {"_revision": str(revision), "_goto": goto}
    for part in parts.values():
        data.update(part)
    return data


class _BrowserForm(HTMLParser):
    """What a browser would send for a page's form fields, and the other values each field offers."""

    def __init__(self):
        super().__init__()
        self.sent: dict[str, list[str]] = {}
        self.offered: dict[str, set[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") != "file":
            kind = attrs.get("type", "text")
            value = attrs.get("value") or ("on" if kind in ("checkbox", "radio") else "")
            self.offered.setdefault(name, set()).add(value)
            if kind not in ("checkbox", "radio", "submit") or "checked" in attrs:
                self.sent.setdefault(name, []).append(value)
        elif tag == "button" and name:
            self.offered.setdefault(name, set()).add(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.offered.setdefault(name, set())
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            self.offered[self._select].add(value)
            if "selected" in attrs:
                self.sent[self._select] = [value]
        elif tag == "textarea" and name:
            self._textarea = name
            self.sent[name] = [""]
            self.offered.setdefault(name, set())

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.sent[self._textarea][-1] += data


def browser_form(html: str) -> _BrowserForm:
    form = _BrowserForm()
    form.feed(html)
    return form
