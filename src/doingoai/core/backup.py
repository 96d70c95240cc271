"""Backing up and restoring the whole system: the database and the stored files, in one archive.

The archive (``.tar.gz``) holds:

- ``manifest.json``: the format, the database engine, when, and a digest of
  every table and every file, so that a restore can prove it is exact;
- ``database.sqlite3`` (SQLite: a consistent copy made with SQLite's own
  backup, every value as stored, sub-second timestamps included) or
  ``database.dump`` (PostgreSQL: ``pg_dump`` in its custom format, restored
  with ``pg_restore``; where those programs are not installed the command
  says so and stops);
- ``media/``: the stored files (plan documents, attachments), pending
  uploads left out.

A restore goes only into an empty data folder and an empty database: it never
overwrites what a running system holds.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection

FORMAT = 1
SKIPPED_MEDIA = ("pending-imports",)


class BackupError(Exception):
    """The backup or restore cannot be done; ``str(error)`` is for the administrator, in Vietnamese."""


# --------------------------------------------------------------------------- what is there


def database_digest() -> dict[str, str]:
    """table → sha256 of its rows (every column, as stored), sorted so that row order does not matter."""
    digests = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - known names
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def media_files(root: Path) -> dict[str, str]:
    """relative path → sha256 of every stored file under ``root`` (pending uploads apart)."""
    files = {}
    if not root.is_dir():
        return files
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and not relative.startswith(SKIPPED_MEDIA):
            files[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def database_is_empty() -> bool:
    """No table holds a row (a database just created, or migrated and never used, counts as empty)."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table == "django_migrations":
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                return False
    return True


# --------------------------------------------------------------------------- back up


