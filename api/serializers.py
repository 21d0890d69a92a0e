"""What the API returns.

A case is the very record every export writes (cases.exports.records.case_records), so the API
and the downloads never disagree; CaseSerializer describes that record for the OpenAPI schema
and the tests check that the two stay in step.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.choices import ActorKind, Level, Region
from cases.models import Actor, Country
from cases.models.completeness import TOTAL, Criterion
from core.languages import LANGUAGE_CODES, Language, TranslationState
from pillars.models import Pillar


class CaseCountrySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2 code.")
    name = serializers.CharField()
    region = serializers.ChoiceField(choices=Region.choices)


class PeriodSerializer(serializers.Serializer):
    start_year = serializers.IntegerField(allow_null=True)
    start_month = serializers.IntegerField(allow_null=True, min_value=1, max_value=12)
    end_year = serializers.IntegerField(allow_null=True)
    end_month = serializers.IntegerField(allow_null=True, min_value=1, max_value=12)


class CasePillarSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class CaseActorSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=ActorKind.choices)
    level = serializers.ChoiceField(choices=Level.choices)
    role = serializers.CharField(allow_blank=True)


class CaseSourceSerializer(serializers.Serializer):
    title = serializers.CharField()
    publisher = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)
    published = serializers.DateField(allow_null=True)


class TranslationStatusSerializer(serializers.Serializer):
    """Per language: original, missing, unreviewed (not checked by a person) or reviewed."""

    def get_fields(self):
        return {
            code: serializers.ChoiceField(choices=TranslationState.choices)
            for code in LANGUAGE_CODES
        }


class TranslationTextSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True)
    summary = serializers.CharField(allow_blank=True)
    body = serializers.CharField(allow_blank=True)
    takeaways = serializers.ListField(child=serializers.CharField())


class CaseSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    language = serializers.ChoiceField(
        choices=Language.choices, help_text="The language asked for (?lang= or Accept-Language)."
    )
    text_language = serializers.ChoiceField(
        choices=Language.choices,
        help_text="The language the text is in: the original's when the translation is missing.",
    )
    original_language = serializers.ChoiceField(choices=Language.choices)
    translation_status = TranslationStatusSerializer()
    translations = serializers.DictField(
        child=TranslationTextSerializer(),
        help_text="Every other language's own text (empty where it has none), keyed by code.",
    )
    permalink = serializers.URLField(help_text="The case page; old slugs redirect to it.")
    countries = CaseCountrySerializer(many=True)
    period = PeriodSerializer()
    summary = serializers.CharField(help_text="One plain-text paragraph.")
    body = serializers.CharField(allow_blank=True, help_text="Markdown.")
    takeaways = serializers.ListField(child=serializers.CharField())
    pillars = CasePillarSerializer(many=True)
    actors = CaseActorSerializer(many=True)
    sources = CaseSourceSerializer(many=True)
    completeness = serializers.IntegerField(
        min_value=0,
        max_value=TOTAL,
        help_text="How many of the five criteria of completeness the case meets (see /data/).",
    )
    completeness_missing = serializers.ListField(
        child=serializers.ChoiceField(choices=Criterion.choices),
        help_text="The criteria it does not meet; empty when it is complete.",
    )
    created = serializers.DateTimeField()
    updated = serializers.DateTimeField()


class PillarSerializer(serializers.ModelSerializer):
    case_count = serializers.IntegerField(help_text="Published cases with this pillar.")

    class Meta:
        model = Pillar
        fields = ["slug", "name", "order", "definition", "guidance", "case_count"]


class FrameworkSourceSerializer(serializers.Serializer):
    title = serializers.CharField()
    publisher = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)
    published = serializers.DateField(allow_null=True)
    where = serializers.CharField(allow_blank=True, help_text="Section or page of the source.")


class FrameworkSourcesSerializer(serializers.Serializer):
    strategy = FrameworkSourceSerializer(allow_null=True)
    coordinating_body = FrameworkSourceSerializer(allow_null=True)
    local_government_role = FrameworkSourceSerializer(allow_null=True)
    structures = FrameworkSourceSerializer(allow_null=True)


class NationalFrameworkSerializer(serializers.Serializer):
    """NationalFramework.as_record(), the same object the JSON export's "countries" holds."""

    strategy_name = serializers.CharField(allow_blank=True)
    strategy_status = serializers.CharField(allow_blank=True)
    coordinating_body = serializers.CharField(allow_blank=True)
    local_government_role = serializers.CharField(allow_blank=True)
    structures = serializers.CharField(allow_blank=True)
    strategy_year = serializers.IntegerField(allow_null=True)
    strategy_month = serializers.IntegerField(allow_null=True, min_value=1, max_value=12)
    sources = FrameworkSourcesSerializer(help_text="Each statement's source; null if unsaid.")
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        help_text="The texts in French (fr) and Arabic (ar), by field.",
    )
    translations_reviewed = serializers.BooleanField(
        help_text="Whether a person has checked the translations against the English."
    )
    updated = serializers.DateTimeField()


class CountrySerializer(serializers.ModelSerializer):
    case_count = serializers.IntegerField(help_text="Published cases in this country.")
    national_framework = serializers.SerializerMethodField(
        help_text="What the catalogue's sources say of its national framework; null if nothing."
    )

    class Meta:
        model = Country
        fields = ["code", "name", "region", "case_count", "national_framework"]

    @extend_schema_field(NationalFrameworkSerializer(allow_null=True))
    def get_national_framework(self, country):
        framework = getattr(country, "national_framework", None)
        return framework.as_record() if framework else None


class ActorSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="ISO code, or null."
    )
    case_count = serializers.IntegerField(help_text="Published cases the actor takes part in.")

    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "level", "country", "case_count"]


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What was wrong, in a sentence.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages by parameter name.",
    )


class ReleaseFileSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="Where to download the file.")
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="In bytes.")
    sha256 = serializers.CharField(help_text="SHA-256 of the file, in hexadecimal.")

    def get_url(self, file) -> str:
        return self.context["request"].build_absolute_uri(file.get_absolute_url())


class ReleaseChangesSerializer(serializers.Serializer):
    previous = serializers.CharField(allow_null=True, help_text="The release compared with.")
    added = serializers.IntegerField()
    changed = serializers.IntegerField()
    removed = serializers.IntegerField()


class ReleaseSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The version label, e.g. 2026.1.")
    url = serializers.SerializerMethodField(help_text="The release's page.")
    published = serializers.DateTimeField()
    notes = serializers.CharField(help_text="Release notes, in Markdown.", allow_blank=True)
    case_count = serializers.IntegerField()
    changes = serializers.SerializerMethodField()
    files = ReleaseFileSerializer(many=True)

    def get_url(self, release) -> str:
        return self.context["request"].build_absolute_uri(release.get_absolute_url())

    @extend_schema_field(ReleaseChangesSerializer)
    def get_changes(self, release):
        return {"previous": release.previous_name or None, **release.counts}
