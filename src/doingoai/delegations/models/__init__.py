"""The delegations' models: the delegation, its life, its members and passports, its report."""

from doingoai.delegations.models.delegation import (
    ROMAN,
    Delegation,
    month_start,
    period_label,
    quarter_bounds,
    range_label,
)
from doingoai.delegations.models.members import (
    PASSPORT_RETURN_WORKING_DAYS,
    DelegationMember,
    PassportMovement,
)
from doingoai.delegations.models.reports import DelegationReport
from doingoai.delegations.models.workflow import Transition

__all__ = [
    "PASSPORT_RETURN_WORKING_DAYS",
    "ROMAN",
    "Delegation",
    "DelegationMember",
    "DelegationReport",
    "PassportMovement",
    "Transition",
    "month_start",
    "period_label",
    "quarter_bounds",
    "range_label",
]
