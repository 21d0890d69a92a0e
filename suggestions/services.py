import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from cases.models import Case, Source
from cases.services.workflow import case_trash

from .models import Suggestion


def _unique_slug(title):
    base = slugify(title)[:180] or "suggested-case"
    slug, number = base, 1
    while Case.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def suggestion_submit(*, title, country, description, pillars, source_url, name, email):
    """A visitor's suggestion becomes a draft case, with who sent it kept apart."""
    with reversion.create_revision(atomic=False):
        case = Case.objects.create(
            title=title,
            slug=_unique_slug(title),
            summary=description,
            status=Case.Status.DRAFT,
        )
        case.countries.set([country])
        case.pillars.set(pillars)
        Source.objects.create(
            case=case, title="Source given by the person who suggested the case", url=source_url
        )
        reversion.set_comment("Suggested through the public form.")
    return Suggestion.objects.create(case=case, name=name, email=email)


def suggestion_moderate(*, suggestions, accept, user):
    """Accept (the draft stays for curators) or reject (the draft goes to the trash)."""
    changed = 0
    with transaction.atomic():
        for suggestion in suggestions.waiting().select_related("case"):
            if not accept:
                case_trash(case=suggestion.case, user=user)
            suggestion.state = Suggestion.State.ACCEPTED if accept else Suggestion.State.REJECTED
            suggestion.moderated = timezone.now()
            suggestion.save(update_fields=["state", "moderated"])
            changed += 1
    return changed
