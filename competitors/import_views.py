"""Uploading post-level data: upload, map the columns once, follow the worker's progress."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from openpyxl import Workbook

from strategies.wizard import StrategyMixin

from .import_forms import MappingForm, UploadForm
from .importing import (
    NATIVE_COLUMNS,
    REQUIRED,
    ImportRefused,
    describe_columns,
    header_signature,
    missing_required,
    suggest_mapping,
)
from .models import ColumnMapping, Competitor, ImportJob
from .tasks import run_import
from .uploads import peek_headers

EXAMPLE_ROW = {
    "platform": "instagram",
    "account": "@brand",
    "published_at": "2026-10-01 18:30",
    "format": "carousel",
    "likes": "240",
    "comments": "18",
    "shares": "9",
    "views": "5200",
    "reach": "4100",
    "followers_at_post": "12000",
    "post_id": "C1a2b3",
    "url": "https://instagram.com/p/C1a2b3",
}


def _queue(job: ImportJob) -> None:
    job.status, job.queued_at = ImportJob.Status.QUEUED, timezone.now()
    job.save(update_fields=["status", "mapping", "queued_at"])
    transaction.on_commit(lambda: run_import.delay(job.pk))


class ImportView(StrategyMixin, View):
    """The upload page of the brand's accounts, or of one competitor's (``?competitor=``)."""

    def competitor(self) -> Competitor | None:
        pk = self.request.GET.get("competitor") or self.request.POST.get("competitor")
        if not pk:
            return None
        if not str(pk).isdigit():
            raise Http404
        return get_object_or_404(Competitor, strategy=self.strategy, pk=pk)

    def render(self, form, competitor, status=200):
        jobs = ImportJob.objects.filter(strategy=self.strategy, competitor=competitor)[:10]
        context = {
            "strategy": self.strategy,
            "competitor": competitor,
            "form": form,
            "jobs": jobs,
            "columns": describe_columns(),
            "required": REQUIRED,
        }
        return TemplateResponse(self.request, "competitors/import.html", context, status=status)

    def get(self, request, strategy_pk):
        return self.render(UploadForm(), self.competitor())

    def post(self, request, strategy_pk):
        competitor = self.competitor()
        if not self.strategy.is_editable:
            messages.error(request, _("This strategy cannot be edited now."))
            return redirect(request.get_full_path())
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form, competitor)
        upload = form.cleaned_data["file"]
        try:
            headers = peek_headers(upload, upload.name)
        except ImportRefused as refused:
            form.add_error("file", refused.message)
            return self.render(form, competitor)
        if not headers:
            form.add_error("file", _("The first row of the file must name the columns."))
            return self.render(form, competitor)
        job = ImportJob.objects.create(
            strategy=self.strategy,
            competitor=competitor,
            file=upload,
            original_name=upload.name[:255],
            status=ImportJob.Status.MAPPING,
            created_by=request.user,
        )
        remembered = ColumnMapping.objects.filter(
            agency_id=self.strategy.client.agency_id, signature=header_signature(headers)
        ).first()
        job.mapping = remembered.mapping if remembered else suggest_mapping(headers)
        native = not missing_required(job.mapping) and len(job.mapping) == len(headers)
        if remembered or native:
            _queue(job)
            return redirect("competitors:import_job", strategy_pk=self.strategy.pk, pk=job.pk)
        job.save(update_fields=["mapping"])
        return redirect("competitors:import_mapping", strategy_pk=self.strategy.pk, pk=job.pk)


class ImportMappingView(StrategyMixin, View):
    """Tell which of the file's headers holds which of our columns; remembered for the agency."""

    model = ImportJob

    def job(self) -> ImportJob:
        return get_object_or_404(ImportJob, strategy=self.strategy, pk=self.kwargs["pk"])

    def render(self, job, form):
        return TemplateResponse(
            self.request,
            "competitors/import_mapping.html",
            {"strategy": self.strategy, "job": job, "form": form, "columns": NATIVE_COLUMNS},
        )

    def headers(self, job) -> list[str]:
        with job.file.open("rb") as handle:
            return peek_headers(handle, job.original_name)

    def get(self, request, strategy_pk, pk):
        job = self.job()
        if job.status != ImportJob.Status.MAPPING:  # mapped already, or closed and its file let go
            return redirect("competitors:import_job", strategy_pk=self.strategy.pk, pk=job.pk)
        return self.render(job, MappingForm(headers=self.headers(job), initial_mapping=job.mapping))

    def post(self, request, strategy_pk, pk):
        job = self.job()
        if job.status != ImportJob.Status.MAPPING:
            return redirect("competitors:import_job", strategy_pk=self.strategy.pk, pk=job.pk)
        headers = self.headers(job)
        form = MappingForm(request.POST, headers=headers, initial_mapping=job.mapping)
        if not form.is_valid():
            return self.render(job, form)
        job.mapping = form.mapping()
        ColumnMapping.objects.update_or_create(
            agency_id=self.strategy.client.agency_id,
            signature=header_signature(headers),
            defaults={"mapping": job.mapping},
        )
        _queue(job)
        return redirect("competitors:import_job", strategy_pk=self.strategy.pk, pk=job.pk)


class ImportJobView(StrategyMixin, View):
    """The import's progress (polled by htmx) and, at the end, its result or its problems."""

    model = ImportJob

    def get(self, request, strategy_pk, pk):
        job = get_object_or_404(ImportJob.objects.select_related("competitor"), strategy=self.strategy, pk=pk)
        template = "competitors/_import_status.html" if request.htmx else "competitors/import_job.html"
        return TemplateResponse(request, template, {"strategy": self.strategy, "job": job})


class ImportTemplateView(StrategyMixin, View):
    """An empty file in our native format, with one example row."""

    def get(self, request, strategy_pk, kind):
        names = [column.name for column in NATIVE_COLUMNS]
        if kind == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(names)
            writer.writerow([EXAMPLE_ROW.get(name, "") for name in names])
            response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        elif kind == "xlsx":
            workbook = Workbook()
            sheet = workbook.active
            sheet.title = "posts"
            sheet.append(names)
            sheet.append([EXAMPLE_ROW.get(name, "") for name in names])
            buffer = io.BytesIO()
            workbook.save(buffer)
            response = HttpResponse(
                buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
        else:
            raise Http404
        response["Content-Disposition"] = f'attachment; filename="posts-template.{kind}"'
        return response
