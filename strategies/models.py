from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Client
from accounts.tenancy import TenantQuerySet

from .kpis import BY_KEY as KPI_BY_KEY
from .kpis import METRIC_CHOICES, MetricDefinition


class Currency(models.TextChoices):
    RUB = "RUB", "₽ RUB"
    USD = "USD", "$ USD"
    EUR = "EUR", "€ EUR"
    KZT = "KZT", "₸ KZT"
    BYN = "BYN", "Br BYN"


class Platform(models.TextChoices):
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    VK = "vk", pgettext_lazy("platform", "VK")
    OK = "ok", pgettext_lazy("platform", "Odnoklassniki")
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X (Twitter)"
    TELEGRAM = "telegram", "Telegram"


class Goal(models.TextChoices):
    AWARENESS = "awareness", _("Brand awareness")
    LOYALTY = "loyalty", _("Loyalty")
    LEADS = "leads", _("Leads and sales")


class ContentFormat(models.TextChoices):
    PHOTO = "photo", _("Photo")
    CAROUSEL = "carousel", _("Carousel")
    VIDEO = "video", _("Video")
    SHORT_VIDEO = "short_video", _("Short video")
    STORIES = "stories", _("Stories")
    LIVE = "live", _("Live stream")
    PODCAST = "podcast", _("Podcast")
    LONGREAD = "longread", _("Long-form text")
    # Telegram channels are mostly text: a plain post without a picture (last, so stored codes keep their order).
    TEXT = "text", _("Text post")


class PromotionTool(models.TextChoices):
    TARGETED_ADS = "targeted_ads", _("Targeted ads")
    INFLUENCERS = "influencers", _("Influencer / blogger partnerships")
    SEEDING = "seeding", _("Seeding in thematic communities")
    COMMUNITY = "community", _("Community management")
    CONTESTS = "contests", _("Contests and giveaways")


class BudgetCategory(models.TextChoices):
    COPYWRITING = "copywriting", _("Content: copywriting")
    DESIGN = "design", _("Content: design")
    PHOTO = "photo", _("Content: photo")
    VIDEO = "video", _("Content: video")
    TARGETED_ADS = "targeted_ads", _("Promotion: targeted ads")
    INFLUENCERS = "influencers", _("Promotion: influencers")
    SEEDING = "seeding", _("Promotion: seeding")
    COMMUNITY = "community", _("Promotion: community management")
    CONTESTS = "contests", _("Promotion: contests")

    @classmethod
    def content(cls) -> set[str]:
        return {cls.COPYWRITING, cls.DESIGN, cls.PHOTO, cls.VIDEO}


PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
NON_NEGATIVE_DECIMAL = [MinValueValidator(Decimal("0"))]


class StrategyQuerySet(TenantQuerySet):
    agency_lookup = "client__agency"
    client_lookup = "client"

    def visible_to_client(self):
        return self.filter(status__in=Strategy.CLIENT_VISIBLE_STATUSES)

    def owned_by(self, user):
        return self.filter(owner=user)

    def flagged(self, flag: str):
        """The strategies that need the attention ``flag`` names (a DashboardFilterForm.FLAGS key); all for ""."""
        today = timezone.localdate()
        if flag == "overdue":
            return self.filter(next_review_date__lt=today)
        if flag == "due":
            horizon = today + timedelta(days=settings.REVIEW_REMINDER_DAYS)
            return self.filter(next_review_date__gte=today, next_review_date__lte=horizon)
        if flag == "changes":
            return self.filter(status__in=[Strategy.Status.CHANGES_REQUESTED, Strategy.Status.CLIENT_CHANGES_REQUESTED])
        if flag == "warnings":
            return self.filter(warning_count__gt=0)
        return self


