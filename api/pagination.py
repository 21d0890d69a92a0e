from django.conf import settings
from django.core.paginator import InvalidPage
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

# Far past the last page of any catalogue this size (2,000 pages of 50 at 100,000 cases), and
# stated in the schema, so a client knows the bound before it asks.
MAX_PAGE = 100_000


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's page-number pagination, with a 400 that says what was wrong with `page`.

    It hands the view the page as a lazy queryset slice (not a list), so the case list can read
    it through the export's record builder.
    """

    def get_page_size(self, request):
        return settings.API_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        raw = request.query_params.get(self.page_query_param) or "1"
        try:
            number = int(str(raw)[:12])
        except ValueError:
            raise ValidationError({"page": ["The page number must be a whole number."]}) from None
        if number < 1:
            raise ValidationError({"page": ["Page numbers start at 1."]})
        if number > MAX_PAGE:
            raise ValidationError({"page": [f"Page numbers go up to {MAX_PAGE}."]})
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise ValidationError(
                {"page": [f"There is no page {number}; the last page is {paginator.num_pages}."]}
            ) from None
        return self.page.object_list

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1, maximum=MAX_PAGE)
        return parameters
