"""A realistic load of delegations for the web benchmarks: provinces, units, plans, rows.

Twenty-four provinces (Vietnamese names), each with its foreign-affairs
office, departments, schools, hospitals, police, military, mass organisations
and districts; one plan document a year (2016–2025) per province; and
delegations spread over them: outbound and inbound, provincial and
department level, countries weighted the way the provinces' plans weight
them (Laos, Cambodia, Korea, China, Japan, Thailand first; border provinces
lean to their neighbour), foreign localities taken from the reader's own
reference data (so "Champasak", "Chămpasắc", "Chăm-pa-xắc" all occur), periods,
people, durations, funding text with its categories and a status that fits
the year. Texts are built from fragments of real plans.

``bulk_create`` skips ``save()``, so the derived columns (``search_text``,
``countries_key``, ``funding_key``) are set by the models' ``fill_derived()``.

    uv run python benchmarks/generate_delegations.py --count 200000 [--database-url URL]

(normally called by ``benchmarks/web_pages.py``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

YEARS = range(2016, 2026)
CURRENT_YEAR = 2025
#: how busy each plan year is (few delegations in the pandemic years, more every year since)
YEAR_WEIGHTS = {
    2016: 0.8,
    2017: 0.85,
    2018: 0.9,
    2019: 1.0,
    2020: 0.35,
    2021: 0.25,
    2022: 0.7,
    2023: 1.05,
    2024: 1.15,
    2025: 1.25,
}
PANDEMIC_YEARS = (2020, 2021)

PROVINCES = [
    # (code, name, neighbour country the province leans to, or None)
    ("thai-nguyen", "Thái Nguyên", "CN"),
    ("dong-nai", "Đồng Nai", "KR"),
    ("gia-lai", "Gia Lai", "KH"),
    ("binh-dinh", "Bình Định", "KR"),
    ("quang-tri", "Quảng Trị", "LA"),
    ("nghe-an", "Nghệ An", "LA"),
    ("ha-tinh", "Hà Tĩnh", "LA"),
    ("quang-nam", "Quảng Nam", "LA"),
    ("da-nang", "Đà Nẵng", "JP"),
    ("thua-thien-hue", "Thừa Thiên Huế", "LA"),
    ("kon-tum", "Kon Tum", "LA"),
    ("dak-lak", "Đắk Lắk", "KH"),
    ("lao-cai", "Lào Cai", "CN"),
    ("lang-son", "Lạng Sơn", "CN"),
    ("cao-bang", "Cao Bằng", "CN"),
    ("dien-bien", "Điện Biên", "LA"),
    ("son-la", "Sơn La", "LA"),
    ("an-giang", "An Giang", "KH"),
    ("kien-giang", "Kiên Giang", "KH"),
    ("can-tho", "Cần Thơ", "JP"),
    ("tay-ninh", "Tây Ninh", "KH"),
    ("binh-duong", "Bình Dương", "KR"),
    ("hai-phong", "Hải Phòng", "JP"),
    ("quang-ninh", "Quảng Ninh", "CN"),
]

# (name template, kind, short name used in texts)
UNIT_TEMPLATES = [
    ("Sở Ngoại vụ", "foreign_affairs", "Sở Ngoại vụ"),
    ("Văn phòng UBND tỉnh", "leadership", "Văn phòng UBND tỉnh"),
    ("Sở Giáo dục và Đào tạo", "department", "Sở GD&ĐT"),
    ("Sở Y tế", "department", "Sở Y tế"),
    ("Sở Công Thương", "department", "Sở Công Thương"),
    ("Sở Văn hóa, Thể thao và Du lịch", "department", "Sở VHTTDL"),
    ("Sở Kế hoạch và Đầu tư", "department", "Sở KH&ĐT"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "department", "Sở NN&PTNT"),
    ("Sở Tài nguyên và Môi trường", "department", "Sở TN&MT"),
    ("Sở Khoa học và Công nghệ", "department", "Sở KH&CN"),
    ("Sở Lao động - Thương binh và Xã hội", "department", "Sở LĐTBXH"),
    ("Ban Quản lý các khu công nghiệp", "department", "BQL các KCN"),
    ("Trường Cao đẳng {province}", "school", "Trường Cao đẳng"),
    ("Trường Đại học {province}", "school", "Trường Đại học"),
    ("Bệnh viện Đa khoa tỉnh {province}", "hospital", "Bệnh viện Đa khoa tỉnh"),
    ("Công an tỉnh {province}", "police", "Công an tỉnh"),
    ("Bộ Chỉ huy Quân sự tỉnh {province}", "military", "Bộ CHQS tỉnh"),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh {province}", "military", "BĐBP tỉnh"),
    ("Tỉnh Đoàn {province}", "mass_organisation", "Tỉnh Đoàn"),
    ("Hội Liên hiệp Phụ nữ tỉnh {province}", "mass_organisation", "Hội LHPN tỉnh"),
    ("Liên hiệp các tổ chức hữu nghị tỉnh {province}", "mass_organisation", "Liên hiệp các tổ chức hữu nghị"),
]
DISTRICTS = [
    "Phú Bình",
    "Đại Từ",
    "Định Hóa",
    "Võ Nhai",
    "Đồng Hỷ",
    "Phú Lương",
    "Hướng Hóa",
    "Đakrông",
    "Vĩnh Linh",
    "Gio Linh",
    "Kỳ Sơn",
    "Tương Dương",
    "Con Cuông",
    "Hương Sơn",
    "Hương Khê",
    "Nam Giang",
    "Tây Giang",
    "Đông Giang",
    "A Lưới",
    "Ngọc Hồi",
    "Đắk Glei",
    "Ea Súp",
    "Buôn Đôn",
    "Bát Xát",
    "Mường Khương",
    "Tràng Định",
    "Cao Lộc",
    "Trùng Khánh",
    "Hạ Lang",
    "Mường Nhé",
    "Sông Mã",
    "Tịnh Biên",
    "An Phú",
    "Hà Tiên",
    "Giang Thành",
    "Tân Biên",
    "Châu Thành",
    "Móng Cái",
    "Bình Liêu",
    "Hải Hà",
]

# country code: (Vietnamese name, adjective used for people and firms, weight)
COUNTRIES = {
    "LA": ("Lào", "Lào", 22),
    "KH": ("Campuchia", "Campuchia", 11),
    "KR": ("Hàn Quốc", "Hàn Quốc", 13),
    "CN": ("Trung Quốc", "Trung Quốc", 12),
    "JP": ("Nhật Bản", "Nhật Bản", 12),
    "TH": ("Thái Lan", "Thái Lan", 8),
    "SG": ("Singapore", "Singapore", 3),
    "US": ("Hoa Kỳ", "Hoa Kỳ", 3),
    "AU": ("Australia", "Australia", 2),
    "FR": ("Pháp", "Pháp", 2),
    "DE": ("Đức", "Đức", 2),
    "TW": ("Đài Loan", "Đài Loan", 3),
    "RU": ("Liên bang Nga", "Nga", 1.5),
    "IN": ("Ấn Độ", "Ấn Độ", 1),
    "MY": ("Malaysia", "Malaysia", 1.5),
    "ID": ("Indonesia", "Indonesia", 1),
    "MM": ("Myanmar", "Myanmar", 0.7),
    "PH": ("Philippines", "Philippines", 0.7),
    "NZ": ("New Zealand", "New Zealand", 0.5),
    "CA": ("Canada", "Canada", 0.6),
    "GB": ("Vương quốc Anh", "Anh", 0.8),
    "IT": ("Italia", "Italia", 0.5),
    "NL": ("Hà Lan", "Hà Lan", 0.6),
    "BE": ("Bỉ", "Bỉ", 0.4),
    "HU": ("Hungary", "Hungary", 0.4),
    "CZ": ("Séc", "Séc", 0.3),
    "CU": ("Cuba", "Cuba", 0.4),
    "IL": ("Israel", "Israel", 0.3),
    "AE": ("Các Tiểu vương quốc Ả Rập Thống nhất", "UAE", 0.3),
    "MN": ("Mông Cổ", "Mông Cổ", 0.2),
}

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Phan",
    "Võ",
    "Trịnh",
    "Đinh",
    "Lương",
    "Hà",
    "Ma",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc", "Kim", "Hữu", "Ngọc", "Xuân", "Thu", "Anh", "Hồng"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phương",
    "Quang",
    "Sơn",
    "Thảo",
    "Tuấn",
    "Việt",
    "Yến",
    "Hoa",
    "Khánh",
    "Linh",
    "Trung",
    "Thắng",
    "Hạnh",
    "Giang",
]
TITLES_PROVINCE = [
    "Bí thư Tỉnh ủy",
    "Phó Bí thư Thường trực Tỉnh ủy",
    "Chủ tịch UBND tỉnh",
    "Phó Chủ tịch UBND tỉnh",
    "Chủ tịch HĐND tỉnh",
    "Phó Chủ tịch HĐND tỉnh",
    "Ủy viên Ban Thường vụ Tỉnh ủy",
]
TITLES_UNIT = {
    "foreign_affairs": ["Giám đốc", "Phó Giám đốc", "Trưởng phòng Lãnh sự"],
    "leadership": ["Chánh Văn phòng", "Phó Chánh Văn phòng"],
    "department": ["Giám đốc", "Phó Giám đốc", "Trưởng ban", "Phó Trưởng ban", "Trưởng phòng"],
    "school": ["Hiệu trưởng", "Phó Hiệu trưởng", "Trưởng khoa"],
    "hospital": ["Giám đốc", "Phó Giám đốc", "Trưởng khoa"],
    "police": ["Giám đốc", "Phó Giám đốc"],
    "military": ["Chỉ huy trưởng", "Phó Chỉ huy trưởng", "Chính ủy"],
    "mass_organisation": ["Chủ tịch", "Phó Chủ tịch", "Bí thư"],
    "district": ["Chủ tịch", "Phó Chủ tịch"],
}
TITLES_IN = [
    "Phó Tỉnh trưởng",
    "Tỉnh trưởng",
    "Chủ tịch",
    "Thị trưởng",
    "Giám đốc Sở",
    "Hiệu trưởng",
    "Tổng Lãnh sự",
    "Đại sứ",
    "Chủ tịch Hội đồng quản trị",
    "Tổng Giám đốc",
    "Trưởng Đại diện",
]

TOPICS = [
    "giáo dục nghề nghiệp",
    "đào tạo nguồn nhân lực",
    "y tế cơ sở và y học cổ truyền",
    "xúc tiến đầu tư",
    "xúc tiến thương mại, giới thiệu sản phẩm OCOP",
    "phát triển du lịch cộng đồng",
    "nông nghiệp công nghệ cao",
    "quản lý biên giới",
    "phòng, chống tội phạm xuyên biên giới",
    "chuyển đổi số",
    "bảo vệ môi trường",
    "quản lý tài nguyên nước",
    "phát triển khu công nghiệp",
    "hợp tác lao động",
    "giao lưu văn hóa, thể thao",
    "phòng, chống dịch bệnh",
    "khoa học và công nghệ",
    "tìm kiếm, quy tập hài cốt liệt sĩ",
    "hợp tác thanh niên",
    "bình đẳng giới",
    "quản lý đô thị",
    "logistics và cửa khẩu",
]
EVENTS = [
    "Hội chợ Thương mại quốc tế",
    "Diễn đàn hợp tác địa phương",
    "Hội nghị thường niên",
    "Lễ hội văn hóa",
    "Hội thảo khoa học quốc tế",
    "Tuần Văn hóa - Du lịch",
    "Kỳ họp Ủy ban hợp tác",
    "Hội nghị xúc tiến đầu tư",
    "Giải thể thao hữu nghị",
    "Lễ ký kết biên bản ghi nhớ",
]
PARTNER_ORGS = [
    "Văn phòng tỉnh {loc}",
    "Sở Ngoại vụ tỉnh {loc}",
    "Sở Giáo dục và Thể thao tỉnh {loc}",
    "Sở Y tế tỉnh {loc}",
    "Chính quyền tỉnh {loc}",
    "Ủy ban nhân dân tỉnh {loc}",
    "Trường Đại học {loc}",
    "Bệnh viện tỉnh {loc}",
    "Phòng Thương mại và Công nghiệp {loc}",
    "Công an tỉnh {loc}",
    "Hội Hữu nghị {country}-Việt Nam tỉnh {loc}",
]
PARTNER_ORGS_NO_LOC = [
    "Đại sứ quán {country} tại Việt Nam",
    "Tổng Lãnh sự quán {country} tại TP. Hồ Chí Minh",
    "Tổ chức Hợp tác Quốc tế {country}",
    "Hiệp hội doanh nghiệp {country}",
    "Tập đoàn {firm}",
    "Công ty TNHH {firm}",
    "Quỹ {firm}",
    "Trường Đại học {firm}",
]
FIRMS = [
    "Samsung",
    "Hyosung",
    "Toyota",
    "Aeon",
    "Foxconn",
    "Lotte",
    "Mitsubishi",
    "Hanwha",
    "SCG",
    "Amata",
    "Posco",
    "Sumitomo",
    "Itochu",
    "CJ",
    "LG",
    "Kumho",
    "Sejong",
    "Kyoto",
    "Meiji",
    "Chiang Mai",
]
ACTIVITIES = [
    "Thăm, làm việc và trao đổi về {topic}",
    "Ký kết biên bản ghi nhớ hợp tác về {topic}",
    "Tham dự {event} và làm việc với {partner}",
    "Khảo sát, học tập kinh nghiệm về {topic}",
    "Trao đổi kết quả hợp tác năm {prev} và thống nhất kế hoạch năm {year}",
    "Chúc Tết cổ truyền, thăm hỏi cộng đồng người Việt Nam",
    "Tham gia đoàn công tác của Bộ, ngành Trung ương",
    "Giới thiệu tiềm năng, môi trường đầu tư của tỉnh",
    "Tuyển sinh, trao đổi giảng viên và sinh viên",
    "Tập huấn, bồi dưỡng chuyên môn về {topic}",
]
FUNDING = [
    ("Ngân sách tỉnh", ["provincial_budget"], 30),
    ("Ngân sách nhà nước", ["state_budget"], 10),
    ("Kinh phí của đơn vị", ["unit_funds"], 14),
    ("Đối tác chi trả", ["partner_pays"], 16),
    ("Ngân sách tỉnh và đối tác hỗ trợ", ["provincial_budget", "partner_pays"], 8),
    ("Ngân sách huyện", ["district_budget"], 5),
    ("Xã hội hóa, tài trợ của doanh nghiệp", ["private"], 5),
    ("Tự túc", ["self_funded"], 3),
    ("Ngân sách Đảng", ["party_budget"], 3),
    ("Kinh phí công đoàn", ["trade_union"], 1),
    ("Kinh phí quốc phòng", ["defence"], 2),
    ("Kinh phí đơn vị và xã hội hóa", ["unit_funds", "private"], 3),
]
STATUS_PAST = [("carried_out", 62), ("cancelled", 11), ("postponed", 9), ("approved", 14), ("proposed", 4)]
STATUS_PANDEMIC = [("cancelled", 45), ("postponed", 25), ("carried_out", 20), ("approved", 10)]
STATUS_CURRENT = [("proposed", 38), ("approved", 42), ("carried_out", 14), ("postponed", 4), ("cancelled", 2)]
REVIEW_SAMPLES = [
    {"field": "countries", "code": "countries_fuzzy", "reason": "Tên nước viết sai, đã đoán: Lào"},
    {"field": "period", "code": "period_unclear", "reason": "Không hiểu thời gian thực hiện: «cuối năm»"},
    {"field": "funding", "code": "funding_missing", "reason": "Chưa ghi nguồn kinh phí"},
    {"field": "people", "code": "people_unclear", "reason": "Không hiểu số người: «theo thực tế»"},
]

BENCH_PASSWORD = "mat-khau-benchmark"


#: foreign localities the plans name far more often than the others
FREQUENT_LOCALITIES = {
    "LA-CH": 6,
    "LA-SV": 5,
    "LA-VT": 5,
    "LA-AT": 3,
    "LA-SL": 3,
    "LA-XE": 3,
    "LA-HO": 3,
    "LA-LP": 2,
    "KH-12": 4,
    "KH-17": 3,
    "KH-16": 3,
    "KR-47": 3,
    "KR-11": 3,
    "CN-GX": 5,
    "CN-YN": 4,
    "JP-13": 3,
    "JP-27": 2,
    "TH-10": 3,
    "TH-48": 2,
}


def _localities() -> dict[str, list[tuple[str, list[str]]]]:
    """Country code → [(ISO 3166-2 code, names as plans print them)], from the reader's data.

    The official name comes first; frequent localities are repeated by their weight.
    """
    path = ROOT / "src" / "doingoai" / "extraction" / "data" / "localities.json"
    data = json.loads(path.read_text("utf-8"))["localities"]
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for code, entry in data.items():
        names = [v.lstrip("=^!") for v in entry.get("variants", []) if v.lstrip("=^!")]
        names = [entry["name"]] * max(1, len(names)) + names  # half the rows print the official name
        out.setdefault(code.split("-")[0], []).extend([(code, names)] * FREQUENT_LOCALITIES.get(code, 1))
    return out


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


class Generator:
    """Makes unsaved ``Delegation`` objects for given provinces, units and plans."""

    def __init__(self, seed: int = 2025):
        self.rng = random.Random(seed)
        self.localities = _localities()
        self.country_codes = list(COUNTRIES)

    def _country_weights(self, lean: str | None) -> list[float]:
        return [COUNTRIES[c][2] * (3.0 if c == lean else 1.0) for c in self.country_codes]

    def countries_for(self, lean: str | None) -> list[str]:
        rng = self.rng
        weights = self._country_weights(lean)
        first = rng.choices(self.country_codes, weights=weights)[0]
        if rng.random() < 0.12:  # a tour of two or three countries
            more = rng.choices(self.country_codes, weights=weights, k=rng.choice((1, 2)))
            return list(dict.fromkeys([first, *more]))
        return [first]

    def delegation(self, model, province, lean, unit, unit_short, plan, year: int, direction: str, row: int):
        rng = self.rng
        level = "province" if rng.random() < 0.18 else "department"
        countries = self.countries_for(lean)
        main = countries[0]
        country_vi, country_adj, _ = COUNTRIES[main]
        localities, locality_name = [], None
        if main in self.localities and rng.random() < 0.75:
            code, names = rng.choice(self.localities[main])
            localities, locality_name = [code], rng.choice(names)
        topic, event = rng.choice(TOPICS), rng.choice(EVENTS)
        if locality_name:
            partner = rng.choice(PARTNER_ORGS).format(loc=locality_name, country=country_vi)
        else:
            partner = rng.choice(PARTNER_ORGS_NO_LOC).format(country=country_vi, firm=rng.choice(FIRMS))
        where = f"{locality_name}, {country_vi}" if locality_name else country_vi
        where_all = (
            where if len(countries) == 1 else where + ", " + ", ".join(COUNTRIES[c][0] for c in countries[1:])
        )
        if direction == "out":
            if level == "province":
                name = rng.choice(
                    [
                        f"Đoàn lãnh đạo tỉnh {province.name} thăm và làm việc tại {where_all}",
                        f"Đoàn đại biểu cấp cao tỉnh {province.name} tham dự {event} tại {where_all}",
                        f"Đoàn công tác của tỉnh xúc tiến đầu tư, thương mại tại {where_all}",
                    ]
                )
                leader = f"{_person(rng)} - {rng.choice(TITLES_PROVINCE)}"
            else:
                name = rng.choice(
                    [
                        f"Đoàn công tác của {unit_short} đi {where_all}",
                        f"Đoàn cán bộ {unit.name} tham dự {event} tại {where_all}",
                        f"Đoàn khảo sát, học tập kinh nghiệm về {topic} tại {where_all}",
                        f"Đoàn {unit_short} làm việc với {partner}",
                    ]
                )
                leader = f"{_person(rng)} - {rng.choice(TITLES_UNIT[unit.kind])} {unit_short}"
        else:
            name = rng.choice(
                [
                    f"Đoàn {partner} thăm và làm việc tại tỉnh {province.name}",
                    f"Đoàn doanh nghiệp {country_adj} khảo sát đầu tư tại tỉnh",
                    f"Đoàn {partner} dự {event} tại tỉnh",
                    f"Đoàn chuyên gia {country_adj} trao đổi về {topic}",
                ]
            )
            leader = rng.choice([f"Lãnh đạo {partner}", f"Cấp {rng.choice(TITLES_IN)}", ""])
        activities = rng.choice(ACTIVITIES).format(
            topic=topic, event=event, partner=partner, prev=year - 1, year=year
        )
        people = rng.choice((2, 3, 4, 5, 5, 6, 7, 8, 10, 12, 15, 20, 30))
        people_max = people + rng.choice((0, 0, 0, 2, 3, 5))
        days = rng.choice((3, 4, 5, 5, 6, 7, 7, 8, 10, 14))
        month = rng.randint(1, 12)
        span = rng.choice((0, 0, 0, 1, 2))
        start = datetime.date(year, month, 1)
        end = datetime.date(year, min(12, month + span), 1)
        funding, categories, _ = _weighted_row(rng, FUNDING)
        status = _weighted(
            rng,
            STATUS_CURRENT
            if year >= CURRENT_YEAR
            else STATUS_PANDEMIC
            if year in PANDEMIC_YEARS
            else STATUS_PAST,
        )
        review = [rng.choice(REVIEW_SAMPLES)] if rng.random() < 0.03 else []
        source_values = {
            "name": name,
            "countries": where_all,
            "funding": funding,
            "period": f"Tháng {month}/{year}",
            "people": f"{people_max} người",
        }
        obj = model(
            province=province,
            owner=unit,
            plan_document=plan,
            source_table=1 if direction == "out" else 2,
            source_row=f"{1 if direction == 'out' else 2}-{row}",
            source={"file": plan.file_name, "table": 1 if direction == "out" else 2, "row": row},
            source_values=source_values,
            review=review,
            out_of_plan=rng.random() < 0.04,
            direction=direction,
            level=level,
            year=year,
            status=status,
            section=("I. Đoàn ra" if direction == "out" else "II. Đoàn vào")
            + (" cấp tỉnh" if level == "province" else " của các sở, ban, ngành, địa phương"),
            unit_heading=unit.name,
            tt=str(row),
            name=name,
            leader=leader,
            countries=countries,
            countries_open=rng.random() < 0.02,
            localities=localities,
            partners=partner,
            activities=activities,
            people_min=people,
            people_max=people_max,
            people_per_delegation=False,
            delegation_count=1 if rng.random() < 0.93 else rng.choice((2, 3)),
            duration_min=Decimal(days),
            duration_max=Decimal(days + rng.choice((0, 0, 2))),
            duration_unit="day",
            period_start=start,
            period_end=end,
            period_tentative=rng.random() < 0.3,
            funding=funding,
            funding_categories=categories,
            notes=rng.choice(
                [
                    "",
                    "",
                    "",
                    "Đoàn phát sinh ngoài kế hoạch",
                    "Chờ ý kiến Bộ Ngoại giao",
                    "Kết hợp nhiều nội dung",
                    "Đối tác mời",
                ]
            ),
            host_unit=unit.name if direction == "in" else "",
        )
        finish(obj)
        return obj


def _weighted_row(rng: random.Random, rows):
    return rng.choices(rows, weights=[r[-1] for r in rows])[0]


def finish(obj) -> None:
    """What ``save()`` would set, for ``bulk_create``: the model's derived columns."""
    obj.fill_derived()