class Strategy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        SHARED = "shared", _("Shared with client")
        ACCEPTED = "accepted", _("Accepted by client")
        CLIENT_CHANGES_REQUESTED = "client_changes", _("Client requested changes")

    class Language(models.TextChoices):
        RU = "ru", _("Russian")
        EN = "en", _("English")

    CLIENT_VISIBLE_STATUSES = (Status.SHARED, Status.ACCEPTED, Status.CLIENT_CHANGES_REQUESTED)
    EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED, Status.CLIENT_CHANGES_REQUESTED)

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="strategies", verbose_name=_("client"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="strategies", verbose_name=_("owner")
    )
    title = models.CharField(_("title"), max_length=200)
    period_months = models.PositiveSmallIntegerField(
        _("period, months"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("Usually 3, 6 or 12 months."),
    )
    start_date = models.DateField(_("start date"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.RUB)
    language = models.CharField(_("document language"), max_length=2, choices=Language.choices, default=Language.EN)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Cached from the stage checks on every save, so lists need no per-row work.
    completeness = models.PositiveSmallIntegerField(_("complete, %"), default=0)
    warning_count = models.PositiveSmallIntegerField(_("health-check warnings"), default=0)
    # Per stage [done, total] and per health rule its count of warnings, as of the last save
    # (strategies.services.refresh_cached_figures): the wizard's navigation reads them.
    stage_progress = models.JSONField(default=dict, blank=True, editable=False)
    warning_counts = models.JSONField(default=dict, blank=True, editable=False)

    # Stage 1: goals and business context
    leading_goal = models.CharField(_("leading goal"), max_length=10, choices=Goal.choices, blank=True)
    product = models.TextField(_("product or service"), blank=True)
    market = models.CharField(_("market"), max_length=300, blank=True)
    geography = models.CharField(_("geography"), max_length=300, blank=True)
    addressable_audience = models.PositiveIntegerField(
        _("addressable audience, people"),
        null=True,
        blank=True,
        validators=[MinValueValidator(100)],
        help_text=_(
            "People the strategy can reach at all: the target ages in the region who use the chosen platforms "
            "(e.g. 250,000 of a city of 600,000). People reached can never exceed it. Empty: estimated from "
            "the followers of the brand and its competitors."
        ),
    )

    # Stage 11: review cadence
    review_every_months = models.PositiveSmallIntegerField(
        _("review every, months"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    next_review_date = models.DateField(_("next review date"), null=True, blank=True)
    review_notes = models.TextField(_("what the review looks at"), blank=True)
    # The review date a reminder was last sent for: one reminder per date.
    review_reminded_for = models.DateField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StrategyQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["client", "-updated_at"]), models.Index(fields=["owner", "-updated_at"])]

    def __str__(self) -> str:
        return self.title

    # Bootstrap colours of the status badge: grey only for a draft, green once the client accepted.
    STATUS_COLOURS = {
        Status.DRAFT: "secondary",
        Status.IN_REVIEW: "info",
        Status.CHANGES_REQUESTED: "warning",
        Status.APPROVED: "primary",
        Status.SHARED: "primary",
        Status.ACCEPTED: "success",
        Status.CLIENT_CHANGES_REQUESTED: "warning",
    }

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def status_colour(self) -> str:
        return self.STATUS_COLOURS.get(self.status, "secondary")

    def review_state(self, today=None) -> str:
        """ "overdue", "due" (within the reminder lead time) or "" (nothing to do yet)."""
        if self.next_review_date is None:
            return ""
        today = today or timezone.localdate()
        if self.next_review_date < today:
            return "overdue"
        if (self.next_review_date - today).days <= settings.REVIEW_REMINDER_DAYS:
            return "due"
        return ""

    def chosen_platforms(self) -> list[str]:
        return list(self.platforms.order_by("role", "platform").values_list("platform", flat=True))


class SmartGoal(models.Model):
    """A SMART target: a figure of the catalogue (strategies.kpis), its value and its deadline.

    The metric is a catalogue key, so the target is compared with the forecast
    figure of the same kind; what the client calls it stays in ``note``.
    """

    class Scope(models.TextChoices):
        PERIOD = "period", _("from the start to the deadline")
        MONTH = "month", _("in the month of the deadline")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="goals")
    goal = models.CharField(_("goal"), max_length=10, choices=Goal.choices)
    metric = models.CharField(_("metric"), max_length=20, choices=METRIC_CHOICES, blank=True)
    platform = models.CharField(
        _("platform"), max_length=10, choices=Platform.choices, blank=True, help_text=_("Empty: all platforms.")
    )
    scope = models.CharField(_("counted"), max_length=6, choices=Scope.choices, default=Scope.PERIOD)
    target_value = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=2, validators=NON_NEGATIVE_DECIMAL
    )
    deadline = models.DateField(_("deadline"))
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("How the client puts it, e.g. 400,000 people in the city.")
    )

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("SMART goal")
        verbose_name_plural = _("SMART goals")

    def __str__(self) -> str:
        label = self.get_metric_display() if self.metric else self.note
        return f"{label}: {self.target_value}"

    @property
    def definition(self) -> MetricDefinition | None:
        return KPI_BY_KEY.get(self.metric)


