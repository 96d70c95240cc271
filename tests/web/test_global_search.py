"""The header's search box (/tim-kiem/, GET /api/search/): every kind found, as each list finds it.

Words folded (no case, no diacritics), whole words in order, a match in the
name first; only what the user may see. The same rules on SQLite and on
PostgreSQL (run this file with ``DATABASE_URL`` set to a PostgreSQL database).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from doingoai.agreements.models import Agreement
from doingoai.organization.models import Unit
from doingoai.partners.models import Partner
from doingoai.plans.models import PlanDocument
from doingoai.tasks.models import Task

pytestmark = pytest.mark.django_db

KINDS = ["delegation", "partner", "agreement", "task", "unit", "document"]
LABELS = {
    "delegation": "Đoàn",
    "partner": "Đối tác",
    "agreement": "Thỏa thuận",
    "task": "Nhiệm vụ",
    "unit": "Đơn vị",
    "document": "Văn bản",
}
LISTS = {
    "delegation": "/doan/",
    "partner": "/doi-tac/",
    "agreement": "/thoa-thuan/",
    "task": "/nhiem-vu/",
    "unit": "/don-vi/",
    "document": "/van-ban/",
}


def records(province, units, delegation, *, name_suffix=""):
    """One record of each kind about the Netherlands (Hà Lan), and some about Thailand (Thái Lan)."""
    return {
        "delegation": delegation(
            province=province,
            owner=units["school"] if units else None,
            name=f"Đoàn học tập nông nghiệp công nghệ cao{name_suffix}",
            countries=["NL"],
        ),
        "partner": Partner.objects.create(
            province=province, name=f"Tỉnh Gelderland{name_suffix}", kind="locality", country="NL"
        ),
        "agreement": Agreement.objects.create(
            province=province,
            year=2025,
            title=f"Biên bản ghi nhớ về nông nghiệp{name_suffix}",
            countries=["NL"],
        ),
        "task": Task.objects.create(
            province=province, title=f"Chuẩn bị đón đoàn Hà Lan đến làm việc{name_suffix}"
        ),
        "unit": Unit.objects.create(province=province, name=f"Hội hữu nghị Việt Nam - Hà Lan{name_suffix}"),
        "document": PlanDocument.objects.create(
            province=province,
            kind="Kế hoạch",
            number=f"12/KH-UBND{name_suffix}",
            title="Kế hoạch hợp tác với Hà Lan năm 2025",
            file_name=f"ke-hoach-12{name_suffix}.docx",
        ),
    }


@pytest.fixture
def world(province, other_province, units, delegation):
    ours = records(province, units, delegation)
    theirs = records(other_province, None, delegation, name_suffix=" (Đồng Nai)")
    thai = {
        "delegation": delegation(name="Đoàn xúc tiến thương mại", countries=["TH"]),
        "partner": Partner.objects.create(province=province, name="Tỉnh Chiang Mai", country="TH"),
        "unit": Unit.objects.create(province=province, name="Hội hữu nghị Việt Nam - Thái Lan"),
    }
    mention = delegation(
        name="Đoàn khảo sát thị trường", countries=["DE"], activities="Học tập kinh nghiệm của Hà Lan"
    )
    return {"ours": ours, "theirs": theirs, "thai": thai, "mention": mention}


def api(client, user, **params):
    client.force_login(user)
    return client.get("/api/search/", params)


def found(client, user, query, **params) -> dict[str, list[int]]:
    """The ids the API finds, by kind (up to 100 of each)."""
    response = api(client, user, q=query, limit=100, **params)
    assert response.status_code == 200, response.content
    out: dict[str, list[int]] = {kind: [] for kind in KINDS}
    for item in response.json()["results"]:
        out[item["kind"]].append(item["id"])
    return out


def test_every_kind_is_found_and_says_what_it_is(client, office_user, world):
    ours = world["ours"]
    by_kind = found(client, office_user, "ha lan")
    for kind in KINDS:
        assert ours[kind].pk in by_kind[kind], kind
    assert by_kind["delegation"] == [ours["delegation"].pk, world["mention"].pk]
    client.force_login(office_user)
    html = client.get("/tim-kiem/", {"q": "ha lan"}).content.decode()
    for kind in KINDS:
        section = re.search(
            rf'<section class="card search-group" data-kind="{kind}".*?</section>', html, re.S
        )
        assert section, kind
        assert f'<span class="badge search-kind">{LABELS[kind]}</span>' in section.group(0)
        assert f'href="{LISTS[kind]}?q=ha+lan"' in section.group(0)  # «xem tất cả»: the list, filtered
    assert (
        f'href="{reverse("partners:partner", args=[ours["partner"].pk])}"' in html
    )  # each result links to it


def test_diacritics_and_case_are_ignored(client, office_user, world):
    expected = found(client, office_user, "ha lan")
    for query in ("Hà Lan", "HÀ LAN", "hà lan", "HA LAN", "  hà   lan  "):
        assert found(client, office_user, query) == expected, query
    assert found(client, office_user, "GELDERLAND")["partner"] == [world["ours"]["partner"].pk]
    assert found(client, office_user, "hội hữu nghị việt nam hà lan")["unit"] == [world["ours"]["unit"].pk]
    assert found(client, office_user, "12/kh-ubnd")["document"] == [world["ours"]["document"].pk]


def test_words_as_words_in_order(client, office_user, world):
    by_kind = found(client, office_user, "ha lan")
    assert world["thai"]["delegation"].pk not in by_kind["delegation"]
    assert world["thai"]["unit"].pk not in by_kind["unit"]
    assert found(client, office_user, "thai lan")["unit"] == [world["thai"]["unit"].pk]
    assert found(client, office_user, "lan ha") == {kind: [] for kind in KINDS}
    assert found(client, office_user, "gelder")["partner"] == [world["ours"]["partner"].pk]  # still typing


def test_a_match_in_the_name_ranks_first(client, office_user, world):
    # the delegation going to the Netherlands before the one that mentions it
    assert found(client, office_user, "ha lan")["delegation"][0] == world["ours"]["delegation"].pk
    client.force_login(office_user)
    page = client.get("/tim-kiem/", {"q": "ha lan"}).content.decode()
    assert page.index("Đoàn học tập nông nghiệp công nghệ cao") < page.index("Đoàn khảo sát thị trường")


def test_finds_exactly_what_each_list_finds(client, office_user, school_user, world):
    """The box reads each kind through its list's own rows and search: the «xem tất cả» list agrees."""
    for user in (office_user, school_user):
        by_kind = found(client, user, "ha lan")
        client.force_login(user)
        for kind in KINDS:
            response = client.get(LISTS[kind], {"q": "ha lan"})
            listed = {row.record.pk for row in response.context["table"].paginated_rows}
            assert set(by_kind[kind]) == listed, (user.username, kind)


