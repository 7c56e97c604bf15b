from __future__ import annotations

from django.utils.translation import gettext as _

from strategies.stages import StageCheck


def competitors(strategy) -> StageCheck:
    check = StageCheck()
    rows = list(strategy.competitors.prefetch_related("accounts"))
    check.require(bool(rows), _("Add at least one competitor."))
    for competitor in rows:
        check.require(
            bool(competitor.accounts.all()),
            _("%(name)s: add its accounts and figures.") % {"name": competitor.name},
        )
    check.require(
        any(c.strengths.strip() or c.gaps.strip() for c in rows), _("Note what to learn and which gaps to use.")
    )
    return check