class OwnAccount(models.Model):
    """The brand's own presence on a platform, as audited before planning."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="own_accounts")
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices)
    has_account = models.BooleanField(_("account exists"), default=True)
    url = models.URLField(_("address"), blank=True, max_length=500)
    followers = models.PositiveIntegerField(_("followers"), null=True, blank=True)
    avg_reach = models.PositiveIntegerField(_("typical reach per post"), null=True, blank=True)
    engagement_rate = models.DecimalField(
        _("ER per post by followers, %"), max_digits=6, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    posts_per_week = models.DecimalField(
        _("posts per week"), max_digits=5, decimal_places=1, null=True, blank=True, validators=NON_NEGATIVE_DECIMAL
    )
    what_works = models.TextField(_("what works and what does not"), blank=True)

    class Meta:
        ordering = ["platform"]
        constraints = [models.UniqueConstraint(fields=["strategy", "platform"], name="one_own_account_per_platform")]

    def __str__(self) -> str:
        return self.get_platform_display()


class ToneOfVoice(models.Model):
    class Address(models.TextChoices):
        TY = "ty", _("«ты» (informal)")
        VY = "vy", _("«вы» (formal)")
        NA = "", _("Not applicable")

    class Emoji(models.TextChoices):
        NONE = "none", _("No emoji")
        SPARING = "sparing", _("Sparingly, to support the text")
        FREE = "free", _("Freely, part of the style")

    SCALE = [MinValueValidator(1), MaxValueValidator(5)]

    strategy = models.OneToOneField(Strategy, on_delete=models.CASCADE, related_name="tone")
    formal_casual = models.PositiveSmallIntegerField(_("formal ↔ casual"), default=3, validators=SCALE)
    serious_playful = models.PositiveSmallIntegerField(_("serious ↔ playful"), default=3, validators=SCALE)
    respectful_irreverent = models.PositiveSmallIntegerField(_("respectful ↔ irreverent"), default=3, validators=SCALE)
    enthusiastic_matter_of_fact = models.PositiveSmallIntegerField(
        _("enthusiastic ↔ matter-of-fact"), default=3, validators=SCALE
    )
    address_form = models.CharField(_("form of address"), max_length=2, choices=Address.choices, blank=True)
    personality = models.CharField(_("brand personality words"), max_length=300, blank=True)
    words_to_use = models.TextField(_("words and topics to use"), blank=True)
    words_to_avoid = models.TextField(_("words and topics to avoid"), blank=True)
    emoji_policy = models.CharField(_("emoji"), max_length=10, choices=Emoji.choices, default=Emoji.SPARING)
    comment_replies = models.TextField(_("how to answer comments"), blank=True)
    complaint_replies = models.TextField(_("how to answer complaints"), blank=True)
    example_phrases = models.TextField(_("example phrases"), blank=True, help_text=_("One phrase per line."))
    brand_colors = models.CharField(
        _("brand colours"),
        max_length=200,
        blank=True,
        help_text=_("Hex codes separated by commas, e.g. #1d3557, #e63946"),
    )
    fonts = models.CharField(_("fonts"), max_length=200, blank=True)
    photo_style = models.TextField(_("photo and illustration style"), blank=True)

    def __str__(self) -> str:
        return f"{self.strategy}: tone of voice"

    def examples(self) -> list[str]:
        return [line.strip() for line in self.example_phrases.splitlines() if line.strip()]

    def colors(self) -> list[str]:
        return [c.strip() for c in self.brand_colors.split(",") if c.strip()]


def mood_image_path(instance: MoodImage, filename: str) -> str:
    return f"mood/{instance.strategy_id}/{filename}"


class MoodImage(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="mood_images")
    image = models.ImageField(_("image"), upload_to=mood_image_path)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class Usp(models.Model):
    strategy = models.OneToOneField(Strategy, on_delete=models.CASCADE, related_name="usp")
    product_strengths = models.TextField(_("strengths of the product"), blank=True)
    product_weaknesses = models.TextField(_("weaknesses of the product"), blank=True)
    brand_strengths = models.TextField(_("strengths of the brand"), blank=True)
    brand_weaknesses = models.TextField(_("weaknesses of the brand"), blank=True)
    statement = models.TextField(_("USP statement"), blank=True)
    reasons_to_believe = models.TextField(_("reasons to believe"), blank=True, help_text=_("One reason per line."))

    def __str__(self) -> str:
        return self.statement[:80]


class StrategyPlatform(models.Model):
    class Role(models.TextChoices):
        MAIN = "main", _("Main")
        SUPPORTING = "supporting", _("Supporting")

    class AccountStatus(models.TextChoices):
        EXISTS = "exists", _("Exists")
        TO_CREATE = "to_create", _("To be created")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="platforms")
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MAIN)
    rationale = models.TextField(_("why this platform"), blank=True)
    account_status = models.CharField(
        _("account"), max_length=10, choices=AccountStatus.choices, default=AccountStatus.EXISTS
    )
    handle = models.CharField(_("handle"), max_length=100, blank=True)
    profile_description = models.TextField(_("profile description"), blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One address per line."))

    class Meta:
        ordering = ["role", "platform"]
        constraints = [models.UniqueConstraint(fields=["strategy", "platform"], name="one_row_per_platform")]

    def __str__(self) -> str:
        return self.get_platform_display()


class ContentPlanItem(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="content_items")
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices)
    format = models.CharField(_("format"), max_length=12, choices=ContentFormat.choices)
    posts_per_week = models.DecimalField(
        _("posts per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("70"))],
    )

    class Meta:
        ordering = ["platform", "format"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "platform", "format"], name="one_row_per_platform_format")
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} · {self.get_format_display()} × {self.posts_per_week}/wk"


class ContentPillar(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="pillars")
    name = models.CharField(_("pillar"), max_length=120)
    description = models.TextField(_("what it covers"), blank=True)
    share = models.DecimalField(
        _("share, %"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        ordering = ["-share", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.share} %)"


class StrategyTool(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="tools")
    tool = models.CharField(_("tool"), max_length=15, choices=PromotionTool.choices)
    notes = models.TextField(_("how it will be used"), blank=True)

    class Meta:
        ordering = ["tool"]
        constraints = [models.UniqueConstraint(fields=["strategy", "tool"], name="one_row_per_tool")]

    def __str__(self) -> str:
        return self.get_tool_display()


class BudgetLine(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=15, choices=BudgetCategory.choices)
    platform = models.CharField(
        _("platform"), max_length=10, choices=Platform.choices, blank=True, help_text=_("Empty: all platforms.")
    )
    monthly_amount = models.DecimalField(
        _("per month"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["category", "platform", "pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.monthly_amount}"

    @property
    def is_content(self) -> bool:
        return self.category in BudgetCategory.content()


class StageRevision(models.Model):
    """How many times a stage of a strategy has been saved, for optimistic locking.

    A form carries the revision it was loaded with; a save against an older
    revision means someone else saved in between, and is refused.
    """

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="stage_revisions")
    stage = models.CharField(max_length=30)
    revision = models.PositiveIntegerField(default=0)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    saved_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["strategy", "stage"], name="one_revision_row_per_stage")]

    def __str__(self) -> str:
        return f"{self.stage} r{self.revision}"


class HealthAcknowledgementQuerySet(TenantQuerySet):
    agency_lookup = "strategy__client__agency"

    def active(self):
        return self.filter(withdrawn_at__isnull=True)

    def warning_keys(self) -> set[tuple[str, str]]:
        return set(self.values_list("rule", "subject"))


class HealthAcknowledgement(models.Model):
    """A health-check warning the agency has looked at and accepts, with the reason.

    A warning is known by its rule's name and its subject (stages.HealthWarning), so an
    acknowledgement still applies when the warning goes away and comes back. Withdrawing
    keeps the row (the strategy's history shows both), and at most one per warning is in force.
    """

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="health_acknowledgements")
    rule = models.CharField(max_length=200)
    subject = models.CharField(max_length=100, blank=True)
    # The warning as it read when it was acknowledged.
    message = models.TextField()
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = HealthAcknowledgementQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "rule", "subject"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_acknowledgement_in_force_per_warning",
            )
        ]
        verbose_name = _("acknowledged warning")
        verbose_name_plural = _("acknowledged warnings")

    def __str__(self) -> str:
        return f"{self.rule} {self.subject}".strip()
