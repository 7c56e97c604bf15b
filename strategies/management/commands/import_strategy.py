from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Client, Role, User
from strategies.services import import_strategy
from strategies.snapshot import SnapshotError


class Command(BaseCommand):
    help = "Create a new draft strategy for a client from a file written by export_strategy."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--client", type=int, required=True, help="id of the client that receives the strategy")
        parser.add_argument("--owner", help="email of the owner (default: the agency's first manager)")

    def handle(self, *args, file: str, client: int, owner: str | None, **options):
        target = Client.objects.filter(pk=client).select_related("agency").first()
        if target is None:
            raise CommandError(f"There is no client with id {client}.")
        users = User.objects.filter(agency=target.agency, role__in=[Role.MANAGER, Role.MARKETER], is_active=True)
        person = users.filter(email__iexact=owner).first() if owner else users.filter(role=Role.MANAGER).first()
        if person is None:
            raise CommandError("No owner: give --owner with the email of a manager or marketer of the client's agency.")
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
            strategy = import_strategy(data, client=target, owner=person)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        except (ValueError, SnapshotError, ValidationError, KeyError, TypeError) as error:
            raise CommandError(f"{file} is not a valid strategy export: {error}") from error
        self.stdout.write(str(strategy.pk))