def test_another_provinces_records_are_never_found(
    client, office_user, school_user, make_user, world, other_province
):
    theirs = world["theirs"]
    for user in (office_user, school_user):
        by_kind = found(client, user, "ha lan")
        for kind in KINDS:
            assert theirs[kind].pk not in by_kind[kind], (user.username, kind)
        assert found(client, user, "dong nai") == {kind: [] for kind in KINDS}
        client.force_login(user)
        assert "Đồng Nai" not in client.get("/tim-kiem/", {"q": "ha lan"}).content.decode()
    # an officer of the other province finds theirs only, and a unit officer there neither our units nor tasks
    their_unit = Unit.objects.get(province=other_province, name="Hội hữu nghị Việt Nam - Hà Lan (Đồng Nai)")
    for user in (
        make_user("office", provinces=[other_province], username="dongnai"),
        make_user("unit", their_unit, provinces=[other_province], username="dongnai-unit"),
    ):
        by_kind = found(client, user, "ha lan")
        assert {kind: ids for kind, ids in by_kind.items() if ids} == {
            kind: [theirs[kind].pk] for kind in KINDS
        }, user.username


def test_hidden_records_are_not_found(client, office_user, world):
    ours = world["ours"]
    ours["task"].deleted_at = timezone.now()
    ours["task"].save()
    twin = Partner.objects.create(
        province=ours["partner"].province,
        name="Gelderland (cách viết khác)",
        country="NL",
        merged_into=ours["partner"],
    )
    by_kind = found(client, office_user, "gelderland")
    assert by_kind["partner"] == [ours["partner"].pk] and twin.pk not in by_kind["partner"]
    assert found(client, office_user, "chuan bi don doan")["task"] == []


def test_a_user_of_several_provinces_sees_whose_each_result_is(
    client, make_user, world, province, other_province
):
    both = make_user("office", provinces=[province, other_province], username="hai-tinh")
    response = api(client, both, q="gelderland", kind="partner")
    descriptions = [item["description"] for item in response.json()["results"]]
    assert len(descriptions) == 2
    assert any(d.endswith("Thái Nguyên") for d in descriptions) and any(
        d.endswith("Đồng Nai") for d in descriptions
    )


