"""The project's form rendering: ``{{ form }}`` and ``{{ field.as_field_group }}`` draw every
field the same way (label, widget, help text, errors), instead of hand-written partials."""

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    # A form: its closed-period warning, its own errors, then each field's group.
    form_template_name = "core/forms/form.html"
    # A field: label, widget, help text and errors in one row; Django links the help text and
    # the errors to the widget through aria-describedby.
    field_template_name = "core/forms/field.html"


class PortalFormRenderer(FormRenderer):
    """The citizen portal marks required fields with "*" and writes no label suffix."""

    field_template_name = "portal/includes/field.html"
