"""The search box finds what was asked: words as words, in order, ranked; localities by their names.

The same rules on SQLite and on PostgreSQL (CI runs this file on both).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doingoai.core.models import search_words
from doingoai.delegations.models import Delegation
from doingoai.extraction.normalize.text import fold

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(delegation):
    return {
        "ha_lan": delegation(name="Đoàn học tập mô hình nông nghiệp", countries=["NL"], leader="A - B"),
        "thai_lan": delegation(name="Đoàn xúc tiến thương mại", countries=["TH"], leader="C - D"),
        "ba_lan": delegation(name="Đoàn giao lưu văn hóa", countries=["PL"]),
        "phan_lan": delegation(name="Đoàn giáo dục", countries=["FI"]),
        "han_quoc": delegation(name="Đoàn lao động", countries=["KR"]),
        "mentions": delegation(
            name="Đoàn khảo sát thị trường",
            countries=["DE"],
            activities="Học tập kinh nghiệm của Hà Lan về nông nghiệp",
        ),
        "champasak": delegation(
            name="Đoàn cán bộ trường", countries=["LA"], localities=["LA-CH"], partners="Sở Giáo dục tỉnh"
        ),
        "prabang": delegation(name="Đoàn thanh niên", countries=["LA"], localities=["LA-LP"]),
    }


def found(client, user, query, **params) -> list[int]:
    client.force_login(user)
    response = client.get("/doan/", {"q": query, **params})
    return [row.record.pk for row in response.context["table"].paginated_rows]


def api(client, user, query) -> list[int]:
    client.force_login(user)
    return [item["id"] for item in client.get("/api/delegations/", {"q": query}).json()["results"]]


def test_words_match_as_words(client, office_user, places):
    ha_lan = found(client, office_user, "ha lan")
    assert set(ha_lan) == {places["ha_lan"].pk, places["mentions"].pk}
    assert found(client, office_user, "Hà Lan") == ha_lan and api(client, office_user, "HÀ LAN") == ha_lan
    assert set(found(client, office_user, "lan")) >= {places[k].pk for k in ("ha_lan", "thai_lan", "ba_lan")}
    assert found(client, office_user, "thai lan") == [places["thai_lan"].pk]
    assert found(client, office_user, "lan ha") == []  # in order


def test_results_are_ranked_name_and_country_first(client, office_user, places):
    assert found(client, office_user, "ha lan")[0] == places["ha_lan"].pk  # its country, before a mention
    assert api(client, office_user, "ha lan")[0] == places["ha_lan"].pk


def test_localities_are_found_by_their_names(client, office_user, places):
    assert found(client, office_user, "champasak") == [places["champasak"].pk]
    assert found(client, office_user, "Chăm-pa-xắc") == [places["champasak"].pk]
    assert found(client, office_user, "luong pha bang") == [places["prabang"].pk]
    assert api(client, office_user, "luang prabang") == [places["prabang"].pk]


def test_the_last_word_may_be_the_start_of_a_word(client, office_user, places):
    assert found(client, office_user, "champa") == [places["champasak"].pk]
    assert found(client, office_user, "ha la") == found(client, office_user, "ha lan")


def test_an_edit_updates_what_the_search_finds(client, office_user, places):
    row = places["thai_lan"]
    row.countries = ["NL"]
    row.save()
    assert row.pk in found(client, office_user, "ha lan")
    assert Delegation.objects.search("thai lan").count() == 0


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_search_words_are_the_runs_of_letters_and_digits_of_the_folded_text(text):
    """The quick way for ASCII (``str.translate``) splits exactly as the pattern does for any text."""
    assert search_words(text) == re.findall("[a-z0-9]+", fold(text))


def test_search_words_fold_vietnamese_and_keep_other_scripts_whole():
    assert search_words("Đoàn Sở Y tế đi Lào (Champasak) – 2025/KH_UBND") == [
        "doan", "so", "y", "te", "di", "lao", "champasak", "2025", "kh", "ubnd"
    ]  # fmt: skip
    assert search_words("ແຂວງ Champasak") == ["champasak"]
