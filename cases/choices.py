"""The controlled vocabularies of the catalogue.

The values are stable identifiers used in URLs, exports and the API; the labels are what
people read. Order matters: it is the order lists and facets show.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    EAST_SOUTHERN_AFRICA = "east-southern-africa", _("East and Southern Africa")
    WEST_CENTRAL_AFRICA = "west-central-africa", _("West and Central Africa")
    MENA = "mena", _("Middle East and North Africa")
    EUROPE = "europe", _("Europe")
    NORTH_AMERICA = "north-america", _("North America")
    LATIN_AMERICA_CARIBBEAN = "latin-america-caribbean", _("Latin America and the Caribbean")
    SOUTH_ASIA = "south-asia", _("South Asia")
    SOUTHEAST_ASIA = "southeast-asia", _("Southeast Asia")
    EAST_ASIA_PACIFIC = "east-asia-pacific", _("East Asia and the Pacific")
    CENTRAL_ASIA = "central-asia", _("Central Asia")


class Level(models.TextChoices):
    """The level at which an actor works, from the widest to the closest to residents."""

    INTERNATIONAL = "international", _("International")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional, state or provincial")
    LOCAL = "local", _("Local")
    COMMUNITY = "community", _("Community")


class ActorKind(models.TextChoices):
    NATIONAL_AGENCY = "national_agency", _("National ministry or agency")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    REGIONAL_GOVERNMENT = "regional_government", _("Regional or state government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    COMMUNITY_BODY = "community_body", _("Community body")
    INTERNATIONAL_ORG = "international_org", _("International organisation")
    POLICE_SECURITY = "police_security", _("Police or security")
    RESEARCH_ACADEMIA = "research_academia", _("Research or academia")
    NETWORK = "network", _("Network")


MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]


def rank(choices, value):
    """Position of `value` in a TextChoices class, for sorting in the vocabulary's order."""
    return list(choices.values).index(value)
