"""Reads an export shares: what an appendix request asks for, checked against what the user sees.

``appendix_request(user, values)`` turns the parsed values of an
``AppendixForm`` (or the command's options) into the tables to write, or
raises ``InvalidInput`` / ``Http404`` for what the user may not have; the
page, the API and the command then only write the bytes out.
"""

from __future__ import annotations

from django.http import Http404

from doingoai.accounts.scoping import scope, visible_provinces
from doingoai.consolidation.models import PlanVersion
from doingoai.core.errors import InvalidInput
from doingoai.documents import appendix
from doingoai.organization.models import Unit


def appendix_request(user, values: dict) -> list[appendix.Appendix]:
    province = visible_provinces(user).filter(pk=values["province"]).first()
    if province is None:
        raise Http404
    unit = None
    if values.get("unit"):
        unit = scope(Unit.objects.all(), user).filter(pk=values["unit"], province=province).first()
        if unit is None:
            raise InvalidInput({"unit": "Không có đơn vị này trong tỉnh."})
    version = None
    if values.get("version"):
        version = PlanVersion.objects.filter(
            province=province, year=values["year"], number=values["version"]
        ).first()
        if version is None:
            raise InvalidInput(
                {"version": f"Kế hoạch năm {values['year']} không có phiên bản số {values['version']}."}
            )
    tables = appendix.plan_appendices(
        user,
        province,
        values["year"],
        direction=values.get("direction") or None,
        level=values.get("level") or None,
        unit=unit,
        version=version,
    )
    if not tables:
        raise InvalidInput({"year": f"Kế hoạch năm {values['year']} của tỉnh chưa có đoàn nào để xuất."})
    return tables
