"""Place normalizer: countries, regions, organisations and foreign localities in cells.

Cell values marked "seed" are copied from the sample plans; the others are made
up in the same style, since the reader is also scored on documents we have not
seen.
"""

from __future__ import annotations

import json
from importlib import resources

import pycountry
import pytest

from doingoai.extraction.normalize.places import (
    CountryResolution,
    Locality,
    country_name_vi,
    find_localities,
    resolve_countries,
    split_trailing_country,
)


def codes(text: str) -> list[str]:
    return resolve_countries(text).codes


# --------------------------------------------------------------------------- countries


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # seed cells
        ("Lào", ["LA"]),
        ("CHDCND Lào", ["LA"]),
        ("Campuchia", ["KH"]),
        ("Thái Lan", ["TH"]),
        ("Nhật Bản", ["JP"]),
        ("Hàn Quốc", ["KR"]),
        ("Trung Quốc", ["CN"]),
        ("Hoa Kỳ", ["US"]),
        ("Cuba", ["CU"]),
        ("Indonesia", ["ID"]),
        ("Singapore", ["SG"]),
        ("Morocco", ["MA"]),
        ("Ba Lan", ["PL"]),
        ("Cộng hòa Pháp", ["FR"]),
        ("Australia", ["AU"]),
        ("Phần Lan", ["FI"]),
        ("Hà Lan", ["NL"]),
        ("Bhutan", ["BT"]),
        ("Nga", ["RU"]),
        ("LB Nga", ["RU"]),
        ("Lào và Campuchia", ["LA", "KH"]),
        ("Vatican, Pháp, Hà Lan", ["VA", "FR", "NL"]),
        ("Nga, Pháp, Bỉ", ["RU", "FR", "BE"]),
        ("Anh và Italia", ["GB", "IT"]),
        ("Anh, Đức, Hà Lan", ["GB", "DE", "NL"]),
        ("Hoa Kỳ, Canada", ["US", "CA"]),
        ("Hàn Quốc và Nhật Bản", ["KR", "JP"]),
        ("Tân Tây Lan, New Zealand", ["NZ"]),
        ("Chủ tịch Thái Lan", ["TH"]),  # leader and country cells fused (seed 004)
        ("Chủ tịch Hoa Kỳ", ["US"]),
        # made up, same kinds
        ("Nước CHDCND Lào", ["LA"]),
        ("Cộng hòa Dân chủ Nhân dân Lào", ["LA"]),
        ("Vương quốc Campuchia", ["KH"]),
        ("Vương quốc Thái Lan", ["TH"]),
        ("Liên bang Nga", ["RU"]),
        ("Vương quốc Anh", ["GB"]),
        ("Anh Quốc", ["GB"]),
        ("Mỹ", ["US"]),
        ("Hợp chúng quốc Hoa Kỳ", ["US"]),
        ("Italia", ["IT"]),
        ("Ý", ["IT"]),
        ("Pháp, Ý", ["FR", "IT"]),
        ("Triều Tiên", ["KP"]),
        ("CHDCND Triều Tiên", ["KP"]),
        ("Đài Loan", ["TW"]),
        ("Úc", ["AU"]),
        ("Ôxtrâylia", ["AU"]),
        ("Ô-xtrây-li-a", ["AU"]),
        ("Thụy Sĩ", ["CH"]),
        ("Thụy Sỹ", ["CH"]),
        ("Thuỵ Sỹ", ["CH"]),  # tone mark on the other vowel
        ("Ma-rốc", ["MA"]),
        ("Séc", ["CZ"]),
        ("Cộng hòa Séc", ["CZ"]),
        ("Bỉ", ["BE"]),
        ("Đức", ["DE"]),
        ("CHLB Đức", ["DE"]),
        ("Bồ Đào Nha", ["PT"]),
        ("Tòa thánh Vatican", ["VA"]),
        ("Toà thánh Vatican", ["VA"]),
        ("Xin-ga-po", ["SG"]),
        ("Ma-lai-xi-a", ["MY"]),
        ("Phi-líp-pin", ["PH"]),
        ("Mi-an-ma", ["MM"]),
        ("Ấn Độ", ["IN"]),
        ("Thổ Nhĩ Kỳ", ["TR"]),
        ("Ai Cập", ["EG"]),
        ("Nam Phi", ["ZA"]),
        ("Tây Ban Nha", ["ES"]),
        ("Thụy Điển, Na Uy, Đan Mạch", ["SE", "NO", "DK"]),
        ("Germany, France", ["DE", "FR"]),
        ("Republic of Korea", ["KR"]),
        ("United Kingdom", ["GB"]),
        ("LIÊN BANG NGA", ["RU"]),
        ("NHẬT BẢN", ["JP"]),
        ("Lào.", ["LA"]),
        ("Lào; Thái Lan; Campuchia", ["LA", "TH", "KH"]),
        ("Lào - Thái Lan", ["LA", "TH"]),
        ("Lào/Thái Lan", ["LA", "TH"]),
        ("Đoàn Lào", ["LA"]),
        ("Các tỉnh Nam Lào", ["LA"]),
        ("Anh Đức", ["GB", "DE"]),  # two short names side by side
        ("Hàn Quốc, Nhật Bản, Đài Loan (Trung Quốc)", ["KR", "JP", "TW"]),  # official style
        ("Hồng Kông (Trung Quốc)", ["HK"]),
        ("Đài Loan (Trung Quốc), Trung Quốc", ["TW", "CN"]),
    ],
)
def test_countries(cell, expected):
    assert codes(cell) == expected


