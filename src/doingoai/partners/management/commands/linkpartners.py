"""``doingoai manage linkpartners [--province NAME] [--as USERNAME]``: partners of the stored records.

The importer and the delegation services link partners as records are
written; this brings a database written before that up to date (or after
the organisation words of ``partners/data`` were edited). Running it twice
changes nothing the second time.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from doingoai.agreements.models import Agreement
from doingoai.core.commands import acting_user, province_named
from doingoai.delegations.models import Delegation
from doingoai.organization.models import Province
from doingoai.partners.services import partners_link


class Command(BaseCommand):
    help = "Tạo và gắn đối tác nước ngoài cho các đoàn, thỏa thuận đã lưu."

    def add_arguments(self, parser):
        parser.add_argument("--province", help="Chỉ một tỉnh (tên hoặc mã).")
        parser.add_argument(
            "--as", dest="username", help="Tài khoản thực hiện (mặc định: quản trị hệ thống)."
        )

    def handle(self, *args, province=None, username=None, **options):
        user = acting_user(username)
        provinces = [province_named(province)] if province else list(Province.objects.active())
        for each in provinces:
            delegations = list(
                Delegation.objects.filter(province=each).only(
                    "id", "province_id", "localities", "countries", "partners"
                )
            )
            agreements = list(Agreement.objects.filter(province=each, partner__isnull=True))
            done = partners_link(delegations, agreements, user=user, reason="Gắn đối tác cho dữ liệu đã có")
            self.stdout.write(
                f"{each.name}: {done['created']} đối tác mới, {done['links']} liên kết "
                f"({len(delegations)} đoàn, {len(agreements)} thỏa thuận chưa có đối tác)."
            )
