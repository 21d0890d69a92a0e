"""The catalogue's models; see the README's Architecture section for the map."""

from .case import Case, CaseCountry, CasePillar, CaseQuerySet, pillars_with_case_counts
from .links import CaseActor, CaseSlugHistory, RelatedCaseOverride, Source
from .national import NationalFramework, Publication
from .reference import Actor, Country
from .search import ArabicFullTextEntry, FrenchFullTextEntry, FullTextEntry, SearchDocument
from .translations import CaseText, CaseTranslation

__all__ = [
    "Actor",
    "ArabicFullTextEntry",
    "Case",
    "CaseActor",
    "CaseCountry",
    "CasePillar",
    "CaseQuerySet",
    "CaseSlugHistory",
    "CaseText",
    "CaseTranslation",
    "Country",
    "FrenchFullTextEntry",
    "FullTextEntry",
    "NationalFramework",
    "Publication",
    "RelatedCaseOverride",
    "SearchDocument",
    "Source",
    "pillars_with_case_counts",
]


def register_history():
    """History (django-reversion). A case's version holds its fields (every language's text),
    countries and pillars, and follows its actor links, sources, translation reviews and pinned
    or hidden related cases, so one revision restores the case whole.

    Called from CasesConfig.ready(): reversion lists a model's fields when it is registered, so
    this must run after django-modeltranslation has added title_fr, title_ar, ….
    """
    import reversion

    follows = {
        CaseActor: (),
        Source: (),
        CaseTranslation: (),
        RelatedCaseOverride: (),
        Case: ("case_actors", "sources", "translations", "related_overrides"),
        Actor: (),
        Country: (),
    }
    for model, follow in follows.items():
        # The admin's VersionAdmin registers the models it meets (earlier, without `follow`).
        if reversion.is_registered(model):
            reversion.unregister(model)
        reversion.register(model, follow=follow)