def backup(output: Path) -> dict:
    """Write the archive to ``output``; returns its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    manifest = {
        "format": FORMAT,
        "engine": connection.vendor,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "tables": database_digest(),
        "media": media_files(media_root),
    }
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="doingoai-backup-") as folder:
        database = Path(folder) / _database_name(connection.vendor)
        _dump_database(database)
        partial = output.with_name(output.name + ".tmp")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(database, arcname=database.name)
            for relative in manifest["media"]:
                archive.add(media_root / relative, arcname=f"media/{relative}")
        os.replace(partial, output)
    return manifest


def _database_name(vendor: str) -> str:
    if vendor == "sqlite":
        return "database.sqlite3"
    if vendor == "postgresql":
        return "database.dump"
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")


def _copy_sqlite(source_path, target_path) -> None:
    """A consistent copy of a SQLite database, even while it is written (SQLite's backup API)."""
    source, copy = sqlite3.connect(source_path), sqlite3.connect(target_path)
    try:
        with copy:
            source.backup(copy)
    finally:
        copy.close()
        source.close()


def _dump_database(target: Path) -> None:
    if connection.vendor == "sqlite":
        _copy_sqlite(settings.DATABASES["default"]["NAME"], target)
        return
    _run_postgres("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}")


def _postgres_environment() -> tuple[list[str], dict]:
    database = settings.DATABASES["default"]
    arguments = [f"--dbname={database['NAME']}"]
    if database.get("HOST"):
        arguments.append(f"--host={database['HOST']}")
    if database.get("PORT"):
        arguments.append(f"--port={database['PORT']}")
    if database.get("USER"):
        arguments.append(f"--username={database['USER']}")
    environment = dict(os.environ)
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    return arguments, environment


def _run_postgres(program: str, *arguments: str) -> None:
    path = shutil.which(program)
    if path is None:
        raise BackupError(
            f"Không tìm thấy chương trình {program} của PostgreSQL trên máy này: hãy cài gói "
            "postgresql-client (Debian, Ubuntu: apt install postgresql-client) rồi chạy lại."
        )
    connection_arguments, environment = _postgres_environment()
    result = subprocess.run(
        [path, *connection_arguments, *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if result.returncode != 0:
        raise BackupError(f"{program} không chạy được: {result.stderr.strip()[:500]}")


# --------------------------------------------------------------------------- restore


def restore(archive_path: Path) -> dict:
    """Bring the archive back into the (empty) data folder and database; returns its manifest.

    After the restore, every table and every file is compared with the
    digests the backup recorded.
    """
    try:
        archive = tarfile.open(archive_path, "r:gz")  # noqa: SIM115 - closed by the "with" below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(
            f"Không đọc được tệp sao lưu {archive_path}: tệp hỏng hoặc không phải tệp sao lưu "
            f"của doingoai ({type(error).__name__})."
        ) from None
    with archive:
        manifest = _manifest(archive)
        if manifest.get("engine") != connection.vendor:
            raise BackupError(
                f"Tệp sao lưu là của cơ sở dữ liệu {manifest.get('engine')}; hệ thống đang dùng "
                f"{connection.vendor}. Hãy khôi phục vào cùng loại cơ sở dữ liệu."
            )
        media_root = Path(settings.MEDIA_ROOT)
        if media_files(media_root):
            raise BackupError(f"Thư mục tệp {media_root} đã có tệp: chỉ khôi phục vào thư mục dữ liệu trống.")
        if not database_is_empty():
            raise BackupError(
                "Cơ sở dữ liệu đã có dữ liệu: chỉ khôi phục vào cơ sở dữ liệu trống "
                "(tạo cơ sở dữ liệu mới, hoặc một thư mục dữ liệu mới với SQLite)."
            )
        with tempfile.TemporaryDirectory(prefix="doingoai-restore-") as folder:
            for member in archive.getmembers():
                name = _safe_member(member)
                if name is None:
                    continue
                if name.parts[0] == "media":
                    target = media_root.joinpath(*name.parts[1:])
                else:
                    target = Path(folder) / name.name
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.extractfile(member) as source, open(target, "wb") as out:
                    shutil.copyfileobj(source, out)
            _load_database(Path(folder) / _database_name(connection.vendor))
    differences = [
        table
        for table, digest in database_digest().items()
        if manifest["tables"].get(table) not in (None, digest)
    ]
    missing = sorted(set(manifest["tables"]) - set(database_digest()))
    files = media_files(media_root)
    if differences or missing or files != manifest["media"]:
        raise BackupError(
            "Dữ liệu sau khi khôi phục không khớp với bản sao lưu "
            f"(bảng khác: {', '.join(differences + missing) or 'không'}; "
            f"tệp khác: {len(set(files.items()) ^ set(manifest['media'].items()))})."
        )
    return manifest


def _manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.getmember("manifest.json")
        manifest = json.loads(archive.extractfile(member).read())
    except (KeyError, ValueError, AttributeError):
        raise BackupError("Tệp này không phải tệp sao lưu của doingoai (thiếu manifest.json).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"Tệp sao lưu định dạng {manifest.get('format')}, phiên bản này đọc định dạng {FORMAT}."
        )
    return manifest


def _safe_member(member: tarfile.TarInfo) -> PurePosixPath | None:
    """The member's path when it is a plain file inside the archive's own folders; None to skip it."""
    name = PurePosixPath(member.name)
    if not member.isfile() or name.is_absolute() or ".." in name.parts or name.name == "manifest.json":
        return None
    if name.parts[0] != "media" and len(name.parts) != 1:
        return None
    return name


def _load_database(dump: Path) -> None:
    if not dump.is_file():
        raise BackupError("Tệp sao lưu thiếu phần cơ sở dữ liệu.")
    if connection.vendor == "sqlite":
        connection.close()
        target = Path(settings.DATABASES["default"]["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        _copy_sqlite(dump, target)
        return
    connection.close()
    _run_postgres(
        "pg_restore", "--no-owner", "--no-privileges", "--clean", "--if-exists", "--exit-on-error", str(dump)
    )
