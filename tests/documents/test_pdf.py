from __future__ import annotations

import copy
import re
import subprocess
import time
from dataclasses import dataclass
from io import BytesIO, StringIO
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Sum
from django.utils import translation
from weasyprint.urls import URLFetchingError, fetch

from accounts.demo import seed_demo_accounts
from documents import charts, pdf, rendering
from documents.demo import seed_demo_strategies
from documents.snapshot import document_snapshot
from metrics.models import Forecast
from metrics.services import run_forecast
from strategies.models import BudgetLine, SmartGoal
from tests.images import png_bytes

pytestmark = pytest.mark.django_db

EVIL = '<b>x</b><img src="http://example.com/x.png"><img src="file:///etc/passwd">'
BASE = settings.SITE_URL + "/"


@dataclass
class Rendered:
    language: str
    snapshot: dict
    pdf: bytes
    text: str  # pdftotext, pages separated by form feeds
    client: str
    smart_target: str
    monthly_budget: str


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode().replace("\u00a0", " ")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _forecast(strategy) -> None:
    Forecast.objects.get_or_create(strategy=strategy)
    run_forecast(strategy.pk, generation=Forecast.objects.get(strategy=strategy).generation)


@pytest.fixture(scope="module")
def documents(django_db_setup, django_db_blocker) -> dict[str, Rendered]:
    """Both demo strategies rendered once for the module: the Russian one as a draft.

    The rows are created in a transaction that is rolled back, so other tests see an empty database.
    """
    facts = {}
    with django_db_blocker.unblock(), transaction.atomic():
        for strategy in seed_demo_strategies(seed_demo_accounts()):
            _forecast(strategy)
            goal = SmartGoal.objects.filter(strategy=strategy).order_by("deadline", "pk").first()
            monthly = BudgetLine.objects.filter(strategy=strategy).aggregate(total=Sum("monthly_amount"))["total"]
            with translation.override(strategy.language):
                facts[strategy.language] = (
                    document_snapshot(strategy),
                    strategy.client.name,
                    rendering.auto_number(goal.target_value),
                    rendering.money(monthly, strategy.currency),
                )
        transaction.set_rollback(True)
    rendered = {}
    for language, (snapshot, client, target, budget) in facts.items():
        data = rendering.render_document_pdf(snapshot, version_label="v7", draft=language == "ru")
        plain = (value.replace("\u00a0", " ") for value in (target, budget))
        rendered[language] = Rendered(language, snapshot, data, pdf_text(data), client, *plain)
    return rendered


def outline(data: bytes) -> list[tuple[str, int]]:
    """The PDF's top-level bookmarks (the section headings) and the pages they point to."""
    reader = pypdf.PdfReader(BytesIO(data))
    top = [item for item in reader.outline if not isinstance(item, list)]
    return [(item.title, reader.get_destination_page_number(item)) for item in top]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_section_heading_appears_in_order_on_its_own_page(documents, language):
    doc = documents[language]
    titles = rendering.section_titles(language)
    marks = outline(doc.pdf)
    sections = [(title, page) for title, page in marks if re.match(r"\d+ ", title)]
    # numbered as the wizard numbers its stages; the executive summary stands before them, unnumbered
    assert [title for title, _page in sections] == [f"{number} {title}" for number, title in enumerate(titles[1:], 1)]
    assert titles[0] in [title for title, _page in marks]
    pages = [page for _title, page in sections]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)
    text = " ".join(doc.text.split())
    for title in titles:
        assert text.count(title) >= 2  # in the table of contents and as the heading


@pytest.mark.parametrize("language", ["ru", "en"])
def test_key_figures_from_the_database_appear(documents, language):
    doc = documents[language]
    assert doc.pdf.startswith(b"%PDF")
    assert doc.client in doc.text
    assert doc.smart_target in doc.text
    assert doc.monthly_budget in doc.text
    with translation.override(language):
        assert translation.gettext("Page %(page)s of %(pages)s").split("%")[0].strip() in doc.text


