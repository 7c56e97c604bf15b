from __future__ import annotations

from django.utils.translation import gettext as _

from strategies.stages import StageCheck


def audience(strategy) -> StageCheck:
    check = StageCheck()
    segments = list(strategy.segments.all())
    check.require(bool(segments), _("Describe at least one audience segment."))
    primary = [s for s in segments if s.is_primary]
    check.require(len(primary) == 1, _("Mark one segment as primary."))
    if primary:
        main = primary[0]
        check.require(bool(main.age_bands), _("Primary segment: choose the age bands."))
        check.require(bool(main.platforms), _("Primary segment: which platforms does it use?"))
        check.require(bool(main.pains.strip()), _("Primary segment: describe its pains and needs."))
    return check
