"""Hints for the OpenAPI schema where drf-spectacular cannot see the types by itself."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cases.listing.filters import KeyedMultipleChoiceFilter, YearFilter

# Pillars and countries are chosen by slug and ISO code: strings, not the models' integer keys.
extend_schema_field(OpenApiTypes.STR)(KeyedMultipleChoiceFilter)
# Years are whole numbers in the range the filter accepts (and the model's year validators).
extend_schema_field(
    {"type": "integer", "minimum": YearFilter.MIN_YEAR, "maximum": YearFilter.MAX_YEAR}
)(YearFilter)
