"""``/api/delegations/``: the list, one delegation, its life, report, members, passports and files.

Reading is scoped like the pages (the user's provinces, active rows: another
province's delegation is a 404); every write is a call to
``delegations.services``, whose refusals answer 403 (role), 409 (state, or a
stale ``version``) and 400 (a missing or wrong value), in Vietnamese.

- ``GET /api/delegations/{id}/`` includes ``status``, ``version`` and
  ``actions`` (what this user may do now);
- ``GET /api/delegations/{id}/transitions/`` the steps taken;
  ``POST`` takes one (``{"action", "reason", "date", "period_start",
  "period_end", "document_number", "document_date"}``) and answers the
  delegation;
- ``GET/POST /api/delegations/{id}/report/`` the report after the trip
  (posting files it and performs ``report``);
- ``/api/delegations/{id}/members/`` (``…/members/{member}/``,
  ``…/members/{member}/passport/``) and ``/api/delegations/{id}/attachments/``.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from doingoai.core.api.views import ScopedModelViewSet
from doingoai.core.attachments import attachments_of
from doingoai.core.errors import InvalidInput
from doingoai.delegations import selectors, services
from doingoai.delegations.api.serializers import (
    DelegationDetailSerializer,
    DelegationSerializer,
    FollowUpTaskSerializer,
    MemberSerializer,
    ReportSerializer,
    TransitionRequestSerializer,
    TransitionSerializer,
)
from doingoai.delegations.filtersets import DelegationFilterSet
from doingoai.delegations.models import Delegation, DelegationReport
from doingoai.people.api.serializers import PersonSerializer

ERRORS = {
    400: OpenApiResponse(description="Thiếu hoặc sai giá trị (thông báo tiếng Việt)"),
    403: OpenApiResponse(description="Vai trò của bạn không được thực hiện"),
    409: OpenApiResponse(description="Trạng thái không cho phép, hoặc phiên bản đã cũ"),
}


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách đoàn ra, đoàn vào",
        description="Lọc theo năm, loại đoàn, cấp, nước (mã ISO), đơn vị, trạng thái, quý, "
        "nguồn kinh phí; `q` tìm không phân biệt hoa thường và dấu.",
    ),
    retrieve=extend_schema(summary="Một đoàn, với các thao tác bạn được thực hiện lúc này (`actions`)"),
    create=extend_schema(summary="Thêm đoàn (bắt đầu ở trạng thái dự thảo)"),
    update=extend_schema(
        summary="Sửa đoàn (chỉ các trường gửi lên; không sửa `status`)",
        responses={200: DelegationSerializer, **ERRORS},
    ),
    partial_update=extend_schema(
        summary="Sửa một phần đoàn (chỉ các trường gửi lên)", responses={200: DelegationSerializer, **ERRORS}
    ),
    destroy=extend_schema(summary="Xóa đoàn (ẩn đi, vẫn lưu trong cơ sở dữ liệu)"),
)
class DelegationViewSet(ScopedModelViewSet):
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilterSet
    operations = services.DELEGATIONS
    ordering_fields = ["year", "period_start", "people_max", "status", "name", "tt", "id", "updated_at"]
    queryset = Delegation.objects.select_related("owner").defer("search_text")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delegation.objects.none()
        return selectors.delegation_list(self.request.user, with_source=True)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return DelegationDetailSerializer
        return super().get_serializer_class()

    # ------------------------------------------------------------------ transitions

    @extend_schema(
        methods=["GET"], summary="Các bước xử lý của đoàn", responses=TransitionSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        summary="Thực hiện một thao tác (submit, approve, depart, …)",
        request=TransitionRequestSerializer,
        responses={200: DelegationDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"])
    def transitions(self, request, pk=None):
        delegation = self.get_object()
        if request.method == "GET":
            entries = delegation.transitions.select_related("user", "delegation")
            return Response(TransitionSerializer(entries, many=True).data)
        form = TransitionRequestSerializer(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        done = services.delegation_transition(delegation, user=request.user, **form.validated_data)
        return Response(DelegationDetailSerializer(done, context={"request": request}).data)

    # ------------------------------------------------------------------ the report

    @extend_schema(methods=["GET"], summary="Báo cáo sau chuyến đi", responses=ReportSerializer)
    @extend_schema(
        methods=["POST"],
        summary="Nộp báo cáo sau chuyến đi (thực hiện thao tác report)",
        request=ReportSerializer,
        responses={200: DelegationDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"])
    def report(self, request, pk=None):
        delegation = self.get_object()
        if request.method == "GET":
            report = DelegationReport.objects.filter(delegation=delegation).first()
            if report is None:
                raise Http404("Đoàn chưa có báo cáo.")
            return Response(ReportSerializer(report, delegation=delegation).data)
        form = ReportSerializer(data=request.data, delegation=delegation, context={"request": request})
        form.is_valid(raise_exception=True)
        values = dict(form.validated_data)
        tasks = []
        for index, item in enumerate(values.pop("follow_up_tasks", []) or []):
            task = FollowUpTaskSerializer(data=item, province=delegation.province)
            if not task.is_valid():
                raise InvalidInput(
                    {f"follow_up_tasks[{index}].{name}": messages for name, messages in task.errors.items()}
                )
            tasks.append(task.validated_data)
        services.report_file(
            delegation,
            user=request.user,
            values=values,
            members_went=values.pop("members_went", None),
            agreements=values.pop("agreements", None),
            tasks=tasks,
        )
        delegation.refresh_from_db()
        return Response(DelegationDetailSerializer(delegation, context={"request": request}).data)

    # ------------------------------------------------------------------ members and passports

    @extend_schema(methods=["GET"], summary="Thành viên đoàn", responses=MemberSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        summary="Thêm thành viên (người có sẵn: `person`; người mới: `new_person`)",
        request=MemberSerializer,
        responses={201: MemberSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"])
    def members(self, request, pk=None):
        delegation = self.get_object()
        if request.method == "GET":
            return Response(
                MemberSerializer(
                    selectors.members_of(delegation),
                    many=True,
                    delegation=delegation,
                    context={"request": request},
                ).data
            )
        form = MemberSerializer(data=request.data, delegation=delegation, context={"request": request})
        new_person = request.data.get("new_person") if hasattr(request.data, "get") else None
        if new_person:
            form.fields["person"].required = False
        form.is_valid(raise_exception=True)
        person_values = None
        if new_person:
            person = PersonSerializer(data=new_person, context={"request": request})
            person.is_valid(raise_exception=True)
            person_values = person.service_values()
        member = services.member_add(
            delegation, user=request.user, values=dict(form.validated_data), new_person=person_values
        )
        return Response(
            MemberSerializer(member, delegation=delegation, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        methods=["PATCH"],
        summary="Sửa thông tin thành viên",
        request=MemberSerializer,
        responses={200: MemberSerializer, **ERRORS},
    )
    @extend_schema(methods=["DELETE"], summary="Bỏ thành viên khỏi đoàn", responses={204: None, **ERRORS})
    @action(detail=True, methods=["patch", "delete"], url_path=r"members/(?P<member_id>\d+)")
    def member(self, request, pk=None, member_id=None):
        delegation = self.get_object()
        member = self._member(delegation, member_id)
        if request.method == "DELETE":
            services.member_remove(member, user=request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        form = MemberSerializer(
            member, data=request.data, partial=True, delegation=delegation, context={"request": request}
        )
        form.is_valid(raise_exception=True)
        values = dict(form.validated_data)
        member = services.member_update(
            member, user=request.user, values=values, version=request.data.get("version")
        )
        return Response(MemberSerializer(member, delegation=delegation, context={"request": request}).data)

    @extend_schema(
        summary="Giao (`out`) hoặc nhận lại (`back`) hộ chiếu",
        request={
            "application/json": {
                "type": "object",
                "properties": {
                    "event": {"type": "string", "enum": ["out", "back"]},
                    "date": {"type": "string", "format": "date"},
                    "notes": {"type": "string"},
                },
            }
        },
        responses={200: MemberSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path=r"members/(?P<member_id>\d+)/passport")
    def passport(self, request, pk=None, member_id=None):
        delegation = self.get_object()
        member = self._member(delegation, member_id)
        event = request.data.get("event")
        date = _date(request.data.get("date"))
        if event == "out":
            member = services.passport_hand_out(
                member, user=request.user, date=date, notes=request.data.get("notes", "")
            )
        elif event == "back":
            member = services.passport_take_back(
                member, user=request.user, date=date, notes=request.data.get("notes", "")
            )
        else:
            raise InvalidInput({"event": "Ghi «out» (giao hộ chiếu) hoặc «back» (nhận lại)."})
        return Response(MemberSerializer(member, delegation=delegation, context={"request": request}).data)

    @staticmethod
    def _member(delegation, member_id):
        member = delegation.members.select_related("person", "delegation").filter(pk=member_id).first()
        if member is None:
            raise Http404("Không có thành viên này trong đoàn.")
        return member

    # ------------------------------------------------------------------ attachments

    @extend_schema(methods=["GET"], summary="Tệp đính kèm của đoàn")
    @extend_schema(
        methods=["POST"],
        summary="Đính kèm tệp (multipart: `file`, `kind`, `description`)",
        responses={201: None, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser, FormParser, JSONParser])
    def attachments(self, request, pk=None):
        delegation = self.get_object()
        if request.method == "POST":
            upload = request.FILES.get("file")
            if upload is None:
                raise InvalidInput({"file": "Hãy chọn một tệp."})
            services.delegation_attach(
                delegation,
                user=request.user,
                kind=request.data.get("kind", "other"),
                name=upload.name,
                data=upload.read(),
                description=request.data.get("description", ""),
            )
        rows = [
            {
                "id": a.pk,
                "kind": a.kind,
                "kind_label": a.get_kind_display(),
                "name": a.name,
                "size": a.size,
                "format": a.format,
                "url": request.build_absolute_uri(reverse("attachment", args=[a.pk])),
                "uploaded_at": a.created_at,
                "uploaded_by": a.uploaded_by.username if a.uploaded_by else None,
            }
            for a in attachments_of(delegation)
        ]
        return Response(
            rows, status=status.HTTP_201_CREATED if request.method == "POST" else status.HTTP_200_OK
        )


def _date(value):
    import datetime

    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput({"date": "Ngày không hợp lệ; ghi theo dạng 2025-04-17."}) from None
