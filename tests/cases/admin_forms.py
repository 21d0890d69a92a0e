"""Fill in an admin change form the way a browser would submit it unchanged."""

from django.db.models import Model


def _value(bound_field):
    value = bound_field.field.prepare_value(bound_field.value())
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return [str(item.pk if isinstance(item, Model) else item) for item in value]
    return str(value)


def change_form_data(response):
    """The POST data of the admin change page in `response`, with its inlines."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for bound_field in form:
            value = _value(bound_field)
            if value is not None:
                data[bound_field.html_name] = value
    return data
