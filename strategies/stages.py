"""The wizard's stages: a registry that every stage app adds itself to.

``strategies`` knows nothing of the apps above it (competitors, audiences,
metrics). Each of them registers its stage from ``AppConfig.ready`` with a
callable that says how complete the stage is; the wizard, the progress bar and
the summary only ever talk to this registry.

Each check and each health rule also says which other stages' data it reads
(``reads``), so a save recomputes only what that save can change, and the
figures it stores (``Strategy.stage_progress``, ``Strategy.warning_counts``)
let the wizard's progress navigation draw without a query. ``SETTINGS`` stands
for the strategy's own settings (language, currency, dates).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

# The key under which a strategy's settings page counts as a stage in ``reads``.
SETTINGS = "settings"


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
    # Other stages (or SETTINGS) whose data the check reads besides its own.
    reads: tuple[str, ...] = ()

    def affected_by(self, changed: str | None) -> bool:
        return changed is None or changed == self.key or changed in self.reads

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


@dataclass(frozen=True)
class StoredCheck:
    """A stage's figures as stored on the strategy at its last save: counts without the messages."""

    done: int
    total: int

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.done / self.total)


@dataclass
class Progress:
    rows: list[tuple[Stage, StageCheck | StoredCheck]]

    @property
    def percent(self) -> int:
        total = sum(check.total for _, check in self.rows)
        done = sum(check.done for _, check in self.rows)
        return 100 if total == 0 else round(100 * done / total)

    @property
    def is_complete(self) -> bool:
        return all(check.done == check.total for _, check in self.rows)


def progress(strategy) -> Progress:
    """Every stage checked now, with what is missing (the summary, submitting for review)."""
    return Progress([(stage, stage.check(strategy)) for stage in all_stages()])


def stored_progress(strategy) -> Progress:
    """The figures stored at the last save (no query); a stage with none stored yet is checked now."""
    stored = strategy.stage_progress or {}
    rows = []
    for stage in all_stages():
        figures = stored.get(stage.key)
        rows.append((stage, StoredCheck(*figures) if figures else stage.check(strategy)))
    return Progress(rows)


@dataclass(frozen=True)
class HealthWarning:
    """An inconsistency between stages, with the stage that fixes it."""

    message: str
    stage_key: str
    # What the warning is about within its rule (a platform key, say), so that two
    # warnings of one rule are told apart: rule name + subject is the warning's key.
    subject: str = ""
    # Lines shown under the message: the formula, the inputs, the source.
    details: tuple[str, ...] = ()

    def url(self, strategy) -> str:
        return get_stage(self.stage_key).url(strategy)


@dataclass(frozen=True)
class HealthRule:
    name: str
    check: Callable[..., list[HealthWarning]]
    # The stages (or SETTINGS) whose data the rule reads.
    reads: tuple[str, ...]

    def affected_by(self, changed: str | None) -> bool:
        return changed is None or changed in self.reads


_HEALTH_RULES: dict[str, HealthRule] = {}


def register_health_check(check: Callable, *, reads: tuple[str, ...]) -> None:
    """``check(strategy) -> list[HealthWarning]``, registered by the app that knows the rule."""
    name = f"{check.__module__}.{check.__qualname__}"
    _HEALTH_RULES[name] = HealthRule(name, check, tuple(reads))


def health_rules() -> list[HealthRule]:
    return list(_HEALTH_RULES.values())


def get_health_rule(name: str) -> HealthRule | None:
    return _HEALTH_RULES.get(name)


def health_warnings(strategy) -> list[HealthWarning]:
    return [warning for rule in _HEALTH_RULES.values() for warning in rule.check(strategy)]


def named_health_warnings(strategy) -> list[tuple[str, HealthWarning]]:
    """Every warning with the name of the rule that found it: (rule name, subject) is the warning's key."""
    return [(rule.name, warning) for rule in _HEALTH_RULES.values() for warning in rule.check(strategy)]


_PANELS: dict[str, list[Callable]] = {"summary": [], "stage": []}


def register_panel(where: str, panel: Callable) -> None:
    """``panel(request, strategy, stage_key) -> str`` renders a block of the summary or of every stage page."""
    _PANELS[where].append(panel)


def render_panels(where: str, request, strategy, stage_key: str = "") -> list[str]:
    return [html for panel in _PANELS[where] if (html := panel(request, strategy, stage_key))]
