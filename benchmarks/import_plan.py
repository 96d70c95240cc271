"""How fast a plan is imported: a 2,000-row Excel plan, stage by stage, with its queries.

Writes a province's plan as a real ``.xlsx`` (openpyxl): the title block,
then the outbound table of Mẫu 04 with ``--rows`` delegations, every row
different (units, leaders, countries, partners, months, people, funding
drawn from the forms' vocabulary), and imports it into a fresh database the
way the browser does:

1. **read**: ``importer.stage`` (the reader on the file, the pending folder);
2. **preview**: ``importer.build_preview``, and the preview's first page as
   the browser gets it, through Django's test client;
3. **save**: the confirm as the browser sends it (every page's decisions
   checked, then every row saved as proposed, new, with its history),
   until the answer is handed to the browser: when the response is closed,
   as a WSGI server closes it once it has sent it, before the work the
   request leaves for after its response (``core.responses``: the
   collector's pass over the import's objects, the start of step 4);
4. **derived**: the plan year's warnings and the partners' links, which the
   import works out right after the commit, in a thread of its own
   (``core.services.derived_after_saving``): timed from the answer until
   they are written, with the number of warnings.

For each stage it prints the seconds (the median of ``--repeat`` runs) and
the SQL queries. The target: saving is no slower than reading, and takes a
fixed number of queries per table, not one or two per row. ``--scaling`` also times every stage at 1,000 /
2,000 / 4,000 rows, to show each grows in step with the rows.

    uv run python benchmarks/import_plan.py [--rows 2000] [--repeat 3] [--scaling] [--database-url URL]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

UNITS = [
    "Sở Công Thương",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Nông nghiệp và Môi trường",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Tài chính",
    "Ban Quản lý các Khu công nghiệp",
    "Trường Đại học Y Dược",
    "Bệnh viện Đa khoa tỉnh",
    "Liên hiệp các tổ chức hữu nghị tỉnh",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "UBND thành phố",
    "Công an tỉnh",
]
LEADERS = ["Lãnh đạo", "Giám đốc", "Phó Giám đốc", "Chủ tịch", "Phó Chủ tịch", "Hiệu trưởng"]
PLACES = [
    ("Lào", "tỉnh Champasak"),
    ("Lào", "tỉnh Luang Prabang"),
    ("Lào", "tỉnh Savannakhet"),
    ("Campuchia", "tỉnh Kampong Thom"),
    ("Hàn Quốc", "tỉnh Gyeongsangnam"),
    ("Hàn Quốc", "thành phố Busan"),
    ("Nhật Bản", "tỉnh Gunma"),
    ("Nhật Bản", "tỉnh Shizuoka"),
    ("Trung Quốc", "thành phố Thượng Hải"),
    ("Trung Quốc", "tỉnh Quảng Tây"),
    ("Thái Lan", "tỉnh Udon Thani"),
    ("Singapore", "Đại học Quốc gia Singapore"),
    ("Úc", "bang Victoria"),
    ("Pháp", "vùng Normandie"),
    ("Đức", "bang Sachsen"),
    ("Hoa Kỳ", "bang California"),
]
TOPICS = [
    "xúc tiến đầu tư",
    "học tập kinh nghiệm quản lý đô thị",
    "trao đổi giáo dục và đào tạo",
    "hợp tác y tế",
    "nông nghiệp công nghệ cao",
    "giao lưu văn hóa, du lịch",
    "chuyển đổi số",
    "bảo vệ môi trường",
    "phát triển nguồn nhân lực",
    "quản lý lao động",
]
PERIODS = ["Quý I", "Quý II", "Quý III", "Quý IV", "Tháng 3", "Tháng 5", "Tháng 9", "Tháng 10-11"]
FUNDING = ["Ngân sách tỉnh", "Ngân sách nhà nước", "Đối tác nước ngoài tài trợ", "Nguồn xã hội hóa"]
HEADER = [
    "TT",
    "Tên đoàn",
    "Trưởng đoàn",
    "Nước đi",
    "Đối tác làm việc",
    "Nội dung hoạt động",
    "Số người",
    "Số ngày",
    "Thời gian thực hiện",
    "Kinh phí",
    "Ghi chú",
]


def plan_rows(count: int, seed: int = 7, year: int = 2025) -> list[list]:
    """``count`` delegation rows, all different: a unit, a topic and a place per row, numbered."""
    rng = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        unit = rng.choice(UNITS)
        country, place = rng.choice(PLACES)
        topic = rng.choice(TOPICS)
        rows.append(
            [
                number,
                f"Đoàn {unit} đi {topic} tại {place}, {country} (đợt {number})",
                f"{rng.choice(LEADERS)} {unit}",
                country,
                f"Chính quyền {place}; đối tác số {number}",
                f"Làm việc về {topic}; ký kết biên bản ghi nhớ lần {number}",
                rng.randint(3, 10),
                rng.randint(4, 10),
                f"{rng.choice(PERIODS)}/{year}",
                rng.choice(FUNDING),
                "Không bao gồm thời gian đi về" if number % 3 else "",
            ]
        )
    return rows


def plan_xlsx(count: int, number: int = 12, year: int = 2025) -> bytes:
    """A province's plan with ``count`` outbound delegations, as a real Excel file."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Đoàn ra"
    for line in (
        "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
        f"Số: {number}/KH-UBND",
        f"Thái Nguyên, ngày 10 tháng 1 năm {year}",
        f"DANH SÁCH ĐOÀN RA CẤP TỈNH NĂM {year}",
        f"(Kèm theo Kế hoạch số {number}/KH-UBND ngày 10/01/{year} của UBND tỉnh)",
    ):
        sheet.append([line])
    sheet.append(HEADER)
    sheet.append(list(range(1, len(HEADER) + 1)))
    sheet.append(["II.", "Đoàn sử dụng Ngân sách Đảng, Ngân sách Nhà nước"])
    for row in plan_rows(count, year=year):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def setup(database_url: str | None, data_dir: Path) -> None:
    os.environ["DOINGOAI_DATA_DIR"] = str(data_dir)
    os.environ["DOINGOAI_DEBUG"] = "0"  # timings as in production: no query log, no debug pages
    os.environ["DOINGOAI_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DOINGOAI_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DJANGO_SETTINGS_MODULE"] = "doingoai.settings"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.core.signals import request_finished

    # connected before the project's receivers, so that it runs first: the moment the answer is sent
    request_finished.connect(_answered, weak=False, dispatch_uid="benchmark-answered")
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from doingoai.core.serving import settle

    settle()  # as the production server's process does once started (``doingoai.wsgi``)


