"""The only things a briefing pack may load while it is drawn: the project's static files.

WeasyPrint would otherwise fetch any URL a template or a case's text names, over the
network too. This fetcher serves files under the static folders and refuses everything
else (http, https, data and other files), so no pack waits on or leaks to another host.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse


def static_file_url(path):
    """The file:// URL of the static file `path` (e.g. "fonts/pdf/x.ttf")."""
    found = finders.find(path)
    if found is None:
        raise FileNotFoundError(f"No static file {path}.")
    return Path(found).resolve().as_uri()


class StaticFilesFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.roots = [
            Path(root).resolve()
            for root in [*settings.STATICFILES_DIRS, settings.STATIC_ROOT]
            if root
        ]

    def fetch(self, url, headers=None):
        if not url.startswith("file://"):
            raise ValueError(f"Briefing packs load no address outside the site: {url[:80]}")
        path = Path(url.removeprefix("file://").split("?")[0]).resolve()
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            raise ValueError(f"Briefing packs load only the site's static files: {url[:80]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )
