from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _


@dataclass
class PageResult:
    page: Page
    error: str = ""


def paginate(object_list, raw_number, *, per_page):
    """The requested page, or the nearest real one with an explanation of what was wrong."""
    paginator = Paginator(object_list, per_page)
    if raw_number in (None, ""):
        return PageResult(paginator.page(1))
    try:
        number = int(str(raw_number)[:12])
    except ValueError:
        return PageResult(paginator.page(1), _("The page number must be a whole number."))
    if number < 1:
        return PageResult(paginator.page(1), _("Page numbers start at 1."))
    if number > paginator.num_pages:
        return PageResult(
            paginator.page(paginator.num_pages),
            _("There is no page %(number)s; this is the last page, %(last)s.")
            % {"number": number, "last": paginator.num_pages},
        )
    return PageResult(paginator.page(number))
