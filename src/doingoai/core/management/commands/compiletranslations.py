"""``doingoai manage compiletranslations``: the project's ``.po`` catalogues compiled into ``.mo``.

Compiles every ``.po`` under ``src/doingoai/locale`` (the ``LOCALE_PATHS`` catalogues: Vietnamese for
Django REST framework, the Django admin and auth pages, django-simple-history, and argparse) with
Babel, so neither a developer nor a user's machine needs GNU gettext. The ``.mo`` files are committed
next to their ``.po``; run this after editing a ``.po``. ``--check`` only verifies that every ``.mo``
is what compiling its ``.po`` gives (for CI), writing nothing.

A catalogue with a fuzzy entry (or a fuzzy header) or with a broken placeholder is refused rather
than compiled: a fuzzy entry would silently fall back to English.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.core.management.base import BaseCommand, CommandError

#: src/doingoai/locale
LOCALE_DIR = Path(__file__).resolve().parents[3] / "locale"


class CatalogueError(ValueError):
    """A .po file that must not be compiled as it is."""


def read_catalogue(po_path: Path) -> Catalog:
    """The catalogue of ``po_path``; CatalogueError when it has fuzzy entries or bad placeholders."""
    try:
        with po_path.open("rb") as f:
            catalog = read_po(f, abort_invalid=True)
    except Exception as exc:  # Babel raises PoFileError, UnicodeDecodeError, ...
        raise CatalogueError(f"{po_path}: không đọc được tệp .po ({exc})") from exc
    problems = []
    if catalog.fuzzy:
        problems.append("phần đầu (header) đang bị đánh dấu fuzzy")
    for message in list(catalog)[1:]:
        if message.fuzzy:
            problems.append(f"mục {message.id!r} đang bị đánh dấu fuzzy")
    for message, errors in catalog.check():
        for error in errors:
            problems.append(f"mục {message.id!r}: {error}")
    if problems:
        raise CatalogueError(f"{po_path}:\n  " + "\n  ".join(problems))
    return catalog


def mo_bytes(catalog: Catalog) -> bytes:
    """The bytes of the ``.mo`` of ``catalog`` (fuzzy entries never included)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_po(po_path: Path) -> bytes:
    """The bytes of the ``.mo`` that ``po_path`` compiles to."""
    return mo_bytes(read_catalogue(po_path))


def po_files(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return sorted(locale_dir.rglob("*.po"))


class Command(BaseCommand):
    help = (
        "Biên dịch các tệp bản dịch .po trong src/doingoai/locale thành tệp .mo bằng Babel "
        "(không cần cài GNU gettext)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Chỉ kiểm tra các tệp .mo có khớp với tệp .po hay không, không ghi tệp nào; "
            "báo lỗi nếu cần biên dịch lại.",
        )

    def handle(self, *args, check=False, **options):
        files = po_files()
        if not files:
            raise CommandError(f"Không tìm thấy tệp .po nào trong {LOCALE_DIR}.")
        stale = []
        for po_path in files:
            mo_path = po_path.with_suffix(".mo")
            name = po_path.relative_to(LOCALE_DIR)
            try:
                catalog = read_catalogue(po_path)
            except CatalogueError as exc:
                raise CommandError(f"Không biên dịch được bản dịch:\n{exc}") from exc
            data = mo_bytes(catalog)
            messages = [m for m in list(catalog)[1:] if m.id]
            untranslated = [m for m in messages if not m.string or not all(m.string)]
            if untranslated:
                self.stderr.write(f"{name}: {len(untranslated)} mục chưa dịch (sẽ hiện bằng tiếng Anh).")
            current = mo_path.read_bytes() if mo_path.exists() else None
            if current == data:
                self.stdout.write(f"{name}: {len(messages)} mục, tệp .mo đã khớp, không cần biên dịch lại.")
                continue
            if check:
                stale.append(str(mo_path.relative_to(LOCALE_DIR)))
                continue
            tmp_path = mo_path.with_suffix(".mo.tmp")
            tmp_path.write_bytes(data)
            tmp_path.replace(mo_path)
            self.stdout.write(
                self.style.SUCCESS(f"{name}: đã biên dịch {len(messages)} mục vào {mo_path.name}.")
            )
        if stale:
            raise CommandError(
                "Các tệp .mo sau không khớp với tệp .po (hãy chạy 'doingoai manage compiletranslations'): "
                + ", ".join(stale)
            )
