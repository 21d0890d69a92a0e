"""A French- or Arabic-speaking editor works in the admin in their own language.

The admin has one address for every language: it follows the language cookie (the site's
switcher, or the admin's own links) and else the browser's Accept-Language. On every screen the
project adds or changes, none of the project's own text is left in English: neither a phrase
of the catalogue's messages (a string marked but not translated) nor any text the English
screen shows the same way (a string never marked), apart from the catalogue's content.
"""

import html
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cases.models import Actor, Case, CaseActor, Country, NationalFramework, Publication, Source
from cases.services.workflow import case_set_status
from pillars.models import Pillar
from suggestions.models import Suggestion
from tests.cases.admin_forms import change_form_data
from tests.test_translated_pages import interface_phrases, visible_text

# Text that reads the same in every language: names, codes, formats and the admin's own
# brand, and the language names of the switcher.
SAME_IN_EVERY_LANGUAGE = {
    "NLC",
    "URL",
    "ID",
    "CSV",
    "XLSX",
    "JSON",
    "SHA-256",
    "Axes",
    "English",
    "Français",
    "العربية",
}


@pytest.fixture
def catalogue(seeded, editor):
    """The seed catalogue, a case with an unreviewed French translation and a history, and a
    waiting suggestion: every screen has something to show."""
    case = Case.objects.published().order_by("slug").first()
    case.title_fr, case.summary_fr = "Un cas en français", "Un résumé en français."
    case.save()
    case_set_status(cases=Case.objects.filter(pk=case.pk), status="review", user=editor)
    case_set_status(cases=Case.objects.filter(pk=case.pk), status="published", user=editor)
    draft = Case.objects.create(title="Suggested draft", slug="suggested-draft", summary="S.")
    Suggestion.objects.create(case=draft, name="Amina", email="amina@example.org")
    return case


def screens(case):
    """The project's admin screens an editor works in, by name."""
    framework = NationalFramework.objects.order_by("pk").first()
    return {
        "index": reverse("admin:index"),
        "case list": reverse("admin:cases_case_changelist") + "?translation_fr=unreviewed",
        "case form": reverse("admin:cases_case_change", args=[case.pk]),
        "new case": reverse("admin:cases_case_add"),
        "import": reverse("admin:cases_case_import"),
        "history": reverse("admin:cases_case_history", args=[case.pk]),
        "compare": reverse("admin:cases_case_compare", args=[case.pk]),
        "trash": reverse("admin:cases_case_changelist") + "?trash=1",
        "pillar list": reverse("admin:pillars_pillar_changelist"),
        "pillar form": reverse("admin:pillars_pillar_change", args=[Pillar.objects.first().pk]),
        "country list": reverse("admin:cases_country_changelist"),
        "country form": reverse("admin:cases_country_change", args=[Country.objects.first().pk]),
        "actor list": reverse("admin:cases_actor_changelist"),
        "actor form": reverse("admin:cases_actor_change", args=[Actor.objects.first().pk]),
        "national framework form": reverse(
            "admin:cases_nationalframework_change", args=[framework.pk]
        ),
        "publication list": reverse("admin:cases_publication_changelist"),
        "publication form": reverse(
            "admin:cases_publication_change", args=[Publication.objects.first().pk]
        ),
        "suggestions": reverse("admin:suggestions_suggestion_changelist"),
        "suggestion": reverse(
            "admin:suggestions_suggestion_change", args=[Suggestion.objects.get().pk]
        ),
        "statements": reverse("admin:assessment_statement_changelist"),
        "releases": reverse("admin:releases_release_changelist"),
        "new release": reverse("admin:releases_release_add"),
    }


def content():
    """What editors write or the data holds (not interface text): every text, longest first."""
    texts = [settings.CATALOGUE_NAME, "Amina", "amina@example.org", "edith", "admin"]
    for case in Case.objects.all():
        for language in ("en", "fr", "ar"):
            texts += [getattr(case, f"{name}_{language}") for name in ("title", "summary", "body")]
            texts += getattr(case, f"takeaways_{language}") or []
        texts.append(case.slug)
    for pillar in Pillar.objects.all():
        texts += [pillar.name, pillar.definition, pillar.guidance, pillar.slug]
    texts += [text for row in Actor.objects.values_list("name", "slug") for text in row]
    texts += [text for row in Country.objects.values_list("name", "code") for text in row]
    texts += list(CaseActor.objects.values_list("role", flat=True))
    for source in [*Source.objects.all(), *Publication.objects.all()]:
        texts += [source.title, source.publisher, source.url, str(source.published)]
    for framework in NationalFramework.objects.all():
        texts.append(str(framework))
        texts += [getattr(framework, f) or "" for f in framework.TRANSLATED_FIELDS]
    texts += [str(suggestion) for suggestion in Suggestion.objects.all()]
    texts = {" ".join(str(text or "").split()) for text in texts}
    return sorted((text for text in texts if text), key=len, reverse=True)


def left_alike(language):
    """Texts a translation leaves as in English on purpose ("Sources", "Markdown."), in the
    project's catalogue and in Django's and the other apps' ones, in lower case."""
    with translation.override(language):
        catalogue = translation.trans_real.translation(language)._catalog
        return {
            bare(key) for key, value in catalogue.items() if isinstance(key, str) and key == value
        }


def bare(text):
    """`text` without numbers, punctuation around it or capitals: "2 publications." reads as
    "publications"."""
    return " ".join(re.sub(r"\d+", " ", text).split()).strip(" ›:,.()").lower()


