from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from documents.housekeeping import tidy_media


class Command(BaseCommand):
    help = (
        "Delete old draft PDF previews, release the uploaded files of old imports and remove the files "
        "no row names. The beat runs it each night; --dry-run lists what it would delete."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="change nothing; list the files it would delete")

    def handle(self, *args, dry_run: bool, **options):
        tidied = tidy_media(dry_run=dry_run)
        if dry_run:
            for name in sorted(tidied.names):
                self.stdout.write(name)
        self.stdout.write(json.dumps({"dry_run": dry_run, **tidied.as_dict()}))
