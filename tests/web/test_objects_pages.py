"""Pages of units, plan documents, partners, agreements and tasks, as each role uses them.

Real database, real requests through the Django test client: lists with their
filters and the diacritics-insensitive search box, detail pages with their
history, edit forms and their Vietnamese messages, soft deletion, and every
permission rule (another province's rows are 404, what a role may not change
is 403).
"""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from doingoai.agreements.models import Agreement
from doingoai.organization.models import Unit
from doingoai.partners.models import Partner
from doingoai.plans.models import PlanDocument
from doingoai.tasks.models import Task

TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=30)
FUTURE = TODAY + datetime.timedelta(days=30)


@pytest.fixture
def document(province):
    return PlanDocument.objects.create(
        province=province,
        kind="Kế hoạch",
        number="65/KH-UBND",
        year=2025,
        issuer="UBND tỉnh Thái Nguyên",
        title="Kế hoạch hoạt động đối ngoại năm 2025",
        file_name="ke-hoach-2025.docx",
        metadata={
            "conflicts": [
                {
                    "field": "number",
                    "values": [
                        {"value": "65/KH-UBND", "where": ["trang 1"]},
                        {"value": "56/KH-UBND", "where": ["phụ lục"]},
                    ],
                }
            ]
        },
    )


@pytest.fixture
def data(province, other_province, units, document):
    """Rows of the province (and one of each in another province, which nobody here may see)."""
    other_unit = Unit.objects.create(province=other_province, name="Sở Ngoại vụ Đồng Nai")
    other_document = PlanDocument.objects.create(
        province=other_province, kind="Kế hoạch", year=2025, file_name="dong-nai.docx"
    )
    laos = Partner.objects.create(
        province=province,
        name="Tỉnh Champasak",
        kind="locality",
        country="LA",
        subdivision="LA-CH",
        relationship="Kết nghĩa từ 2019",
    )
    korea = Partner.objects.create(
        province=province, name="Tập đoàn Samsung", kind="enterprise", country="KR"
    )
    mou = Agreement.objects.create(
        province=province,
        owner=units["school"],
        plan_document=document,
        year=2025,
        title="Biên bản ghi nhớ hợp tác đào tạo với Đại học Quốc gia Lào",
        kind="Biên bản ghi nhớ",
        countries=["LA"],
        partner=laos,
        status="planned",
    )
    loi = Agreement.objects.create(
        province=province,
        owner=units["industry"],
        year=2024,
        title="Ý định thư về khu công nghiệp",
        countries=["KR", "JP"],
        status="signed",
    )
    late = Task.objects.create(
        province=province,
        plan_document=document,
        field="Thông tin đối ngoại",
        title="Quảng bá hình ảnh tỉnh trên báo chí nước ngoài",
        lead_unit=units["school"],
        deadline=PAST,
        status="in_progress",
    )
    late.coordinating_units.set([units["office"]])
    done = Task.objects.create(
        province=province,
        field="Ngoại giao kinh tế",
        title="Tổ chức hội nghị xúc tiến đầu tư",
        lead_unit=units["industry"],
        deadline=PAST,
        status="done",
    )
    future = Task.objects.create(
        province=province,
        field="Lãnh sự",
        title="Hướng dẫn thủ tục hộ chiếu",
        lead_unit=units["industry"],
        deadline=FUTURE,
    )
    future.coordinating_units.set([units["school"]])
    return {
        "laos": laos,
        "korea": korea,
        "mou": mou,
        "loi": loi,
        "late": late,
        "done": done,
        "future": future,
        "other_unit": other_unit,
        "other_document": other_document,
        "other_partner": Partner.objects.create(province=other_province, name="Tỉnh Attapeu", country="LA"),
        "other_agreement": Agreement.objects.create(province=other_province, title="Thỏa thuận Đồng Nai"),
        "other_task": Task.objects.create(
            province=other_province, title="Nhiệm vụ Đồng Nai", lead_unit=other_unit
        ),
    }


def login(client, user):
    client.force_login(user)
    return client


def rows(response) -> list:
    """The records of a list page's table (the current page)."""
    return [row.record for row in response.context["table"].paginated_rows]


