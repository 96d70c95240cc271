"""Where a collection round stands, unit by unit: who has sent, who has none, who is late, whom to call."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from doingoai.collection.models import CollectionRound, UnitAnswer
from doingoai.delegations.models import Delegation
from doingoai.organization.models import Contact, Unit

#: units that answer a round: every unit of the province but the office itself
NOT_ASKED = (Unit.Kind.FOREIGN_AFFAIRS,)


@dataclass
class UnitProgress:
    unit: Unit
    answer: UnitAnswer | None
    proposals: int  # sent (no longer drafts)
    drafts: int
    contacts: list[Contact] = field(default_factory=list)
    late: bool = False

    @property
    def state(self) -> str:
        """ "submitted", "none" or "waiting"."""
        if self.answer is not None:
            return self.answer.kind
        return "submitted" if self.proposals else "waiting"

    @property
    def state_label(self) -> str:
        return {"submitted": "Đã gửi đề xuất", "none": "Không có đoàn", "waiting": "Chưa gửi"}[self.state]


@dataclass
class RoundProgress:
    round: CollectionRound
    units: list[UnitProgress]

    def count(self, state: str) -> int:
        return sum(1 for row in self.units if row.state == state)

    @property
    def count_submitted(self) -> int:
        return self.count("submitted")

    @property
    def count_none(self) -> int:
        return self.count("none")

    @property
    def count_waiting(self) -> int:
        return self.count("waiting")

    @property
    def late(self) -> list[UnitProgress]:
        return [row for row in self.units if row.late]


def asked_units(round: CollectionRound):
    return Unit.objects.filter(province_id=round.province_id, deleted_at__isnull=True).exclude(
        kind__in=NOT_ASKED
    )


def round_progress(round: CollectionRound, today: datetime.date | None = None) -> RoundProgress:
    """Every asked unit with its answer, its proposals and drafts of the year, its contacts; the late ones."""
    today = today or timezone.localdate()
    units = list(
        asked_units(round).annotate(
            sent=Count(
                "delegations",
                filter=Q(delegations__year=round.year, delegations__deleted_at__isnull=True)
                & ~Q(delegations__status=Delegation.Status.DRAFT),
            ),
            draft_count=Count(
                "delegations",
                filter=Q(
                    delegations__year=round.year,
                    delegations__deleted_at__isnull=True,
                    delegations__status=Delegation.Status.DRAFT,
                ),
            ),
        )
    )
    answers = {answer.unit_id: answer for answer in round.answers.select_related("answered_by")}
    contacts: dict[int, list[Contact]] = {}
    for contact in Contact.objects.filter(unit__in=units):
        contacts.setdefault(contact.unit_id, []).append(contact)
    rows = []
    for unit in units:
        row = UnitProgress(unit, answers.get(unit.pk), unit.sent, unit.draft_count, contacts.get(unit.pk, []))
        row.late = row.state == "waiting" and today > round.deadline
        rows.append(row)
    order = {"waiting": 0, "submitted": 1, "none": 2}
    rows.sort(key=lambda row: (not row.late, order[row.state], row.unit.name))
    return RoundProgress(round, rows)


def current_round(province_id: int) -> CollectionRound | None:
    """The province's open round, else its latest."""
    rounds = CollectionRound.objects.filter(province_id=province_id)
    return rounds.filter(status=CollectionRound.Status.OPEN).order_by("-year").first() or rounds.first()
