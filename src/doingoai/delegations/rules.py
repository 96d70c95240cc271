"""The rules of the forms (Mẫu 04 đoàn ra, Mẫu 05 đoàn vào) a delegation must obey.

Checked by the services on the delegation as it would be saved, whichever
door the values came through (a page, the API, the importer's corrections):

- outbound: the head's full name and title; inbound: the head's expected rank;
- at least one country;
- a month or a quarter, the end not before the start;
- the funding and its source;
- people and days not negative, the minimum not above the maximum.

A request that names only some fields (an API PATCH) is checked only on the
rules those fields take part in, so that correcting one value of an imported
row is not refused for a gap elsewhere in it.
"""

from __future__ import annotations

MSG_LEADER_OUT = "Đoàn ra phải ghi họ tên và chức vụ của Trưởng đoàn."
MSG_LEADER_IN = "Đoàn vào phải ghi cấp Trưởng đoàn dự kiến."
MSG_COUNTRY = "Phải ghi ít nhất một nước."
MSG_PERIOD = "Phải ghi thời gian thực hiện: tháng hoặc quý."
MSG_PERIOD_ORDER = "Tháng kết thúc không được trước tháng bắt đầu."
MSG_FUNDING = "Phải ghi nguồn kinh phí."
MSG_NEGATIVE = "Không được là số âm."
MSG_PEOPLE_ORDER = "Số người tối thiểu không được lớn hơn số người tối đa."
MSG_DURATION_ORDER = "Thời gian tối thiểu không được lớn hơn thời gian tối đa."
MSG_NAME = "Phải ghi tên đoàn."
MSG_DIRECTION = "Phải chọn đoàn ra hay đoàn vào."
MSG_LEVEL = "Phải chọn cấp của đoàn."
MSG_YEAR = "Năm kế hoạch phải từ 2000 đến 2100."
MSG_COUNT = "Phải có ít nhất 1 đoàn."
MSG_STATUS = (
    "Không đổi trạng thái bằng cách sửa đoàn: hãy dùng các thao tác (gửi, phê duyệt, hoãn, hủy…) "
    "trên trang của đoàn, hoặc POST /api/delegations/{id}/transitions/."
)

#: each rule's field → the fields whose change makes the rule worth checking
RULE_INPUTS = {
    "name": {"name"},
    "direction": {"direction"},
    "level": {"level"},
    "year": {"year"},
    "delegation_count": {"delegation_count"},
    "leader": {"leader", "direction"},
    "countries": {"countries"},
    "period_start": {"period_start", "period_end"},
    "period_end": {"period_start", "period_end"},
    "funding": {"funding"},
    "people_min": {"people_min", "people_max"},
    "people_max": {"people_min", "people_max"},
    "duration_min": {"duration_min", "duration_max"},
    "duration_max": {"duration_min", "duration_max"},
}


def rule_errors(delegation, given: set[str] | None = None) -> dict[str, str]:
    """{field: message} for each rule ``delegation`` breaks.

    With ``given`` (the fields a request named), only the rules they take part in.
    """
    from doingoai.delegations.models import Delegation

    d = delegation
    errors: dict[str, str] = {}
    if not (d.name or "").strip():
        errors["name"] = MSG_NAME
    if d.direction not in Delegation.Direction.values:
        errors["direction"] = MSG_DIRECTION
    if d.level not in Delegation.Level.values:
        errors["level"] = MSG_LEVEL
    if d.year is None or not 2000 <= int(d.year) <= 2100:
        errors["year"] = MSG_YEAR
    if not d.delegation_count or d.delegation_count < 1:
        errors["delegation_count"] = MSG_COUNT
    if not (d.leader or "").strip():
        errors["leader"] = MSG_LEADER_IN if d.direction == Delegation.Direction.IN else MSG_LEADER_OUT
    if not d.countries:
        errors["countries"] = MSG_COUNTRY
    if d.period_start is None:
        errors["period_start"] = MSG_PERIOD
    elif d.period_end is not None and d.period_end < d.period_start:
        errors["period_end"] = MSG_PERIOD_ORDER
    if not (d.funding or "").strip():
        errors["funding"] = MSG_FUNDING
    for low, high, message in (
        ("people_min", "people_max", MSG_PEOPLE_ORDER),
        ("duration_min", "duration_max", MSG_DURATION_ORDER),
    ):
        for name in (low, high):
            if getattr(d, name) is not None and getattr(d, name) < 0:
                errors[name] = MSG_NEGATIVE
        low_value, high_value = getattr(d, low), getattr(d, high)
        if (
            low_value is not None
            and high_value is not None
            and low_value > high_value
            and low not in errors
            and high not in errors
        ):
            errors[high] = message
    if given is not None:
        errors = {name: message for name, message in errors.items() if RULE_INPUTS.get(name, {name}) & given}
    return errors
