"""``{% field_row field %}``: one form field laid out like crispy's (label, widget, errors, warnings, help).

Written in Python rather than as an included template: a stage page lays out up
to ~70 fields, and an ``{% include %}`` per field was a fifth of its server time.

    {% load form_fields %}
    {% field_row form.title %}
    {% field_row field hide_label=True wrapper_class="mb-0" %}   {# inside tables #}

Errors are shown unless the page says ``show_errors`` is false (a row just added
or removed is not judged yet). Plausibility warnings (``smmplanner.plausibility``)
are always shown: they are notes about a value, not a judgement that stops the save.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

INLINE_CHOICES = {"checkboxselectmultiple", "radioselect"}


@register.simple_tag(takes_context=True)
def field_row(context, field, *, wrapper_class: str = "", hide_label: bool = False):
    if field.is_hidden:
        return conditional_escape(field)
    kind = field.widget_type
    parts = []
    if kind == "checkbox":
        parts.append(
            format_html('{}<label class="form-check-label" for="{}">{}</label>', field, field.id_for_label, field.label)
        )
    else:
        if not hide_label:
            required = field.field.required
            parts.append(
                format_html(
                    '<label class="form-label{}" for="{}">{}{}</label>',
                    " requiredField" if required else "",
                    field.id_for_label,
                    field.label,
                    mark_safe('<span class="asteriskField">*</span>') if required else "",
                )
            )
        if kind in INLINE_CHOICES:
            parts.append(format_html('<div class="inline-choices">{}</div>', field))
        else:
            parts.append(conditional_escape(field))
    if context.get("show_errors") is not False:
        parts.extend(format_html('<div class="invalid-feedback d-block">{}</div>', error) for error in field.errors)
    warnings = getattr(field.form, "plausibility_warnings", None)  # smmplanner.plausibility.PlausibilityMixin
    if warnings is not None:
        parts.extend(
            format_html('<div class="form-text text-warning-emphasis plausibility-warning">⚠ {}</div>', warning)
            for warning in warnings().get(field.name, ())
        )
    if field.help_text and not hide_label:
        parts.append(format_html('<div class="form-text">{}</div>', field.help_text))
    classes = (wrapper_class or "mb-3") + (" form-check" if kind == "checkbox" else "")
    return format_html('<div class="{}">{}</div>', classes, format_html_join("", "{}", ((part,) for part in parts)))
