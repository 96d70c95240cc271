"""``doingoai export agreements``: a province's yearly list of international agreements in Word or Excel."""

from __future__ import annotations

from doingoai.documents import agreement_list
from doingoai.documents.commands import ExportCommand


class Command(ExportCommand):
    help = "Ghi danh mục thỏa thuận quốc tế của một tỉnh trong một năm (báo cáo Bộ Ngoại giao, hạn 15/11)."

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help="tên tỉnh")
        parser.add_argument("--year", required=True, type=int, help="năm báo cáo")
        self.add_output_arguments(parser, tuple(agreement_list.FORMATS))

    def handle(self, *args, province, year, format, output, as_user=None, **options):
        user = self.acting_user(as_user)
        province = self.province(province, user)
        listing = agreement_list.agreement_list(user, province, year)
        self.write(output, agreement_list.write(listing, format))
        counts = ", ".join(
            f"{part.heading.split('. ', 1)[0]}: {len(part.agreements)}" for part in listing.parts
        )
        self.stdout.write(f"{listing.count} thỏa thuận ({counts}): {listing.title}.")
