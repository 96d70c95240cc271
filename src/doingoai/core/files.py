"""What a stored file is, read from its content: the name and the browser's word are not trusted.

Attachments are usually scans (PDF, JPEG, PNG) or office files (Word, Excel).
The format is recognised from the first bytes; a Word or Excel file must also
pass the reader's zip checks (no zip bomb, no XML with a DTD), since an
office may open it later.
"""

from __future__ import annotations

import io
import zipfile

from doingoai.extraction.errors import ExtractionError
from doingoai.extraction.readers.safety import check_zip

#: format → (MIME type, suffix, label)
FORMATS = {
    "pdf": ("application/pdf", ".pdf", "PDF"),
    "jpeg": ("image/jpeg", ".jpg", "ảnh JPEG"),
    "png": ("image/png", ".png", "ảnh PNG"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Word"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel"),
}
ACCEPTED = "PDF, JPEG, PNG, Word (.docx) hoặc Excel (.xlsx)"


class UnacceptedFile(ValueError):
    """The file is not one of the accepted formats, or is unsafe; the message names it, in Vietnamese."""


def detect_format(data: bytes, name: str) -> str:
    """ "pdf", "jpeg", "png", "docx" or "xlsx" from the content; ``UnacceptedFile`` otherwise."""
    if not data:
        raise UnacceptedFile(f"Tệp {name} rỗng.")
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            raise UnacceptedFile(f"Tệp {name} bị hỏng.") from None
        kind = "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else None
        if kind is None:
            raise UnacceptedFile(f"Tệp {name} là tệp nén, không phải Word hay Excel. Chỉ nhận {ACCEPTED}.")
        try:
            check_zip(data, name, kind="Word" if kind == "docx" else "Excel")
        except ExtractionError as error:
            raise UnacceptedFile(error.message) from None
        return kind
    raise UnacceptedFile(f"Tệp {name} không phải {ACCEPTED}.")
