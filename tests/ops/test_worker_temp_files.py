"""A worker killed in the middle of an export leaves no temporary file behind.

openpyxl writes each sheet of the XLSX export to a temporary file while the workbook is
built, and removes it only when the workbook is saved. gunicorn.conf.py gives every worker a
temporary folder of its own, which the master removes when the worker exits.
"""

import io
import os
import signal
import tempfile
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from .processes import child_database_url, child_env, free_port, gunicorn

pytestmark = pytest.mark.django_db(transaction=True)


def worker_folders(root):
    return sorted(root.glob("worker-*"))


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.1)


def test_the_xlsx_writer_keeps_its_sheets_in_the_temporary_folder(tmp_path, monkeypatch):
    # What the per-worker folder relies on: openpyxl asks tempfile where to write.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cases")
    sheet.append(["a row"])

    assert [path.name.startswith("openpyxl.") for path in tmp_path.iterdir()] == [True]
    workbook.save(io.BytesIO())
    assert not list(tmp_path.iterdir())  # saved: openpyxl removes it itself


def test_a_killed_workers_temporary_files_go_with_it(tmp_path):
    root = tmp_path / "temp"
    base = f"http://127.0.0.1:{free_port()}"
    env = child_env(
        DATABASE_URL=child_database_url(),
        DJANGO_SETTINGS_MODULE="tests.settings",
        GUNICORN_TEMP_DIR=str(root),
    )
    with gunicorn(base, env=env, workers=1):
        wait_for(lambda: len(worker_folders(root)) == 1)
        (folder,) = worker_folders(root)
        half_written = folder / "openpyxl.sheet-being-written"
        half_written.write_text("<row>…")

        os.kill(int(folder.name.removeprefix("worker-")), signal.SIGKILL)

        wait_for(lambda: not folder.exists())
        wait_for(lambda: len(worker_folders(root)) == 1)  # its replacement has its own
        assert not half_written.exists()
        assert worker_folders(root)[0] != folder
    assert not list(Path(root).rglob("openpyxl.*"))