#: (seconds, CPU) when the last response was closed: the answer has gone to the browser
ANSWERED: list[tuple[float, float]] = []


def _answered(**kwargs) -> None:
    ANSWERED.append((time.perf_counter(), time.thread_time()))


class Counter:
    """Counts the SQL queries run inside ``with``."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed(label: str, function, results: dict):
    """Seconds, queries and CPU of ``function``; a request's until its response is closed (``_answered``)."""
    from django.db import connection

    counter = Counter()
    ANSWERED.clear()
    with connection.execute_wrapper(counter):
        started, cpu = time.perf_counter(), time.thread_time()
        value = function()
        ended, ended_cpu = ANSWERED[-1] if ANSWERED else (time.perf_counter(), time.thread_time())
    results[label] = (ended - started, counter.count, ended_cpu - cpu)
    return value


def office_officer():
    from django.contrib.auth import get_user_model

    from doingoai.accounts.models import Profile
    from doingoai.organization.models import Province, Unit

    province, _ = Province.objects.get_or_create(code="thai-nguyen", defaults={"name": "Thái Nguyên"})
    office, _ = Unit.objects.get_or_create(
        province=province, name="Sở Ngoại vụ", defaults={"kind": Unit.Kind.FOREIGN_AFFAIRS}
    )
    for name in UNITS:
        Unit.objects.get_or_create(province=province, name=name)
    user, created = get_user_model().objects.get_or_create(username="bench-office")
    if created:
        Profile.objects.create(user=user, role="office", unit=office).provinces.add(province)
    return user


