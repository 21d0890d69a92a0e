import re
import shutil
import subprocess
import zlib

import pytest
from django.core.cache import cache

from ops.limits import LOCAL


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    LOCAL.clear()


def pdf_text(content):
    """The text of a PDF as pdftotext (poppler-utils) reads it, in reading order."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: install poppler-utils (make system-packages does).")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()


def pdf_objects(content):
    """The PDF's bytes with every Flate-compressed stream inflated: PDF 1.7 packs its
    catalogue, structure tree and font names into compressed object streams."""
    parts = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)
