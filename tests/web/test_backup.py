"""Backup and restore: the database and the stored files, round trip exact (timestamps to the microsecond).

The backup is taken of the test database (SQLite or PostgreSQL, whichever the
run uses); the restore runs as an administrator would run it, in a fresh
process, into an empty data folder (and, on PostgreSQL, an empty database).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import uuid

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from doingoai.core.backup import database_digest, media_files
from doingoai.delegations import services

PDF = b"%PDF-1.4\n%%EOF\n"


def run(*args, env: dict) -> subprocess.CompletedProcess:
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DOINGOAI_", "DJANGO_"))}
    base.pop("DATABASE_URL", None)
    base.update({"DJANGO_SETTINGS_MODULE": "doingoai.settings", "DOINGOAI_DEBUG": "1", **env})
    return subprocess.run(
        [sys.executable, "-m", "doingoai.cli", *args], env=base, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def empty_database(tmp_path):
    """The DATABASE_URL of an empty database of the run's engine (a new SQLite file, a new PostgreSQL database)."""
    if connection.vendor == "sqlite":
        yield {}
        return
    database = settings.DATABASES["default"]
    name = f"doingoai_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        dbname="postgres",
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        autocommit=True,
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    user = database.get("USER") or ""
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    yield {"DATABASE_URL": f"postgres://{user}@{host}:{port}/{name}"}
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(tmp_path, settings, delegation, school_user, province, empty_database):
    settings.MEDIA_ROOT = tmp_path / "source-media"
    row = delegation(status="approved")
    services.delegation_attach(row, user=school_user, kind="invitation", name="thu-moi.pdf", data=PDF)
    services.delegation_transition(row, user=school_user, action="depart")
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", "--output", str(archive))
    with tarfile.open(archive) as contents:
        names = contents.getnames()
    assert "manifest.json" in names and any(name.startswith("media/attachments/") for name in names)

    restored = tmp_path / "du-lieu-moi"
    env = {"DOINGOAI_DATA_DIR": str(restored), **empty_database}
    result = run("restore", str(archive), env=env)
    assert result.returncode == 0, result.stderr
    assert "tất cả khớp với bản sao lưu" in result.stdout
    # the restored system answers with what was backed up: the same rows, to the microsecond, and files
    script = (
        "from doingoai.delegations.models import Delegation;"
        f"d = Delegation.objects.get(pk={row.pk}); print(d.updated_at.isoformat(), d.status)"
    )
    result = run("manage", "shell", "--no-imports", "-c", script, env=env)
    assert result.stdout.split() == [row.__class__.objects.get(pk=row.pk).updated_at.isoformat(), "under_way"]
    assert media_files(restored / "media") == media_files(settings.MEDIA_ROOT)
    digest = database_digest()
    assert digest  # every table of the running system was compared by the restore itself

    # a second restore into the same, no longer empty, folder is refused
    result = run("restore", str(archive), env=env)
    assert result.returncode == 1 and "chỉ khôi phục vào" in result.stderr


@pytest.mark.django_db
def test_a_broken_archive_is_refused_in_vietnamese(tmp_path):
    broken = tmp_path / "hong.tar.gz"
    broken.write_bytes(b"khong phai tep sao luu")
    with pytest.raises(CommandError, match="Không đọc được tệp sao lưu"):
        call_command("restore", str(broken))