def test_russian_document_speaks_russian(documents):
    text = documents["ru"].text
    for heading in ("Цели", "Текущее состояние", "Конкуренты", "Портрет аудитории", "УТП", "Инструменты и бюджет"):
        assert heading in text
    assert "140 000 ₽" in text  # Russian grouping, the rouble after the amount
    assert "ВКонтакте" in text
    assert "Competitors" not in text


def test_formulas_are_named_as_in_the_method(documents):
    english = flat(documents["en"].text)
    for phrase in (
        "ER per post by followers = (likes + comments + shares) / followers × 100",
        "Engagements = organic engagements + paid engagements",
        "CTR (link), all impressions = link clicks / impressions × 100",
        "CPL (ads) = paid spend / leads from ads",
        "Cost per lead, all-in = all spend / all leads",
    ):
        assert flat(phrase) in english
    with translation.override("ru"):  # the Russian demo is judged by ER by reach
        err = translation.gettext("ER by reach (ERR), organic posts")
    assert flat(err) in flat(documents["ru"].text)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_all_fonts_are_embedded(documents, language, tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(documents[language].pdf)
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout.decode().splitlines()[2:]
    assert rows
    for row in rows:
        emb = row.split()[-5]  # columns: name, type, encoding, emb, sub, uni, object, ID
        assert emb == "yes", row


def test_draft_is_watermarked_and_final_is_not(documents):
    def text_of(data: bytes) -> str:
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(data)).pages)

    with translation.override("ru"):
        draft_ru = translation.gettext("DRAFT")
    draft_text = text_of(documents["ru"].pdf)
    assert draft_text.count(draft_ru) >= len(pypdf.PdfReader(BytesIO(documents["ru"].pdf)).pages)
    assert "DRAFT" not in text_of(documents["en"].pdf)


@pytest.fixture
def fetched(monkeypatch) -> list[str]:
    """Every URL WeasyPrint asks the fetcher for; charts are off (placeholders) to keep renders quick."""
    asked: list[str] = []
    real_fetch = pdf.DocumentURLFetcher.fetch

    def recording_fetch(self, url, headers=None):
        asked.append(url)
        return real_fetch(self, url, headers)

    monkeypatch.setattr(pdf.DocumentURLFetcher, "fetch", recording_fetch)
    monkeypatch.setattr(charts, "chart_svg", lambda fig: None)
    return asked


def test_user_text_is_escaped_and_never_fetched(documents, fetched):
    snapshot = copy.deepcopy(documents["en"].snapshot)
    snapshot["parts"]["strategies.usp"][0]["statement"] = EVIL
    snapshot["parts"]["competitors.competitor"][0]["name"] = EVIL
    snapshot["meta"]["client"] = EVIL
    html = rendering.render_document_html(snapshot, version_label="v1", draft=False, for_pdf=True)
    assert "&lt;img src=&quot;http://example.com/x.png&quot;&gt;" in html
    assert '<img src="http://example.com' not in html and "<b>x</b>" not in html

    text = pdf_text(pdf.html_to_pdf(html, base_url=BASE))
    assert flat(EVIL) in flat(text)
    # The stylesheets are parsed from the app's own files; anything else asked for must be static or media.
    for url in fetched:
        assert url.startswith((f"{BASE}static/", f"{BASE}media/", "data:")), url


def test_mood_board_and_logo_come_from_media(documents, fetched):
    media = Path(settings.MEDIA_ROOT)
    (media / "mood" / "9").mkdir(parents=True)
    (media / "agency-logos").mkdir(parents=True)
    (media / "mood" / "9" / "morning light.png").write_bytes(png_bytes((120, 80), "#d9b38c"))
    (media / "agency-logos" / "logo.png").write_bytes(png_bytes((60, 20), "#1d3557"))
    snapshot = copy.deepcopy(documents["en"].snapshot)
    snapshot["meta"]["agency_logo"] = "agency-logos/logo.png"
    snapshot["parts"]["strategies.moodimage"] = [
        {"_id": 1, "image": {"name": "mood/9/morning light.png"}, "caption": "Morning light"}
    ]

    text = pdf_text(rendering.render_document_pdf(snapshot, version_label="v1"))
    assert f"{BASE}media/mood/9/morning%20light.png" in fetched
    assert f"{BASE}media/agency-logos/logo.png" in fetched
    assert "Morning light" in text


