from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from documents.rendering import render_document_pdf
from documents.snapshot import document_snapshot
from strategies.models import Strategy


class Command(BaseCommand):
    help = "Render the live strategy (not a frozen version) to a PDF file, as its client would receive it."

    def add_arguments(self, parser):
        parser.add_argument("strategy_id", type=int)
        parser.add_argument("--out", required=True, type=Path, help="the PDF file to write")
        parser.add_argument("--draft", action="store_true", help="mark every page with a DRAFT watermark")
        parser.add_argument("--label", default="", help="version label on the cover (default: 'Working copy')")

    def handle(self, *args, strategy_id: int, out: Path, draft: bool, label: str, **options):
        strategy = Strategy.objects.filter(pk=strategy_id).first()
        if strategy is None:
            raise CommandError(f"Strategy {strategy_id} does not exist.")
        if not out.parent.is_dir():
            raise CommandError(f"Folder {out.parent} does not exist.")
        snapshot = document_snapshot(strategy)
        if not snapshot["plan"]["rows"]:
            self.stderr.write(self.style.WARNING("The targets have not been computed: the metrics section is empty."))
        with translation.override(strategy.language):
            label = label or translation.gettext("Working copy")
        pdf = render_document_pdf(snapshot, version_label=label, draft=draft)
        out.write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"{out}: {len(pdf):,} bytes, strategy #{strategy.pk} {strategy.title}"))