def test_the_api_answers_results_with_kind_id_title_url(client, office_user, world):
    ours = world["ours"]
    body = api(client, office_user, q="Hà Lan").json()
    assert set(body) == {"q", "count", "counts", "results"}
    assert body["q"] == "Hà Lan" and body["count"] == len(body["results"])
    assert [c["kind"] for c in body["counts"]] == KINDS
    counts = {c["kind"]: c for c in body["counts"]}
    assert counts["delegation"]["count"] == 2 and counts["unit"]["count"] == 1
    assert counts["task"]["list_url"].endswith("/nhiem-vu/?q=H%C3%A0+Lan")
    first = body["results"][0]
    assert set(first) == {"kind", "kind_label", "id", "title", "description", "url"}
    assert first == {
        "kind": "delegation",
        "kind_label": "Đoàn",
        "id": ours["delegation"].pk,
        "title": "Đoàn học tập nông nghiệp công nghệ cao",
        "description": first["description"],
        "url": f"http://testserver{ours['delegation'].get_absolute_url()}",
    }
    assert "Hà Lan" in first["description"] and "Đoàn ra" in first["description"]
    by_kind = {item["kind"]: item for item in body["results"]}
    assert by_kind["task"]["url"] == f"http://testserver{reverse('tasks:task', args=[ours['task'].pk])}"
    assert by_kind["document"]["title"].startswith("Kế hoạch 12/KH-UBND")
    assert {item["kind_label"] for item in body["results"]} == set(LABELS.values())


def test_the_api_kind_and_limit(client, office_user, world):
    body = api(client, office_user, q="ha lan", kind="delegation", limit=1).json()
    assert [c["kind"] for c in body["counts"]] == ["delegation"] and body["counts"][0]["count"] == 2
    assert [(item["kind"], item["id"]) for item in body["results"]] == [
        ("delegation", world["ours"]["delegation"].pk)
    ]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "q", "Hãy gõ từ cần tìm."),
        ({"q": ""}, "q", "Hãy gõ từ cần tìm."),
        ({"q": "   "}, "q", "Hãy gõ từ cần tìm."),
        ({"q": "a"}, "q", "Hãy gõ ít nhất 2 chữ cái hoặc chữ số để tìm."),
        ({"q": "đ !"}, "q", "Hãy gõ ít nhất 2 chữ cái hoặc chữ số để tìm."),
        ({"q": "x" * 201}, "q", "Từ cần tìm dài quá 200 ký tự."),
        ({"q": "ha lan", "kind": "people"}, "kind", "Không có loại «people»."),
        ({"q": "ha lan", "limit": "abc"}, "limit", "Số kết quả phải là một số nguyên."),
        ({"q": "ha lan", "limit": "0"}, "limit", "Số kết quả phải từ 1 đến 100."),
        ({"q": "ha lan", "limit": "1000"}, "limit", "Số kết quả phải từ 1 đến 100."),
    ],
)
def test_the_api_refuses_bad_queries_in_vietnamese(client, office_user, params, field, message):
    response = api(client, office_user, **params)
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert response.json()[field][0].startswith(message)


def test_the_api_needs_a_signed_in_user(client, world):
    assert client.get("/api/search/", {"q": "ha lan"}).status_code in (401, 403)


def test_the_api_is_in_the_schema_in_vietnamese(client, office_user):
    client.force_login(office_user)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/search/"]["get"]
    assert operation["summary"].startswith("Tìm trong toàn hệ thống")
    assert {p["name"] for p in operation["parameters"]} == {"q", "kind", "limit"}
    assert "400" in operation["responses"]


def test_the_header_box_is_on_every_page(client, office_user, world):
    client.force_login(office_user)
    for page in ("/viec-can-lam/", "/doan/", "/tong-hop/dong-thoi-gian/"):
        html = client.get(page).content.decode()
        assert '<form class="topsearch" role="search" method="get" action="/tim-kiem/"' in html, page
        assert '<input type="search" id="topsearch-q" name="q"' in html
    html = client.get("/tim-kiem/", {"q": "Hà Lan"}).content.decode()
    assert 'value="Hà Lan"' in html  # the box keeps what was asked


def test_the_page_explains_a_short_or_empty_query(client, office_user, world):
    client.force_login(office_user)
    response = client.get("/tim-kiem/", {"q": "a"})
    assert response.status_code == 200 and response.context["results"] is None
    assert "Hãy gõ ít nhất 2 chữ cái hoặc chữ số để tìm." in response.content.decode()
    response = client.get("/tim-kiem/")
    assert response.status_code == 200 and "Gõ tên đoàn" in response.content.decode()
    response = client.get("/tim-kiem/", {"q": "khong co gi nhu the nay"})
    assert "Không tìm thấy gì cho «khong co gi nhu the nay»" in response.content.decode()
    response = client.get("/tim-kiem/", {"q": "ha lan", "kind": "unit"})
    assert [group.kind.key for group in response.context["results"].groups] == ["unit"]
