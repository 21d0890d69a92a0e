"""Every kind of public page reads in French and Arabic, with no interface English left over.

The interface's English is every msgid of the catalogue; the catalogue's own content (case and
pillar texts, actor and source names) may still be English and is left out of the check.
"""

import html
import re

import polib
import pytest
from django.conf import settings

from cases.models import Actor, Case, Source
from pillars.models import Pillar

PAGES = {
    "home": "/",
    "case list with filters": "/cases/?pillar=trust&country=UG",
    "case": "/cases/{case}/",
    "countries": "/countries/",
    "country": "/countries/UG/",
    "pillars": "/pillars/",
    "pillar": "/pillars/trust/",
    "actor": "/actors/{actor}/",
    "overview": "/overview/",
    "compare": "/compare/?cases={case},{other}",
    "data": "/data/",
    "suggest": "/suggest/",
    "missing page": "/no-such-page/",
}
STATUS = {"missing page": 404}


def interface_phrases(language):
    """Runs of three or more words from every message the interface translates."""
    po = polib.pofile(str(settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"))
    phrases = set()
    for entry in po:
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            if msgid in translations:
                continue  # the same in both languages (a format name, a code)
            plain = html.unescape(re.sub(r"<[^>]+>", " ", msgid))
            for fragment in re.split(r"%\(\w+\)s", plain):
                fragment = " ".join(fragment.split()).strip(" .,:;()")
                if len(fragment.split()) >= 3:
                    phrases.add(fragment)
    return phrases


def visible_text(page):
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def catalogue_content():
    """The content the content editors (not the interface) write, as one text.

    The catalogue's name in a citation is the title of the work, which a citation keeps.
    """
    texts = [settings.CATALOGUE_NAME, settings.CATALOGUE_PUBLISHER]
    for case in Case.objects.all():
        texts += [case.title, case.summary, case.body, *case.takeaways]
    for pillar in Pillar.objects.all():
        texts += [pillar.name, pillar.definition, pillar.guidance]
    texts += list(Actor.objects.values_list("name", flat=True))
    texts += [f"{source.title} {source.publisher}" for source in Source.objects.all()]
    return " ".join(" ".join(text.split()) for text in texts)


@pytest.fixture(scope="module")
def phrases():
    return {language: interface_phrases(language) for language in ("fr", "ar")}


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_type_reads_in_the_language_with_no_english_left(
    client, seeded, phrases, language, name
):
    case, other = Case.objects.published().order_by("slug")[:2]
    actor = case.actors.first()
    path = PAGES[name].format(case=case.slug, other=other.slug, actor=actor.slug)

    response = client.get(f"/{language}{path}")
    page = response.content.decode()
    text = visible_text(page)
    content = catalogue_content()

    assert response.status_code == STATUS.get(name, 200)
    assert f'<html lang="{language}"' in page
    left_over = sorted(p for p in phrases[language] if p in text and p not in content)
    assert left_over == []
