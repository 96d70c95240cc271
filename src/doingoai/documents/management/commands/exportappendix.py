"""``doingoai export appendix``: a plan year's appendix table in Word or Excel."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.http import Http404

from doingoai.core.errors import InvalidInput
from doingoai.documents import appendix
from doingoai.documents.commands import ExportCommand
from doingoai.documents.selectors import appendix_request
from doingoai.extraction.normalize.text import fold
from doingoai.organization.models import Unit


class Command(ExportCommand):
    help = "Ghi bảng phụ lục kế hoạch đoàn ra (Mẫu 04) hoặc đoàn vào (Mẫu 05) của một tỉnh, một năm."

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help="tên tỉnh")
        parser.add_argument("--year", required=True, type=int, help="năm kế hoạch")
        parser.add_argument("--direction", required=True, choices=("out", "in"))
        parser.add_argument("--level", required=True, choices=("province", "department"))
        parser.add_argument("--unit", help="tên đơn vị: chỉ các đoàn của đơn vị này")
        parser.add_argument("--plan-version", type=int, help="số phiên bản kế hoạch của năm")
        self.add_output_arguments(parser, tuple(appendix.FORMATS))

    def handle(self, *args, province, year, direction, level, format, output, as_user=None, **options):
        user = self.acting_user(as_user)
        province = self.province(province, user)
        unit = None
        if options.get("unit"):
            wanted = fold(options["unit"])
            unit = next(
                (u for u in Unit.objects.active().filter(province=province) if fold(u.name) == wanted), None
            )
            if unit is None:
                raise CommandError(f"Tỉnh {province.name} không có đơn vị «{options['unit']}».")
        values = {
            "province": province.pk,
            "year": year,
            "direction": direction,
            "level": level,
            "unit": unit.pk if unit else None,
            "version": options.get("plan_version"),
        }
        try:
            tables = appendix_request(user, values)
        except InvalidInput as error:
            raise CommandError(error.message) from None
        except Http404:
            raise CommandError(f"Tài khoản «{user.username}» không được xem tỉnh {province.name}.") from None
        self.write(output, appendix.write(tables, format))
        self.stdout.write(f"{tables[0].row_count} đoàn: {tables[0].title}.")