def test_same_country_twice_is_one_code():
    assert codes("Tân Tây Lan, New Zealand") == ["NZ"]
    assert codes("Lào, CHDCND Lào, Laos") == ["LA"]


def test_order_is_the_order_named():
    assert codes("Hà Lan, Vatican, Pháp") == ["NL", "VA", "FR"]
    assert codes("Campuchia và Lào") == ["KH", "LA"]


@pytest.mark.parametrize(
    "cell",
    [
        "<b>Lào</b>",
        "<i>Lào</i>",
        "<ul><li>Lào</li></ul>",
        "**Lào**",
        "Lào<br>",
        "&nbsp;Lào",
        "  Lào  ",
    ],
)
def test_tags_and_marks_are_stripped(cell):
    assert codes(cell) == ["LA"]


def test_list_items_in_tags_are_separate_countries():
    assert codes("<ul><li>Lào</li><li>Campuchia</li></ul>") == ["LA", "KH"]
    assert codes("Nhật Bản<br>Hàn Quốc") == ["JP", "KR"]
    assert codes("<b>Hàn</b> Quốc") == ["KR"]


# --------------------------------------------------------------------------- Viet Nam


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Các tỉnh biên giới Trung Quốc - Việt Nam", ["CN"]),  # seed
        ("Việt Nam", []),
        ("Việt Nam - Lào", ["LA"]),
        ("VN, Campuchia", ["KH"]),
        ("CHXHCN Việt Nam và Vương quốc Thái Lan", ["TH"]),
    ],
)
def test_viet_nam_is_never_a_foreign_country(cell, expected):
    result = resolve_countries(cell)
    assert result.codes == expected
    assert "Việt Nam" not in result.unresolved


# --------------------------------------------------------------------------- regions


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Châu Mỹ", ["019"]),  # seed
        ("Châu Âu", ["150"]),  # seed
        ("Châu Á", ["142"]),
        ("Đông Nam Á", ["035"]),
        ("Các nước ASEAN", ["035"]),
        ("Đông Á", ["030"]),
        ("Đông Bắc Á", ["030"]),
        ("Châu Phi", ["002"]),
        ("Châu Đại Dương", ["009"]),
        ("Bắc Mỹ", ["021"]),
        ("Nam Mỹ", ["005"]),
        ("Mỹ Latinh", ["419"]),
        ("Châu Mỹ La-tinh", ["419"]),
        ("Tây Âu", ["155"]),
        ("Đông Âu", ["151"]),
        ("Bắc Âu", ["154"]),
        ("Trung Đông", ["145"]),
        ("Tây Á", ["145"]),
        ("Nam Á", ["034"]),
        ("Trung Á", ["143"]),
        ("Châu Âu (Pháp, Đức)", ["150", "FR", "DE"]),  # both named: both kept
        ("Pháp và các nước Châu Âu", ["FR", "150"]),
    ],
)
def test_regions_are_un_m49_codes(cell, expected):
    result = resolve_countries(cell)
    assert result.codes == expected
    assert not result.open or "các nước" not in cell


