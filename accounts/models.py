from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .tenancy import TenantQuerySet


class Role(models.TextChoices):
    MANAGER = "manager", _("Agency manager")
    MARKETER = "marketer", _("Marketer")
    CLIENT = "client", _("Client user")


AGENCY_ROLES = (Role.MANAGER, Role.MARKETER)


class Agency(models.Model):
    name = models.CharField(_("agency name"), max_length=200)
    logo = models.ImageField(_("logo"), upload_to="agency-logos/", blank=True)
    accent_color = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#2f6fed",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #2f6fed."))],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name


class ClientQuerySet(TenantQuerySet):
    agency_lookup = "agency"
    client_lookup = "pk"


class Client(models.Model):
    class Language(models.TextChoices):
        RU = "ru", _("Russian")
        EN = "en", _("English")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="clients")
    name = models.CharField(_("client name"), max_length=200)
    brand_language = models.CharField(_("brand language"), max_length=2, choices=Language.choices, default=Language.EN)
    industry = models.CharField(_("industry"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unique_client_name_per_agency")]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("Users need an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email.

    Every non-staff user belongs to exactly one agency; client users also belong
    to one client of that agency. Those two keys are what tenant scoping reads.
    """

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="users")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, blank=True)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, null=True, blank=True, related_name="users")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(role="client") & models.Q(client__isnull=False))
                | (~models.Q(role="client") & models.Q(client__isnull=True)),
                name="client_users_have_a_client",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return str(self)

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER

    @property
    def is_marketer(self) -> bool:
        return self.role == Role.MARKETER

    @property
    def is_client_user(self) -> bool:
        return self.role == Role.CLIENT

    @property
    def is_agency_staff(self) -> bool:
        return self.role in AGENCY_ROLES


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(TenantQuerySet):
    agency_lookup = "agency"

    def pending(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())

    def by_token(self, token: str):
        return self.pending().filter(token_hash=_hash_token(token))


class Invitation(models.Model):
    """An emailed link that lets one person join an agency with a given role.

    Only a hash of the token is stored, so a database leak does not leak
    working invitation links.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("client"))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(max_length=5, choices=settings.LANGUAGES, default="en")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    def issue_token(self) -> str:
        """Set a fresh token and return it; only its hash is kept."""
        token = secrets.token_urlsafe(32)
        self.token_hash = _hash_token(token)
        self.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
        return token
