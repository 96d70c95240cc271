"""Storing and hiding attachments: the part every service that takes a file shares.

Called by a domain's service after its own permission check (a delegation's
files by ``delegations.services``): the bytes are checked (size, format from
the content), stored under the data folder (``MEDIA_ROOT/attachments/``) with
a name of the system's choosing, and recorded with who uploaded them. A file
stored by a service that then fails is removed again (``forget_on_failure``).
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from doingoai.core.errors import InvalidInput
from doingoai.core.files import FORMATS, UnacceptedFile, detect_format
from doingoai.core.models import Attachment
from doingoai.core.services import clean_text, forget_on_failure, save_record


def _safe_name(name: str) -> str:
    name = clean_text(Path(str(name).replace("\\", "/")).name)[:200]
    return name or "tep"


def store(target, *, user, kind: str, name: str, data: bytes, description: str = "") -> Attachment:
    """Check and store ``data`` as an attachment of ``target``; ``InvalidInput`` if it is refused."""
    limit = settings.DOINGOAI_ATTACHMENT_MAX_BYTES
    name = _safe_name(name)
    if len(data) > limit:
        raise InvalidInput({"file": f"Tệp {name} quá lớn (tối đa {limit // (1024 * 1024)} MB)."})
    try:
        file_format = detect_format(data, name)
    except UnacceptedFile as error:
        raise InvalidInput({"file": str(error)}) from None
    if kind not in Attachment.Kind.values:
        raise InvalidInput({"kind": "Loại tệp không hợp lệ."})
    suffix = FORMATS[file_format][1]
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(type(target)),
        object_id=target.pk,
        kind=kind,
        name=name,
        size=len(data),
        format=file_format,
        sha256=hashlib.sha256(data).hexdigest(),
        description=clean_text(description)[:255],
        uploaded_by=user,
    )
    attachment.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(data), save=False)
    forget_on_failure(attachment.file.name)
    save_record(attachment, None, user=user, reason=f"Đính kèm tệp {name}")
    return attachment


def hide(attachment: Attachment, *, user) -> Attachment:
    attachment.deleted_at = timezone.now()
    return save_record(attachment, {"deleted_at"}, user=user, reason=f"Xóa tệp {attachment.name}")


def attachments_of(target):
    """The visible attachments of ``target``, oldest first."""
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(type(target)),
        object_id=target.pk,
        deleted_at__isnull=True,
    ).select_related("uploaded_by")
