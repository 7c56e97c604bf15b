"""The document's targets as a client reads them: named variants, whole numbers, goals and scenarios."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal

import pytest

from documents.rendering import render_document_pdf
from documents.snapshot import document_snapshot
from metrics.models import Scenario
from metrics.services import run_forecast

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode().replace("\u00a0", " ")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_pdf_names_each_variant_and_shows_whole_numbers(book_cafe, language):
    from django.utils import translation

    book_cafe.language = language
    book_cafe.save()
    Scenario.objects.create(strategy=book_cafe, name="Минимум", budget_percent=Decimal(70))
    Scenario.objects.create(strategy=book_cafe, name="Амбициозный", budget_percent=Decimal(180), is_plan=True)
    assert run_forecast(book_cafe.pk, generation=0) == "computed"
    text = pdf_text(render_document_pdf(document_snapshot(book_cafe), version_label="v1"))
    with translation.override(language):
        names = [
            translation.gettext(s)
            for s in (
                "People reached (unique)",
                "Total reach (sum of post and ad reach)",
                "CPL (ads)",
                "Cost per lead, all-in",
                "Goals against the forecast",
                "Scenarios",
                "Not reachable: the audience saturates at %(n)s.",
            )
        ]
    for name in names[:-1]:
        assert flat(name) in flat(text), name
    assert flat(names[-1].split("%(n)s")[0]) in flat(text)
    assert "Минимум" in text and "Амбициозный" in text
    # money in whole roubles, counts whole: no kopecks and no fractional leads anywhere in the document
    assert not re.search(r"\d[.,]\d{1,2} ?₽", text)
    leads_rows = [line for line in text.splitlines() if re.match(r"^(Leads|Лиды)\b", line)]
    assert leads_rows and not any(re.search(r"\d[.,]\d", line) for line in leads_rows)


def test_months_inside_a_russian_phrase_are_written_small(book_cafe):
    book_cafe.language = "ru"
    book_cafe.save()
    run_forecast(book_cafe.pk, generation=0)
    text = flat(pdf_text(render_document_pdf(document_snapshot(book_cafe), version_label="v1")))
    assert flat("январь 2027 – июнь 2027") in text  # the period inside a sentence
    assert flat("Январь 2027 – июнь 2027") in text  # on the cover, where the line begins
    assert flat("Январь 2027 – Июнь 2027") not in text


def test_sections_are_numbered_as_the_wizard_numbers_its_stages(book_cafe):
    from strategies.stages import all_stages

    book_cafe.language = "ru"
    book_cafe.save()
    text = pdf_text(render_document_pdf(document_snapshot(book_cafe), version_label="v1"))
    usp = next(stage for stage in all_stages() if stage.key == "usp")
    position = all_stages().index(usp) + 1
    assert re.search(rf"^{position}\s+УТП\s*$", text, re.M)  # USP is stage 6 in the wizard, and section 6 here
    assert "Подписчи-" not in text  # table headings are not hyphenated inside a word


@pytest.mark.parametrize("language", ["ru", "en"])
def test_russian_documents_mark_meta_networks_with_the_legal_note(book_cafe, language):
    book_cafe.language = language
    book_cafe.save()
    text = flat(pdf_text(render_document_pdf(document_snapshot(book_cafe), version_label="v1")))
    if language == "ru":
        assert "Instagram*" in text and "Instagram**" not in text
        assert flat("признана экстремистской организацией и запрещена на территории Российской Федерации") in text
    else:
        assert "Instagram*" not in text and "extremist" not in text


def page_text(path, page: int) -> str:
    command = ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True).stdout


def test_the_mood_board_heading_never_ends_a_page_alone(book_cafe, tmp_path, settings):
    from django.core.files.base import ContentFile

    from strategies.models import MoodImage, ToneOfVoice
    from tests.images import png_bytes

    settings.MEDIA_ROOT = str(tmp_path / "media")
    for index in range(4):
        image = MoodImage(strategy=book_cafe, caption=f"Полка {index}")
        image.image.save(f"mood-{index}.png", ContentFile(png_bytes((40, 30))), save=True)
    tone = ToneOfVoice.objects.create(strategy=book_cafe)
    # However much text comes before it, the heading shares its page with the first images.
    for lines in range(0, 48, 4):
        tone.example_phrases = "\n".join(f"Пример фразы номер {n}, чтобы сдвинуть мудборд" for n in range(lines))
        tone.save()
        path = tmp_path / f"doc-{lines}.pdf"
        path.write_bytes(render_document_pdf(document_snapshot(book_cafe), version_label="v1"))
        heading_pages = [page for page in range(1, 40) if "Mood board" in page_text(path, page)]
        listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
        image_pages = {int(line.split()[0]) for line in listing.splitlines()[2:] if line.split()[2] == "image"}
        assert heading_pages and heading_pages[0] in image_pages, (lines, heading_pages, sorted(image_pages))
