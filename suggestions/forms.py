from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Country, Source
from pillars.models import Pillar


class SuggestionForm(forms.Form):
    """A visitor's suggestion. The limits match the fields the suggestion is stored in."""

    title = forms.CharField(label=_("Title"), max_length=Case._meta.get_field("title").max_length)
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        to_field_name="code",
        empty_label=_("Choose a country"),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=Case._meta.get_field("summary").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What happened, who took part at national and local level, and what came of it. "
            "At most 2,000 characters."
        ),
    )
    pillars = forms.ModelMultipleChoiceField(
        label=_("Pillars"),
        queryset=Pillar.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which of the six pillars the case shows."),
    )
    source_url = forms.URLField(
        label=_("Link to a source"),
        max_length=Source._meta.get_field("url").max_length,
        assume_scheme="https",
        help_text=_("A report, article or page describing the case."),
    )
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        help_text=_(
            "Only the catalogue's staff see it, to ask you about the case. It is never published."
        ),
    )
    # A honeypot: hidden from people by CSS, filled in by bots that fill in every field.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{name}-help"

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
