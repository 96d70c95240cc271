"""The project's Vietnamese catalogues (src/doingoai/locale): compiled, complete, and used.

They translate what users see of Django REST framework, the Django admin and auth pages,
django-simple-history and argparse; ``doingoai manage compiletranslations`` compiles them with Babel.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
from collections import Counter
from pathlib import Path

import django
import pytest
import rest_framework
import simple_history
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JSONCatalog

from doingoai.core.management.commands.compiletranslations import LOCALE_DIR, compile_po, read_catalogue

VI = LOCALE_DIR / "vi" / "LC_MESSAGES"
DJANGO_DIR = Path(django.__file__).parent
DRF_ENGLISH = Path(rest_framework.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.mo"
#: %-placeholders (%s, %(name)s, %d, %r …) and str.format fields ({name}, {}, {code_point:X})
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\{[^{}]*\}")


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


def load_po(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def catalogue_key(message) -> tuple[str | None, str]:
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


def entries(catalog) -> dict:
    return {catalogue_key(m): m for m in catalog if m.id}


def forms(message) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string)


def is_translated(message) -> bool:
    return message is not None and not message.fuzzy and all(forms(message))


def placeholders_match(message) -> bool:
    """Each Vietnamese form has the placeholders of the msgid (of its singular or plural, nplurals=1)."""
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    return all(any(placeholders(text) == placeholders(i) for i in ids) for text in forms(message))


@pytest.fixture(scope="module")
def ours():
    return entries(load_po(VI / "django.po"))


# (a) ------------------------------------------------------------------ compiled


def test_the_catalogues_exist():
    assert {p.name for p in VI.glob("*.po")} >= {"django.po", "djangojs.po", "argparse.po"}


@pytest.mark.parametrize("po_path", sorted(LOCALE_DIR.rglob("*.po")), ids=lambda p: p.name)
def test_each_mo_is_its_po_compiled_now(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run 'doingoai manage compiletranslations'"
    assert mo_path.read_bytes() == compile_po(po_path), (
        f"{mo_path.name} is not {po_path.name} compiled: run 'doingoai manage compiletranslations'"
    )


def test_no_mo_without_its_po():
    for mo_path in LOCALE_DIR.rglob("*.mo"):
        assert mo_path.with_suffix(".po").exists(), mo_path


@pytest.mark.parametrize("po_path", sorted(LOCALE_DIR.rglob("*.po")), ids=lambda p: p.name)
def test_every_entry_translated_not_fuzzy_placeholders_kept(po_path):
    catalog = read_catalogue(po_path)  # refuses fuzzy entries and broken %-formats
    assert not catalog.fuzzy
    assert catalog.num_plurals == 1
    for message in list(catalog)[1:]:
        assert is_translated(message), message.id
        assert placeholders_match(message), (message.id, message.string)
        ends = {text.endswith("\n") for text in forms(message)}
        assert ends == {(message.id if isinstance(message.id, str) else message.id[0]).endswith("\n")}


# (b) ------------------------------------------------------------------ complete


def test_every_drf_message_is_translated(ours):
    with DRF_ENGLISH.open("rb") as f:
        english = [m for m in read_mo(f) if m.id]
    assert len(english) > 100
    for message in english:
        vietnamese = ours.get(catalogue_key(message))
        assert is_translated(vietnamese), f"DRF message not translated: {message.id!r}"
        assert placeholders_match(vietnamese), (message.id, vietnamese.string)


DJANGO_CATALOGUES = [
    ("contrib/admin/locale/{}/LC_MESSAGES/django.po", "django.po"),
    ("contrib/admin/locale/{}/LC_MESSAGES/djangojs.po", "djangojs.po"),
    ("contrib/auth/locale/{}/LC_MESSAGES/django.po", "django.po"),
    ("conf/locale/{}/LC_MESSAGES/django.po", "django.po"),
    ("contrib/contenttypes/locale/{}/LC_MESSAGES/django.po", "django.po"),
    ("contrib/sessions/locale/{}/LC_MESSAGES/django.po", "django.po"),
]


@pytest.mark.parametrize(
    ("pattern", "ours_name"), DJANGO_CATALOGUES, ids=[f"{p.split('/')[-5]}-{o}" for p, o in DJANGO_CATALOGUES]
)
def test_every_django_message_is_translated_by_django_or_us(pattern, ours_name):
    english = load_po(DJANGO_DIR / pattern.format("en"))
    django_vi = load_po(DJANGO_DIR / pattern.format("vi"))
    our_entries = entries(load_po(VI / ours_name))
    for message in english:
        if not message.id:
            continue
        mine = our_entries.get(catalogue_key(message))
        if mine is not None:
            assert is_translated(mine) and mine.pluralizable == message.pluralizable, message.id
            continue
        theirs = django_vi.get(message.id, context=message.context)
        assert is_translated(theirs) and theirs.pluralizable == message.pluralizable, (
            f"Django message with no Vietnamese: {message.id!r}"
        )


def test_every_simple_history_message_is_translated(ours):
    msgids = {}
    for path in (Path(simple_history.__file__).parent / "locale").glob("*/LC_MESSAGES/django.po"):
        msgids.update(entries(load_po(path)))
    assert msgids
    for key, message in msgids.items():
        assert is_translated(ours.get(key)), f"simple_history message not translated: {message.id!r}"


# (c) ------------------------------------------------------------------ used at run time


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Authentication credentials were not provided.", "Bạn chưa đăng nhập (thiếu thông tin xác thực)."),
        ("This field is required.", "Trường này là bắt buộc."),
        ("Invalid token.", "Mã xác thực không hợp lệ."),
        ('Method "{method}" not allowed.', 'Phương thức "{method}" không được hỗ trợ.'),
        ("Django site admin", "Quản trị hệ thống doingoai"),
        ("Django administration", "Quản trị hệ thống doingoai"),
        ("Revert", "Khôi phục"),
        ("Changed by", "Người thay đổi"),
    ],
)
def test_key_messages_come_out_in_vietnamese(english, vietnamese):
    with translation.override("vi"):
        assert translation.gettext(english) == vietnamese


def test_our_catalogue_wins_for_every_drf_message(ours):
    """LOCALE_PATHS comes first: each DRF message reads as our catalogue says, not as DRF's own vi."""
    with DRF_ENGLISH.open("rb") as f:
        english = [m.id for m in read_mo(f) if m.id]
    with translation.override("vi"):
        for msgid in english:
            assert translation.gettext(msgid) == ours[(None, msgid)].string, msgid


