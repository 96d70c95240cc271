"""The site's one search: each kind of record, as its own list finds it, scoped to the user.

Every kind reads its rows through the selector its list page reads
(``delegation_list``, ``partner_list``, or ``scope`` for the lists that use
the generic one) and ranks them with ``ranked(query)``: the folded words of
the query, whole words, in order ("ha lan" finds Hà Lan, never Thái Lan), a
match in the record's head (its name, its countries) first. The same SQL
``LIKE`` on the folded ``search_text`` column on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from doingoai.accounts.scoping import scope, visible_province_ids
from doingoai.agreements.models import Agreement
from doingoai.core.api.pagination import COUNT_CAP
from doingoai.core.models import search_words
from doingoai.core.parsing import countries_text
from doingoai.core.views import object_url
from doingoai.delegations.models import Delegation
from doingoai.delegations.selectors import delegation_list
from doingoai.organization.models import Unit
from doingoai.partners.models import Partner
from doingoai.partners.selectors import partner_list
from doingoai.plans.models import PlanDocument
from doingoai.tasks.models import Task

#: the fewest letters and digits a query needs (one letter would match half the database)
MIN_LENGTH = 2
#: results of each kind by default, and at most
DEFAULT_LIMIT = 5
MAX_LIMIT = 100


def _join(*parts) -> str:
    return " · ".join(str(part) for part in parts if part not in (None, ""))


def _date(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _delegation_line(row: Delegation) -> str:
    return _join(
        row.get_direction_display(),
        f"năm {row.year}",
        countries_text(row.countries),
        row.period_label,
        row.owner.name if row.owner_id else "",
        row.status_label,
    )


def _partner_line(row: Partner) -> str:
    return _join(row.get_kind_display(), row.country_label)


def _agreement_line(row: Agreement) -> str:
    return _join(
        row.kind, f"năm {row.year}" if row.year else "", row.partner_name[:120], row.get_status_display()
    )


def _task_line(row: Task) -> str:
    return _join(
        f"Chủ trì: {row.lead_unit.name}" if row.lead_unit_id else "",
        f"hạn {_date(row.deadline)}" if row.deadline else "",
        row.get_status_display(),
    )


def _unit_line(row: Unit) -> str:
    return row.get_kind_display()


def _document_line(row: PlanDocument) -> str:
    return _join(row.title[:160], f"ban hành {_date(row.issued_on)}" if row.issued_on else "", row.issuer)


@dataclass(frozen=True)
class Kind:
    """A kind of record the box finds: its name for the user, its list, how a result of it reads."""

    key: str
    label: str
    heading: str
    list_url: str
    #: the rows ``user`` may see, as the kind's list reads them
    rows: Callable[[object], QuerySet]
    title: Callable[[Model], str]
    line: Callable[[Model], str]


KINDS: tuple[Kind, ...] = (
    Kind(
        "delegation",
        _("Đoàn"),
        _("Đoàn ra, đoàn vào"),
        "delegations:delegation_list",
        delegation_list,
        lambda row: row.name,
        _delegation_line,
    ),
    Kind(
        "partner",
        _("Đối tác"),
        _("Đối tác nước ngoài"),
        "partners:partner_list",
        partner_list,
        lambda row: row.name,
        _partner_line,
    ),
    Kind(
        "agreement",
        _("Thỏa thuận"),
        _("Thỏa thuận quốc tế"),
        "agreements:agreement_list",
        lambda user: scope(Agreement.objects.select_related("province"), user),
        lambda row: row.title,
        _agreement_line,
    ),
    Kind(
        "task",
        _("Nhiệm vụ"),
        _("Nhiệm vụ"),
        "tasks:task_list",
        lambda user: scope(Task.objects.select_related("province", "lead_unit"), user),
        lambda row: row.title,
        _task_line,
    ),
    Kind(
        "unit",
        _("Đơn vị"),
        _("Đơn vị"),
        "organization:unit_list",
        lambda user: scope(Unit.objects.select_related("province"), user),
        lambda row: row.name,
        _unit_line,
    ),
    Kind(
        "document",
        _("Văn bản"),
        _("Văn bản kế hoạch"),
        "plans:plandocument_list",
        lambda user: scope(PlanDocument.objects.select_related("province"), user),
        lambda row: _join(str(row), row.title[:200]) if row.title and row.title not in str(row) else str(row),
        _document_line,
    ),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}
KIND_CHOICES = [(kind.key, kind.label) for kind in KINDS]


@dataclass(frozen=True)
class Hit:
    kind: Kind
    id: int
    title: str
    line: str
    url: str


@dataclass
class Group:
    kind: Kind
    #: how many rows match (stops at ``COUNT_CAP``: then ``capped``)
    count: int
    capped: bool
    hits: list[Hit] = field(default_factory=list)
    #: the kind's list, filtered by the query: every match
    more_url: str = ""


@dataclass
class Results:
    query: str
    groups: list[Group]

    @property
    def hits(self) -> list[Hit]:
        return [hit for group in self.groups for hit in group.hits]

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def empty_kinds(self) -> list[str]:
        """The names of the kinds nothing was found of."""
        return [str(group.kind.label) for group in self.groups if not group.count]


def query_length(query: str) -> int:
    """The letters and digits of ``query`` the search compares (folded, punctuation left out)."""
    return sum(len(word) for word in search_words(query))


def _count(matching: QuerySet, shown: int, limit: int) -> tuple[int, bool]:
    """How many rows match: those shown when fewer than asked, else a count stopping at ``COUNT_CAP``."""
    if shown < limit:
        return shown, False
    found = matching.order_by()[: COUNT_CAP + 1].count()
    return min(found, COUNT_CAP), found > COUNT_CAP


def search(user, query: str, *, kinds: list[str] | None = None, limit: int = DEFAULT_LIMIT) -> Results:
    """The records of each kind (all, or ``kinds``) ``user`` may see that ``query`` finds, best first.

    At most ``limit`` of each kind, with how many there are. The query is
    expected to be checked already (``forms.SearchForm``: ``MIN_LENGTH``).
    """
    several_provinces = len(visible_province_ids(user)) > 1
    groups = []
    for kind in KINDS:
        if kinds and kind.key not in kinds:
            continue
        visible = kind.rows(user)
        found = list(visible.ranked(query)[:limit])
        count, capped = _count(visible.search(query), len(found), limit)  # the count needs no ranking
        hits = []
        for row in found:
            line = kind.line(row)
            if several_provinces:
                line = _join(line, row.province.name)
            hits.append(Hit(kind, row.pk, kind.title(row), line, object_url(row) or ""))
        groups.append(Group(kind, count, capped, hits, f"{reverse(kind.list_url)}?{urlencode({'q': query})}"))
    return Results(query, groups)
