"""People and data the web tests share: one province with units, a user per role.

``make_user(role, unit=None, provinces=...)`` creates more; ``delegation(...)``
creates a delegation with sensible defaults.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model

from doingoai.accounts.models import Profile
from doingoai.delegations.models import Delegation
from doingoai.organization.models import Province, Unit

PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def province(db):
    return Province.objects.create(code="thai-nguyen", name="Thái Nguyên")


@pytest.fixture
def other_province(db):
    return Province.objects.create(code="dong-nai", name="Đồng Nai")


@pytest.fixture
def units(province):
    return {
        "office": Unit.objects.create(province=province, name="Sở Ngoại vụ", kind=Unit.Kind.FOREIGN_AFFAIRS),
        "school": Unit.objects.create(
            province=province, name="Trường Cao đẳng Thái Nguyên", kind=Unit.Kind.SCHOOL
        ),
        "industry": Unit.objects.create(
            province=province, name="Ban Quản lý các KCN", kind=Unit.Kind.DEPARTMENT
        ),
    }


@pytest.fixture
def make_user(db, province):
    def make(role: str, unit: Unit | None = None, provinces=None, username: str | None = None):
        user = get_user_model().objects.create_user(
            username=username or f"{role}-{unit.pk if unit else 'x'}",
            password=PASSWORD,
        )
        profile = Profile.objects.create(user=user, role=role, unit=unit)
        profile.provinces.set(provinces if provinces is not None else [province])
        return user

    return make


@pytest.fixture
def office_user(make_user, units):
    return make_user("office", units["office"], username="sngv")


@pytest.fixture
def school_user(make_user, units):
    return make_user("unit", units["school"], username="truong")


@pytest.fixture
def industry_user(make_user, units):
    return make_user("unit", units["industry"], username="kcn")


@pytest.fixture
def leader_user(make_user):
    return make_user("leader", username="lanhdao")


@pytest.fixture
def admin_user(make_user):
    return make_user("admin", username="quantri")


@pytest.fixture
def delegation(province, units):
    def make(**values):
        defaults = {
            "province": province,
            "owner": units["school"],
            "direction": "out",
            "level": "department",
            "year": 2024,
            "tt": "3.4",
            "name": "Đoàn cán bộ Trường Cao đẳng Thái Nguyên",
            "leader": "Lê Kim Anh - Phó Hiệu trưởng",
            "countries": ["LA"],
            "partners": "Sở Giáo dục và Thể thao tỉnh Luông Pha Bông",
            "activities": "Trao đổi tuyển sinh",
            "people_min": 5,
            "people_max": 5,
            "duration_min": 6,
            "duration_max": 6,
            "period_start": datetime.date(2024, 7, 1),
            "period_end": datetime.date(2024, 7, 1),
            "funding": "Đối tác chi trả",
            "funding_categories": ["partner_pays"],
        }
        defaults.update(values)
        return Delegation.objects.create(**defaults)

    return make
