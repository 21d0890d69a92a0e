"""Which cases a briefing pack holds, in which order, and how its cover describes them.

A pack starts from one of four places; each reads its request the way its page does: the
case list through the one FilterSet, /compare/ through its slugs, one case page, or a
self-assessment result through the assessment's own form.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _

from assessment.forms import AssessmentForm
from assessment.models import Statement
from assessment.recommendations import recommend, recommended_ids
from cases.listing.filters import CaseFilter
from cases.models import Case
from cases.views.explore import MAX_COMPARED, SLUG, requested_slugs


@dataclass
class Selection:
    ids: list
    title: str
    description: list
    filename_stem: str
    profile: object = None
    recommendations: list = field(default_factory=list)


class SelectionError(Exception):
    """The request cannot make a pack; `errors` are (label, message) pairs for the page."""

    def __init__(self, errors, *, back_url=None):
        super().__init__(errors)
        self.errors, self.back_url = errors, back_url


class TooManyCases(Exception):
    def __init__(self, count, *, query):
        super().__init__(count)
        self.count, self.query = count, query


def from_case_list(request):
    case_filter = CaseFilter.published(request.GET)
    if not case_filter.is_valid():
        raise SelectionError(case_filter.error_messages())
    queryset = case_filter.qs
    limit = settings.BRIEFING_MAX_CASES
    ids = list(queryset.values_list("pk", flat=True)[: limit + 1])
    if len(ids) > limit:
        raise TooManyCases(queryset.count(), query=case_filter.query_string())
    chips = [chip.label for chip in case_filter.active_filters()]
    return Selection(
        ids=ids,
        title=_("Cases from the catalogue"),
        description=chips or [_("All published cases, without filters.")],
        filename_stem=case_filter.filename_stem().replace("nlc-cases", "nlc-briefing", 1),
    )


def from_compare(request):
    slugs = requested_slugs(request)
    errors = []
    if not slugs:
        errors.append((_("Cases"), _("Choose the cases to compare first.")))
    if len(slugs) > MAX_COMPARED:
        errors.append((_("Cases"), _("At most three cases can be compared.")))
    valid = [slug for slug in slugs[:MAX_COMPARED] if SLUG.match(slug)]
    found = dict(Case.objects.published().filter(slug__in=valid).values_list("slug", "pk"))
    for slug in slugs[:MAX_COMPARED]:
        if slug not in found:
            errors.append(
                (_("Cases"), _("“%(slug)s” is not a published case.") % {"slug": slug[:60]})
            )
    if errors:
        raise SelectionError(errors)
    return Selection(
        ids=[found[slug] for slug in slugs],
        title=_("Compared cases"),
        description=[_("The cases chosen on the comparison page.")],
        filename_stem="nlc-briefing_compare",
    )


def from_case(slug):
    pk = Case.objects.published().filter(slug=slug).values_list("pk", flat=True).first()
    if pk is None:
        raise Http404("No published case has this address.")
    return Selection(
        ids=[pk],
        title=_("One case from the catalogue"),
        description=[],
        filename_stem=f"nlc-briefing_{slug}"[:150],
    )


def from_assessment(request):
    form = AssessmentForm(request.GET, statements=list(Statement.objects.asked()))
    if not form.is_valid():
        errors = [(_("Answers"), error) for error in form.non_field_errors()]
        if form.error_count() > len(errors):
            errors.append((_("Answers"), _("Some statements have no valid answer.")))
        raise SelectionError(errors, back_url="assessment")
    profile = form.profile()
    recommendations = recommend(profile)
    description = [
        _("%(pillar)s: %(percent)s%% of the highest score")
        % {"pillar": score.pillar.name, "percent": score.percent}
        for score in profile.scores
    ]
    if profile.weakest:
        names = ", ".join(score.pillar.name for score in profile.weakest)
        description.append(_("Weakest pillars: %(names)s") % {"names": names})
    return Selection(
        ids=recommended_ids(recommendations),
        title=_("Self-assessment result"),
        description=description,
        filename_stem="nlc-briefing_self-assessment",
        profile=profile,
        recommendations=recommendations,
    )
