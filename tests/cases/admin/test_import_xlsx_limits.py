"""A curator (or someone with a curator's login) uploads a small .xlsx that would unpack into
far more than it looks: the preview refuses it with a clear reason, before or while reading,
and the worker's memory stays small."""

import io
import os
import re
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Case
from tests.cases.imports import preview, row, xlsx_bytes

MB = 1024 * 1024
SHEET = "xl/worksheets/sheet1.xml"
CONTENT_TYPES = "[Content_Types].xml"
SHARED_STRINGS = "xl/sharedStrings.xml"
SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
PLACEHOLDER = re.compile(
    rb'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t>@shared:([0-9]+)</t></is></c>'
)


def repacked(data, members):
    """The zip `data` with members replaced or added: bytes, or an iterable of chunks (written
    one at a time, so a member far larger than memory never exists at once)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        names = [info.filename for info in source.infolist()]
        for name in [*names, *(name for name in members if name not in names)]:
            content = members.get(name) or source.read(name)
            with target.open(name, "w") as member:
                for chunk in [content] if isinstance(content, bytes) else content:
                    member.write(chunk)
    return buffer.getvalue()


def with_shared_strings(data, *strings):
    """The workbook with `strings` (bytes, or lists of byte chunks) as its shared strings,
    stored once and named by number; each cell that reads "@shared:N" names the Nth."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    sheet = PLACEHOLDER.sub(rb'<c r="\1" t="s"><v>\2</v></c>', archive.read(SHEET))
    types = archive.read(CONTENT_TYPES).replace(b"</Types>", SHARED_STRINGS_TYPE + b"</Types>")
    chunks = [b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    for string in strings:
        chunks += [b"<si><t>", *(string if isinstance(string, list) else [string]), b"</t></si>"]
    chunks.append(b"</sst>")
    return repacked(data, {SHEET: sheet, CONTENT_TYPES: types, SHARED_STRINGS: chunks})


def refusal(client, data):
    """Upload `data` as cases.xlsx; the preview's reason for refusing it, and its peak memory."""
    tracemalloc.start()
    try:
        response = preview(client, SimpleUploadedFile("cases.xlsx", data))
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    assert "token" not in response.context
    assert not Case.objects.filter(slug="kenya-county-action-plans").exists()
    assert "The file was not imported: " in response.content.decode()
    return response.context["file_error"], peak


def test_a_shared_strings_bomb_is_refused_before_it_is_unpacked(client, curator, setup):
    client.force_login(curator)
    # A string no cell names: 64 MB of text packed into about 64 KB.
    bomb = with_shared_strings(xlsx_bytes(row()), [b"A" * MB] * 64)
    assert len(bomb) < MB

    reason, peak = refusal(client, bomb)

    assert reason.startswith("The workbook's xl/sharedStrings.xml unpacks from ")
    assert reason.endswith("times its packed size, as only a 'zip bomb' does. It was not read.")
    assert peak < 16 * MB


def understated(data, name, size):
    """The zip `data` with its directory declaring `size` as member `name`'s unpacked size."""
    data, name = bytearray(data), name.encode()
    # The directory's entries: a signature, fields (the unpacked size at 24), then the name.
    entry = data.find(b"PK\x01\x02")
    while data[entry + 46 : entry + 46 + len(name)] != name:
        entry = data.find(b"PK\x01\x02", entry + 1)
        assert entry != -1, f"no directory entry for {name}"
    data[entry + 24 : entry + 28] = size.to_bytes(4, "little")
    return bytes(data)


def test_a_bomb_whose_directory_understates_its_size_unpacks_no_further(client, curator, setup):
    # The directory says the shared strings are 100 KB; they hold 64 MB. zipfile unpacks what
    # the directory declares, then fails the member's checksum: nothing more is read.
    client.force_login(curator)
    bomb = with_shared_strings(xlsx_bytes(row()), [b"A" * MB] * 64)

    reason, peak = refusal(client, understated(bomb, SHARED_STRINGS, 100_000))

    assert reason == "The file is not a readable Excel workbook (.xlsx). Was another file renamed?"
    assert peak < 16 * MB


def test_a_workbook_unpacking_to_more_than_the_limit_is_refused(client, curator, setup, settings):
    settings.CASE_IMPORT_MAX_UNPACKED_BYTES = 2 * MB
    client.force_login(curator)
    # Noise packs no smaller than it is: no ratio gives it away, only its size.
    noise = repacked(xlsx_bytes(row()), {"xl/media/noise.bin": os.urandom(3 * MB)})

    reason, _peak = refusal(client, noise)

    assert reason.startswith("The workbook unpacks to 3.0")
    assert reason.endswith("more than the 2.0\xa0MB an import reads. Split it into smaller files.")


def test_one_shared_string_repeated_in_every_row_is_stopped_by_the_text_limit(
    client, curator, setup, settings
):
    settings.CASE_IMPORT_MAX_UNPACKED_BYTES = 2 * MB
    client.force_login(curator)
    rows = [row(slug=f"case-{n}", title=f"Case {n}", body="@shared:0") for n in range(100)]
    # 30,000 characters, stored once, named by every row.
    repeated = with_shared_strings(xlsx_bytes(*rows), b"word " * 6000)

    reason, _peak = refusal(client, repeated)

    assert reason == (
        "By row 71, the sheet's cells hold more than 2.0\xa0MB of text, more than an import "
        "reads. Split it into smaller files."
    )


def test_a_cell_longer_than_excel_allows_is_refused(client, curator, setup):
    client.force_login(curator)

    too_long = with_shared_strings(xlsx_bytes(row(body="@shared:0")), b"x" * 40_000)

    reason, _peak = refusal(client, too_long)

    assert reason == "Cell S2 holds 40,000 characters, more than Excel's own limit of 32,767."


@pytest.mark.parametrize(
    ("last_row", "last_column"),
    [
        (20_002, 1),
        # The sheet bomb: its last cell is the sheet's very last (XFD1048576), so every row
        # in between would be read as 16,384 empty cells.
        (1_048_576, 16_384),
    ],
)
def test_a_sheet_that_runs_past_the_row_limit_is_refused_where_it_does(
    client, curator, setup, last_row, last_column
):
    client.force_login(curator)

    data = xlsx_bytes(row(), cells=[(last_row, last_column, "x")])
    reason, _peak = refusal(client, data)

    assert reason == (
        "The sheet runs past row 20,001; import at most 10000 records, one per row after "
        "the header."
    )


def test_a_sheet_wider_than_the_column_limit_is_refused(client, curator, setup):
    client.force_login(curator)

    reason, _peak = refusal(client, xlsx_bytes(row(), cells=[(2, 101, "notes")]))

    assert reason == (
        "Row 2 has a cell in column CW; an import reads at most 100 columns (the CSV export "
        "has 18)."
    )


def test_a_workbook_with_broken_xml_is_refused_clearly(client, curator, setup):
    client.force_login(curator)
    broken = repacked(xlsx_bytes(row()), {SHEET: b"<worksheet><sheetData><row r="})

    reason, _peak = refusal(client, broken)

    assert reason == "The file is not a readable Excel workbook (.xlsx). Was another file renamed?"


def test_an_export_sized_workbook_still_imports(client, curator, setup):
    client.force_login(curator)
    rows = [row(slug=f"case-{n}", title=f"Case {n}", body="word " * 200) for n in range(300)]

    response = preview(client, SimpleUploadedFile("cases.xlsx", xlsx_bytes(*rows)))

    assert response.context.get("file_error") is None
    assert response.context["plan"].creates == 300
