"""From a file to its records: recognise the format, read it, interpret it."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field

from doingoai.extraction.assignments import extract_tasks
from doingoai.extraction.document import SourceDocument
from doingoai.extraction.errors import ExtractionError
from doingoai.extraction.layout import interpret
from doingoai.extraction.metadata import document_record
from doingoai.extraction.readers.text import read_text
from doingoai.extraction.records import agreement, delegation, needs_review

MAX_BYTES = 50 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
#: the characters of ``_CONTROL`` as bytes: UTF-8 writes each as that one byte, which no other character uses
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])


@dataclass(slots=True)
class ExtractionResult:
    """Everything read from one document."""

    name: str
    format: str
    document: dict
    delegations: list[dict] = field(default_factory=list)
    agreements: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)

    def records(self, kinds: str = "delegations") -> list[dict]:
        """The records of one kind ("delegations", "agreements", "tasks", "documents") or "all"."""
        if kinds == "delegations":
            return self.delegations
        if kinds == "agreements":
            return self.agreements
        if kinds == "tasks":
            return self.tasks
        if kinds == "documents":
            return [self.document]
        return [self.document, *self.delegations, *self.agreements, *self.tasks]

    @property
    def review_count(self) -> int:
        """Records an officer must look at (a "review" item; notes alone do not count)."""
        return sum(1 for r in self.delegations + self.agreements if needs_review(r))


def sniff(data: bytes, name: str) -> str:
    """The format of a file from its content: "docx", "xlsx" or "text"."""
    if not data.strip():
        raise ExtractionError(f"Tệp {name} rỗng: không có nội dung để đọc.")
    if data.startswith(_ZIP_MAGIC):
        head = data[:65536] + data[-65536:]
        if b"word/" in head:
            return "docx"
        if b"xl/" in head:
            return "xlsx"
        raise ExtractionError(
            f"Tệp {name} là tệp nén nhưng không phải văn bản Word (.docx) hay bảng tính Excel (.xlsx)."
        )
    if data.startswith(_OLE_MAGIC):
        raise ExtractionError(
            f"Tệp {name} là định dạng Word/Excel cũ (.doc/.xls): hãy lưu lại thành .docx hoặc .xlsx."
        )
    if data.startswith(b"%PDF"):
        raise ExtractionError(f"Tệp {name} là PDF: hãy dùng bản Word (.docx) hoặc văn bản (.txt).")
    return "text"


def decode_text(data: bytes, name: str) -> str:
    """Text files are UTF-8 (with or without BOM) or UTF-16 with BOM."""
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise ExtractionError(
            f"Tệp {name} không phải văn bản đọc được (không phải UTF-8, Word hay Excel)."
        ) from None
    if encoding == "utf-8-sig" and len(data.translate(None, _CONTROL_BYTES)) == len(data):
        # No control byte, so no NUL or control character in the text: the checks below find nothing.
        return unicodedata.normalize("NFC", text)
    head = text[:100000]
    if "\x00" in text or (_CONTROL.search(head) and len(_CONTROL.findall(head)) > len(head) * 0.01):
        raise ExtractionError(f"Tệp {name} chứa dữ liệu nhị phân, không phải văn bản.")
    return unicodedata.normalize("NFC", text)


def read_source(data: bytes, name: str) -> SourceDocument:
    """Read any supported format into the common document shape."""
    if len(data) > MAX_BYTES:
        raise ExtractionError(
            f"Tệp {name} quá lớn ({len(data) // (1024 * 1024)} MB; tối đa {MAX_BYTES // (1024 * 1024)} MB)."
        )
    kind = sniff(data, name)
    if kind == "docx":
        from doingoai.extraction.readers.docx import read_docx

        return read_docx(data, name)
    if kind == "xlsx":
        from doingoai.extraction.readers.xlsx import read_xlsx

        return read_xlsx(data, name)
    return read_text(decode_text(data, name), name)


def extract_document(source: SourceDocument, *, tasks: bool = True) -> ExtractionResult:
    """Interpret a read document into its records (``tasks``: also the tasks it assigns to units)."""
    document = document_record(source)
    result = ExtractionResult(name=source.name, format=source.format, document=document)
    year = document.get("year")
    for row in interpret(source):
        if row.table.kind == "agreement":
            result.agreements.append(agreement(row, source.name, year, document))
        else:
            result.delegations.append(delegation(row, source.name, year, document))
    document["delegation_count"] = len(result.delegations)
    document["agreement_count"] = len(result.agreements)
    if tasks:
        result.tasks = extract_tasks(source, year)
        document["task_count"] = len(result.tasks)
    return result


def extract_bytes(data: bytes, name: str, *, tasks: bool = True) -> ExtractionResult:
    """Records of a document given as bytes; ``name`` is its file name."""
    return extract_document(read_source(data, name), tasks=tasks)


def extract_path(path: str | os.PathLike, *, tasks: bool = True) -> ExtractionResult:
    """Records of the document at ``path``; the record's ``doc`` is its file name."""
    name = os.path.basename(os.fspath(path))
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise ExtractionError(
                f"Tệp {name} quá lớn ({size // (1024 * 1024)} MB; tối đa {MAX_BYTES // (1024 * 1024)} MB)."
            )
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise ExtractionError(f"Không tìm thấy tệp {name}.") from None
    except IsADirectoryError:
        raise ExtractionError(f"{name} là thư mục, không phải tệp.") from None
    except PermissionError:
        raise ExtractionError(f"Không có quyền đọc tệp {name}.") from None
    except OSError as error:
        raise ExtractionError(f"Không đọc được tệp {name}: {error.strerror}.") from None
    return extract_bytes(data, name, tasks=tasks)
