"""``doingoai import FILE... --province NAME [--as USERNAME] [--yes]``: the page's import, from a shell.

For the administrator who brings years of archives in. The same importer as
the page (``plans.importer``, through the same services): for each file it
prints what is new, changed, unchanged and gone, and the rows needing review
with their reasons; it saves only with ``--yes``, all or nothing per file,
with the starting states and owning units the importer proposes (units the
documents name and the province lacks are created). Without ``--as`` it acts
as the system administrator. A file that cannot be read gets the reader's
one-line message and the command ends with a non-zero exit; the other files
are still imported.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doingoai.core.commands import acting_user, province_named
from doingoai.labels import field_label
from doingoai.organization.models import Province
from doingoai.plans import importer


class Command(BaseCommand):
    help = "Nhập văn bản kế hoạch vào hệ thống; chỉ lưu khi có --yes."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="tệp .docx, .xlsx hoặc .txt")
        parser.add_argument("--province", required=True, help="tỉnh của các văn bản (tên hoặc mã tỉnh)")
        parser.add_argument("--as", dest="as_user", help="tên đăng nhập của tài khoản thực hiện")
        parser.add_argument("--yes", action="store_true", help="lưu vào hệ thống")

    def handle(self, *args, files, province, as_user=None, yes=False, **options):
        user = self.acting_user(as_user)
        target = self.province(province)
        failed = 0
        for path in files:
            try:
                if not self.one(Path(path), user, target, save=yes):
                    failed += 1
            except importer.ImportFailed as error:
                failed += 1
                self.stderr.write(f"doingoai: {path}: {error.message}")
        if not yes:
            self.stdout.write("\nChưa lưu gì (xem trước). Chạy lại với --yes để lưu.")
        if failed:
            raise CommandError(f"{failed}/{len(files)} tệp không nhập được.")

    # ------------------------------------------------------------------ who, where

    def acting_user(self, username: str | None):
        user = acting_user(username)
        if not importer.can_import(user):
            raise CommandError(f"Tài khoản «{user.username}» không được nhập văn bản.")
        return user

    def province(self, name: str) -> Province:
        return province_named(name)

    # ------------------------------------------------------------------ one file

    def one(self, path: Path, user, province: Province, *, save: bool) -> bool:
        try:
            data = path.read_bytes()
        except OSError as error:
            self.stderr.write(f"doingoai: {path}: không mở được tệp ({error.strerror}).")
            return False
        pending = importer.stage([(path.name, data)], user, province=province)
        try:
            preview = importer.build_preview(pending, user, create_units=True)
            doc = preview.documents[0]
            if doc.error:
                self.stderr.write(f"doingoai: {path}: {doc.error}")
                return False
            self.summary(doc)
            if save:
                outcome = importer.apply(pending, user, importer.Decisions(), create_units=True)
                counts = outcome.documents[0].counts
                self.stdout.write(
                    f"   Đã lưu: {counts['created']} mới, {counts['updated']} cập nhật, "
                    f"{counts['removed']} ẩn đi."
                )
                for unit in outcome.units_created:
                    self.stdout.write(f"   + đơn vị mới: {unit}")
            return True
        finally:
            importer.discard(pending)

    def summary(self, doc) -> None:
        meta = doc.document
        label = " ".join(part for part in (meta.get("kind"), meta.get("number")) if part) or "văn bản"
        state = "đã nhập trước đây" if doc.existing else "văn bản mới"
        self.stdout.write(
            f"== {doc.name} → {doc.province.name} · {label} ({meta.get('year') or '?'}) · {state}"
        )
        for notice in doc.notices:
            self.stdout.write(f"   ! {notice}")
        self.stdout.write(
            f"   {len(doc.delegations)} đoàn, {len(doc.agreements)} thỏa thuận: mới {doc.new_count}, "
            f"thay đổi {doc.changed_count}, không đổi {doc.unchanged_count}, "
            f"không còn trong văn bản {len(doc.gone)}"
        )
        if doc.delegations:
            initial = dict(doc.initial_choices).get(doc.initial_status, doc.initial_status)
            self.stdout.write(f"   Trạng thái ban đầu của các đoàn mới: {initial}")
        for row in doc.rows:
            for change in row.changes:
                self.stdout.write(
                    f"   ~ {row.source_row}: {change.label}: {change.old} → {change.new}"
                    + (" (đã sửa tay, giữ nguyên)" if change.conflict else "")
                )
        reviewed = [row for row in doc.rows if row.review]
        self.stdout.write(f"   Hàng cần xem lại: {len(reviewed)}")
        for row in reviewed:
            kind = (
                "Thỏa thuận"
                if row.kind == "agreement"
                else ("Đoàn vào" if row.values.get("direction") == "in" else "Đoàn ra")
            )
            self.stdout.write(
                f"   -- Bảng {row.table}, {row.source_row} (TT {row.values.get('tt') or '?'}) "
                f"{kind}: {row.title[:70]}"
            )
            for item in row.review:
                self.stdout.write(
                    f"        • [{field_label(item.get('field', ''))}] {item.get('reason', '')}"
                )
        for gone in doc.gone:
            self.stdout.write(
                f"   - không còn trong văn bản: {gone.title[:80]}"
                + (" (sẽ ẩn đi)" if gone.default_remove else " (giữ lại)")
            )