def test_americas_is_not_the_united_states():
    assert codes("Châu Mỹ") == ["019"]
    assert "US" not in codes("Các nước Châu Mỹ")


def test_a_region_is_not_an_open_list():
    assert resolve_countries("Châu Âu").open is False  # seed 002, table 3, 2.4


# --------------------------------------------------------------------------- open lists


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Singapore, Malaysia...", ["SG", "MY"]),  # seed
        ("Nhật Bản, Hàn Quốc, Trung Quốc...", ["JP", "KR", "CN"]),  # seed
        ("Hòa kỳ, Canada...", ["US", "CA"]),  # seed
        ("Vương Quốc Anh, Pháp...", ["GB", "FR"]),  # seed
        ("Lào, Campuchia…", ["LA", "KH"]),
        ("Nhật Bản, Hàn Quốc v.v.", ["JP", "KR"]),
        ("Nhật Bản, Hàn Quốc, v.v", ["JP", "KR"]),
        ("Lào, Campuchia và các nước khác", ["LA", "KH"]),
        ("Lào, Thái Lan và các nước", ["LA", "TH"]),
        ("Một số nước Châu Âu", ["150"]),
        ("Hàn Quốc và một số nước", ["KR"]),
        ("Đức, Pháp, etc.", ["DE", "FR"]),
    ],
)
def test_open_lists(cell, expected):
    result = resolve_countries(cell)
    assert result.codes == expected
    assert result.open is True


@pytest.mark.parametrize("cell", ["Lào", "Lào và Campuchia", "Châu Mỹ", "Các nước ASEAN", "Hoa Kỳ."])
def test_closed_lists(cell):
    assert resolve_countries(cell).open is False


# --------------------------------------------------------------------------- organisations


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Các chuyên gia của Tổ chức FHI 360 và Bộ Y tế", ["US"]),  # seed
        ("KOICA", ["KR"]),
        ("JICA", ["JP"]),
        ("UNESCO", ["FR"]),
        ("UNICEF", ["US"]),
        ("UNDP", ["US"]),
        ("WHO", ["CH"]),
        ("Tổ chức Y tế Thế giới (WHO)", ["CH"]),
        ("Ngân hàng Thế giới", ["US"]),
        ("World Bank", ["US"]),
        ("ADB", ["PH"]),
        ("Ngân hàng Phát triển châu Á", ["PH"]),
        ("IMF", ["US"]),
        ("FAO", ["IT"]),
        ("ILO", ["CH"]),
        ("IOM", ["CH"]),
        ("GIZ", ["DE"]),
        ("KOTRA", ["KR"]),
        ("JETRO", ["JP"]),
        ("USAID", ["US"]),
        ("Plan International", ["GB"]),
        ("Save the Children", ["GB"]),
        ("World Vision", ["US"]),
        ("Ban Thư ký ASEAN", ["ID"]),
        ("Tổ chức KOICA và JICA", ["KR", "JP"]),
    ],
)
def test_organisations_count_as_the_country_of_their_seat(cell, expected):
    result = resolve_countries(cell)
    assert result.codes == expected
    assert result.unresolved == []


def test_european_union():
    """The EU is an organisation seated in Brussels; its member countries are Europe."""
    assert codes("Liên minh châu Âu") == ["BE"]
    assert codes("EU") == ["BE"]
    assert codes("Các nước EU") == ["150"]


