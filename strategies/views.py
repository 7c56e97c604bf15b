from __future__ import annotations

import mimetypes
from decimal import Decimal

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView

from accounts.access import AnyRoleMixin, ManagerRequiredMixin, RoleRequiredMixin, TenantScopedMixin
from accounts.csvexport import csv_download
from accounts.models import AGENCY_ROLES, Client, Role, User

from . import forms as f
from .health_forms import AcknowledgeWarningForm, WarningKeyForm
from .models import MoodImage, Platform, PromotionTool, Strategy, StrategyPlatform, StrategyTool, ToneOfVoice, Usp
from .services import (
    HealthCheckError,
    acknowledge_warning,
    checked_warnings,
    create_strategy,
    duplicate_strategy,
    ensure_may_acknowledge,
    may_acknowledge_warnings,
    refresh_cached_figures,
    withdraw_acknowledgement,
)
from .stages import SETTINGS, progress, render_panels
from .wizard import StageView, StrategyMixin, sync_checklist


class DashboardView(AnyRoleMixin, TemplateView):
    """One page per role: managers see every strategy of the agency with filters,
    marketers their own work, client users what has been shared with them."""

    paginate_by = 25

    def get_template_names(self):
        return [f"strategies/dashboard_{self.request.user.role}.html"]

    def get_context_data(self, **kwargs):
        user = self.request.user
        strategies = Strategy.objects.for_user(user).select_related("client", "owner")
        if user.is_manager:
            return super().get_context_data(**self.manager_context(strategies), **kwargs)
        if user.is_marketer:
            context = {
                "strategies": strategies.owned_by(user)[:50],
                "clients": Client.objects.for_user(user),
            }
        else:
            context = {"strategies": strategies, "client": user.client}
        return super().get_context_data(**context, **kwargs)

    def manager_context(self, strategies) -> dict:
        form = dashboard_filters(self.request)
        strategies, sort = form.select(strategies)
        page = Paginator(strategies, self.paginate_by).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        unsorted = query.copy()
        unsorted.pop("sort", None)
        return {
            "form": form,
            "page_obj": page,
            "strategies": page.object_list,
            "clients": form.clients,
            "query_string": query.urlencode(),
            # the filters without the sort: a column's link replaces the sort instead of adding one more
            "filter_query_string": unsorted.urlencode(),
            "sort": sort,
            "today": timezone.localdate(),
        }


def dashboard_filters(request) -> f.DashboardFilterForm:
    """The manager dashboard's filters as the address gives them (the page and its CSV export share them)."""
    user = request.user
    clients = Client.objects.for_user(user)
    owners = User.objects.filter(agency=user.agency, role__in=AGENCY_ROLES).order_by("full_name", "email")
    return f.DashboardFilterForm(
        request.GET or None, clients=clients, owners=owners, status_choices=Strategy.Status.choices
    )


class DashboardExportView(ManagerRequiredMixin, View):
    """The manager dashboard's list with its filters and order, every page of it, as a CSV file."""

    def get(self, request):
        strategies, _sort = dashboard_filters(request).select(
            Strategy.objects.for_user(request.user).select_related("client", "owner")
        )
        today = timezone.localdate()
        field = Strategy._meta.get_field
        header = [
            _("Client"),
            _("Strategy"),
            _("Owner"),
            _("Status"),
            capfirst(field("start_date").verbose_name),
            capfirst(field("period_months").verbose_name),
            capfirst(field("currency").verbose_name),
            capfirst(field("completeness").verbose_name),
            capfirst(field("warning_count").verbose_name),
            _("Last change"),
            _("Next review"),
            _("Flags"),
        ]
        flags = {"overdue": _("Review overdue"), "due": _("Review due soon")}
        rows = (
            [
                strategy.client.name,
                strategy.title,
                str(strategy.owner),
                strategy.get_status_display(),
                strategy.start_date,
                strategy.period_months,
                strategy.currency,
                strategy.completeness,
                strategy.warning_count,
                strategy.updated_at,
                strategy.next_review_date,
                flags.get(strategy.review_state(today), ""),
            ]
            for strategy in strategies.iterator(chunk_size=2000)
        )
        return csv_download(f"strategies-{today.isoformat()}.csv", header, rows)


