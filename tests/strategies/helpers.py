"""Build the POST data a browser would send for a wizard stage."""

from __future__ import annotations


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