def test_asean():
    """ASEAN names its member countries (South-eastern Asia); its Secretariat sits in Jakarta."""
    assert codes("ASEAN") == ["035"]
    assert codes("Ban Thư ký ASEAN") == ["ID"]


def test_acronyms_are_case_sensitive():
    assert codes("who") == []
    assert codes("Plan") == []


# --------------------------------------------------------------------------- localities


@pytest.mark.parametrize(
    ("cell", "expected", "locality"),
    [
        ("Thành phố Pakse, tỉnh Champasak, Lào", ["LA"], "LA-CH"),  # seed
        ("Tiểu khu quân sự Kampong Thom/QK4/QĐHG", ["KH"], "KH-6"),  # seed
        ("Thành phố Anyang, tỉnh Gyeonggi", ["KR"], "KR-41"),  # seed
        ("Tiểu khu quân sự Kampong Cham/QK2", ["KH"], "KH-3"),  # seed
        ("Tỉnh Champasak, Lào; tỉnh Kampong Thom, Campuchia", ["LA", "KH"], "LA-CH"),  # seed
        ("Tỉnh Luông Pha Băng", ["LA"], "LA-LP"),
        ("Sở Cảnh sát tỉnh Ehime", ["JP"], "JP-38"),  # seed (shifted cell)
        ("Tỉnh Gyeongnam", ["KR"], "KR-48"),
        ("tỉnh Tứ Xuyên", ["CN"], "CN-SC"),
        ("Thủ đô Viêng Chăn", ["LA"], "LA-VT"),
        ("Xiêm Riệp", ["KH"], "KH-17"),
        ("Bangkok", ["TH"], "TH-10"),
    ],
)
def test_a_locality_implies_its_country(cell, expected, locality):
    result = resolve_countries(cell)
    assert result.codes == expected
    assert locality in [loc.code for loc in result.localities]
    assert result.unresolved == []


def test_cities_without_a_code_imply_their_country_but_are_not_localities():
    assert codes("Thành phố Pakse") == ["LA"]
    assert codes("Thành phố Anyang") == ["KR"]
    assert codes("Thành phố Nam Kinh") == ["CN"]
    assert find_localities("Thành phố Pakse") == []


