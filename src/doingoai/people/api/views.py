"""API view of the register of people (written through ``people.services``)."""

from __future__ import annotations

from doingoai.core.api.views import ScopedModelViewSet
from doingoai.people import services
from doingoai.people.api.serializers import PersonSerializer
from doingoai.people.filtersets import PersonFilterSet
from doingoai.people.models import Person


class PersonViewSet(ScopedModelViewSet):
    queryset = Person.objects.select_related("unit")
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["full_name", "id"]
    operations = services.PEOPLE
