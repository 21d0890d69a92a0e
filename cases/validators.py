import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A takeaway is one line; the admin form and the import both hold it to this.
MAX_LINE_LENGTH = 600


def validate_iso_country_code(value):
    """Accept only ISO 3166-1 alpha-2 codes that are currently assigned (e.g. UG, FI)."""
    if not (isinstance(value, str) and len(value) == 2 and value.isascii() and value.isupper()):
        raise ValidationError(
            _("Enter a two-letter ISO 3166-1 code in capitals, such as UG."), code="format"
        )
    if pycountry.countries.get(alpha_2=value) is None:
        raise ValidationError(
            _("%(value)s is not an ISO 3166-1 country code."),
            code="unknown",
            params={"value": value},
        )