def segments(page):
    """The page's text pieces: each text node and each label a screen reader or a button
    shows (title, aria-label, placeholder, a submit button's value)."""
    page = re.sub(r"<(script|style|textarea|select)\b.*?</\1>", " ", page, flags=re.S)
    labels = re.findall(r'(?:title|aria-label|placeholder)="([^"]*)"', page)
    labels += re.findall(r'<input[^>]*type="submit"[^>]*value="([^"]*)"', page)
    texts = re.split(r"<[^>]+>", page)
    pieces = (" ".join(html.unescape(piece).split()) for piece in [*texts, *labels])
    return {piece for piece in pieces if piece}


def english_left(english_page, page, known, alike):
    """Text of `page` that reads as on the English screen, once content is taken out."""
    left = set()
    for piece in segments(english_page) & segments(page):
        if piece in SAME_IN_EVERY_LANGUAGE:
            continue
        rest = piece
        for text in known:
            if text in rest:
                rest = rest.replace(text, " ")
        words = [
            word
            for word in re.findall(r"[A-Za-z][A-Za-z'-]+", rest)
            if word not in SAME_IN_EVERY_LANGUAGE
        ]
        if words and bare(rest) not in alike:
            left.add(piece)
    return sorted(left)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_admin_screen_reads_in_the_editors_language_with_no_english_left(
    editor_client, admin_client, catalogue, language
):
    phrases = interface_phrases(language)
    known, alike = content(), left_alike(language)
    problems = {}
    for name, url in screens(catalogue).items():
        # Pillars, releases and statements are the administrators' to change.
        client = editor_client if name not in {"pillar form", "new release"} else admin_client
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        page = response.content.decode()

        assert response.status_code == 200, name
        assert f'<html lang="{language}"' in page, name
        text = visible_text(page)
        left = sorted(p for p in phrases if p in text and not any(p in k for k in known))
        left += english_left(english.content.decode(), page, known, alike)
        if left:
            problems[name] = left
    assert problems == {}


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_import_preview_and_its_errors_read_in_the_editors_language(
    editor_client, catalogue, language
):
    upload = (
        "title,slug,country_codes,pillars,summary\n"
        "A new case,a-new-case,UG,Trust,A summary.\n"
        ",,ZZ,Nope,\n"
    )
    url = reverse("admin:cases_case_import")

    def post(accept):
        from django.core.files.uploadedfile import SimpleUploadedFile

        file = SimpleUploadedFile("cases.csv", upload.encode(), content_type="text/csv")
        return editor_client.post(
            url, {"file": file, "status": "draft"}, HTTP_ACCEPT_LANGUAGE=accept
        )

    english, response = post("en"), post(language)

    page = response.content.decode()
    assert response.status_code == 200 and f'<html lang="{language}"' in page
    # The file's own words stay as written: its values, and its fields' names.
    fields = {error.field for error in english.context["plan"].errors}
    known = {*content(), *re.split(r"[,\n]", upload), *fields} - {""}
    known = sorted(known, key=len, reverse=True)
    left = english_left(english.content.decode(), page, known, left_alike(language))
    assert len(response.context["plan"].errors) == 4
    assert left == []


def test_the_admin_follows_the_browser_and_the_language_cookie_wins(editor_client, catalogue):
    url = reverse("admin:cases_case_changelist")

    arabic = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")

    assert '<html lang="ar" dir="rtl"' in arabic.content.decode()
    assert arabic["Content-Language"] == "ar"
    assert "Accept-Language" in arabic["Vary"]
    assert '<html lang="fr"' in french.content.decode()
    assert "Importer des cas" in french.content.decode()


def test_the_admins_language_links_set_the_cookie_and_come_back(editor_client, catalogue):
    url = reverse("admin:cases_case_changelist")
    page = editor_client.get(url).content.decode()
    switch = f"{reverse('choose_language', args=['ar'])}?next=/admin/cases/case/"
    assert f'href="{switch}"' in page.replace("%2F", "/")

    response = editor_client.get(switch)

    assert response.status_code == 302 and response["Location"] == url
    assert '<html lang="ar" dir="rtl"' in editor_client.get(url).content.decode()


def test_an_editor_working_in_french_saves_the_english_text_where_english_belongs(
    editor_client, catalogue
):
    """The untranslated columns hold English whatever the admin's language (the full-text
    index reads them): saving the form and marking a review from the French admin leave the
    English title there and the French one in its own column."""
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    english_title = catalogue.title_en
    url = reverse("admin:cases_case_change", args=[catalogue.pk])
    data = change_form_data(editor_client.get(url))

    saved = editor_client.post(url, {**data, "summary_fr": "Un autre résumé.", "_save": "1"})
    response = editor_client.post(
        reverse("admin:cases_case_changelist"),
        {"action": "mark_fr_translation_reviewed", "_selected_action": [catalogue.pk]},
        follow=True,
    )

    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert "Traduction (français) de 1 cas marquée comme relue." in response.content.decode()
    # The untranslated column itself, not the active language's one.
    stored = Case.objects.rewrite(False).filter(pk=catalogue.pk)
    assert stored.values_list("title", "title_fr", "summary_fr").get() == (
        english_title,
        "Un cas en français",
        "Un autre résumé.",
    )


def test_a_login_lockout_in_french_is_the_translated_429_page(client, editor, settings):
    login = reverse("admin:login")
    browser = {"HTTP_ACCEPT_LANGUAGE": "fr", "HTTP_ACCEPT": "text/html,*/*;q=0.8"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(login, {"username": "edith", "password": "wrong"}, **browser)

    page = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    assert '<html lang="fr"' in page and "Ce compte est bloqué pendant 15 minutes" in page
