"""``doingoai export report``: the execution report of a province's plan year, in Word or PDF."""

from __future__ import annotations

from doingoai.documents import report
from doingoai.documents.commands import ExportCommand
from doingoai.reports.selectors import execution_report


class Command(ExportCommand):
    help = (
        "Ghi báo cáo kết quả thực hiện kế hoạch đoàn ra, đoàn vào (6 tháng đầu năm hoặc cả năm) "
        "của một tỉnh ra tệp Word hoặc PDF."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help="tên tỉnh")
        parser.add_argument("--year", required=True, type=int, help="năm kế hoạch")
        parser.add_argument("--half", type=int, choices=(1,), help="1: sáu tháng đầu năm (không có: cả năm)")
        self.add_output_arguments(parser, tuple(report.FORMATS))

    def handle(self, *args, province, year, format, output, half=None, as_user=None, **options):
        user = self.acting_user(as_user)
        found = execution_report(user, self.province(province, user), year, half)
        self.write(output, report.write(found, format))
        self.stdout.write(f"{found.title}: {found.totals['planned'].delegations} đoàn theo kế hoạch.")