class ClientDetailView(RoleRequiredMixin, TenantScopedMixin, DetailView):
    model = Client
    template_name = "strategies/client_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            strategies=Strategy.objects.for_user(self.request.user).filter(client=self.object).select_related("owner"),
            client_users=self.object.users.order_by("email"),
            **kwargs,
        )


class StrategyCreateView(RoleRequiredMixin, CreateView):
    model = Strategy
    form_class = f.StrategyForm
    template_name = "strategies/strategy_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        initial = {"period_months": 6}
        client = Client.objects.for_user(self.request.user).filter(pk=self.request.GET.get("client") or 0).first()
        if client:
            initial.update(client=client, language=client.brand_language)
        return initial

    def form_valid(self, form):
        strategy = create_strategy(owner=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Strategy created. Start with the goals."))
        return redirect("strategies:goals", strategy_pk=strategy.pk)


class StrategySettingsView(StrategyMixin, UpdateView):
    form_class = f.StrategyForm
    template_name = "strategies/strategy_form.html"

    def get_object(self, queryset=None):
        return self.strategy

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def post(self, request, *args, **kwargs):
        if not self.strategy.is_editable:
            messages.error(request, _("This strategy cannot be edited now."))
            return redirect("strategies:summary", strategy_pk=self.strategy.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        form.save()
        refresh_cached_figures(self.strategy, SETTINGS)
        messages.success(self.request, _("Strategy settings saved."))
        return redirect("strategies:summary", strategy_pk=self.strategy.pk)


class SummaryView(StrategyMixin, TemplateView):
    template_name = "strategies/summary.html"

    def get_context_data(self, *, acknowledge_form: AcknowledgeWarningForm | None = None, **kwargs):
        may_acknowledge = may_acknowledge_warnings(self.strategy, self.request.user)
        return super().get_context_data(
            strategy=self.strategy,
            progress=progress(self.strategy),
            warnings=self.warning_rows(acknowledge_form, may_acknowledge=may_acknowledge),
            may_acknowledge=may_acknowledge,
            panels=render_panels("summary", self.request, self.strategy),
            **kwargs,
        )

    def warning_rows(self, bound: AcknowledgeWarningForm | None, *, may_acknowledge: bool) -> list[tuple]:
        """Each warning with its link and, where the user may acknowledge it, its form (``bound``: as sent)."""
        sent = (bound.data.get("rule"), bound.data.get("subject", "")) if bound is not None else None
        rows = []
        for index, checked in enumerate(checked_warnings(self.strategy), start=1):
            form = None
            if may_acknowledge and checked.acknowledgement is None:
                if sent == (checked.rule, checked.subject):
                    form = bound
                else:
                    form = AcknowledgeWarningForm(initial={"rule": checked.rule, "subject": checked.subject})
                form.auto_id = f"warning-{index}-%s"
            rows.append((checked, checked.warning.url(self.strategy), form))
        return rows


class AcknowledgeWarningView(SummaryView):
    """Acknowledge a health-check warning with a reason; without one the summary is shown again with the error.

    That page's own links back to its address (the language switch, comments) come here with GET: they
    are sent on to the summary.
    """

    def get(self, request, strategy_pk):
        return redirect(health_check_url(self.strategy))

    def post(self, request, strategy_pk):
        form = AcknowledgeWarningForm(request.POST)
        try:
            ensure_may_acknowledge(self.strategy, request.user)
            if not form.is_valid():
                if set(form.errors) == {"reason"}:
                    messages.error(request, _("Please correct the errors below; nothing was saved yet."))
                    return self.render_to_response(self.get_context_data(acknowledge_form=form))
                raise HealthCheckError(_("This warning is no longer found; there is nothing to acknowledge."))
            acknowledge_warning(self.strategy, by=request.user, **form.cleaned_data)
        except HealthCheckError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Warning acknowledged: it no longer counts in the health check."))
        return redirect(health_check_url(self.strategy))


class WithdrawAcknowledgementView(StrategyMixin, View):
    http_method_names = ["post"]

    def post(self, request, strategy_pk):
        form = WarningKeyForm(request.POST)
        try:
            if not form.is_valid():
                raise HealthCheckError(_("This warning is not acknowledged; there is nothing to withdraw."))
            withdraw_acknowledgement(self.strategy, by=request.user, **form.cleaned_data)
        except HealthCheckError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Acknowledgement withdrawn: the warning counts again."))
        return redirect(health_check_url(self.strategy))


def health_check_url(strategy: Strategy) -> str:
    return reverse("strategies:summary", kwargs={"strategy_pk": strategy.pk}) + "#health-check"


class DuplicateView(StrategyMixin, View):
    http_method_names = ["post"]

    def post(self, request, strategy_pk):
        copy = duplicate_strategy(self.strategy, by=request.user)
        messages.success(
            request, _("This is a copy of “%(title)s”. Adjust it as you need.") % {"title": self.strategy.title}
        )
        return redirect("strategies:summary", strategy_pk=copy.pk)


# -- the stages that live in this app ----------------------------------------------


class GoalsStage(StageView):
    stage_key = "goals"
    stage_template = "strategies/stages/goals.html"

    def build_forms(self, data=None, files=None):
        goals = f.SmartGoalFormSet(data, instance=self.strategy, prefix="goals")
        if data is None and not self.strategy.goals.exists():
            goals.extra = 1
        return {"form": f.GoalsForm(data, instance=self.strategy), "goals": goals}

    def save_forms(self, forms):
        forms["form"].save()
        forms["goals"].save()


class CurrentStateStage(StageView):
    stage_key = "current"
    stage_template = "strategies/stages/current.html"

    def build_forms(self, data=None, files=None):
        accounts = f.OwnAccountFormSet(data, instance=self.strategy, prefix="accounts")
        if data is None and not self.strategy.own_accounts.exists():
            accounts.extra = 1
        return {"accounts": accounts}

    def save_forms(self, forms):
        forms["accounts"].save()


class ToneStage(StageView):
    stage_key = "tone"
    stage_template = "strategies/stages/tone.html"

    def build_forms(self, data=None, files=None):
        tone = ToneOfVoice.objects.filter(strategy=self.strategy).first() or ToneOfVoice(strategy=self.strategy)
        return {"form": f.ToneForm(data, instance=tone)}

    def save_forms(self, forms):
        forms["form"].save()

    def stage_context(self, forms):
        return {
            "mood_images": self.strategy.mood_images.all(),
            "mood_form": f.MoodImageForm(strategy=self.strategy),
            "scales": [(forms["form"][name], *f.ToneForm.SCALE_ENDS[name]) for name in f.ToneForm.SCALES],
            "stage_after_template": "strategies/stages/tone_after.html",
        }


class MoodImageUploadView(StrategyMixin, View):
    http_method_names = ["post"]

    def post(self, request, strategy_pk):
        if not self.strategy.is_editable:
            messages.error(request, _("This strategy cannot be edited now."))
            return redirect("strategies:tone", strategy_pk=self.strategy.pk)
        form = f.MoodImageForm(request.POST, request.FILES, strategy=self.strategy)
        if form.is_valid():
            form.instance.strategy = self.strategy
            form.save()
            messages.success(request, _("Image added to the mood board."))
        else:
            for error in form.errors.get("image", []) + form.errors.get("caption", []):
                messages.error(request, error)
        return redirect(reverse("strategies:tone", kwargs={"strategy_pk": self.strategy.pk}) + "#mood-board")


class MoodImageView(StrategyMixin, View):
    """Serves a mood-board image to whoever may see the strategy (media stays private)."""

    allowed_roles = (Role.MANAGER, Role.MARKETER, Role.CLIENT)
    model = MoodImage

    def get(self, request, strategy_pk, pk):
        image = get_object_or_404(MoodImage, strategy=self.strategy, pk=pk)
        try:
            handle = image.image.open("rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        return FileResponse(
            handle, content_type=mimetypes.guess_type(image.image.name)[0] or "application/octet-stream"
        )


class MoodImageDeleteView(StrategyMixin, View):
    http_method_names = ["post"]
    model = MoodImage

    def post(self, request, strategy_pk, pk):
        image = get_object_or_404(MoodImage, strategy=self.strategy, pk=pk)
        if self.strategy.is_editable:
            image.image.delete(save=False)
            image.delete()
            messages.success(request, _("Image removed from the mood board."))
        return redirect("strategies:tone", strategy_pk=self.strategy.pk)


class UspStage(StageView):
    stage_key = "usp"
    stage_template = "strategies/stages/usp.html"

    def build_forms(self, data=None, files=None):
        usp = Usp.objects.filter(strategy=self.strategy).first() or Usp(strategy=self.strategy)
        return {"form": f.UspForm(data, instance=usp)}

    def save_forms(self, forms):
        forms["form"].save()


class PlatformsStage(StageView):
    """Every network is listed; ticking ``In the plan`` keeps its row."""

    stage_key = "platforms"
    stage_template = "strategies/stages/platforms.html"

    def build_forms(self, data=None, files=None):
        existing = {p.platform: p for p in self.strategy.platforms.all()}
        forms = {}
        for platform in Platform:
            instance = existing.get(platform.value) or StrategyPlatform(strategy=self.strategy, platform=platform.value)
            forms[f"platform_{platform.value}"] = f.PlatformForm(
                data,
                instance=instance,
                prefix=f"platform-{platform.value}",
                strategy=self.strategy,
                initial={"use": platform.value in existing, "platform": platform.value},
            )
        return forms

    def save_forms(self, forms):
        for form in forms.values():
            if form.cleaned_data["use"]:
                if form.instance._state.adding or form.has_changed():
                    form.save()
            elif form.instance.pk:
                form.instance.delete()

    def stage_context(self, forms):
        return {"platform_forms": list(forms.values())}


class ContentStage(StageView):
    stage_key = "content"
    stage_template = "strategies/stages/content.html"

    def build_forms(self, data=None, files=None):
        items = f.ContentItemFormSet(data, instance=self.strategy, prefix="items")
        pillars = f.PillarFormSet(data, instance=self.strategy, prefix="pillars")
        if data is None:
            items.extra = 0 if self.strategy.content_items.exists() else 1
            pillars.extra = 0 if self.strategy.pillars.exists() else 1
        return {"items": items, "pillars": pillars}

    def save_forms(self, forms):
        forms["items"].save()
        forms["pillars"].save()

    def stage_context(self, forms):
        return {"chosen_platforms": self.strategy.chosen_platforms()}


class BudgetStage(StageView):
    stage_key = "budget"
    stage_template = "strategies/stages/budget.html"

    def build_forms(self, data=None, files=None):
        existing = {t.tool: t for t in self.strategy.tools.all()}
        forms = {}
        for tool in PromotionTool:
            row = existing.get(tool.value)
            forms[f"tool_{tool.value}"] = f.ToolForm(
                data,
                prefix=f"tool-{tool.value}",
                initial={"use": row is not None, "tool": tool.value, "notes": row.notes if row else ""},
            )
        lines = f.BudgetLineFormSet(data, instance=self.strategy, prefix="lines")
        if data is None and not self.strategy.budget_lines.exists():
            lines.extra = 1
        forms["lines"] = lines
        return forms

    def save_forms(self, forms):
        tools = [form.cleaned_data for key, form in forms.items() if key.startswith("tool_")]
        sync_checklist(
            {t.tool: t for t in self.strategy.tools.all()},
            {data["tool"]: {"notes": data["notes"]} if data["use"] else None for data in tools},
            create=lambda tool, values: StrategyTool.objects.create(strategy=self.strategy, tool=tool, **values),
        )
        forms["lines"].save()

    def stage_context(self, forms):
        return {
            "tool_forms": [form for key, form in forms.items() if key.startswith("tool_")],
            "totals": budget_totals(self.strategy),
        }


def budget_totals(strategy: Strategy) -> dict:
    lines = strategy.budget_lines.all()
    monthly = lines.aggregate(total=Sum("monthly_amount"))["total"] or Decimal(0)
    by_category: dict[str, Decimal] = {}
    by_platform: dict[str, Decimal] = {}
    for line in lines:
        category = line.get_category_display()
        platform = line.get_platform_display() if line.platform else _("All platforms")
        by_category[category] = by_category.get(category, Decimal(0)) + line.monthly_amount
        by_platform[platform] = by_platform.get(platform, Decimal(0)) + line.monthly_amount
    return {
        "monthly": monthly,
        "period": monthly * strategy.period_months,
        "by_category": sorted(by_category.items()),
        "by_platform": sorted(by_platform.items()),
    }


class ReviewStage(StageView):
    stage_key = "review"
    stage_template = "strategies/stages/review.html"

    def build_forms(self, data=None, files=None):
        return {"form": f.ReviewForm(data, instance=self.strategy)}

    def save_forms(self, forms):
        forms["form"].save()
