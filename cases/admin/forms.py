from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, LANGUAGES_BIDI, localized

from ..models import Case
from ..models.translations import TEXT_FIELDS
from ..services.workflow import can_set_status
from ..validators import MAX_LINE_LENGTH


class LinesField(forms.CharField):
    """A list of strings edited as text, one item per line."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        super().validate(value)
        too_long = [line for line in value if len(line) > MAX_LINE_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("Keep each line under %(limit)s characters; one has %(length)s.")
                % {"limit": MAX_LINE_LENGTH, "length": len(too_long[0])}
            )


class TextField(forms.CharField):
    """Text as a browser sends it, with its line breaks as the catalogue stores them.

    A browser submits a textarea's line breaks as CRLF. Counted that way, a summary that an
    import stored at the limit would be refused on its first save in the admin.
    """

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


def takeaways_field(language):
    """The takeaways box of one language, marked as modeltranslation marks the fields it makes
    itself, so the admin's language tabs group it with the title, summary and body."""
    column = localized("takeaways", language)
    classes = ["mt", f"mt-field-takeaways-{language}"]
    classes += ["mt-bidi"] if language in LANGUAGES_BIDI else []
    classes += ["mt-default"] if language == DEFAULT_LANGUAGE else []
    return LinesField(
        required=False,
        label=Case.field_label(column),
        help_text=_("Lessons for NLC, one per line."),
        widget=forms.Textarea(attrs={"rows": 5, "class": " ".join(classes)}),
    )


class CaseAdminForm(forms.ModelForm):
    takeaways_en = takeaways_field("en")
    takeaways_fr = takeaways_field("fr")
    takeaways_ar = takeaways_field("ar")
    # The version the editor started from; a save from an older one is refused.
    lock_version = forms.IntegerField(
        label=_("version you started from"), widget=forms.HiddenInput, required=False
    )
    user = None  # set by CaseAdmin.get_form for the request's user

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lock_version"].initial = self.instance.version
        # Arabic is written right to left, in its own boxes too.
        for name, field in self.fields.items():
            if name.rpartition("_")[2] in LANGUAGES_BIDI:
                field.widget.attrs["dir"] = "rtl"

    def clean_status(self):
        old = self.instance.status if self.instance.pk else None
        new = self.cleaned_data["status"]
        if self.user is not None and not can_set_status(self.user, old=old, new=new):
            raise forms.ValidationError(
                _(
                    "Only editors can publish, archive or unpublish a case. "
                    "Choose Draft or In review, and an editor will publish it."
                )
            )
        return new

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._check_version(cleaned.get("lock_version"))
        return cleaned

    def _check_version(self, started_from):
        # The admin saves inside a transaction: locking the row here makes a second,
        # simultaneous save wait for this one and then see its new version number.
        current = (
            Case.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if started_from == current:
            return
        latest = Version.objects.get_for_object(self.instance).select_related("revision__user")
        latest = latest.first()
        who = _("Someone else")
        if latest and latest.revision.user:
            stamp = timezone.localtime(latest.revision.date_created)
            who = _("%(user)s (at %(time)s on %(date)s)") % {
                "user": latest.revision.user.get_username(),
                "time": f"{stamp:%H:%M:%S}",
                "date": date_format(stamp, "j F"),
            }
        url = reverse("admin:cases_case_change", args=[self.instance.pk])
        message = _(
            "%(who)s saved this case while you were editing it, so your changes were not saved "
            'and nothing was overwritten. <a href="%(url)s" target="_blank" rel="noopener">Open '
            "the newer version</a> in a new tab, then make your changes there again (your text "
            "is still in this form to copy from)."
        ) % {"who": conditional_escape(who), "url": conditional_escape(url)}
        # The link is the catalogue's own markup; the user name and address were escaped.
        raise forms.ValidationError(mark_safe(message), code="stale")

    class Meta:
        model = Case
        fields = [
            "title",
            "slug",
            "status",
            "countries",
            "pillars",
            "start_year",
            "start_month",
            "end_year",
            "end_month",
            "original_language",
            *(localized(name, code) for name in TEXT_FIELDS for code in LANGUAGE_CODES),
        ]
        widgets = {"pillars": forms.CheckboxSelectMultiple}
        field_classes = {
            localized(name, code): TextField
            for name in ("summary", "body")
            for code in LANGUAGE_CODES
        }


class CaseImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or XLSX with the columns of the CSV export, or a JSON export."),
    )
    status = forms.ChoiceField(
        label=_("Status of new cases"),
        choices=[
            (Case.Status.DRAFT, Case.Status.DRAFT.label),
            (Case.Status.REVIEW, Case.Status.REVIEW.label),
            (Case.Status.PUBLISHED, _("Published (editors only)")),
        ],
        initial=Case.Status.DRAFT,
        help_text=_(
            "Cases already in the catalogue (same slug) are updated and keep their status."
        ),
    )
