from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from documents.load import LOAD_PASSWORD, MARKETERS_PER_AGENCY, load_email, seed_load


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Fill the database with realistic load data: N agencies, each with a manager, "
        f"{MARKETERS_PER_AGENCY} marketers and M clients (one client user each), and K strategies per client "
        "spread over owners and every workflow status, with their stages filled and, once approved, a frozen "
        f"version. Everybody signs in with the password {LOAD_PASSWORD!r}: manager@load-agency-1.example, "
        "marketer1@load-agency-1.example … marketer4@…, client1@load-agency-1.example (client users are numbered "
        "by client). Approved versions share one rendered PDF per language (--no-pdf leaves them to the worker). "
        "Running it again adds new agencies numbered after the existing ones; nothing is replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=positive, default=1, metavar="N")
        parser.add_argument("--clients-per-agency", type=positive, default=10, metavar="M")
        parser.add_argument("--strategies-per-client", type=positive, default=5, metavar="K")
        parser.add_argument(
            "--no-pdf", dest="pdf", action="store_false", help="leave the versions' PDFs for the worker to render"
        )

    def handle(self, *args, agencies, clients_per_agency, strategies_per_client, pdf, verbosity, **options):
        try:
            result = seed_load(
                agencies=agencies,
                clients_per_agency=clients_per_agency,
                strategies_per_client=strategies_per_client,
                pdf=pdf,
                stdout=self.stdout if verbosity > 1 else None,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        first, last = result["first_agency"], result["first_agency"] + agencies - 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {result['agencies']} agencies (load-agency-{first} … load-agency-{last}), "
                f"{result['clients']} clients, {result['users']} users, {result['strategies']} strategies, "
                f"{result['stage_rows']} stage rows, {result['versions']} versions in {result['seconds']:.1f} s. "
                f"Sign in as {load_email('manager', first)} (or marketer1…, client1…) with {LOAD_PASSWORD!r}."
            )
        )