def test_locality_fields():
    (loc,) = find_localities("Chính quyền tỉnh Champasak")
    assert loc == Locality(code="LA-CH", country="LA", name="Champasak", matched="Champasak")
    (loc,) = find_localities("Sở Giáo dục và Thể thao tỉnh Bò Keo")  # seed
    assert (loc.code, loc.country, loc.matched) == ("LA-BK", "LA", "Bò Keo")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed partner and name cells
        (
            "Sở Công Thương các tỉnh: Champasak, Attapue, Sekong, Salavan",
            ["LA-CH", "LA-AT", "LA-XE", "LA-SL"],
        ),
        (
            "Sở Giáo dục và Thể thao các tỉnh: Luông Pha Bông, Sa-văn-na-khệt, Bò Kẹo, U-dom-xay",
            ["LA-LP", "LA-SV", "LA-BK", "LA-OU"],
        ),
        (
            "Sở Giáo dục và Thể thao các tỉnh: Luông Nậm Thà, Phong Sa Lý, Xiêng Khoảng, Hủa Phăn, "
            "Bo-ly-khăm-xay",
            ["LA-LM", "LA-PH", "LA-XI", "LA-HO", "LA-BL"],
        ),
        ("Đoàn đại biểu tỉnh Phong-Xa-Lỳ, CHDCND Lào", ["LA-PH"]),
        ("Sở Giáo dục và Thể thao tỉnh Savăn-na-khệt", ["LA-SV"]),
        ("Sở Giáo dục và Thể thao tỉnh Bô-ly-khăm-xay", ["LA-BL"]),
        ("Sở Giáo dục và Thể thao tỉnh Udom-xay", ["LA-OU"]),
        ("Sở Giáo dục và Thể thao tỉnh Khăm Muộn", ["LA-KH"]),
        ("Đoàn đại biểu tỉnh Gyeongsangbuk-do, Hàn Quốc", ["KR-47"]),
        ("Chinh quyền tỉnh Jeollanam; Chính quyền tỉnh Oita, Nhật Bản", ["KR-46", "JP-44"]),
        ("Đoàn đại biểu thành phố Nogata, tỉnh Fukuoka, Nhật Bản", ["JP-40"]),
        (
            "Tỉnh Udon Thani, Thái Lan; tỉnh Tứ Xuyên và tỉnh Cát Lâm, Trung Quốc; tỉnh Lower "
            "Silesia, Ba Lan",
            ["TH-41", "CN-SC", "CN-JL", "PL-02"],
        ),
        ("Chính quyền tỉnh An Huy (Trung Quốc)", ["CN-AH"]),
        ("Chinh quyền thành phố Thượng Hải", ["CN-SH"]),
        ("Thành phố Nam Kinh, tỉnh Giang Tô", ["CN-JS"]),
        ("Chính quyền thành phố Saint Petersburg, thành phố Mat-xco-va", ["RU-SPE", "RU-MOW"]),
        ("Ủy ban Đối ngoại, thành phố Xanh Pê-téc- bua, Liên bang Nga", ["RU-SPE"]),
        ("Lãnh đạo Chính quyền tỉnh Sverdlov", ["RU-SVE"]),
        ("Chính quyền tỉnh Pinar del Rio, Ban Đối ngoại Trung ương", ["CU-01"]),
        ("Chủ tịch vùng Souss Massa kiêm Tỉnh trưởng tỉnh Agadir Ida Outanane", ["MA-09", "MA-AGD"]),
        ("Huyện Cheongdo, tỉnh Gyeongsangbuk-do, Hàn Quốc", ["KR-47"]),
        ("Thị trưởng thành phố Tương Đàm, tỉnh Hồ Nam", ["CN-HN"]),
        ("Hệ thống Đại học bang California (California State University)", ["US-CA"]),
        ("Trung tâm Điều hành thông minh của tỉnh Gyeongnam", ["KR-48"]),
        ("Cơ quan của thành phố Anyang, tỉnh Geonggi", ["KR-41"]),
        # made up
        ("Chính quyền tỉnh Công-pông Chàm và tỉnh Xvây Riêng", ["KH-3", "KH-20"]),
        ("Tỉnh Át-tạ-pư và tỉnh Xê Kông", ["LA-AT", "LA-XE"]),
        ("UBND tỉnh Kep và tỉnh Takeo, Campuchia", ["KH-23", "KH-21"]),
        ("Chính quyền tỉnh Quảng Tây, tỉnh Vân Nam", ["CN-GX", "CN-YN"]),
        ("Thành phố Osaka và tỉnh Kanagawa", ["JP-27", "JP-14"]),
        ("Tỉnh Nakhon Phanom và tỉnh Rayong", ["TH-48", "TH-21"]),
        ("Seoul, Busan và Incheon", ["KR-11", "KR-26", "KR-28"]),
    ],
)
def test_find_localities(text, expected):
    assert [loc.code for loc in find_localities(text)] == expected


def test_vientiane_province_and_prefecture():
    assert [loc.code for loc in find_localities("Thủ đô Viêng Chăn")] == ["LA-VT"]
    assert [loc.code for loc in find_localities("tỉnh Viêng Chăn")] == ["LA-VI"]
    assert [loc.code for loc in find_localities("Viêng Chăn")] == ["LA-VT"]
    assert [loc.code for loc in find_localities("Vientiane Province")] == ["LA-VI"]