def test_charts_fall_back_to_a_placeholder(documents, monkeypatch):
    monkeypatch.setattr(charts, "chart_svg", lambda fig: None)
    data = rendering.render_document_pdf(documents["en"].snapshot, version_label="v1")
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert text.count("Chart unavailable:") == 3
    assert flat("Chart unavailable: Total reach (sum of post and ad reach) by platform") in flat(text)
    # The browser preview needs no export: its charts are interactive plotly.js divs.
    preview = rendering.render_document_html(documents["en"].snapshot, version_label="v1", draft=False, for_pdf=False)
    assert preview.count('class="plotly-graph-div"') == 3 and "doc-chart-missing" not in preview


def test_preview_html_is_a_scoped_fragment(documents):
    html = rendering.render_document_html(documents["ru"].snapshot, version_label="v1", draft=True, for_pdf=False)
    assert "<html" not in html and "<body" not in html
    assert 'class="strategy-doc"' in html
    assert "document-print.css" not in html
    assert "Кофейня «Северное зерно»" in html


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/x.png",
        "file:///etc/passwd",
        f"{BASE}static/../../etc/passwd",
        f"{BASE}static/%2e%2e/%2e%2e/etc/passwd",
        f"{BASE}media/../x",
        f"{BASE}media/..%2fx",
        f"{BASE}admin/login/",
        f"{BASE}static/documents/missing.css",
        "ftp://example.com/x",
        f"{pdf.RESOURCE_SCHEME}:not-handed-over.svg",
    ],
)
def test_fetcher_refuses_anything_but_static_and_media(url):
    fetcher = pdf.DocumentURLFetcher(BASE)
    with pytest.raises(pdf.ResourceRefused):
        fetcher.fetch(url)
    with pytest.raises(URLFetchingError), fetch(fetcher, url):  # how WeasyPrint sees it: the resource is skipped
        pass


def test_fetcher_serves_static_media_and_data():
    fetcher = pdf.DocumentURLFetcher(BASE)
    with fetch(fetcher, f"{BASE}static/documents/document.css") as response:
        assert response.content_type == "text/css"
        assert b".strategy-doc" in response.read()

    media = Path(settings.MEDIA_ROOT) / "mood" / "1"
    media.mkdir(parents=True)
    (media / "photo.png").write_bytes(b"\x89PNG fake")
    with fetch(fetcher, f"{BASE}media/mood/1/photo.png") as response:
        assert response.read() == b"\x89PNG fake"

    static_file = Path(settings.STATICFILES_DIRS[0]) / "documents" / "document.css"
    with fetch(fetcher, static_file.as_uri()) as response:
        assert response.read().startswith(b"/*")

    with fetch(fetcher, "data:text/plain;base64,aGk=") as response:
        assert response.read() == b"hi"


def test_rendering_stops_at_the_time_limit(monkeypatch):
    monkeypatch.setattr(pdf, "RENDER_TIME_LIMIT", 1)

    def slow_chart() -> tuple[bytes, str]:
        time.sleep(5)
        return b"<svg/>", "image/svg+xml"

    url = f"{pdf.RESOURCE_SCHEME}:slow.svg"
    started = time.monotonic()
    with pytest.raises(pdf.PdfError, match="longer than 1 s"):
        pdf.html_to_pdf(f'<p>x</p><img src="{url}">', base_url=BASE, resources={url: slow_chart})
    assert time.monotonic() - started < 4


def test_management_command_writes_a_pdf(tmp_path, monkeypatch):
    monkeypatch.setattr(charts, "chart_svg", lambda fig: None)
    ru, _en = seed_demo_strategies(seed_demo_accounts())
    out = tmp_path / "strategy.pdf"
    output = StringIO()
    call_command("render_strategy_pdf", str(ru.pk), "--out", str(out), "--draft", stdout=output, stderr=StringIO())
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in output.getvalue()


def test_management_command_refuses_a_missing_strategy(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("render_strategy_pdf", "987654", "--out", str(tmp_path / "x.pdf"))
