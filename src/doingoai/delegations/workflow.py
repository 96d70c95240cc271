"""The rules of a delegation's life: which action leads from which state to which, and who takes it.

The table itself is data (``data/transitions.json``): per action the states it
starts from, the state it leads to, who may take it and the values it needs.
This module reads it and answers three questions, for the services (which
enforce them) and the pages and API (which offer only what would work):

- ``roles_for(user, delegation)``: as whom a user acts on a delegation
  ("owner" for an officer of the owning unit, "office" for the office and
  administrators, "leader" for a leader of its province);
- ``refusal(delegation, user, action)``: why the action would be refused
  (``NotAllowed`` for the role, ``StateConflict`` for the state), or None;
- ``available_actions(delegation, user)``: the actions the user may take now.

What an action needs (a reason, a date, a document) is ``required_values``;
checking those values and applying the action is ``delegations.services``.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.utils import timezone

from doingoai.accounts.scoping import is_leader_for, office_for, staff_of
from doingoai.core.errors import NotAllowed, ServiceError, StateConflict

DATA = Path(__file__).resolve().parent / "data" / "transitions.json"
#: undo reverts the last step, not an older one, and only for this long
UNDO_DAYS = 30
#: transitions that are not steps one can undo (the record's creation, an undo itself)
NOT_UNDOABLE = ("create", "undo")
#: what each kind of value is called in a message
VALUE_LABELS = {
    "reason": "lý do",
    "date": "ngày",
    "document_number": "số văn bản phê duyệt",
    "document_date": "ngày văn bản phê duyệt",
    "period_start": "thời gian thực hiện mới (tháng bắt đầu)",
    "report": "báo cáo sau chuyến đi",
}


@dataclass(frozen=True)
class Action:
    name: str
    sources: tuple[str, ...] | None  # None: any state
    target: str  # a state, or "previous" (undo)
    who: tuple[str, ...]
    requires: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sources_out_of_plan: tuple[str, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, delegation=None, role: str | None = None) -> str:
        if delegation is not None and delegation.direction == "in" and "label_in" in self.labels:
            return self.labels["label_in"]
        if role == "office" and "label_office" in self.labels:
            return self.labels["label_office"]
        return self.labels["label"]

    def done(self, delegation=None) -> str:
        if delegation is not None and delegation.direction == "in" and "done_in" in self.labels:
            return self.labels["done_in"]
        return self.labels.get("done", self.labels["label"])

    def starts_from(self, delegation) -> tuple[str, ...] | None:
        if self.sources is None:
            return None
        if delegation.out_of_plan:
            return self.sources + self.sources_out_of_plan
        return self.sources

    def required_values(self, roles: set[str]) -> tuple[str, ...]:
        """The values the action needs when taken as the first of ``roles`` it is open to."""
        needs = list(self.requires.get("*", ()))
        role = self.acting_role(roles)
        if role is not None:
            needs += [name for name in self.requires.get(role, ()) if name not in needs]
        return tuple(needs)

    def acting_role(self, roles: set[str]) -> str | None:
        """The role a user takes the action as: the office before a leader, a leader before a unit."""
        for role in ("office", "leader", "owner"):
            if role in roles and role in self.who:
                return role
        return None


@lru_cache(maxsize=1)
def actions() -> dict[str, Action]:
    """The table of ``data/transitions.json``, in its order."""
    table = json.loads(DATA.read_text(encoding="utf-8"))["actions"]
    out = {}
    for name, spec in table.items():
        sources = None if spec["from"] == "*" else tuple(spec["from"])
        out[name] = Action(
            name=name,
            sources=sources,
            target=spec["to"],
            who=tuple(spec["who"]),
            requires={role: tuple(values) for role, values in spec.get("requires", {}).items()},
            sources_out_of_plan=tuple(spec.get("from_out_of_plan", ())),
            labels={key: value for key, value in spec.items() if key.startswith(("label", "done"))},
        )
    return out


def action(name: str) -> Action | None:
    return actions().get(name)


def roles_for(user, delegation) -> set[str]:
    """As whom ``user`` may act on ``delegation``: "office", "leader", "owner" (none, one or several)."""
    roles = set()
    if office_for(user, delegation.province_id):
        roles.add("office")
    if is_leader_for(user, delegation.province_id):
        roles.add("leader")
    if delegation.owner_id is not None and staff_of(user, delegation.owner_id):
        roles.add("owner")
    return roles


def last_undoable(delegation):
    """The last step of ``delegation`` that undo would revert, or None."""
    return (
        delegation.transitions.exclude(action__in=NOT_UNDOABLE)
        .filter(undone_by__isnull=True)
        .order_by("-at", "-id")
        .first()
    )


def refusal(delegation, user, name: str, *, roles: set[str] | None = None, now=None) -> ServiceError | None:
    """Why ``user`` may not take action ``name`` on ``delegation`` now, or None when they may.

    The role is checked before the state: someone who may never take the
    action hears so (403), not that the state is wrong (409).
    """
    spec = action(name)
    if spec is None:
        return StateConflict(f"Không có thao tác «{name}».")
    roles = roles_for(user, delegation) if roles is None else roles
    if spec.acting_role(roles) is None:
        return NotAllowed(_who_message(spec, delegation))
    sources = spec.starts_from(delegation)
    if sources is not None and delegation.status not in sources:
        return StateConflict(
            f"Không thể «{spec.label(delegation)}» khi đoàn đang ở trạng thái «{delegation.status_label}»."
        )
    if name == "undo":
        last = last_undoable(delegation)
        if last is None or last.to_status != delegation.status:
            return StateConflict("Không có bước nào để hoàn tác.")
        now = now or timezone.now()
        if now - last.at > datetime.timedelta(days=UNDO_DAYS):
            return StateConflict(
                f"Chỉ hoàn tác được trong {UNDO_DAYS} ngày sau bước đó "
                f"({timezone.localtime(last.at):%d/%m/%Y})."
            )
    return None


def available_actions(delegation, user) -> list[str]:
    """The names of the actions ``user`` may take on ``delegation`` now, in the table's order."""
    roles = roles_for(user, delegation)
    if not roles:
        return []
    return [name for name in actions() if refusal(delegation, user, name, roles=roles) is None]


def _who_message(spec: Action, delegation) -> str:
    names = {"owner": "cán bộ đơn vị đề xuất đoàn", "office": "cán bộ Sở Ngoại vụ", "leader": "lãnh đạo tỉnh"}
    who = ", ".join(names[role] for role in spec.who)
    return f"Chỉ {who} được «{spec.label(delegation)}»."