# --------------------------------------------------------------------------- lists, filters, search


@pytest.mark.parametrize(
    "name",
    [
        "organization:unit_list",
        "plans:plandocument_list",
        "partners:partner_list",
        "agreements:agreement_list",
        "tasks:task_list",
    ],
)
def test_lists_show_only_the_users_province(client, data, leader_user, name):
    response = login(client, leader_user).get(reverse(name))
    assert response.status_code == 200
    shown = rows(response)
    assert shown
    assert all(row.province.name == "Thái Nguyên" for row in shown)
    assert "Đồng Nai" not in response.content.decode()


def test_lists_require_login(client, data):
    response = client.get(reverse("tasks:task_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_search_without_diacritics_on_every_list(client, data, leader_user, units):
    login(client, leader_user)
    assert rows(client.get(reverse("organization:unit_list"), {"q": "so ngoai vu"})) == [units["office"]]
    assert rows(client.get(reverse("partners:partner_list"), {"q": "ket nghia"})) == [data["laos"]]
    assert rows(client.get(reverse("agreements:agreement_list"), {"q": "dai hoc quoc gia lao"})) == [
        data["mou"]
    ]
    assert rows(client.get(reverse("tasks:task_list"), {"q": "QUANG BA hinh anh"})) == [data["late"]]
    assert len(rows(client.get(reverse("plans:plandocument_list"), {"q": "doi ngoai 2025"}))) == 1
    assert rows(client.get(reverse("tasks:task_list"), {"q": "khong co gi nhu the"})) == []


def test_unit_filters(client, data, leader_user, units):
    login(client, leader_user)
    assert rows(client.get(reverse("organization:unit_list"), {"kind": "school"})) == [units["school"]]
    assert rows(client.get(reverse("organization:unit_list"), {"name": "KCN"})) == [units["industry"]]


def test_plan_document_filters(client, data, leader_user, document, province):
    PlanDocument.objects.create(
        province=province, kind="Công văn", year=2024, issuer="Sở Ngoại vụ", file_name="cv.docx"
    )
    login(client, leader_user)
    url = reverse("plans:plandocument_list")
    assert rows(client.get(url, {"year": 2025})) == [document]
    assert rows(client.get(url, {"kind": "Kế hoạch"})) == [document]
    assert rows(client.get(url, {"issuer": "UBND tỉnh Thái Nguyên"})) == [document]
    page = client.get(url).content.decode()
    assert '<option value="Công văn">Công văn</option>' in page  # kinds offered from the user's documents


def test_partner_filters(client, data, leader_user):
    login(client, leader_user)
    url = reverse("partners:partner_list")
    assert rows(client.get(url, {"country": "LA"})) == [data["laos"]]
    assert rows(client.get(url, {"country": "CHDCND Lào"})) == [data["laos"]]
    assert rows(client.get(url, {"kind": "enterprise"})) == [data["korea"]]


def test_agreement_filters(client, data, leader_user, units):
    login(client, leader_user)
    url = reverse("agreements:agreement_list")
    assert rows(client.get(url, {"year": 2024})) == [data["loi"]]
    assert rows(client.get(url, {"country": "Nhật Bản"})) == [data["loi"]]
    assert rows(client.get(url, {"country": "la"})) == [data["mou"]]
    assert rows(client.get(url, {"status": "signed"})) == [data["loi"]]
    assert rows(client.get(url, {"owner": units["school"].pk})) == [data["mou"]]


def test_task_filters(client, data, leader_user, units):
    login(client, leader_user)
    url = reverse("tasks:task_list")
    assert rows(client.get(url, {"status": "done"})) == [data["done"]]
    assert rows(client.get(url, {"lead_unit": units["school"].pk})) == [data["late"]]
    assert rows(client.get(url, {"coordinating_unit": units["school"].pk})) == [data["future"]]
    assert rows(client.get(url, {"deadline_after": FUTURE.strftime("%d/%m/%Y")})) == [data["future"]]
    assert set(rows(client.get(url, {"deadline_before": TODAY.isoformat()}))) == {data["late"], data["done"]}
    assert rows(client.get(url, {"overdue": "true"})) == [data["late"]]
    assert set(rows(client.get(url, {"overdue": "false"}))) == {data["done"], data["future"]}


def test_filters_never_offer_another_provinces_units(client, data, leader_user):
    response = login(client, leader_user).get(reverse("tasks:task_list"))
    offered = list(response.context["filter_form"].fields["lead_unit"].queryset)
    assert data["other_unit"] not in offered
    response = client.get(reverse("tasks:task_list"), {"lead_unit": data["other_unit"].pk})
    assert rows(response) == []
    assert "lead_unit" in response.context["filter"].errors


def test_overdue_task_is_marked(client, data, leader_user):
    login(client, leader_user)
    assert "Quá hạn" in client.get(reverse("tasks:task_list"), {"overdue": "true"}).content.decode()
    assert "Quá hạn" in client.get(reverse("tasks:task_detail", args=[data["late"].pk])).content.decode()


# --------------------------------------------------------------------------- detail and history


def test_task_edit_shows_in_history(client, data, office_user, units):
    task = data["future"]
    login(client, office_user)
    response = client.post(
        reverse("tasks:task_edit", args=[task.pk]),
        {
            "province": task.province_id,
            "field": "Lãnh sự",
            "title": "Hướng dẫn thủ tục hộ chiếu công vụ",
            "lead_unit": units["industry"].pk,
            "coordinating_units": [units["school"].pk, units["office"].pk],
            "deadline": "31/12/2025",
            "status": "in_progress",
            "notes": "",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.deadline == datetime.date(2025, 12, 31)
    assert set(task.coordinating_units.all()) == {units["school"], units["office"]}

    page = client.get(reverse("tasks:task_detail", args=[task.pk]))
    history = page.context["history"]
    assert history[0]["user"] == office_user
    changes = {change["field"]: (change["old"], change["new"]) for change in history[0]["changes"]}
    assert changes["title"] == ("Hướng dẫn thủ tục hộ chiếu", "Hướng dẫn thủ tục hộ chiếu công vụ")
    assert changes["status"] == ("Chưa thực hiện", "Đang thực hiện")
    assert changes["deadline"] == (FUTURE.strftime("%d/%m/%Y"), "31/12/2025")
    content = page.content.decode()
    assert "Lịch sử thay đổi" in content and "sngv" in content
    assert "Ban Quản lý các KCN" in content and "Sở Ngoại vụ" in content  # lead and coordinating units


def test_agreement_edit_resolves_countries_and_shows_history(client, data, office_user):
    agreement = data["mou"]
    login(client, office_user)
    response = client.post(
        reverse("agreements:agreement_edit", args=[agreement.pk]),
        {
            "province": agreement.province_id,
            "year": 2025,
            "title": agreement.title,
            "kind": "Biên bản ghi nhớ",
            "owner": agreement.owner_id,
            "countries": "CHDCND Lào, Hàn Quốc",
            "partner": agreement.partner_id,
            "status": "signed",
        },
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.countries == ["LA", "KR"]
    page = client.get(reverse("agreements:agreement_detail", args=[agreement.pk]))
    changes = {c["field"]: (c["old"], c["new"]) for c in page.context["history"][0]["changes"]}
    assert changes["countries"] == ("Lào", "Lào, Hàn Quốc")
    assert changes["status"] == ("Dự kiến ký", "Đã ký")
    assert page.context["history"][0]["user"] == office_user


def test_unit_and_partner_detail_and_history(client, data, office_user, units):
    login(client, office_user)
    unit = units["industry"]
    response = client.post(
        reverse("organization:unit_edit", args=[unit.pk]),
        {
            "province": unit.province_id,
            "name": "Ban Quản lý các khu công nghiệp",
            "kind": "department",
            "aliases": "Ban Quản lý các KCN\nBQL KCN",
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.aliases == ["Ban Quản lý các KCN", "BQL KCN"]
    page = client.get(reverse("organization:unit_detail", args=[unit.pk]))
    assert page.status_code == 200
    names = {c["field"]: c["new"] for c in page.context["history"][0]["changes"]}
    assert names["name"] == "Ban Quản lý các khu công nghiệp"
    # the old name still finds the unit
    assert rows(client.get(reverse("organization:unit_list"), {"q": "bql kcn"})) == [unit]

    partner = data["laos"]
    response = client.post(
        reverse("partners:partner_edit", args=[partner.pk]),
        {
            "province": partner.province_id,
            "name": partner.name,
            "kind": "locality",
            "country": "Lào",
            "subdivision": "LA-CH",
            "relationship": "Kết nghĩa, gia hạn 2024",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("partners:partner_detail", args=[partner.pk]))
    assert page.context["history"][0]["changes"][0]["new"] == "Kết nghĩa, gia hạn 2024"
    assert "Biên bản ghi nhớ hợp tác đào tạo" in page.content.decode()  # its agreements


def test_plan_document_detail(client, data, leader_user, document, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login(client, leader_user)
    page = client.get(reverse("plans:plandocument_detail", args=[document.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "65/KH-UBND" in content and "56/KH-UBND" in content and "phụ lục" in content
    assert "Biên bản ghi nhớ hợp tác đào tạo" in content  # agreement from it
    assert "Quảng bá hình ảnh tỉnh" in content  # task from it
    assert "Tải tệp gốc" not in content  # no file stored
    assert page.context["can_edit"] is False

    document.file.save("ke-hoach-2025.docx", ContentFile(b"PK fake docx"))
    page = client.get(reverse("plans:plandocument_detail", args=[document.pk]))
    file_url = reverse("plans:plandocument_file", args=[document.pk])
    assert file_url in page.content.decode()
    download = client.get(file_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"PK fake docx"
    assert "ke-hoach-2025.docx" in download["Content-Disposition"]


def test_plan_document_detail_lists_delegations(client, data, leader_user, document, delegation):
    delegation(plan_document=document, name="Đoàn khảo sát giáo dục tại Lào")
    content = (
        login(client, leader_user)
        .get(reverse("plans:plandocument_detail", args=[document.pk]))
        .content.decode()
    )
    assert "Đoàn khảo sát giáo dục tại Lào" in content
    assert f"?plan_document={document.pk}" in content


# --------------------------------------------------------------------------- validation


def task_form(province, **values):
    form = {
        "province": province.pk,
        "field": "",
        "title": "Nhiệm vụ mới",
        "lead_unit": "",
        "coordinating_units": [],
        "deadline": "",
        "status": "open",
        "notes": "",
    }
    form.update(values)
    return form


def test_task_form_messages(client, data, office_user, province, units):
    login(client, office_user)
    url = reverse("tasks:task_add")
    response = client.post(url, task_form(province, title="   ", deadline="31/02/2025"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["title"] == ["Vui lòng nhập nội dung nhiệm vụ."]
    assert errors["deadline"] == ["Thời hạn phải là một ngày hợp lệ, ví dụ 31/12/2025."]
    assert "Chưa lưu được" in response.content.decode()

    response = client.post(
        url,
        task_form(
            province,
            lead_unit=units["school"].pk,
            coordinating_units=[units["school"].pk, units["office"].pk],
        ),
    )
    assert response.context["form"].errors["coordinating_units"] == [
        "Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp."
    ]

    response = client.post(url, task_form(province, lead_unit=data["other_unit"].pk))
    assert "lead_unit" in response.context["form"].errors  # not offered: another province
    assert not Task.objects.filter(title="Nhiệm vụ mới").exists()


def test_task_units_must_be_of_the_tasks_province(client, data, make_user, units, province, other_province):
    both = make_user("office", units["office"], provinces=[province, other_province], username="both")
    login(client, both)
    response = client.post(
        reverse("tasks:task_add"),
        task_form(province, lead_unit=data["other_unit"].pk, coordinating_units=[data["other_unit"].pk]),
    )
    errors = response.context["form"].errors
    assert errors["lead_unit"] == ["Đơn vị chủ trì phải thuộc tỉnh của nhiệm vụ."]
    assert errors["coordinating_units"] == ["Đơn vị phối hợp phải thuộc tỉnh của nhiệm vụ."]

    response = client.post(
        reverse("tasks:task_add"),
        task_form(
            province,
            lead_unit=units["school"].pk,
            coordinating_units=[units["industry"].pk],
            deadline="2025-06-30",
        ),
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Nhiệm vụ mới")
    assert task.province == province and task.deadline == datetime.date(2025, 6, 30)
    assert task.history.first().history_user == both


def test_agreement_form_messages(client, data, office_user, province):
    login(client, office_user)
    response = client.post(
        reverse("agreements:agreement_add"),
        {
            "province": province.pk,
            "title": "",
            "countries": "Lào, Xứ Sở Thần Tiên",
            "status": "planned",
            "period_start": "2025-06-01",
            "period_end": "2025-01-01",
        },
    )
    errors = response.context["form"].errors
    assert errors["title"] == ["Vui lòng nhập tên văn bản thỏa thuận."]
    assert errors["countries"][0].startswith("Không nhận ra tên nước: Xứ Sở Thần Tiên.")
    # once what was typed is understood, the service checks the rules of the record
    response = client.post(
        reverse("agreements:agreement_add"),
        {
            "province": province.pk,
            "title": "Biên bản ghi nhớ",
            "countries": "Lào",
            "status": "planned",
            "period_start": "2025-06-01",
            "period_end": "2025-01-01",
        },
    )
    assert response.context["form"].errors["period_end"] == [
        "Thời gian kết thúc không được trước thời gian bắt đầu."
    ]
    assert not Agreement.objects.filter(title="Biên bản ghi nhớ").exists()

    response = client.post(
        reverse("agreements:agreement_add"),
        {
            "province": province.pk,
            "title": "Thỏa thuận hợp tác với tỉnh Gyeongnam",
            "countries": "Hàn Quốc",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    assert Agreement.objects.get(title="Thỏa thuận hợp tác với tỉnh Gyeongnam").countries == ["KR"]


def test_unit_and_partner_form_messages(client, data, office_user, province):
    login(client, office_user)
    response = client.post(
        reverse("organization:unit_add"),
        {"province": province.pk, "name": "Sở  Ngoại vụ", "kind": "department"},
    )
    assert response.context["form"].errors["name"] == ["Tỉnh này đã có một đơn vị cùng tên."]
    response = client.post(
        reverse("partners:partner_add"),
        {"province": province.pk, "name": "", "kind": "locality", "country": "Atlantis"},
    )
    errors = response.context["form"].errors
    assert errors["name"] == ["Vui lòng nhập tên đối tác."]
    assert errors["country"] == ["Không nhận ra tên nước: Atlantis."]


# --------------------------------------------------------------------------- permissions


def edit_urls(data, units) -> dict:
    return {
        "unit": reverse("organization:unit_edit", args=[units["school"].pk]),
        "partner": reverse("partners:partner_edit", args=[data["laos"].pk]),
        "agreement": reverse("agreements:agreement_edit", args=[data["mou"].pk]),  # owner: the school
        "unit_add": reverse("organization:unit_add"),
        "partner_add": reverse("partners:partner_add"),
        "agreement_add": reverse("agreements:agreement_add"),
        "unit_delete": reverse("organization:unit_delete", args=[units["school"].pk]),
        "partner_delete": reverse("partners:partner_delete", args=[data["laos"].pk]),
        "agreement_delete": reverse("agreements:agreement_delete", args=[data["mou"].pk]),
    }


def test_unit_staff_may_not_change_office_data(client, data, school_user, units):
    login(client, school_user)
    for name, url in edit_urls(data, units).items():
        assert client.get(url).status_code == 403, name
        assert client.post(url, {"title": "x", "name": "x"}).status_code == 403, name
    data["mou"].refresh_from_db()
    assert data["mou"].deleted_at is None
    page = client.get(reverse("agreements:agreement_detail", args=[data["mou"].pk]))
    assert page.status_code == 200 and page.context["edit_url"] is None
    assert client.get(reverse("agreements:agreement_list")).context["can_add"] is False
    assert "Chỉ cán bộ Sở Ngoại vụ" in client.get(edit_urls(data, units)["agreement"]).content.decode()


def test_leaders_read_only(client, data, leader_user, units):
    login(client, leader_user)
    urls = {
        **edit_urls(data, units),
        "task": reverse("tasks:task_edit", args=[data["late"].pk]),
        "task_add": reverse("tasks:task_add"),
        "task_delete": reverse("tasks:task_delete", args=[data["late"].pk]),
    }
    for name, url in urls.items():
        assert client.get(url).status_code == 403, name
        assert client.post(url, {}).status_code == 403, name
    assert client.get(reverse("tasks:task_detail", args=[data["late"].pk])).context["edit_url"] is None


def test_office_may_change_everything(client, data, office_user, units):
    login(client, office_user)
    for name, url in edit_urls(data, units).items():
        assert client.get(url).status_code == 200, name


def test_unit_staff_edit_only_their_units_tasks(client, data, school_user, units, province):
    login(client, school_user)
    own, others = data["late"], data["future"]  # the school leads "late"; it only coordinates "future"
    assert client.get(reverse("tasks:task_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("tasks:task_edit", args=[others.pk])).status_code == 403
    assert client.post(reverse("tasks:task_edit", args=[others.pk]), task_form(province)).status_code == 403
    assert client.post(reverse("tasks:task_delete", args=[others.pk])).status_code == 403

    response = client.post(
        reverse("tasks:task_edit", args=[own.pk]),
        task_form(province, title=own.title, lead_unit=units["school"].pk, status="done"),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "done"

    # they may not hand their task to another unit
    response = client.post(
        reverse("tasks:task_edit", args=[own.pk]),
        task_form(province, title=own.title, lead_unit=units["industry"].pk),
    )
    assert response.status_code == 200
    assert "lead_unit" in response.context["form"].errors
    own.refresh_from_db()
    assert own.lead_unit == units["school"]

    # a new task is their unit's
    response = client.get(reverse("tasks:task_add"))
    assert list(response.context["form"].fields["lead_unit"].queryset) == [units["school"]]
    response = client.post(reverse("tasks:task_add"), task_form(province, lead_unit=units["school"].pk))
    assert response.status_code == 302


def test_other_provinces_rows_are_not_found(client, data, office_user):
    login(client, office_user)
    for name, key in [
        ("organization:unit", "other_unit"),
        ("partners:partner", "other_partner"),
        ("agreements:agreement", "other_agreement"),
        ("tasks:task", "other_task"),
    ]:
        pk = data[key].pk
        for action in ("_detail", "_edit", "_delete"):
            assert client.get(reverse(name + action, args=[pk])).status_code == 404, name + action
    assert (
        client.get(reverse("plans:plandocument_detail", args=[data["other_document"].pk])).status_code == 404
    )
    assert client.get(reverse("plans:plandocument_file", args=[data["other_document"].pk])).status_code == 404
    assert client.post(reverse("tasks:task_delete", args=[data["other_task"].pk])).status_code == 404
    data["other_task"].refresh_from_db()
    assert data["other_task"].deleted_at is None


def test_soft_delete(client, data, office_user):
    login(client, office_user)
    task = data["done"]
    assert client.get(reverse("tasks:task_delete", args=[task.pk])).status_code == 200
    response = client.post(reverse("tasks:task_delete", args=[task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.deleted_at is not None  # kept, hidden
    assert task not in rows(client.get(reverse("tasks:task_list")))
    assert client.get(reverse("tasks:task_detail", args=[task.pk])).status_code == 404

    agreement = data["loi"]
    client.post(reverse("agreements:agreement_delete", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.deleted_at is not None


def test_province_list_is_for_administrators(client, data, admin_user, office_user):
    login(client, admin_user)
    assert (
        reverse("organization:province_list")
        in client.get(reverse("organization:unit_list")).content.decode()
    )
    response = client.get(reverse("organization:province_list"))
    assert response.status_code == 200
    assert [row.name for row in rows(response)] == ["Thái Nguyên"]
    login(client, office_user)
    assert client.get(reverse("organization:province_list")).status_code == 403
    assert (
        reverse("organization:province_list")
        not in client.get(reverse("organization:unit_list")).content.decode()
    )


def test_unit_staff_have_a_shortcut_to_their_tasks(client, data, school_user, units):
    content = login(client, school_user).get(reverse("tasks:task_list")).content.decode()
    assert f'href="?lead_unit={units["school"].pk}"' in content
