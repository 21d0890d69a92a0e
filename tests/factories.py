"""Factories for tests: real rows in the real database, never mocks."""

import factory
import pycountry

from cases.choices import ActorKind, Level, Region
from cases.models import Actor, Case, CaseActor, Country, Source
from pillars.models import Pillar

ISO_CODES = sorted(country.alpha_2 for country in pycountry.countries)


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"pillar-{n}")
    name = factory.LazyAttribute(lambda pillar: pillar.slug.replace("-", " ").title())
    order = factory.Sequence(lambda n: n)
    definition = factory.LazyAttribute(lambda pillar: f"What {pillar.name} means for NLC.")
    guidance = "Some *guidance*."


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: ISO_CODES[n % len(ISO_CODES)])
    name = factory.LazyAttribute(lambda country: pycountry.countries.get(alpha_2=country.code).name)
    region = Region.EUROPE


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Actor {n}")
    slug = factory.LazyAttribute(lambda actor: actor.name.lower().replace(" ", "-"))
    kind = ActorKind.LOCAL_GOVERNMENT
    level = Level.LOCAL


class CaseFactory(factory.django.DjangoModelFactory):
    """A published case. Pass pillars/countries as objects; actors as objects or (actor, role)."""

    class Meta:
        model = Case
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Case {n:04d}")
    slug = factory.LazyAttribute(lambda case: case.title.lower().replace(" ", "-"))
    summary = factory.LazyAttribute(lambda case: f"Summary of {case.title}.")
    body = factory.LazyAttribute(lambda case: f"Body of **{case.title}**.")
    takeaways = factory.LazyFunction(lambda: ["Cooperation needs a shared plan."])
    start_year = 2023
    start_month = 6
    status = Case.Status.PUBLISHED

    @factory.post_generation
    def pillars(self, create, extracted, **kwargs):
        self.pillars.set(extracted if extracted is not None else [PillarFactory(slug="trust")])

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        self.countries.set(extracted if extracted is not None else [CountryFactory(code="UG")])

    @factory.post_generation
    def actors(self, create, extracted, **kwargs):
        for order, item in enumerate(extracted or []):
            actor, role = item if isinstance(item, tuple) else (item, "")
            CaseActor.objects.create(case=self, actor=actor, role=role, order=order)

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        for order, title in enumerate(extracted or []):
            Source.objects.create(
                case=self, title=title, publisher="Strong Cities Network", order=order
            )
