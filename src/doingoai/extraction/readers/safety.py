"""Checks made on a Word or Excel file before any library opens it.

Both formats are zip archives of XML parts, which opens two ways to hurt the
server with a small upload:

* **zip bombs**: a few kilobytes that inflate to gigabytes, or an archive of
  thousands of members. ``check_zip`` reads only the zip directory and
  refuses too many members, a member or a total that inflates beyond the
  limits below, or a large member compressed suspiciously well. The sizes in
  the directory cannot be understated to get past this: Python's ``zipfile``
  (used by python-docx and openpyxl) never returns more bytes than the size
  the directory declares and fails the CRC check when the data is longer.
* **XML entities** (billion laughs, external entities reading local files or
  URLs). What the libraries do on their own, checked on python-docx 1.2,
  openpyxl 3.1.5, lxml 6.0:

  - python-docx parses every part with one lxml parser created with
    ``resolve_entities=False`` (``docx.oxml.parser.oxml_parser``): internal
    entities are left as unexpanded references and external ones are never
    loaded (lxml's ``no_network`` default is on as well);
  - openpyxl parses parts with lxml ``XMLParser(resolve_entities=False)`` and
    sheets and shared strings with ``defusedxml``'s ``iterparse`` (defusedxml
    is a dependency, so ``openpyxl.DEFUSEDXML`` is true), which refuses any
    entity declaration.

  Office parts never carry a document type declaration, so as a second line
  of defence ``check_zip`` refuses any XML part that declares one
  (``<!DOCTYPE`` or ``<!ENTITY``, in UTF-8 or UTF-16) before the libraries
  see it: the protection does not depend on their versions.
"""

from __future__ import annotations

import io
import re
import zipfile

from doingoai.extraction.errors import ExtractionError

MAX_MEMBERS = 2_000
MAX_MEMBER_SIZE = 50 * 1024 * 1024
MAX_TOTAL_SIZE = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # the ratio limit applies to members larger than this

_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DTD_UTF16 = re.compile(
    rb"<\x00!\x00(?:[Dd]\x00[Oo]\x00[Cc]\x00|[Ee]\x00[Nn]\x00[Tt]\x00)"
    rb"|\x00<\x00!\x00(?:[Dd]\x00[Oo]\x00[Cc]|[Ee]\x00[Nn]\x00[Tt])"
)
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 1024 * 1024


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def check_zip(data: bytes, name: str, *, kind: str = "Word/Excel") -> None:
    """Refuse ``data`` unless it is a zip archive safe to hand to the readers.

    ``kind`` names the expected format in the messages ("Word", "Excel").
    Raises ``ExtractionError`` with a Vietnamese message naming ``name``.
    """
    broken = f"Không đọc được tệp {kind} {name}: tệp bị hỏng hoặc không đúng định dạng."
    refused = f"Tệp {name} bị từ chối vì có thể là tệp độc hại"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ExtractionError(broken) from None
    with archive:
        members = archive.infolist()
        if not members:
            raise ExtractionError(broken)
        if len(members) > MAX_MEMBERS:
            raise ExtractionError(
                f"{refused}: tệp nén chứa {len(members)} thành phần (tối đa {MAX_MEMBERS})."
            )
        total = 0
        for member in members:
            size = member.file_size
            if size > MAX_MEMBER_SIZE:
                raise ExtractionError(
                    f"{refused}: thành phần {member.filename!r} khi giải nén lớn {_mb(size)} "
                    f"(tối đa {_mb(MAX_MEMBER_SIZE)})."
                )
            total += size
            if total > MAX_TOTAL_SIZE:
                raise ExtractionError(
                    f"{refused}: nội dung giải nén vượt quá {_mb(MAX_TOTAL_SIZE)}."
                )
            if size > RATIO_FLOOR and size > MAX_RATIO * max(member.compress_size, 1):
                raise ExtractionError(
                    f"{refused} (bom nén): thành phần {member.filename!r} nén với tỉ lệ "
                    f"{size // max(member.compress_size, 1)}:1 (tối đa {MAX_RATIO}:1)."
                )
        for member in members:
            if member.is_dir() or not member.filename.lower().endswith(_XML_SUFFIXES):
                continue
            try:
                declares = _declares_dtd(archive, member)
            except Exception:  # CRC errors, truncated data, encrypted members…
                raise ExtractionError(broken) from None
            if declares:
                raise ExtractionError(
                    f"{refused}: phần {member.filename!r} khai báo DTD/thực thể XML, "
                    "điều mà văn bản Word/Excel hợp lệ không bao giờ có."
                )


def _declares_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether the XML part declares a DOCTYPE or an entity, read in chunks."""
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if _DTD.search(window) or _DTD_UTF16.search(window):
                return True
            tail = window[-32:]
    return False
