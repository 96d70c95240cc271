"""Stage 1 of an import, reading: the uploaded files read at once and kept until the officer decides.

``stage(files, user, province=None)`` reads every file (``extract_bytes``)
and keeps the bytes and what was read in a pending folder under MEDIA_ROOT
until the officer confirms or cancels: a preview then survives reloads and a
confirm saves exactly the previewed files, without a model or a migration
for half-finished imports. A file that cannot be read keeps only its
Vietnamese message.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from doingoai.core.collection import without_collections
from doingoai.extraction import ExtractionError, extract_bytes
from doingoai.organization.models import Province
from doingoai.plans.importer.common import (
    MAX_FILE_BYTES,
    PENDING_FOLDER,
    PENDING_MAX_AGE,
    ImportFailed,
    PendingNotFound,
)

log = logging.getLogger(__name__)


@dataclass
class PendingImport:
    """Uploaded files waiting for the officer's decision: a folder with the bytes and a manifest."""

    folder: Path
    manifest: dict

    @property
    def token(self) -> str:
        return self.manifest["token"]

    @property
    def documents(self) -> list[dict]:
        return self.manifest["documents"]

    @property
    def choices(self) -> dict[str, str]:
        """The officer's decisions so far, page by page: the preview form's raw values that differ."""
        return self.manifest.setdefault("choices", {})

    def data(self, index: int) -> bytes:
        return (self.folder / self.documents[index]["stored"]).read_bytes()

    def save(self) -> None:
        (self.folder / "manifest.json").write_text(
            json.dumps(self.manifest, ensure_ascii=False), encoding="utf-8"
        )


def pending_root() -> Path:
    return Path(settings.MEDIA_ROOT) / PENDING_FOLDER


def _cleanup_old_pending() -> None:
    """Remove pending imports nobody confirmed within a day: uploads must not pile up."""
    root = pending_root()
    if not root.is_dir():
        return
    limit = time.time() - PENDING_MAX_AGE
    for folder in root.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _source_values(data: bytes, name: str, result) -> list[dict]:
    """Each record's raw text per column, as the table's header maps the row's cells.

    The records carry normalized values and the raw cells; the officer also
    needs "what the document printed for this field" (``source_values``).
    When the reader provides it (``source["values"]``) that is used;
    otherwise the document's rows are read again (cheap: no normalizing) and
    aligned with their columns. Records whose row cannot be paired keep an
    empty mapping; their raw cells stay in ``source``.
    """
    records = [*result.delegations, *result.agreements]
    if all(isinstance(r.get("source", {}).get("values"), dict) for r in records):
        return [dict(r["source"]["values"]) for r in records]
    from doingoai.extraction.align import align
    from doingoai.extraction.cleaning import clean
    from doingoai.extraction.layout import interpret
    from doingoai.extraction.pipeline import read_source

    out: dict[tuple[str, int, str], dict] = {}
    try:
        for row in interpret(read_source(data, name)):
            kind = "agreement" if row.table.kind == "agreement" else "delegation"
            values = align(row.cells, row.table.columns).values
            out[(kind, row.table.number, row.location)] = {
                role: clean(text) for role, text in values.items() if role and clean(text)
            }
    except Exception:  # noqa: BLE001 - provenance is a convenience, never a reason to fail
        log.exception("source values of %s could not be read", name)
    return [out.get((r["record"], r["source"].get("table"), r["source"].get("row")), {}) for r in records]


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@without_collections
def stage(
    files: list[tuple[str, bytes]],
    user,
    province: Province | None = None,
    *,
    max_rows: int | None = None,
) -> PendingImport:
    """Read uploaded files and keep them, with what was read, until the officer decides.

    ``files`` are (file name, bytes); the format is recognised by content. A
    file that cannot be read keeps its Vietnamese message and nothing else,
    so that the others are still previewed. ``province`` is the officer's
    choice when the documents do not name theirs (or name it wrongly).
    ``max_rows``: more records than this in all the files together refuses
    the whole upload (``ImportFailed``), nothing kept (the browser's limit;
    the command line reads archives of any size).
    """
    _cleanup_old_pending()
    token = uuid.uuid4().hex
    folder = pending_root() / token
    folder.mkdir(parents=True)
    documents: list[dict] = []
    seen: dict[str, str] = {}
    total = 0
    for index, (raw_name, data) in enumerate(files):
        name = Path(str(raw_name).replace("\\", "/")).name or f"tep-{index + 1}"
        sha256 = hashlib.sha256(data).hexdigest()
        entry: dict[str, Any] = {
            "name": name,
            "sha256": sha256,
            "size": len(data),
            "stored": None,
            "error": None,
            "result": None,
        }
        documents.append(entry)
        if sha256 in seen:
            entry["error"] = (
                f"Tệp {name} có nội dung trùng với tệp {seen[sha256]} trong cùng lần tải lên: "
                "chỉ nhập một lần."
            )
            continue
        seen[sha256] = name
        if len(data) > MAX_FILE_BYTES:
            entry["error"] = f"Tệp {name} quá lớn (tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB)."
            continue
        try:
            result = extract_bytes(data, name)
        except ExtractionError as error:
            entry["error"] = error.message
            continue
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the others
            log.exception("unexpected error reading %s", name)
            entry["error"] = f"Tệp {name}: lỗi không mong đợi khi đọc tệp ({type(error).__name__})."
            continue
        records = [*result.delegations, *result.agreements]
        total += len(records)
        if max_rows is not None and total > max_rows:
            shutil.rmtree(folder, ignore_errors=True)
            raise ImportFailed(
                f"Các tệp có hơn {_number(max_rows)} hàng (đến tệp {name} đã là {_number(total)} hàng): "
                f"mỗi lần nhập trên trình duyệt tối đa {_number(max_rows)} hàng. Hãy tải lên ít tệp hơn, "
                "tách văn bản, hoặc nhờ quản trị viên nhập bằng lệnh «doingoai import»."
            )
        values = _source_values(data, name, result)
        for record, raw in zip(records, values, strict=True):
            record["source_values"] = raw
        entry["result"] = {
            "name": result.name,
            "format": result.format,
            "document": result.document,
            "delegations": result.delegations,
            "agreements": result.agreements,
            "tasks": result.tasks,
        }
        entry["stored"] = f"{index:03d}.bin"
        (folder / entry["stored"]).write_bytes(data)
    pending = PendingImport(
        folder,
        {
            "token": token,
            "user_id": user.pk,
            "created": time.time(),
            "province_id": province.pk if province else None,
            "documents": documents,
        },
    )
    pending.save()
    return pending


def load_pending(token: str, user) -> PendingImport:
    """The pending import ``token`` of ``user``; PendingNotFound when it is gone or someone else's."""
    gone = PendingNotFound("Lần nhập này không còn (đã lưu, đã hủy hoặc quá hạn). Hãy tải văn bản lên lại.")
    if not re.fullmatch(r"[0-9a-f]{32}", token or ""):
        raise gone
    folder = pending_root() / token
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise gone from None
    if manifest.get("user_id") != user.pk:
        raise gone
    return PendingImport(folder, manifest)


def discard(pending: PendingImport) -> None:
    shutil.rmtree(pending.folder, ignore_errors=True)
