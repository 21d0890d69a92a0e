import re

from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from cases.exports.provenance import permalink_prefix
from cases.exports.records import case_record, case_records
from cases.listing.filters import CaseFilter
from cases.models import (
    Actor,
    Case,
    CaseActor,
    Country,
    NationalFramework,
    pillars_with_case_counts,
)
from core.languages import UnknownLanguage, requested_language
from pillars.models import Pillar
from releases.models import Release

from . import schema, serializers  # noqa: F401  (schema hints)

ERRORS = {
    400: OpenApiResponse(serializers.ErrorSerializer, description="Invalid parameters."),
    404: OpenApiResponse(serializers.ErrorSerializer, description="No such object."),
    429: OpenApiResponse(serializers.ErrorSerializer, description="Too many requests."),
}


def list_responses(serializer):
    return {200: serializer(many=True), 400: ERRORS[400], 429: ERRORS[429]}


def detail_responses(serializer):
    return {200: serializer, 404: ERRORS[404], 429: ERRORS[429]}


class LanguageMixin:
    """Answers in the language of `?lang=` or else Accept-Language (the API has no URL prefix),
    saying which in Content-Language; an unknown `?lang=` is a 400."""

    def initial(self, request, *args, **kwargs):
        try:
            self.language = requested_language(request, use_accept_language=True)
        except UnknownLanguage as error:
            raise ValidationError({"lang": [str(error)]}) from None
        # Names read through the translated fields (pillars') follow the active language.
        translation.activate(self.language)
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "language", None):
            response["Content-Language"] = self.language
        return response


class KeyLookupMixin:
    """Look objects up by a slug or code, answering 404 in JSON for any other text.

    Every path segment reaches the view (so a bad one gets the API's JSON 404 rather than the
    site's HTML page), but only slug-shaped keys reach the database: PostgreSQL rejects
    NUL bytes with an error that would otherwise be a 500.
    """

    lookup_value_regex = r"[^/]+"
    key_pattern = re.compile(r"[-A-Za-z0-9_]{1,200}")

    def lookup_key(self):
        key = self.kwargs[self.lookup_field]
        if not self.key_pattern.fullmatch(key):
            raise self.not_found(key)
        return key

    def not_found(self, key):
        return NotFound(f"There is no {self.basename} “{key[:100]}” in the public catalogue.")

    def get_object(self):
        key = self.lookup_key()
        try:
            return super().get_object()
        except Http404:
            raise self.not_found(key) from None


def published_count(relation):
    return published_count_via(relation, f"{relation}__")


def published_count_via(relation, case_prefix):
    return Count(relation, filter=Case.published_q(case_prefix), distinct=True)


@extend_schema_view(
    list=extend_schema(
        summary="Published cases, filtered like the /cases/ list",
        responses=list_responses(serializers.CaseSerializer),
    ),
    retrieve=extend_schema(
        summary="One published case by slug",
        responses={
            **detail_responses(serializers.CaseSerializer),
            301: OpenApiResponse(description="The case was renamed; see Location."),
        },
    ),
)
class CaseViewSet(LanguageMixin, KeyLookupMixin, viewsets.ReadOnlyModelViewSet):
    """Cases are read as export records: one query for the page, four for its relations."""

    serializer_class = serializers.CaseSerializer
    filterset_class = CaseFilter
    lookup_field = "slug"

    def get_queryset(self):
        return Case.objects.published()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        records = case_records(
            page, permalink_prefix=permalink_prefix(request), language=self.language
        )
        return self.get_paginated_response(list(records))

    def retrieve(self, request, *args, **kwargs):
        slug = self.lookup_key()
        cases = self.get_queryset().filter(slug=slug)
        record = case_record(
            cases, permalink_prefix=permalink_prefix(request), language=self.language
        )
        if record is None:
            renamed = Case.objects.published().renamed_from(slug)
            if renamed is not None:
                return redirect("api:case-detail", slug=renamed.slug, permanent=True)
            raise NotFound(f"There is no published case “{slug[:100]}”.")
        return Response(record)


@extend_schema_view(
    list=extend_schema(
        summary="The pillars", responses=list_responses(serializers.PillarSerializer)
    ),
    retrieve=extend_schema(
        summary="One pillar by slug", responses=detail_responses(serializers.PillarSerializer)
    ),
)
class PillarViewSet(LanguageMixin, KeyLookupMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PillarSerializer
    filter_backends = []
    lookup_field = "slug"

    def get_queryset(self):
        return pillars_with_case_counts(Pillar.objects.all())


@extend_schema_view(
    list=extend_schema(
        summary="Countries with published cases",
        responses=list_responses(serializers.CountrySerializer),
    ),
    retrieve=extend_schema(
        summary="One country by ISO code",
        responses=detail_responses(serializers.CountrySerializer),
    ),
)
class CountryViewSet(LanguageMixin, KeyLookupMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.CountrySerializer
    filter_backends = []
    lookup_field = "code"

    def get_queryset(self):
        return (
            Country.objects.annotate(case_count=published_count("cases"))
            .filter(case_count__gt=0)
            .select_related(*NationalFramework.FROM_COUNTRY)
            .order_by("name", "code")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Actors in published cases", responses=list_responses(serializers.ActorSerializer)
    ),
    retrieve=extend_schema(
        summary="One actor by slug", responses=detail_responses(serializers.ActorSerializer)
    ),
)
class ActorViewSet(LanguageMixin, KeyLookupMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ActorSerializer
    filter_backends = []
    lookup_field = "slug"

    def get_queryset(self):
        # An actor known only from drafts stays unpublished with them.
        public_links = CaseActor.objects.filter(Case.published_q("case__")).values("actor_id")
        return (
            Actor.objects.filter(pk__in=public_links)
            .select_related("country")
            .annotate(case_count=published_count_via("case_links", "case_links__case__"))
            .order_by("name", "slug")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Data releases, newest first",
        responses=list_responses(serializers.ReleaseSerializer),
    ),
    retrieve=extend_schema(
        summary="One release by name, with its files",
        responses=detail_responses(serializers.ReleaseSerializer),
    ),
)
class ReleaseViewSet(KeyLookupMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ReleaseSerializer
    filter_backends = []
    lookup_field = "name"
    key_pattern = re.compile(r"[-A-Za-z0-9._]{1,40}")

    def get_queryset(self):
        return Release.objects.newest_first().without_changelog().prefetch_related("files")
