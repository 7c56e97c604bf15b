from __future__ import annotations

from strategies.wizard import StageView

from .forms import SegmentFormSet


class AudienceStage(StageView):
    stage_key = "audience"
    stage_template = "audiences/stage.html"

    def build_forms(self, data=None, files=None):
        segments = SegmentFormSet(data, instance=self.strategy, prefix="segments")
        if data is None and not self.strategy.segments.exists():
            segments.extra = 1
        return {"segments": segments}

    def save_forms(self, forms):
        forms["segments"].save()
