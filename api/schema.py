"""Hints for the OpenAPI schema where drf-spectacular cannot see the types by itself."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cases.listing.filters import KeyedMultipleChoiceFilter

# Pillars and countries are chosen by slug and ISO code: strings, not the models' integer keys.
extend_schema_field(OpenApiTypes.STR)(KeyedMultipleChoiceFilter)