def run(count: int, save: bool = True) -> dict:
    from django.test import Client
    from django.urls import reverse

    from doingoai.delegations.models import Delegation
    from doingoai.plans import importer
    from doingoai.plans.models import PlanDocument

    user = office_officer()
    done = PlanDocument.objects.count()
    number = done + 101  # each run a plan of its own: every row new
    year = 2025 + 4 * done  # and a year of its own, beyond the rules' window of the others
    data = plan_xlsx(count, number, year)
    results: dict = {}
    pending = timed("đọc tệp", lambda: importer.stage([(f"ke-hoach-{count}.xlsx", data)], user), results)
    error = pending.documents[0]["error"]
    if error:
        raise SystemExit(error)
    read = len(pending.documents[0]["result"]["delegations"])
    preview = timed("xem trước (dữ liệu)", lambda: importer.build_preview(pending, user), results)
    client = Client()
    client.force_login(user)
    preview_url = reverse("plans:import_preview", args=[pending.token])
    page = timed("xem trước (trang)", lambda: client.get(preview_url), results)
    if page.status_code != 200:
        raise SystemExit(f"preview page answered {page.status_code}")
    results["_page_bytes"] = len(page.content)
    if save:
        confirm = reverse("plans:import_confirm", args=[pending.token])
        answer = timed("lưu (xác nhận)", lambda: client.post(confirm, {}), results)
        if answer.status_code != 302:
            raise SystemExit(f"confirm answered {answer.status_code}")
        from doingoai.core.services import wait_for_derived
        from doingoai.rules.models import Warning

        timed("quy định, đối tác (nền)", wait_for_derived, results)
        plan = f"{number}/KH-UBND"
        results["_warnings"] = Warning.objects.filter(delegation__plan_document__number=plan).count()
        results["_saved"] = Delegation.objects.filter(plan_document__number=f"{number}/KH-UBND").count()
        importer.discard(pending)
    results["_read"] = read
    results["_rows"] = len(preview.documents[0].rows)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument(
        "--scaling", action="store_true", help="also time every stage at 1,000/2,000/4,000 rows"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs whose median is printed (default 3)")
    parser.add_argument("--database-url", help="PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/bench")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="doingoai-bench-import-") as folder:
        setup(args.database_url, Path(folder))
        run(50)  # warm-up: caches of the reader and the templates
        runs = [run(args.rows) for _ in range(max(1, args.repeat))]
        results = dict(runs[-1])
        for label, value in results.items():
            if not label.startswith("_"):
                results[label] = (
                    statistics.median(each[label][0] for each in runs),
                    value[1],
                    statistics.median(each[label][2] for each in runs),
                )
        print(
            f"Nhập kế hoạch {args.rows} hàng (.xlsx): đọc được {results['_read']} đoàn, "
            f"lưu {results['_saved']}, {results['_warnings']} cảnh báo; trung vị của {len(runs)} lần"
        )
        print(f"{'giai đoạn':<26}{'giây':>8}{'CPU':>8}{'truy vấn':>10}")
        for label, value in results.items():
            if not label.startswith("_"):
                print(f"{label:<26}{value[0]:>8.2f}{value[2]:>8.2f}{value[1]:>10}")
        print("(truy vấn của bước kiểm tra chạy trong luồng riêng, không đếm ở đây)")
        print(f"trang xem trước: {results['_page_bytes'] / 1024:.0f} KB")
        print("CPU: thời gian xử lý của luồng đang đo (không tính luồng nền và lúc chờ máy bận)")
        for column, name in ((0, "giây"), (2, "CPU")):
            reading, saving = results["đọc tệp"][column], results["lưu (xác nhận)"][column]
            verdict = "đạt" if saving <= reading else "CHƯA ĐẠT"
            print(f"lưu / đọc ({name}) = {saving / reading:.2f} (mục tiêu ≤ 1: {verdict})")
        if args.scaling:
            print("\nTheo số hàng (giây):")
            print(f"{'hàng':>6}{'đọc':>8}{'dữ liệu':>9}{'trang':>8}{'lưu':>8}")
            for count in (1000, 2000, 4000):
                timing = run(count)
                print(
                    f"{count:>6}{timing['đọc tệp'][0]:>8.2f}{timing['xem trước (dữ liệu)'][0]:>9.2f}"
                    f"{timing['xem trước (trang)'][0]:>8.2f}{timing['lưu (xác nhận)'][0]:>8.2f}"
                )


if __name__ == "__main__":
    main()