@pytest.mark.parametrize(
    "text",
    [
        "Đ/c Nguyễn Thanh Hải, Ủy viên Ban Chấp hành Trung ương Đảng",  # seed: person, not Qinghai
        "Hà Nam",  # a Vietnamese province, not Henan
        "tỉnh Hà Nam",
        "thị xã Sơn Tây",
        "Nhóm An Huy",  # a name, not Anhui
        "bằng kép",  # "Kep" only as a place
        "nan giải",
        "Sở Khoa học và Công nghệ Bình Định",
        "Chi phí ăn ở và sinh hoạt tại Việt Nam",
        "Thường trực Tỉnh ủy",
    ],
)
def test_localities_do_not_fire_on_vietnamese_words(text):
    assert find_localities(text) == []


def test_ambiguous_chinese_names_need_china_in_the_text():
    assert [loc.code for loc in find_localities("tỉnh Hà Nam, Trung Quốc")] == ["CN-HA"]
    assert [loc.code for loc in find_localities("tỉnh Thanh Hải, Trung Quốc")] == ["CN-QH"]


def test_localities_inside_words_do_not_fire():
    assert find_localities("Kepler") == []
    assert find_localities("Nanning") == []  # a city (no ISO 3166-2 code), not Nan province


# Vietnamese spellings officers use, written here independently of the data files.
LAO_PROVINCES_VI = {
    "LA-AT": "Át-tạ-pư",
    "LA-BK": "Bò Kẹo",
    "LA-BL": "Bô-ly-khăm-xay",
    "LA-CH": "Chăm-pa-sắc",
    "LA-HO": "Hủa Phăn",
    "LA-KH": "Khăm Muộn",
    "LA-LM": "Luông Nậm Thà",
    "LA-LP": "Luông Pha Băng",
    "LA-OU": "U-đôm-xay",
    "LA-PH": "Phong Sa Lỳ",
    "LA-SL": "Xa-la-van",
    "LA-SV": "Sa-văn-na-khệt",
    "LA-VI": "tỉnh Viêng Chăn",
    "LA-VT": "Thủ đô Viêng Chăn",
    "LA-XA": "Xay-nha-bu-ly",
    "LA-XE": "Xê Kông",
    "LA-XI": "Xiêng Khoảng",
    "LA-XS": "Xay-xổm-bun",
}
CAMBODIAN_PROVINCES_VI = {
    "KH-1": "Bantây Miên-chây",
    "KH-2": "Bát-tam-bang",
    "KH-3": "Công-pông Chàm",
    "KH-4": "Công-pông Chơ-năng",
    "KH-5": "Công-pông Xpư",
    "KH-6": "Công-pông Thom",
    "KH-7": "Căm-pốt",
    "KH-8": "Can-đan",
    "KH-9": "Cô Công",
    "KH-10": "Kra-chê",
    "KH-11": "Mun-đun-ki-ri",
    "KH-12": "Phnôm Pênh",
    "KH-13": "Prê-ah Vi-hia",
    "KH-14": "Prây Veng",
    "KH-15": "Pô-xát",
    "KH-16": "Ra-ta-na-ki-ri",
    "KH-17": "Xiêm Riệp",
    "KH-18": "Xi-ha-núc-vin",
    "KH-19": "Xtung Treng",
    "KH-20": "Xvây Riêng",
    "KH-21": "Ta-keo",
    "KH-22": "Ót-đô Miên-chây",
    "KH-23": "tỉnh Kép",
    "KH-24": "Pai-lin",
    "KH-25": "Tbông Khmum",
}


@pytest.mark.parametrize(("country", "spellings"), [("LA", LAO_PROVINCES_VI), ("KH", CAMBODIAN_PROVINCES_VI)])
def test_every_lao_and_cambodian_province_has_a_vietnamese_spelling(country, spellings):
    in_pycountry = {s.code for s in pycountry.subdivisions.get(country_code=country)}
    assert in_pycountry == set(spellings)
    for code, spelling in spellings.items():
        assert [loc.code for loc in find_localities(spelling)] == [code], spelling
        assert codes(spelling) == [country], spelling


