"""The delegation list as a table: what the office scans a plan by.

Every cell is computed from the row itself and its ``owner`` (joined with
``select_related``), so a page of 50 rows costs one query, not 50. The rows
are written out by ``rows_html`` (the hook ``core/table.html`` uses when a
table has it): django-tables2's per-cell machinery (signature inspection,
attribute resolution, a template per cell) costs about a millisecond per row,
a third of the list page's budget.

Only columns backed by an index on PostgreSQL are sortable (see migration
0002): sorting 200,000 rows by an unindexed column would read them all.
"""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from doingoai.delegations.models import Delegation

STATUS_BADGES = {
    Delegation.Status.DRAFT: "",
    Delegation.Status.SUBMITTED: "badge-warn",
    Delegation.Status.IN_PLAN: "badge-out",
    Delegation.Status.APPROVED: "badge-out",
    Delegation.Status.UNDER_WAY: "badge-in",
    Delegation.Status.RETURNED: "badge-ok",
    Delegation.Status.REPORTED: "badge-ok",
    Delegation.Status.POSTPONED: "badge-warn",
    Delegation.Status.CANCELLED: "badge-danger",
    Delegation.Status.REJECTED: "badge-danger",
}


#: the level in a list column, short enough for 1366 px (the detail page says it in full)
SHORT_LEVELS = {Delegation.Level.PROVINCE: "Tỉnh", Delegation.Level.DEPARTMENT: "Sở, ngành"}


class DelegationTable(tables.Table):
    select = tables.Column(
        verbose_name=mark_safe(
            '<input type="checkbox" id="select-all" aria-label="Chọn tất cả các đoàn trên trang">'
        ),
        accessor="pk",
        orderable=False,
        empty_values=(),
        attrs={"td": {"class": "select"}, "th": {"class": "select"}},
    )
    tt = tables.Column(verbose_name="TT", attrs={"td": {"class": "nowrap"}})
    name = tables.Column(verbose_name="Tên đoàn", orderable=False, attrs={"td": {"class": "cell-name"}})
    direction = tables.Column(verbose_name="Loại", orderable=False)
    level = tables.Column(verbose_name="Cấp", orderable=False)
    countries = tables.Column(verbose_name="Nước", orderable=False, empty_values=())
    owner = tables.Column(verbose_name="Đơn vị đề xuất", accessor="owner__name", orderable=False)
    province = tables.Column(verbose_name="Tỉnh", accessor="province__name", orderable=False)
    period = tables.Column(
        verbose_name="Thời gian",
        accessor="period_start",
        empty_values=(),
        order_by=("period_start", "period_end"),
        attrs={"td": {"class": "nowrap"}},
    )
    people = tables.Column(
        verbose_name="Số người",
        accessor="people_max",
        empty_values=(),
        order_by=("people_max", "id"),
        attrs={"td": {"class": "nowrap"}},
    )
    status = tables.Column(verbose_name="Trạng thái", order_by=("status", "-year", "id"))
    review = tables.Column(verbose_name="Xem lại", orderable=False, empty_values=())

    class Meta:
        model = Delegation
        fields = ()
        sequence = (
            "select",
            "tt",
            "name",
            "direction",
            "level",
            "countries",
            "owner",
            "province",
            "period",
            "people",
            "status",
            "review",
        )
        order_by_field = "sort"
        empty_text = "Không có đoàn nào khớp với điều kiện lọc."
        row_attrs = {"class": lambda record: "review" if record.review else ""}

    def render_select(self, record):
        return format_html(
            '<input type="checkbox" name="pk" value="{}" form="bulk-form" aria-label="Chọn đoàn {}">',
            record.pk,
            record.tt or record.pk,
        )

    def render_tt(self, record):
        return record.tt

    def render_name(self, record):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), record.name)

    def render_owner(self, record):
        return record.owner.name if record.owner_id else "—"

    def render_province(self, record):
        return record.province.name

    def render_direction(self, record):
        css = "badge-out" if record.direction == Delegation.Direction.OUT else "badge-in"
        return format_html('<span class="badge {}">{}</span>', css, record.get_direction_display())

    def render_level(self, record):
        return SHORT_LEVELS.get(record.level, record.get_level_display())

    def render_countries(self, record):
        names = record.country_names
        if not names:
            return "—"
        return ", ".join(names) + (", …" if record.countries_open else "")

    def render_period(self, record):
        return record.period_label or "—"

    def render_people(self, record):
        return record.people_label or "—"

    def render_status(self, record):
        return format_html(
            '<span class="badge {}">{}</span>', STATUS_BADGES.get(record.status, ""), record.status_label
        )

    def render_review(self, record):
        if not record.review:
            return ""
        reasons = "; ".join(
            str(item.get("reason", item)) if isinstance(item, dict) else str(item) for item in record.review
        )
        return format_html(
            '<span class="badge badge-warn" title="{}">Cần xem lại ({})</span>', reasons, len(record.review)
        )

    def rows_html(self) -> str:
        """The page's ``<tr>`` elements, each cell from the ``render_*`` methods above."""
        columns = []
        for column in self.columns:
            td_class = (column.column.attrs.get("td") or {}).get("class", "")
            attrs = format_html(' class="{}"', td_class) if td_class else ""
            columns.append((getattr(self, f"render_{column.name}", None), column.name, attrs))
        out = []
        for row in self.paginated_rows:
            record = row.record
            cells = "".join(
                f"<td{attrs}>{conditional_escape(render(record) if render else row.get_cell(name))}</td>"
                for render, name, attrs in columns
            )
            row_class = ' class="review"' if record.review else ""
            out.append(f"<tr{row_class}>{cells}</tr>")
        return mark_safe("".join(out))

    def order_tt(self, queryset, is_descending):
        """TT as the documents print it: the plan's own order (year, direction, table, row)."""
        fields = ("-year", "direction", "source_table", "id")
        if is_descending:
            fields = tuple(f[1:] if f.startswith("-") else f"-{f}" for f in fields)
        return queryset.order_by(*fields), True