def test_drf_errors_and_password_rules_read_in_vietnamese():
    from django.contrib.auth.password_validation import MinimumLengthValidator
    from django.core.exceptions import ValidationError
    from rest_framework import exceptions, serializers

    with translation.override("vi"):
        assert str(exceptions.NotAuthenticated().detail) == "Bạn chưa đăng nhập (thiếu thông tin xác thực)."
        assert str(exceptions.MethodNotAllowed("PATCH").detail) == 'Phương thức "PATCH" không được hỗ trợ.'
        assert str(exceptions.Throttled(wait=3).detail) == (
            "Yêu cầu bị tạm giới hạn do gửi quá nhiều lần. Vui lòng thử lại sau 3 giây."
        )
        field = serializers.CharField(max_length=5)
        with pytest.raises(serializers.ValidationError) as raised:
            field.run_validation("quá dài")
        assert raised.value.detail == ["Trường này không được vượt quá 5 ký tự."]
        with pytest.raises(ValidationError) as raised:
            MinimumLengthValidator(min_length=12).validate("ngan")
        assert raised.value.messages == ["Mật khẩu quá ngắn. Mật khẩu phải có ít nhất 12 ký tự."]


def test_admin_javascript_catalogue(rf):
    catalogue = DjangoTranslation("vi", domain="djangojs")
    assert catalogue.gettext("Choose all %s") == "Chọn tất cả %s"
    assert catalogue.gettext("Monday") == "Thứ Hai"
    with translation.override("vi"):
        response = JSONCatalog.as_view(packages=["django.contrib.admin"])(rf.get("/jsi18n/"))
    served = json.loads(response.content)["catalog"]
    assert served["Available %s"] == "%s có thể chọn"  # ours, over Django's own Vietnamese
    assert served["Choose all %s"] == "Chọn tất cả %s"


# (d) ------------------------------------------------------------------ argparse


@pytest.fixture
def argparse_vi():
    return gettext.translation("argparse", localedir=str(LOCALE_DIR), languages=["vi"])


def test_argparse_catalogue(argparse_vi):
    assert argparse_vi.gettext("show this help message and exit") == "hiện hướng dẫn này rồi thoát"
    assert argparse_vi.gettext("positional arguments") == "tham số vị trí"
    for message in read_catalogue(VI / "argparse.po"):
        if message.id:
            assert placeholders_match(message), message.id


def test_argparse_catalogue_covers_argparse():
    """Every message of this Python's argparse is in the catalogue."""
    from babel.messages.extract import extract_from_file

    ours = entries(load_po(VI / "argparse.po"))
    found = list(extract_from_file("python", argparse.__file__, keywords={"_": None, "ngettext": (1, 2)}))
    assert found
    for _line, msgid, _comments, _context in found:
        assert is_translated(ours.get((None, msgid if isinstance(msgid, str) else msgid[0]))), msgid


def test_argparse_speaks_vietnamese_once_wired(argparse_vi, monkeypatch, capsys):
    monkeypatch.setattr(argparse, "_", argparse_vi.gettext)
    monkeypatch.setattr(argparse, "ngettext", argparse_vi.ngettext)
    parser = argparse.ArgumentParser(prog="doingoai")
    parser.add_argument("tep")
    parser.add_argument("--so", type=int)
    assert "tham số vị trí" in parser.format_help()
    assert "hiện hướng dẫn này rồi thoát" in parser.format_help()
    with pytest.raises(SystemExit):
        parser.parse_args(["a.pdf", "--so", "x"])
    assert "doingoai: lỗi: tham số --so: giá trị int không hợp lệ: 'x'" in capsys.readouterr().err
