"""Pages of the register of people, and each person's trips."""

from __future__ import annotations

from doingoai.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from doingoai.people import services
from doingoai.people.filtersets import PersonFilterSet
from doingoai.people.forms import PersonForm
from doingoai.people.models import Person
from doingoai.people.tables import PersonTable


class PersonListView(ObjectListView):
    queryset = Person.objects.select_related("unit")
    operations = services.PEOPLE
    filterset_class = PersonFilterSet
    table_class = PersonTable
    nav_active = "people"
    title = "Người đi, người đón"


class PersonDetailView(ObjectDetailView):
    queryset = Person.objects.select_related("province", "unit")
    operations = services.PEOPLE
    detail_fields = ("full_name", "title", "body", "unit", "key_position", "notes", "province")
    template_name = "people/person_detail.html"
    nav_active = "people"
    list_title = "Người đi, người đón"

    def get_extra_context(self):
        memberships = (
            self.object.memberships.filter(delegation__deleted_at__isnull=True)
            .select_related("delegation")
            .order_by("-delegation__year", "-delegation__period_start")
        )
        return {"memberships": memberships}


class PersonEditView(ObjectEditView):
    queryset = Person.objects.all()
    operations = services.PEOPLE
    form_class = PersonForm
    nav_active = "people"
    list_title = "Người đi, người đón"


class PersonDeleteView(ObjectDeleteView):
    queryset = Person.objects.all()
    operations = services.PEOPLE
    nav_active = "people"
