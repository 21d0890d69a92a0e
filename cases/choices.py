"""The controlled vocabularies of the catalogue.

The values are stable identifiers used in URLs, exports and the API; the labels are what
people read. Order matters: it is the order lists and facets show.
"""

from django.db import models


class Region(models.TextChoices):
    EAST_SOUTHERN_AFRICA = "east-southern-africa", "East and Southern Africa"
    WEST_CENTRAL_AFRICA = "west-central-africa", "West and Central Africa"
    MENA = "mena", "Middle East and North Africa"
    EUROPE = "europe", "Europe"
    NORTH_AMERICA = "north-america", "North America"
    LATIN_AMERICA_CARIBBEAN = "latin-america-caribbean", "Latin America and the Caribbean"
    SOUTH_ASIA = "south-asia", "South Asia"
    SOUTHEAST_ASIA = "southeast-asia", "Southeast Asia"
    EAST_ASIA_PACIFIC = "east-asia-pacific", "East Asia and the Pacific"
    CENTRAL_ASIA = "central-asia", "Central Asia"


class Level(models.TextChoices):
    """The level at which an actor works, from the widest to the closest to residents."""

    INTERNATIONAL = "international", "International"
    NATIONAL = "national", "National"
    REGIONAL = "regional", "Regional, state or provincial"
    LOCAL = "local", "Local"
    COMMUNITY = "community", "Community"


class ActorKind(models.TextChoices):
    NATIONAL_AGENCY = "national_agency", "National ministry or agency"
    LOCAL_GOVERNMENT = "local_government", "Local government"
    REGIONAL_GOVERNMENT = "regional_government", "Regional or state government"
    CIVIL_SOCIETY = "civil_society", "Civil society"
    COMMUNITY_BODY = "community_body", "Community body"
    INTERNATIONAL_ORG = "international_org", "International organisation"
    POLICE_SECURITY = "police_security", "Police or security"
    RESEARCH_ACADEMIA = "research_academia", "Research or academia"
    NETWORK = "network", "Network"


MONTHS = [
    (1, "January"),
    (2, "February"),
    (3, "March"),
    (4, "April"),
    (5, "May"),
    (6, "June"),
    (7, "July"),
    (8, "August"),
    (9, "September"),
    (10, "October"),
    (11, "November"),
    (12, "December"),
]


def rank(choices, value):
    """Position of `value` in a TextChoices class, for sorting in the vocabulary's order."""
    return list(choices.values).index(value)
