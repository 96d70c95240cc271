"""``doingoai demo``: a working system from a fresh clone, with the sample plans loaded.

What it does, each step idempotent (running it twice changes nothing):

1. migrates the database (SQLite in the data folder, ``./data`` or
   ``DOINGOAI_DATA_DIR``; PostgreSQL when ``DATABASE_URL`` is set);
2. creates the provinces of the samples (Bình Định, Đồng Nai, Thái Nguyên)
   and Gia Lai, which Bình Định merged into in 2025, each sample province
   with its foreign-affairs office (Sở Ngoại vụ);
3. creates an office officer per province and loads the five sample plans
   through the importer, as that officer, the units the documents name
   created from the importer's proposals (no prompts);
4. creates the other demo accounts (administrator, a unit officer, a
   leader), walks a dozen delegations of Thái Nguyên through every state of
   their life (``delegations.demo``: members, passports, a report), and
   prints every account with its password;
5. serves the site on http://127.0.0.1:8000 (``--no-serve`` to stop after
   preparing).

Demo passwords are printed because the demo is for trying the system on one
machine; a real deployment creates its accounts with ``doingoai manage
createsuperuser`` and the admin pages.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

DEMO_PASSWORD = "doingoai-demo"
SAMPLES = Path(__file__).resolve().parents[5] / "samples" / "plans"


@dataclass(frozen=True)
class DemoProvince:
    code: str
    name: str
    username: str  # its office officer


PROVINCES = (
    DemoProvince("binh-dinh", "Bình Định", "ngoaivu.binhdinh"),
    DemoProvince("dong-nai", "Đồng Nai", "ngoaivu.dongnai"),
    DemoProvince("thai-nguyen", "Thái Nguyên", "ngoaivu.thainguyen"),
)
MERGED = ("binh-dinh", "gia-lai", "Gia Lai", datetime.date(2025, 7, 1))
OFFICE_UNIT = "Sở Ngoại vụ"
#: the unit officer's unit (named by sample 002, so it exists once the samples are loaded)
UNIT_OFFICER = ("donvi.cdthainguyen", "thai-nguyen", "Trường Cao đẳng Thái Nguyên")
LEADER = ("lanhdao.thainguyen", "thai-nguyen")
ADMIN = "quantri"


class Command(BaseCommand):
    help = (
        "Chuẩn bị hệ thống thử nghiệm: cơ sở dữ liệu, tỉnh, đơn vị, 5 văn bản mẫu, tài khoản; "
        "rồi chạy máy chủ."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help="chỉ chuẩn bị dữ liệu, không chạy máy chủ"
        )
        parser.add_argument(
            "--addrport", default="127.0.0.1:8000", help="địa chỉ máy chủ (mặc định 127.0.0.1:8000)"
        )
        parser.add_argument("--samples", default=None, help="thư mục văn bản mẫu (mặc định samples/plans)")

    def handle(self, *args, **options):
        prepare_folders()
        self.stdout.write("• Cập nhật cơ sở dữ liệu (migrate)…")
        call_command("migrate", interactive=False, verbosity=0)
        provinces, offices = self.provinces()
        # The Bình Định officer also sees Gia Lai, the province Bình Định merged into.
        seen = {code: [provinces[code]] for code in provinces}
        seen[MERGED[0]].append(provinces[MERGED[1]])
        officers = {
            code: self.account(
                username,
                "office",
                offices[code],
                seen[code],
                f"Cán bộ Sở Ngoại vụ {provinces[code].name}",
            )
            for code, username in ((p.code, p.username) for p in PROVINCES)
        }
        self.load_samples(options["samples"], provinces, officers)
        accounts = self.other_accounts(provinces)
        self.life(provinces, officers, accounts)
        self.print_accounts(officers, accounts)
        if options["no_serve"]:
            return
        address = options["addrport"]
        self.stdout.write(self.style.SUCCESS(f"\nMở trình duyệt tại http://{address}/ (Ctrl+C để dừng)\n"))
        call_command("runserver", address, use_reloader=False)

    # ------------------------------------------------------------------ provinces and units

    def provinces(self):
        from doingoai.organization.models import Province, Unit

        provinces = {}
        for item in PROVINCES:
            provinces[item.code] = _get_or_create(Province, {"code": item.code}, {"name": item.name})
        merged_code, into_code, into_name, merged_on = MERGED
        provinces[into_code] = _get_or_create(Province, {"code": into_code}, {"name": into_name})
        merged = provinces[merged_code]
        if merged.merged_into_id is None:
            merged.merged_into, merged.merged_on = provinces[into_code], merged_on
            merged.save()
        offices = {
            item.code: _get_or_create(
                Unit,
                {"province": provinces[item.code], "name": OFFICE_UNIT},
                {"kind": Unit.Kind.FOREIGN_AFFAIRS},
            )
            for item in PROVINCES
        }
        self.stdout.write(f"• {len(provinces)} tỉnh: " + ", ".join(p.name for p in provinces.values()))
        return provinces, offices

    # ------------------------------------------------------------------ the sample plans

    def load_samples(self, folder, provinces, officers):
        from doingoai.extraction import ExtractionError, extract_bytes
        from doingoai.extraction.normalize.text import fold
        from doingoai.plans import importer

        folder = Path(folder) if folder else _samples_folder()
        files = sorted(folder.glob("*.txt")) + sorted(folder.glob("*.docx")) + sorted(folder.glob("*.xlsx"))
        if not files:
            raise CommandError(f"Không tìm thấy văn bản mẫu trong {folder}.")
        by_name = {fold(provinces[p.code].name): p.code for p in PROVINCES}
        self.stdout.write(f"• Nhập {len(files)} văn bản mẫu từ {folder}:")
        for path in files:
            data = path.read_bytes()
            try:
                printed = extract_bytes(data, path.name).document.get("province") or ""
            except ExtractionError as error:
                self.stderr.write(f"  {path.name}: {error.message}")
                continue
            code = by_name.get(fold(printed))
            if code is None:
                self.stderr.write(
                    f"  {path.name}: văn bản ghi tỉnh «{printed}», không thuộc các tỉnh thử nghiệm."
                )
                continue
            preview, outcome = importer.import_files([(path.name, data)], officers[code], create_units=True)
            result = outcome.documents[0] if outcome.documents else None
            if result is None or result.error:
                self.stderr.write(f"  {path.name}: {result.error if result else 'không nhập được'}")
                continue
            doc = preview.documents[0]
            counts = result.counts
            self.stdout.write(
                f"  {path.name} ({provinces[code].name}): {len(doc.delegations)} đoàn, "
                f"{len(doc.agreements)} thỏa thuận — mới {counts['created']}, cập nhật {counts['updated']}, "
                f"không đổi {counts['unchanged']}"
            )
            for unit in outcome.units_created:
                self.stdout.write(f"      + đơn vị mới: {unit}")

    # ------------------------------------------------------------------ accounts

    def account(self, username, role, unit, provinces, full_name, *, superuser=False):
        """A demo account with its role; the password is set only when it is not the demo one."""
        from doingoai.accounts.models import Profile

        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=full_name,
                is_staff=superuser,
                is_superuser=superuser,
            )
        elif not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        profile = Profile.objects.filter(user=user).first()
        if profile is None:
            profile = Profile.objects.create(user=user, role=role, unit=unit)
        elif (profile.role, profile.unit_id) != (role, unit.pk if unit else None):
            profile.role, profile.unit = role, unit
            profile.save()
        current = set(profile.provinces.values_list("pk", flat=True))
        missing = [p for p in provinces if p.pk not in current]
        if missing:
            profile.provinces.add(*missing)
        return user

    def other_accounts(self, provinces):
        from doingoai.organization.models import Unit
        from doingoai.plans.importer import match_unit

        accounts = []
        admin = self.account(ADMIN, "admin", None, [], "Quản trị hệ thống", superuser=True)
        accounts.append(("Quản trị hệ thống", admin, "mọi tỉnh"))
        username, code, unit_name = UNIT_OFFICER
        province = provinces[code]
        units = list(Unit.objects.active().filter(province=province))
        unit = match_unit(unit_name, units, province.name)
        if unit is None:
            unit = _get_or_create(Unit, {"province": province, "name": unit_name}, {"kind": Unit.Kind.SCHOOL})
        officer = self.account(username, "unit", unit, [province], f"Cán bộ {unit.name}")
        accounts.append(("Cán bộ đơn vị", officer, f"{unit.name} ({province.name})"))
        username, code = LEADER
        leader = self.account(
            username, "leader", None, [provinces[code]], f"Lãnh đạo tỉnh {provinces[code].name}"
        )
        accounts.append(("Lãnh đạo", leader, provinces[code].name))
        return accounts

    # ------------------------------------------------------------------ delegations in every state

    def life(self, provinces, officers, accounts):
        """Delegations of the unit officer's province walked through their life (``delegations.demo``)."""
        from doingoai.delegations import demo
        from doingoai.organization.models import Unit
        from doingoai.plans.importer import match_unit

        username, code, _ = UNIT_OFFICER
        province = provinces[code]
        unit_officer = next(user for _, user, _ in accounts if user.username == username)
        units = list(Unit.objects.active().filter(province=province))
        other = match_unit("Ban Quản lý các KCN", units, province.name) or next(
            u for u in units if u.pk != unit_officer.profile.unit_id
        )
        from doingoai.consolidation import demo as consolidation_demo

        cast = demo.Cast(
            office=officers[code], unit_officer=unit_officer, unit=unit_officer.profile.unit, other_unit=other
        )
        made = demo.seed(cast, approve_plan=consolidation_demo.approve_plan(cast))
        if made:
            self.stdout.write(
                f"• {len(made)} đoàn minh họa ở mọi trạng thái ({province.name}): dự thảo, đã gửi, "
                "trả lại, trong kế hoạch, phê duyệt, đang đi, đã về, đã báo cáo, hoãn, hủy…"
            )
        from doingoai.agreements import demo as agreements_demo
        from doingoai.tasks import demo as tasks_demo

        if tasks_demo.seed(officers[code], unit_officer, other) + agreements_demo.seed(
            officers[code], unit_officer.profile.unit
        ):
            self.stdout.write(
                f"• Nhiệm vụ quá hạn có ghi tiến độ, nhiệm vụ giao cho nhóm đơn vị; thỏa thuận chưa báo cáo "
                f"sau khi ký, thỏa thuận sắp hết hiệu lực ({province.name})"
            )
        from doingoai.collection import demo as collection_demo

        round = collection_demo.seed(officers[code], unit_officer.profile.unit, other)
        if round is not None:
            self.stdout.write(
                f"• Đợt thu thập đề xuất năm {round.year} ({province.name}): đơn vị đã gửi, không có đoàn, "
                "quá hạn; người liên hệ của các đơn vị"
            )
            proposals = consolidation_demo.seed_next_year(cast, round.year)
            self.stdout.write(
                f"• Tổng hợp kế hoạch: kế hoạch năm nay đã phê duyệt theo phiên bản; "
                f"{len(proposals)} đề xuất năm {round.year} của lãnh đạo tỉnh, các đơn vị, "
                "có cảnh báo theo từng quy định"
            )

    def print_accounts(self, officers, accounts):
        rows = [("Quản trị hệ thống", *accounts[0][1:])]
        for item in PROVINCES:
            user = officers[item.code]
            names = ", ".join(user.profile.provinces.order_by("name").values_list("name", flat=True))
            rows.append(("Cán bộ Sở Ngoại vụ", user, names))
        rows += accounts[1:]
        table = [("Vai trò", "Tên đăng nhập", "Mật khẩu", "Phạm vi")]
        table += [(role, user.username, DEMO_PASSWORD, scope) for role, user, scope in rows]
        widths = [max(len(row[i]) for row in table) for i in range(4)]
        line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        self.stdout.write("\nTài khoản thử nghiệm (chỉ dùng để thử, đổi mật khẩu khi triển khai thật):")
        self.stdout.write(line)
        for index, row in enumerate(table):
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("| " + " | ".join(cells) + " |")
            if index == 0:
                self.stdout.write(line)
        self.stdout.write(line)


def _get_or_create(model, lookup: dict, defaults: dict):
    """get_or_create on every row, soft-deleted ones too (a unique name may be taken by a hidden row)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **defaults)
    return obj


def _samples_folder() -> Path:
    """The sample plans: beside the source tree (a clone), else in the current folder."""
    for folder in (SAMPLES, Path.cwd() / "samples" / "plans"):
        if folder.is_dir():
            return folder
    raise CommandError(
        "Không tìm thấy thư mục samples/plans: hãy chạy lệnh trong thư mục mã nguồn "
        "hoặc chỉ rõ --samples THƯ_MỤC."
    )


def prepare_folders() -> None:
    """The data folder must exist before SQLite opens its file there; media and static go beside it."""
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        name = str(database.get("NAME") or "")
        if name and ":memory:" not in name and not name.startswith("file:"):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
    for folder in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
