"""Every string the code marks for translation has a Russian translation."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORED = shutil.ignore_patterns(".venv", "var", ".git", "__pycache__", "*.mo", "node_modules")


def untranslated(po_text: str) -> list[str]:
    problems = []
    for block in po_text.split("\n\n")[1:]:
        msgid = "".join(re.findall(r'"(.*)"', (re.search(r'^msgid ((?:".*"\n?)+)', block + "\n", re.M) or [""])[0]))
        if not msgid or block.lstrip().startswith("#~"):
            continue
        strings = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block + "\n", re.M)
        if "fuzzy" in "".join(re.findall(r"^#,.*$", block, re.M)) or not all(
            "".join(re.findall(r'"(.*)"', s)) for s in strings
        ):
            problems.append(msgid)
    return problems


def test_russian_catalogue_is_complete(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=IGNORED)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ru", "--no-location", "--ignore=benchmarks", "-v", "0"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
        env={"DJANGO_SETTINGS_MODULE": "smmplanner.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    missing = untranslated((copy / "locale/ru/LC_MESSAGES/django.po").read_text(encoding="utf-8"))
    assert missing == [], f"untranslated or fuzzy Russian strings: {missing}"


def test_the_checker_notices_a_missing_translation():
    po = 'msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr ""\n\nmsgid "Bye"\nmsgstr "Пока"\n'
    assert untranslated(po) == ["Hello"]
