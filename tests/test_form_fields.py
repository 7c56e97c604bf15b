"""``{% field_row %}`` lays a field out as the forms expect: label, widget, errors, help."""

from __future__ import annotations

from django import forms
from django.template import Context, Template


class Sample(forms.Form):
    title = forms.CharField(help_text="Shown <b>once</b>")
    notes = forms.CharField(required=False)
    agree = forms.BooleanField(label="I agree")
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    kinds = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)


def render(source: str, **context) -> str:
    return Template("{% load form_fields %}" + source).render(Context(context))


def test_a_required_field_has_its_label_marker_widget_and_escaped_help():
    html = render("{% field_row form.title %}", form=Sample())
    assert html.startswith('<div class="mb-3"><label class="form-label requiredField" for="id_title">Title')
    assert '<span class="asteriskField">*</span>' in html
    assert 'name="title"' in html
    assert '<div class="form-text">Shown &lt;b&gt;once&lt;/b&gt;</div>' in html


def test_inside_a_table_the_label_and_help_are_left_out():
    html = render('{% field_row form.title hide_label=True wrapper_class="mb-0" %}', form=Sample())
    assert html.startswith('<div class="mb-0"><input')
    assert "<label" not in html and "form-text" not in html


def test_a_checkbox_has_its_label_after_it_and_choices_are_inline():
    form = Sample()
    checkbox = render("{% field_row form.agree %}", form=form)
    assert checkbox.startswith('<div class="mb-3 form-check"><input type="checkbox"')
    assert checkbox.endswith('<label class="form-check-label" for="id_agree">I agree</label></div>')
    assert '<div class="inline-choices">' in render("{% field_row form.kinds %}", form=form)


def test_errors_show_unless_the_page_says_not_yet():
    form = Sample(data={"title": "", "agree": ""})
    assert 'class="invalid-feedback d-block">This field is required.' in render("{% field_row form.title %}", form=form)
    quiet = render("{% field_row form.title %}", form=form, show_errors=False)
    assert "invalid-feedback" not in quiet


def test_a_hidden_field_is_only_its_input():
    assert render("{% field_row form.secret %}", form=Sample()) == (
        '<input type="hidden" name="secret" id="id_secret">'
    )
