"""How to cite a release: a reference to paste, a CSL-JSON item for the RIS and BibTeX
renderers the case citations use, and the release's schema.org Dataset."""

from django.conf import settings
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from cases.exports.formats.csl import licence_note
from cases.structured_data import dataset_jsonld


def release_title(release):
    return f"{settings.CATALOGUE_NAME}, release {release.name}"


def citation_text(release, *, url):
    return _(
        "%(publisher)s (%(year)s). %(title)s [Data set]. Version %(version)s, published "
        "%(date)s. %(url)s"
    ) % {
        "publisher": settings.CATALOGUE_PUBLISHER,
        "year": release.published.year,
        "title": release_title(release),
        "version": release.name,
        "date": format_date(release.published, "j F Y"),
        "url": url,
    }


def release_item(release, *, url):
    """The release as a CSL-JSON dataset item."""
    published = release.published
    return {
        "id": f"nlc-release-{release.name}",
        "type": "dataset",
        "title": release_title(release),
        "author": [{"literal": settings.CATALOGUE_PUBLISHER}],
        "publisher": settings.CATALOGUE_PUBLISHER,
        "version": release.name,
        "issued": {"date-parts": [[published.year, published.month, published.day]]},
        "URL": url,
        "abstract": (
            f"Every published case of the {settings.CATALOGUE_NAME} on "
            f"{published.date().isoformat()}: {release.case_count} cases."
        ),
        "keyword": "",
        "note": licence_note(),
    }


def release_jsonld(release, files, *, url, site_url, file_url):
    return dataset_jsonld(
        data_url=url,
        site_url=site_url,
        coverage=release.coverage,
        version=release.name,
        name=release_title(release),
        date_published=release.published,
        distributions=[
            {
                "@type": "DataDownload",
                "name": file.name,
                "encodingFormat": file.content_type.split(";")[0],
                "contentSize": f"{file.size} B",
                "contentUrl": file_url(file),
            }
            for file in files
        ],
    )