@pytest.mark.parametrize("country", ["LA", "KH", "KR", "CN", "JP", "TH"])
def test_every_province_resolves_from_its_reference_name(country):
    """Whatever pycountry calls a province, a plan may print that name too."""
    excluded = {"CN-TW", "CN-HK", "CN-MO"}
    for sub in pycountry.subdivisions.get(country_code=country):
        if sub.code in excluded:
            continue
        # Laos's capital and the province around it share pycountry's name,
        # "Viangchan"; "tỉnh" makes it the province, so the capital gets its own word.
        word = "thủ đô" if sub.code == "LA-VT" else "tỉnh"
        found = [loc.code for loc in find_localities(f"{word} {sub.name}")]
        assert sub.code in found, (sub.code, sub.name, found)


def test_korean_provinces_with_and_without_do():
    for text in ("Gyeongsangbuk-do", "Gyeongsangbuk", "Gyeongbuk", "Kyongsangbuk"):
        assert [loc.code for loc in find_localities(text)] == ["KR-47"], text
    for text in ("Jeollanam-do", "Jeollanam", "Jeonnam"):
        assert [loc.code for loc in find_localities(text)] == ["KR-46"], text


# --------------------------------------------------------------------------- negatives


@pytest.mark.parametrize(
    "cell",
    [
        "Đ/c Mai Thị Thúy Nga, Ủy viên BCH Đảng bộ tỉnh, Phó Chủ tịch HĐND tỉnh",  # seed
        "Đ/c Mai Thị Thúy Nga",
        "Lê Kim Anh - Phó Hiệu trưởng",  # seed
        "Nguyễn Anh Đức",
        "Nguyễn Nam Anh",
        "Trần Thị Ý",
        "ý kiến",
        "Ý kiến của Bộ Ngoại giao",
        "pháp luật",
        "Pháp luật về xuất nhập cảnh",
        "anh em",
        "Anh em hai nước",
        "đức tính",
        "Lào Cai",
        "Nga Sơn",
        "Mỹ Tho",
        "mỹ thuật",
        "áo dài",
        "Thường trực Tỉnh ủy",
        "Lãnh đạo Cục Hậu cần",  # seed (shifted cell)
        "ba lần",
        "mà lại",
        "dài hạn",
        "cấp về",
        "mong có",
        "hoa lan",
        "Ngân sách tỉnh",
        "Quý II/2025",
        "Trường Đại học Việt Đức",
    ],
)
def test_ordinary_words_and_people_do_not_resolve(cell):
    assert codes(cell) == []


# --------------------------------------------------------------------------- misspellings


@pytest.mark.parametrize(
    ("cell", "expected", "flagged"),
    [
        ("Hòa kỳ", ["US"], "Hòa kỳ"),  # seed
        ("Đối tác có liên quan tại Đại Loan", ["TW"], "Đại Loan"),  # seed (OCR)
        ("Campuchea", ["KH"], "Campuchea"),
        ("Malaysie", ["MY"], "Malaysie"),
        ("Singapor", ["SG"], "Singapor"),
        ("Philipines", ["PH"], "Philipines"),
        ("Han Quoc", ["KR"], "Han Quoc"),  # typed without diacritics
    ],
)
def test_misspellings_resolve_and_are_flagged(cell, expected, flagged):
    result = resolve_countries(cell)
    assert result.codes == expected
    assert flagged in result.fuzzy
    assert result.unresolved == []


def test_known_spellings_are_not_flagged():
    for cell in (
        "Hoa Kỳ",
        "Campuchia",
        "Lào và Campuchia",
        "CHDCND Lào",
        "Morocco",
        "Vương Quốc Anh, Pháp...",
    ):
        assert resolve_countries(cell).fuzzy == [], cell


def test_short_names_are_never_fuzzy():
    assert codes("Lao") == []  # needs its diacritics
    assert codes("Uc") == []
    assert codes("Nga") == ["RU"]


# --------------------------------------------------------------------------- unresolved


def test_unresolved_pieces_are_reported():
    result = resolve_countries("Lãnh đạo Cục Hậu cần")
    assert result.codes == []
    assert result.unresolved == ["Lãnh đạo Cục Hậu cần"]
    result = resolve_countries("Lào, Xứ Sở Thần Tiên")
    assert result.codes == ["LA"]
    assert result.unresolved == ["Xứ Sở Thần Tiên"]


