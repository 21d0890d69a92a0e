"""The self-assessment form: one four-point answer per active statement, read from GET."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.choices import Region

from .models import AskerLevel, Score
from .profile import Profile

# Parameters that look like a statement's (s<id>), known or not.
STATEMENT_PARAMETER = re.compile(r"^s[0-9]+$")


class AssessmentForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Your region (optional)"),
        choices=[("", _("Any region")), *Region.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a region from the list.")},
    )
    level = forms.ChoiceField(
        label=_("The level you work at (optional)"),
        choices=[("", _("Any level")), *AskerLevel.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a level from the list.")},
    )

    def __init__(self, data=None, *, statements, **kwargs):
        super().__init__(data, **kwargs)
        self.statements = statements
        for statement in statements:
            self.fields[statement.field_name] = forms.TypedChoiceField(
                label=statement.text,
                choices=Score.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose an answer for this statement."),
                    # The value is not repeated: it may be anything a forged address holds.
                    "invalid_choice": _("Choose one of the four answers."),
                },
            )

    @classmethod
    def prefilled(cls, query, *, statements):
        """An unbound form showing the valid answers of `query` (from "Change my answers")."""
        form = cls(statements=statements)
        initial = {}
        for name, field in form.fields.items():
            value = query.get(name, "")[:40]
            if value and value in {str(key) for key, _label in field.choices}:
                initial[name] = value
        form.initial = initial
        return form

    def clean(self):
        cleaned = super().clean()
        unknown = [
            key for key in self.data if STATEMENT_PARAMETER.match(key) and key not in self.fields
        ]
        if unknown:
            shown = ", ".join(key[:12] for key in unknown[:5])
            raise ValidationError(
                ngettext(
                    "The address names a statement that is not asked (%(names)s). "
                    "Start again from the form.",
                    "The address names statements that are not asked (%(names)s). "
                    "Start again from the form.",
                    len(unknown),
                )
                % {"names": shown}
            )
        return cleaned

    def pillar_groups(self):
        """[(pillar, [bound field, ...])] in the catalogue's order of pillars."""
        groups = {}
        for statement in self.statements:
            groups.setdefault(statement.pillar, []).append(self[statement.field_name])
        return list(groups.items())

    def error_count(self):
        return sum(len(errors) for errors in self.errors.values())

    def profile(self):
        """The answers as a Profile; only for a valid form."""
        answers = {
            statement: self.cleaned_data[statement.field_name] for statement in self.statements
        }
        level = self.cleaned_data.get("level")
        return Profile.from_answers(
            answers,
            region=self.cleaned_data.get("region") or None,
            level=AskerLevel(level) if level else None,
        )
