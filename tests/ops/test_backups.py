"""Back up, wipe, restore: the full JSON export is byte-identical to the one before."""

import re

import pytest
from django.core.management import CommandError, call_command

from cases.cache import catalogue_version
from cases.models import Case
from ops.backup import default_suffix

EXPORTED_AT = re.compile(rb'"exported_at": "[^"]+"')


def full_export(client):
    content = b"".join(client.get("/cases/export.json"))
    return EXPORTED_AT.sub(b'"exported_at": ""', content)


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_gives_a_byte_identical_export(client, public_and_private, tmp_path):
    before = full_export(client)
    assert b"Published case 2" in before
    draft_count = Case.objects.exclude(status="published").count()

    path = tmp_path / f"catalogue{default_suffix()}"
    call_command("backup", output=str(path), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    assert b"Published case" not in full_export(client)

    call_command("restore", str(path), interactive=False, verbosity=0)

    after = full_export(client)
    assert after == before
    assert Case.objects.exclude(status="published").count() == draft_count == 1


@pytest.mark.django_db
def test_restoring_a_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", "/nonexistent/backup.json", interactive=False)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("damage", ["truncated", "not a backup"])
def test_a_damaged_backup_is_refused_with_a_message_and_changes_nothing(
    client, public_and_private, tmp_path, damage
):
    before = full_export(client)
    path = tmp_path / f"catalogue{default_suffix()}"
    call_command("backup", output=str(path), verbosity=0)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage == "truncated" else b"\x00garbage\x00" * 50)

    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("restore", str(path), interactive=False, verbosity=0)

    assert full_export(client) == before


@pytest.mark.django_db(transaction=True)
def test_a_restore_empties_the_cache_so_no_page_from_before_it_is_served(
    client, public_and_private, tmp_path
):
    draft = public_and_private["draft"]
    path = tmp_path / f"catalogue{default_suffix()}"
    call_command("backup", output=str(path), verbosity=0)
    Case.objects.filter(pk=draft.pk).update(status=Case.Status.PUBLISHED)
    assert client.get(draft.get_absolute_url()).status_code == 200  # now cached

    call_command("restore", str(path), interactive=False, verbosity=0)
    other = public_and_private["published"][0]
    Case.objects.filter(pk=other.pk).update(title="Any later change")

    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_after_a_restore_the_catalogue_version_never_repeats_one_from_before(
    public_and_private, tmp_path
):
    # Cache keys are built on the version: one seen before the restore would serve its pages.
    path = tmp_path / f"catalogue{default_suffix()}"
    call_command("backup", output=str(path), verbosity=0)
    seen = set()
    for number in range(5):
        Case.objects.filter(pk=public_and_private["draft"].pk).update(title=f"Edit {number}")
        seen.add(catalogue_version())

    call_command("restore", str(path), interactive=False, verbosity=0)
    after = set()
    for number in range(5):
        Case.objects.filter(pk=public_and_private["draft"].pk).update(title=f"Again {number}")
        after.add(catalogue_version())

    assert len(seen) == 5 and len(after) == 5
    assert not seen & after


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_read_the_list_before_a_restore_counts_the_restored_catalogue(
    public_and_private, tmp_path
):
    """The bitset index updates from the cases changed since it was read; a restore changes
    them all without the triggers that log changes, and must not be missed."""
    from cases.listing import bitsets

    path = tmp_path / f"catalogue{default_suffix()}"
    call_command("backup", output=str(path), verbosity=0)
    Case.objects.update(status=Case.Status.PUBLISHED)
    before_restore = bitsets.catalogue_index()

    call_command("restore", str(path), interactive=False, verbosity=0)
    after = bitsets.catalogue_index()

    assert before_restore.public.bit_count() == Case.objects.count()
    assert after.public.bit_count() == Case.objects.published().count() < Case.objects.count()
