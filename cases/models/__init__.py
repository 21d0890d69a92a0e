"""The catalogue's models; see the README's Architecture section for the map."""

import reversion

from .case import Case, CaseCountry, CasePillar, CaseQuerySet, pillars_with_case_counts
from .links import CaseActor, CaseSlugHistory, RelatedCaseOverride, Source
from .national import NationalFramework, Publication
from .reference import Actor, Country
from .search import FullTextEntry, SearchDocument

__all__ = [
    "Actor",
    "Case",
    "CaseActor",
    "CaseCountry",
    "CasePillar",
    "CaseQuerySet",
    "CaseSlugHistory",
    "Country",
    "FullTextEntry",
    "NationalFramework",
    "Publication",
    "RelatedCaseOverride",
    "SearchDocument",
    "Source",
    "pillars_with_case_counts",
]

# History (django-reversion). A case's version holds its fields, countries and pillars, and
# follows its actor links, sources and pinned or hidden related cases, so one revision
# restores the case whole.
reversion.register(CaseActor)
reversion.register(Source)
reversion.register(RelatedCaseOverride)
reversion.register(Case, follow=["case_actors", "sources", "related_overrides"])
reversion.register(Actor)
reversion.register(Country)
