"""The French and Arabic catalogues are complete: every interface string the code uses is in
them, translated, and none is fuzzy. A string added without a translation fails here."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LANGUAGES = ("fr", "ar")
BASE = Path(settings.BASE_DIR)
# Everything makemessages reads: every project app (a folder with apps.py, so a new app is
# never forgotten), the project package and the templates.
SOURCES = (
    *sorted(path.name for path in BASE.iterdir() if (path / "apps.py").is_file()),
    "nlc_catalogue",
    "templates",
)


def catalogue(language, base=BASE):
    return polib.pofile(str(base / "locale" / language / "LC_MESSAGES" / "django.po"))


def keys(po):
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_catalogue_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)

    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert "not yet reviewed by a native-speaking editor" in po.header


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_plural_has_all_the_forms_the_language_needs(language):
    po = catalogue(language)
    forms = {"fr": 2, "ar": 6}[language]

    for entry in po:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == forms, entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.fixture(scope="module")
def fresh_extraction(tmp_path_factory):
    """The catalogues as makemessages would write them from today's code, in a copy of the tree."""
    if not shutil.which("xgettext"):
        pytest.skip("gettext is not installed (make system-packages installs it)")
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        shutil.copytree(BASE / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(BASE / "locale", tree / "locale")
    shutil.copy(BASE / "manage.py", tree / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--no-location", "--no-obsolete"]
        + [arg for language in LANGUAGES for arg in ("-l", language)],
        cwd=tree,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "nlc_catalogue.settings"},
        check=True,
        capture_output=True,
        text=True,
    )
    return tree


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_the_code_marks_is_in_the_catalogue(language, fresh_extraction):
    extracted = keys(catalogue(language, fresh_extraction))
    kept = keys(catalogue(language))

    assert sorted(extracted - kept, key=str) == []
