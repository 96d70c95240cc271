"""The demo's agreements followed after the plan: one whose report after signing is overdue, one expiring.

Made through the services, as the office would; idempotent (nothing is done
when the first of them exists).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from doingoai.agreements import services
from doingoai.agreements.models import Agreement

REPORT_OWED = "Biên bản ghi nhớ hợp tác đào tạo với Trường Đại học Quốc gia Lào (minh họa)"
EXPIRING = "Thỏa thuận hợp tác hữu nghị với tỉnh Chăm-pa-sắc, Lào (minh họa)"


def seed(office, unit) -> list[Agreement]:
    if Agreement.objects.filter(title=REPORT_OWED, province=unit.province).exists():
        return []
    today = timezone.localdate()
    owed = services.agreement_create(
        user=office,
        values={
            "province": unit.province,
            "year": today.year,
            "title": REPORT_OWED,
            "kind": "Biên bản ghi nhớ",
            "owner": unit,
            "signing_capacity": unit.name,
            "countries": ["LA"],
            "partner_name": "Trường Đại học Quốc gia Lào",
            "signed_on": today - datetime.timedelta(days=20),
            "term_months": 60,
        },
        reason="Dữ liệu minh họa",
    )
    expiring = services.agreement_create(
        user=office,
        values={
            "province": unit.province,
            "year": today.year - 5,
            "title": EXPIRING,
            "kind": "Thỏa thuận quốc tế",
            "signing_capacity": f"UBND tỉnh {unit.province.name}",
            "countries": ["LA"],
            "partner_name": "Chính quyền tỉnh Chăm-pa-sắc",
            "signed_on": today - datetime.timedelta(days=5 * 365 - 45),
            "status": Agreement.Status.IN_FORCE,
            "term_months": 60,
        },
        reason="Dữ liệu minh họa",
    )
    return [owed, expiring]
