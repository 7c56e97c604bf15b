"""The wizard's stages: a registry that every stage app adds itself to.

``strategies`` knows nothing of the apps above it (competitors, audiences,
metrics). Each of them registers its stage from ``AppConfig.ready`` with a
callable that says how complete the stage is; the wizard, the progress bar and
the summary only ever talk to this registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass
class StageCheck:
    """What is done and what is missing in one stage."""

    total: int = 0
    missing: list[str] = field(default_factory=list)

    def require(self, condition: bool, message: str) -> None:
        self.total += 1
        if not condition:
            self.missing.append(str(message))

    @property
    def done(self) -> int:
        return self.total - len(self.missing)

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.done / self.total)


@dataclass(frozen=True)
class Stage:
    key: str
    order: int
    title: str
    help: str
    url_name: str
    check: Callable[..., StageCheck]

    def url(self, strategy) -> str:
        return reverse(self.url_name, kwargs={"strategy_pk": strategy.pk})


_REGISTRY: dict[str, Stage] = {}


def register(stage: Stage) -> None:
    _REGISTRY[stage.key] = stage


def all_stages() -> list[Stage]:
    return sorted(_REGISTRY.values(), key=lambda s: s.order)


def get_stage(key: str) -> Stage:
    return _REGISTRY[key]


def neighbours(key: str) -> tuple[Stage | None, Stage | None]:
    ordered = all_stages()
    index = [s.key for s in ordered].index(key)
    previous = ordered[index - 1] if index > 0 else None
    following = ordered[index + 1] if index + 1 < len(ordered) else None
    return previous, following


@dataclass
class Progress:
    rows: list[tuple[Stage, StageCheck]]

    @property
    def percent(self) -> int:
        total = sum(check.total for _, check in self.rows)
        done = sum(check.done for _, check in self.rows)
        return 100 if total == 0 else round(100 * done / total)

    @property
    def is_complete(self) -> bool:
        return all(not check.missing for _, check in self.rows)


def progress(strategy) -> Progress:
    return Progress([(stage, stage.check(strategy)) for stage in all_stages()])


@dataclass(frozen=True)
class HealthWarning:
    """An inconsistency between stages, with the stage that fixes it."""

    message: str
    stage_key: str

    def url(self, strategy) -> str:
        return get_stage(self.stage_key).url(strategy)


_HEALTH_CHECKS: list[Callable] = []


def register_health_check(check: Callable) -> None:
    """``check(strategy) -> list[HealthWarning]``, registered by the apps that know the rule."""
    _HEALTH_CHECKS.append(check)


def health_warnings(strategy) -> list[HealthWarning]:
    return [warning for check in _HEALTH_CHECKS for warning in check(strategy)]


_PANELS: dict[str, list[Callable]] = {"summary": [], "stage": []}


def register_panel(where: str, panel: Callable) -> None:
    """``panel(request, strategy, stage_key) -> str`` renders a block of the summary or of every stage page."""
    _PANELS[where].append(panel)


def render_panels(where: str, request, strategy, stage_key: str = "") -> list[str]:
    return [html for panel in _PANELS[where] if (html := panel(request, strategy, stage_key))]