def populate(total: int = 200_000, *, seed: int = 2025, batch: int = 2_000, verbose: bool = True) -> dict:
    """Fill the configured database (Django set up, migrated, no delegations yet).

    Returns what the benchmark needs: the province of the users, the users'
    names, the password.
    """
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from doingoai.accounts.models import Profile
    from doingoai.delegations.models import Delegation
    from doingoai.organization.models import Province, Unit
    from doingoai.plans.models import PlanDocument

    gen = Generator(seed)
    rng = gen.rng
    t0 = time.perf_counter()
    with transaction.atomic():
        provinces = [Province(code=code, name=name) for code, name, _ in PROVINCES]
        for province in provinces:
            province.fill_derived()
        provinces = Province.objects.bulk_create(provinces)
        lean = {p.code: lean for p, (_, _, lean) in zip(provinces, PROVINCES, strict=True)}
        units: dict[int, list[tuple[Unit, str]]] = {}
        for province in provinces:
            rows = []
            for template, kind, short in UNIT_TEMPLATES:
                rows.append(
                    (Unit(province=province, name=template.format(province=province.name), kind=kind), short)
                )
            for district in rng.sample(DISTRICTS, 6):
                rows.append(
                    (
                        Unit(province=province, name=f"UBND huyện {district}", kind="district"),
                        f"UBND huyện {district}",
                    )
                )
            for unit, _ in rows:
                unit.fill_derived()
            Unit.objects.bulk_create([u for u, _ in rows])
            units[province.pk] = rows
        plans = {}
        for province in provinces:
            for year in YEARS:
                plan = PlanDocument(
                    province=province,
                    kind="Kế hoạch",
                    number=f"{rng.randint(10, 350)}/KH-UBND",
                    issued_on=datetime.date(year - 1, 12, rng.randint(1, 28)),
                    issuer=f"UBND tỉnh {province.name}",
                    year=year,
                    title=f"Kế hoạch đoàn ra, đoàn vào năm {year} của tỉnh {province.name}",
                    file_name=f"ke-hoach-doan-ra-doan-vao-{year}-{province.code}.docx",
                )
                plan.fill_derived()
                plans[province.pk, year] = plan
        PlanDocument.objects.bulk_create(list(plans.values()))
    # unit weights: the foreign-affairs office and the leadership propose most of the provincial rows
    weights = [
        3 if kind in ("department", "school") else 2 if kind == "district" else 1.5
        for _, kind, _ in UNIT_TEMPLATES
    ] + [2] * 6
    # Rows arrive as imports do: one plan document (a province's year) at a time, years in order,
    # outbound table then inbound table; bigger provinces have bigger plans.
    province_weight = {p.pk: rng.uniform(0.5, 1.6) for p in provinces}
    documents = []
    for year in YEARS:
        for province in rng.sample(provinces, len(provinces)):
            documents.append((province, year, province_weight[province.pk] * YEAR_WEIGHTS[year]))
    scale = total / sum(w for _, _, w in documents)
    sizes = [int(w * scale) for _, _, w in documents]
    for i in range(total - sum(sizes)):
        sizes[i % len(sizes)] += 1
    made = 0
    pending = []
    for (province, year, _), size in zip(documents, sizes, strict=True):
        directions = sorted(("out" if rng.random() < 0.62 else "in" for _ in range(size)), reverse=True)
        rows = {"out": 0, "in": 0}
        for direction in directions:
            rows[direction] += 1
            unit, short = rng.choices(units[province.pk], weights=weights)[0]
            pending.append(
                gen.delegation(
                    Delegation,
                    province,
                    lean[province.code],
                    unit,
                    short,
                    plans[province.pk, year],
                    year,
                    direction,
                    rows[direction],
                )
            )
            made += 1
            if len(pending) >= batch or made == total:
                with transaction.atomic():
                    Delegation.objects.bulk_create(pending, batch_size=batch)
                pending = []
                if verbose and ((made // batch) % 10 == 0 or made == total):
                    print(f"  {made:>7,} delegations ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)

    home = provinces[0]
    user_model = get_user_model()
    office = user_model.objects.create_user(
        "bench-office", password=BENCH_PASSWORD, first_name="Cán bộ", last_name="Sở Ngoại vụ"
    )
    Profile.objects.create(user=office, role="office", unit=units[home.pk][0][0]).provinces.set(provinces)
    unit_user = user_model.objects.create_user("bench-unit", password=BENCH_PASSWORD)
    school = next(u for u, _ in units[home.pk] if u.kind == "school")
    Profile.objects.create(user=unit_user, role="unit", unit=school).provinces.set([home])
    # a few delegations with a real history (edited twice), for the detail page
    for obj in Delegation.objects.filter(province=home, owner=school).order_by("-year", "id")[:5]:
        obj.status = "approved"
        obj.save()
        obj.notes = "Đã điều chỉnh thời gian theo đề nghị của đối tác"
        obj.save()
    return {
        "province": home.code,
        "office": "bench-office",
        "unit": "bench-unit",
        "password": BENCH_PASSWORD,
        "seconds": time.perf_counter() - t0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--database-url", help="default: DATABASE_URL, else the project's SQLite file")
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doingoai.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from doingoai.delegations.models import Delegation

    if Delegation.objects.exists():
        sys.exit("the database already has delegations; use an empty one")
    info = populate(args.count, seed=args.seed)
    print(json.dumps(info, ensure_ascii=False))


if __name__ == "__main__":
    main()
