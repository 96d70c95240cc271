"""Partners: made by the importer from what the delegations and agreements name, one per locality
whatever its spelling, merged and unmerged by the office, and their pages."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from benchmarks.import_plan import HEADER
from doingoai.agreements.models import Agreement
from doingoai.core.errors import InvalidInput, NotAllowed
from doingoai.delegations.models import Delegation
from doingoai.delegations.services import delegation_update
from doingoai.partners.derive import candidates, organisation_names
from doingoai.partners.models import Partner, PartnerMerge
from doingoai.partners.services import partner_merge, partner_merge_undo
from doingoai.plans import importer
from tests.extraction.builders import write_docx
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _row(tt, name, country, partners, period="Tháng 7/2025"):
    return [
        tt,
        name,
        "Giám đốc Sở",
        country,
        partners,
        "Trao đổi hợp tác",
        "5",
        "6",
        period,
        "Ngân sách tỉnh",
        "",
    ]


def _plan(tmp_path, rows) -> bytes:
    table = {
        "title": ["Phụ lục I", "KẾ HOẠCH ĐOÀN RA NĂM 2025 CỦA CÁC SỞ, BAN, NGÀNH, ĐỊA PHƯƠNG THUỘC TỈNH"],
        "rows": [HEADER, *rows],
    }
    path = write_docx(
        tmp_path / "ke-hoach.docx",
        [
            "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
            "Số: 31/KH-UBND",
            "Thái Nguyên, ngày 05 tháng 3 năm 2025",
            "KẾ HOẠCH",
            "Đoàn ra năm 2025",
            table,
        ],
    )
    return path.read_bytes()


@pytest.fixture
def imported(tmp_path, office_user, province):
    """Three spellings of Attapeu, a Korean province in two spellings, organisations and collectives."""
    rows = [
        _row("1", "Đoàn Sở Công Thương đi tỉnh Attapu", "Lào", "Sở Công Thương tỉnh Attapu"),
        _row("2", "Đoàn Sở Y tế đi tỉnh Attapue", "Lào", "Bệnh viện tỉnh Attapue; Các doanh nghiệp Lào"),
        _row("3", "Đoàn Sở Nội vụ đi Ắt-tạ-pư", "Lào", "Chính quyền tỉnh Ắt-tạ-pư, Lào"),
        _row("4", "Đoàn đi tỉnh Gyeongnam", "Hàn Quốc", "Đại học Quốc gia Gyeongsang, Hàn Quốc"),
        _row("5", "Đoàn đi tỉnh Kyongnam", "Hàn Quốc", "Tập đoàn Doosan; - Thăm một số trường đại học"),
    ]
    importer.import_files([("ke-hoach.docx", _plan(tmp_path, rows))], office_user, province=province)
    return {d.name: d for d in Delegation.objects.filter(province=province)}


def test_one_partner_per_locality_whatever_the_spelling(imported, province):
    attapeu = Partner.objects.get(province=province, subdivision="LA-AT")
    assert attapeu.kind == Partner.Kind.LOCALITY and attapeu.country == "LA"
    assert {"Attapu", "Attapue"} <= set(attapeu.aliases)
    named = {d.name for d in attapeu.delegations.all()}
    assert named == {
        "Đoàn Sở Công Thương đi tỉnh Attapu",
        "Đoàn Sở Y tế đi tỉnh Attapue",
        "Đoàn Sở Nội vụ đi Ắt-tạ-pư",
    }
    gyeongnam = Partner.objects.get(province=province, subdivision="KR-48")
    assert gyeongnam.delegations.count() == 2
    assert Partner.objects.filter(province=province, subdivision="LA-AT").count() == 1


def test_organisations_become_partners_collectives_and_activities_do_not(imported, province):
    names = set(Partner.objects.filter(province=province).values_list("name", "kind"))
    assert ("Đại học Quốc gia Gyeongsang", "organisation") in names  # ", Hàn Quốc" dropped
    assert ("Tập đoàn Doosan", "enterprise") in names
    assert ("Bệnh viện tỉnh Attapue", "organisation") in names
    every = {name for name, _ in names}
    assert not any(name.lower().startswith(("các ", "thăm ", "chính quyền")) for name in every)
    university = Partner.objects.get(province=province, name="Đại học Quốc gia Gyeongsang")
    assert university.country == "KR"


def test_reimport_and_linkpartners_add_nothing(imported, tmp_path, office_user, province):
    before = (Partner.objects.count(), Partner.delegations.through.objects.count())
    from django.core.management import call_command

    call_command("linkpartners", "--as", office_user.username, stdout=io.StringIO())
    assert (Partner.objects.count(), Partner.delegations.through.objects.count()) == before


def test_an_edit_of_the_delegation_moves_its_links(imported, office_user, province):
    delegation = imported["Đoàn Sở Công Thương đi tỉnh Attapu"]
    delegation_update(delegation, user=office_user, values={"localities": ["LA-CH"], "partners": ""})
    codes = set(delegation.partner_records.values_list("subdivision", flat=True))
    assert codes == {"LA-CH"}
    assert not Partner.objects.get(subdivision="LA-AT").delegations.filter(pk=delegation.pk).exists()


def test_merge_moves_everything_and_undo_puts_it_back(imported, office_user, province):
    kept = Partner.objects.get(province=province, name="Đại học Quốc gia Gyeongsang")
    other = Partner.objects.get(province=province, name="Tập đoàn Doosan")
    agreement = Agreement.objects.create(province=province, title="Biên bản ghi nhớ", partner=other)
    moved = set(other.delegations.values_list("pk", flat=True))
    merge = partner_merge(kept, other, user=office_user)
    other.refresh_from_db(), kept.refresh_from_db(), agreement.refresh_from_db()
    assert other.merged_into_id == kept.pk and agreement.partner_id == kept.pk
    assert moved <= set(kept.delegations.values_list("pk", flat=True))
    assert "Tập đoàn Doosan" in kept.aliases and other.delegations.count() == 0
    assert merge.delegation_ids == sorted(moved) and merge.agreement_ids == [agreement.pk]
    reasons = [h.history_change_reason for h in other.history.all()]
    assert any("Gộp vào đối tác" in (reason or "") for reason in reasons)
    assert agreement.history.first().history_change_reason.startswith("Gộp đối tác")

    partner_merge_undo(merge, user=office_user)
    other.refresh_from_db(), kept.refresh_from_db(), agreement.refresh_from_db()
    assert other.merged_into_id is None and agreement.partner_id == other.pk
    assert set(other.delegations.values_list("pk", flat=True)) == moved
    assert "Tập đoàn Doosan" not in kept.aliases
    assert any("Hoàn tác" in (h.history_change_reason or "") for h in kept.history.all())
    with pytest.raises(InvalidInput):
        partner_merge_undo(merge, user=office_user)


def test_a_merged_spelling_is_found_again_by_the_next_import(imported, tmp_path, office_user, province):
    kept = Partner.objects.get(province=province, name="Đại học Quốc gia Gyeongsang")
    other = Partner.objects.get(province=province, name="Tập đoàn Doosan")
    partner_merge(kept, other, user=office_user)
    rows = [_row("1", "Đoàn mới đi Hàn Quốc", "Hàn Quốc", "Tập đoàn Doosan")]
    data = _plan(tmp_path, rows).replace(b"31/KH-UBND", b"32/KH-UBND")
    importer.import_files([("ke-hoach-2.docx", data)], office_user, province=province)
    new = Delegation.objects.get(name="Đoàn mới đi Hàn Quốc")
    assert list(new.partner_records.values_list("pk", flat=True)) == [kept.pk]
    assert Partner.objects.filter(province=province, name__iexact="Tập đoàn Doosan").count() == 1


def test_only_the_office_merges_and_never_across_provinces(imported, school_user, office_user, province):
    kept = Partner.objects.get(province=province, name="Đại học Quốc gia Gyeongsang")
    other = Partner.objects.get(province=province, name="Tập đoàn Doosan")
    with pytest.raises(NotAllowed):
        partner_merge(kept, other, user=school_user)
    with pytest.raises(InvalidInput):
        partner_merge(kept, kept, user=office_user)
    assert not PartnerMerge.objects.exists()


def test_partner_and_country_pages(client, imported, office_user, school_user, province, other_province):
    client.login(username=office_user.username, password=PASSWORD)
    attapeu = Partner.objects.get(province=province, subdivision="LA-AT")
    page = client.get(reverse("partners:partner_detail", args=[attapeu.pk])).content.decode()
    assert "Đoàn Sở Y tế đi tỉnh Attapue" in page and "Attapu" in page
    assert "Gộp đối tác trùng" in page and "Diễn biến gần đây" in page
    country = client.get(reverse("partners:country_detail", args=["la"])).content.decode()
    assert "Lào" in country and attapeu.name in country and "Đoàn Sở Nội vụ đi Ắt-tạ-pư" in country
    assert client.get(reverse("partners:country_detail", args=["XX"])).status_code == 404
    listing = client.get(reverse("partners:partner_list")).content.decode()
    assert attapeu.name in listing

    # merge through the page, then undo through the page
    kept = Partner.objects.get(province=province, name="Đại học Quốc gia Gyeongsang")
    other = Partner.objects.get(province=province, name="Tập đoàn Doosan")
    answer = client.post(reverse("partners:partner_merge", args=[kept.pk]), {"merged": other.pk}, follow=True)
    assert "Đã gộp «Tập đoàn Doosan»" in answer.content.decode()
    assert "Tập đoàn Doosan" not in client.get(reverse("partners:partner_list")).content.decode()
    bad = client.post(reverse("partners:partner_merge", args=[kept.pk]), {"merged": other.pk}, follow=True)
    assert "không còn gộp được" in bad.content.decode()
    merge = PartnerMerge.objects.get()
    client.post(reverse("partners:partner_merge_undo", args=[merge.pk]))
    other.refresh_from_db()
    assert other.merged_into_id is None

    # a unit's officer reads, may not merge; another province's partner is not found
    client.logout()
    client.login(username=school_user.username, password=PASSWORD)
    page = client.get(reverse("partners:partner_detail", args=[attapeu.pk])).content.decode()
    assert "Gộp vào đối tác này" not in page
    refused = client.post(
        reverse("partners:partner_merge", args=[kept.pk]), {"merged": other.pk}, follow=True
    )
    assert "Chỉ cán bộ Sở Ngoại vụ" in refused.content.decode()
    stranger = Partner.objects.create(province=other_province, name="Đối tác tỉnh khác", key="org:x")
    assert client.get(reverse("partners:partner_detail", args=[stranger.pk])).status_code == 404


def test_derivation_rules():
    assert organisation_names("- Cục Hậu cần, Campuchia - Lữ đoàn Vận tải 90") == [
        ("Cục Hậu cần", "organisation"),
        ("Lữ đoàn Vận tải 90", "organisation"),
    ]
    assert (
        organisation_names("Đại sứ quán Việt Nam tại Bỉ; Sở Công Thương các tỉnh: Champasak, Attapue") == []
    )
    assert organisation_names("Công ty TNHH ABC; công ty TNHH abc.") == [("Công ty TNHH ABC", "enterprise")]
    found = candidates(
        localities=["LA-CH", "LA-CH"], countries=["LA"], partners_text="Trường Đại học Champasak"
    )
    assert [c.key for c in found] == ["loc:LA-CH", "org:truong dai hoc champasak"]
    assert found[1].country == "LA"


def test_the_country_page_maps_the_localities_the_data_can_place(client, imported, office_user, province):
    """Attapeu placed from GeoNames' data, a circle sized by its delegations linking to its page; a locality
    the data cannot place is named under the map; the map shows Biển Đông and the archipelagos in view."""
    import re

    from doingoai.partners.maps import points

    attapeu = Partner.objects.get(province=province, subdivision="LA-AT")
    unplaced = Partner.objects.create(
        province=province,
        name="Tỉnh Xay-xổm-bun",
        key="loc:LA-XS",
        kind="locality",
        country="LA",
        subdivision="LA-XS",
    )
    assert "LA-AT" in points() and "LA-XS" not in points()
    client.login(username=office_user.username, password=PASSWORD)
    page = client.get(reverse("partners:country_detail", args=["LA"])).content.decode()
    svg = re.search(r'<svg viewBox="[^"]+" role="group".*?</svg>', page, re.S).group(0)
    url = reverse("partners:partner_detail", args=[attapeu.pk])
    assert f'<a href="{url}" aria-label="{attapeu.name}: 3 đoàn">' in svg
    assert svg.count("<circle") == 1  # only Attapeu has a code the data place
    assert 'id="country-LA"' in page  # the outline the map draws with <use>
    assert "Chưa đặt được trên bản đồ" in page and unplaced.name in page
    lat, lon = points()["LA-AT"]
    assert 14 < lat < 15.5 and 106 < lon < 107.5  # Attapeu, in Laos's south-east
    hainan = Partner.objects.create(
        province=province,
        name="Tỉnh Hải Nam",
        key="loc:CN-HI",
        kind="locality",
        country="CN",
        subdivision="CN-HI",
    )
    page = client.get(reverse("partners:country_detail", args=["CN"])).content.decode()
    assert hainan.name in page and "Biển Đông" in page and "Q. đ. Hoàng Sa" in page
    assert "Đài Loan" not in page
