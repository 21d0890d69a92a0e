from django import forms

from .models import Case

MAX_LINE_LENGTH = 600


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
                f"Keep each line under {MAX_LINE_LENGTH} characters; one has {len(too_long[0])}."
            )


class CaseAdminForm(forms.ModelForm):
    takeaways = LinesField(required=False, help_text="Lessons for NLC, one per line.")

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
            "summary",
            "body",
            "takeaways",
        ]
        widgets = {"pillars": forms.CheckboxSelectMultiple}
