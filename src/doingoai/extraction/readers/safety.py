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
  openpyxl 3.1.5, lxml 6.1.3 with libxml2 2.14.6:

  - python-docx parses every part with one lxml parser created with
    ``resolve_entities=False`` (``docx.oxml.parser.oxml_parser``): internal
    entities are left as unexpanded references and external ones are never
    loaded (lxml's ``no_network`` default is on as well); a billion-laughs
    DTD is refused by libxml2's amplification limit (XMLSyntaxError).
    The Word reader does not go through python-docx's object model (too
    slow) but parses the two parts it needs with the same settings plus
    ``load_dtd=False``, ``no_network=True``, ``huge_tree=False``;
  - openpyxl parses workbook, styles and relationship parts with lxml
    ``XMLParser(resolve_entities=False)`` and sheets and shared strings with
    ``defusedxml``'s ``iterparse`` (defusedxml is a dependency, so
    ``openpyxl.DEFUSEDXML`` is true), which refuses any entity declaration.

  Office parts never carry a document type declaration, so as a second line
  of defence ``check_zip`` refuses any part whose prolog declares one (a
  DOCTYPE can only stand before the root element, where entities are
  declared), in UTF-8 or UTF-16, and any XML part in another encoding, before
  the libraries see it: the protection does not depend on their versions.
  Only the prolog of each part is read, so the check costs well under a
  millisecond on an ordinary document.

Limits: at most ``MAX_MEMBERS`` members, ``MAX_MEMBER_SIZE`` uncompressed per
member, ``MAX_TOTAL_SIZE`` in all, and a member over ``RATIO_FLOOR`` may not
inflate more than ``MAX_RATIO`` times (a large uncompressed BMP/EMF picture
could, in theory, trip this last rule).
"""

from __future__ import annotations

import io
import zipfile

from doingoai.extraction.errors import ExtractionError

MAX_MEMBERS = 2_000
MAX_MEMBER_SIZE = 50 * 1024 * 1024
MAX_TOTAL_SIZE = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # the ratio limit applies to members larger than this

_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 16 * 1024
_UTF16_STARTS = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")


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
                raise ExtractionError(f"{refused}: nội dung giải nén vượt quá {_mb(MAX_TOTAL_SIZE)}.")
            if size > RATIO_FLOOR and size > MAX_RATIO * max(member.compress_size, 1):
                raise ExtractionError(
                    f"{refused} (bom nén): thành phần {member.filename!r} nén với tỉ lệ "
                    f"{size // max(member.compress_size, 1)}:1 (tối đa {MAX_RATIO}:1)."
                )
        for member in members:
            if member.is_dir() or not member.file_size:
                continue
            try:
                declares = _declares_dtd(
                    archive, member, strict=member.filename.lower().endswith(_XML_SUFFIXES)
                )
            except Exception:  # CRC errors, truncated data, encrypted members…
                raise ExtractionError(broken) from None
            if declares:
                raise ExtractionError(
                    f"{refused}: phần {member.filename!r} khai báo DTD/thực thể XML "
                    "hoặc dùng bảng mã lạ, điều mà văn bản Word/Excel hợp lệ không bao giờ có."
                )


def _declares_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, strict: bool) -> bool:
    """Whether the XML part has a document type declaration (or is not UTF-8/16).

    ``strict`` is for parts named .xml/.rels/.vml. Other members (images,
    binaries) are looked at only when they start like XML text, since a
    relationship can point a library at an XML part of any name.

    A DOCTYPE (the only place entities can be declared) may stand only in the
    prolog, before the root element, so only the prolog is read: the XML
    declaration, comments and processing instructions are skipped, and
    anything starting with "<!" that is not a comment counts as a DOCTYPE.
    UTF-16 parts are decoded first; a part in another encoding (UTF-32,
    EBCDIC…), which Office never writes, is refused the same way.
    """
    with archive.open(member) as stream:
        head = stream.read(_CHUNK)
        if head.startswith(b"\xef\xbb\xbf"):
            head = head[3:]
        if not strict and head.lstrip()[:1] != b"<" and head[:2] not in _UTF16_STARTS:
            return False  # not XML text: an image or another binary part
        if head[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"<\x00\x00\x00", b"\x00\x00\x00<"):
            return True  # UTF-32
        if head[:2] in _UTF16_STARTS:
            codec = (
                "utf-16"
                if head[:2] in (b"\xff\xfe", b"\xfe\xff")
                else ("utf-16-le" if head[:1] == b"<" else "utf-16-be")
            )
            whole = head + stream.read()
            head = whole.decode(codec, errors="replace").lstrip("\ufeff").encode("utf-8")
            return _prolog_dtd(head, lambda: b"")
        return _prolog_dtd(head, lambda: stream.read(_CHUNK))


def _prolog_dtd(buffer: bytes, read) -> bool:
    """Walk the prolog: True at a DTD (or text that is not XML), False at the root.

    ``read`` gives the next bytes ("" at the end); the walk is linear however
    long the comments or declarations an attacker puts before the root.
    """
    while True:
        buffer = buffer.lstrip()
        if len(buffer) < 4:
            more = read()
            if more:
                buffer += more
                continue
            return buffer.startswith(b"<!") or bool(buffer and buffer[:1] != b"<")
        if buffer[:1] != b"<":
            return True  # text before the root: not an encoding Office writes
        if buffer.startswith((b"<?", b"<!--")):
            marker = b"?>" if buffer.startswith(b"<?") else b"-->"
            end = buffer.find(marker, 2 if marker == b"?>" else 4)
            while end < 0:
                more = read()
                if not more:
                    return False  # unfinished: the XML parser will refuse it
                buffer = buffer[-2:] + more
                end = buffer.find(marker)
            buffer = buffer[end + len(marker) :]
            continue
        return buffer.startswith(b"<!")