@pytest.mark.parametrize("cell", ["", "   ", "Không", "3", "<i>3</i>", "---"])
def test_empty_cells(cell):
    result = resolve_countries(cell)
    assert result == CountryResolution(codes=[], open=False, unresolved=[], localities=[], fuzzy=[])


def test_results_are_fresh_lists():
    first = resolve_countries("Lào và Campuchia")
    first.codes.append("XX")
    assert resolve_countries("Lào và Campuchia").codes == ["LA", "KH"]


# --------------------------------------------------------------------------- fused cells


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lãnh đạo UBND Nhật Bản", ("Lãnh đạo UBND", "Nhật Bản")),  # seed
        ("Lãnh đạo UBND Hàn Quốc", ("Lãnh đạo UBND", "Hàn Quốc")),  # seed
        ("BGD Công an tỉnh Singapore", ("BGD Công an tỉnh", "Singapore")),  # seed
        ("BGD Công an tỉnh Nhật Bản", ("BGD Công an tỉnh", "Nhật Bản")),  # seed
        ("Thường trực Tỉnh ủy Hàn Quốc và Nhật Bản", ("Thường trực Tỉnh ủy", "Hàn Quốc và Nhật Bản")),
        ("Giám đốc Sở Công Thương CHDCND Lào", ("Giám đốc Sở Công Thương", "CHDCND Lào")),
        ("Phó Chủ tịch UBND tỉnh Châu Âu", ("Phó Chủ tịch UBND tỉnh", "Châu Âu")),
        ("Lãnh đạo Sở Ngoại vụ, Lào.", ("Lãnh đạo Sở Ngoại vụ", "Lào")),
    ],
)
def test_split_trailing_country(text, expected):
    assert split_trailing_country(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thường trực Tỉnh ủy",  # seed
        "Đ/c Mai Thị Thúy Nga",
        "Lê Kim Anh",
        "Phó Chủ tịch UBND thành phố Biên Hòa",  # seed
        "Lãnh đạo Chính quyền tỉnh Champasak",  # ends with a locality, not a country
        "Đại sứ quán Việt Nam",
        "Thường trực Tỉnh ủy/Lãnh đạo Luxembourg UBND tỉnh",  # seed: country inside
        "Đại sứ Việt Nam tại Nhật Bản",  # the country belongs to the title
        "Lãnh đạo Hội hữu nghị với Lào",
        "",
    ],
)
def test_split_trailing_country_none(text):
    assert split_trailing_country(text) is None


# --------------------------------------------------------------------------- display


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("LA", "Lào"),
        ("KH", "Campuchia"),
        ("US", "Hoa Kỳ"),
        ("150", "Châu Âu"),
        ("019", "Châu Mỹ"),
        ("035", "Đông Nam Á"),
        ("142", "Châu Á"),
        ("030", "Đông Á"),
        ("021", "Bắc Mỹ"),
        ("ZZZ", "ZZZ"),
    ],
)
def test_country_name_vi(code, name):
    assert country_name_vi(code) == name


# --------------------------------------------------------------------------- data files


def _data(name):
    return json.loads(resources.files("doingoai.extraction.data").joinpath(name).read_text("utf-8"))


def test_data_codes_exist():
    countries = _data("countries.json")
    for code in countries["countries"]:
        assert pycountry.countries.get(alpha_2=code), code
    for code in countries["regions"]:
        assert code.isdigit() and len(code) == 3, code
    for organisation in _data("organisations.json")["organisations"]:
        assert pycountry.countries.get(alpha_2=organisation["seat"]), organisation
    localities = _data("localities.json")
    for code in localities["localities"]:
        assert pycountry.subdivisions.get(code=code), code
    for country in [*localities["subdivisions"], *localities["cities"]]:
        assert pycountry.countries.get(alpha_2=country), country
