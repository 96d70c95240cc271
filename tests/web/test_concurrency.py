"""Two people editing at once, over real HTTP against a running server, on SQLite and on PostgreSQL.

The live server answers each request in its own thread with its own database
connection (SQLite in a file, with its write-ahead log and IMMEDIATE
transactions; PostgreSQL in CI), and the requests below come from several
threads at once, started together by a barrier:

- simultaneous PATCHes of different fields all survive (each save writes only
  its fields, on the row locked and read afresh);
- a stale edit, through the page or through the API with ``version``, is
  refused with what changed meanwhile;
- simultaneous form saves never answer 500 ("database is locked").
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from doingoai.delegations.models import Delegation

PASSWORD = "mat-khau-dong-thoi"
THREADS = 6
ROUNDS = 20
FIELDS = ("name", "leader", "partners", "activities", "notes", "host_unit")


class Session:
    """A signed-in client over real HTTP: cookies, the CSRF token, form pages."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        page = self.get("/dang-nhap/")
        status, _ = self.post(
            "/dang-nhap/",
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": _hidden(page, "csrfmiddlewaretoken"),
            },
        )
        assert status == 302, f"login failed for {username}"

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        headers = {"Referer": self.base + path, **(headers or {})}
        token = next((c.value for c in self.jar if c.name == "csrftoken"), None)
        if token and method != "GET":
            headers["X-CSRFToken"] = token
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get(self, path: str) -> str:
        status, text = self.request("GET", path)
        assert status == 200, (path, status)
        return text

    def post(self, path: str, data: dict) -> tuple[int, str]:
        return self.request(
            "POST",
            path,
            urllib.parse.urlencode(data, doseq=True).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )

    def patch(self, path: str, data: dict) -> tuple[int, str]:
        return self.request("PATCH", path, json.dumps(data).encode(), {"Content-Type": "application/json"})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def edit_form(html: str) -> dict:
    """The values an edit page shows, as its form would post them unchanged."""
    data = {name: value for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html)}
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', html):
        data[name] = value.strip("\n").replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = selected.group(1) if selected else ""
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]*checked', html):
        data[name] = "on"
    return data


@pytest.fixture
def shared(live_server, transactional_db):
    """A province, its office, six office officers, and a delegation they all edit."""
    from django.contrib.auth import get_user_model

    from doingoai.accounts.models import Profile
    from doingoai.organization.models import Province, Unit

    province = Province.objects.create(code="thai-nguyen", name="Thái Nguyên")
    office = Unit.objects.create(province=province, name="Sở Ngoại vụ", kind=Unit.Kind.FOREIGN_AFFAIRS)
    users = []
    for number in range(THREADS):
        user = get_user_model().objects.create_user(username=f"sngv{number}", password=PASSWORD)
        Profile.objects.create(user=user, role="office", unit=office).provinces.set([province])
        users.append(user)

    def make(**values):
        defaults = {
            "province": province,
            "owner": office,
            "direction": "out",
            "level": "department",
            "year": 2026,
            "name": "Đoàn công tác",
            "leader": "Nguyễn Văn A - Giám đốc",
            "countries": ["LA"],
            "period_start": "2026-07-01",
            "period_end": "2026-07-01",
            "funding": "Ngân sách tỉnh",
            "funding_categories": ["provincial_budget"],
        }
        return Delegation.objects.create(**{**defaults, **values})

    return {"base": live_server.url, "users": users, "make": make}


def together(work, count: int = THREADS):
    """Run ``work(index)`` in ``count`` threads released at the same moment; their results, in order."""
    barrier = threading.Barrier(count)

    def start(index):
        barrier.wait()
        return work(index)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(start, range(count)))


def test_simultaneous_patches_of_different_fields_all_survive(shared):
    row = shared["make"]()
    sessions = [Session(shared["base"], user.username) for user in shared["users"]]

    def edit(index):
        statuses = []
        for round_ in range(ROUNDS):
            status, text = sessions[index].patch(
                f"/api/delegations/{row.pk}/", {FIELDS[index]: f"{FIELDS[index]} {round_}"}
            )
            statuses.append(status)
            assert status != 500, text
        return statuses

    results = together(edit)
    assert all(status == 200 for statuses in results for status in statuses), results
    row.refresh_from_db()
    assert {name: getattr(row, name) for name in FIELDS} == {name: f"{name} {ROUNDS - 1}" for name in FIELDS}
    assert row.version == 1 + THREADS * ROUNDS  # every save counted, none lost
    assert row.history.count() == 1 + THREADS * ROUNDS


def test_a_stale_api_edit_with_a_version_is_refused_with_the_changes(shared):
    row = shared["make"]()
    first, second = (Session(shared["base"], user.username) for user in shared["users"][:2])
    opened = json.loads(first.request("GET", f"/api/delegations/{row.pk}/")[1])["version"]
    status, _ = second.patch(
        f"/api/delegations/{row.pk}/", {"leader": "Trần Thị B - Phó Giám đốc", "version": opened}
    )
    assert status == 200
    status, text = first.patch(
        f"/api/delegations/{row.pk}/", {"name": "Tên của người thứ nhất", "version": opened}
    )
    assert status == 409
    body = json.loads(text)
    assert body["version"] == opened + 1 and "người khác sửa" in body["detail"]
    assert [(c["label"], c["old"], c["new"], c["user"]) for c in body["changes"]] == [
        ("Trưởng đoàn", "Nguyễn Văn A - Giám đốc", "Trần Thị B - Phó Giám đốc", "sngv1")
    ]
    row.refresh_from_db()
    assert row.name == "Đoàn công tác" and row.leader == "Trần Thị B - Phó Giám đốc"
    # without a version, a request changes only the fields it names
    status, _ = first.patch(f"/api/delegations/{row.pk}/", {"name": "Tên của người thứ nhất"})
    row.refresh_from_db()
    assert status == 200 and (row.name, row.leader) == ("Tên của người thứ nhất", "Trần Thị B - Phó Giám đốc")


def test_two_officers_on_the_same_edit_page(shared):
    """Both open the edit page; the second save is refused with what the first changed, in Vietnamese."""
    row = shared["make"]()
    first, second = (Session(shared["base"], user.username) for user in shared["users"][:2])
    path = f"/doan/{row.pk}/sua/"
    form_a, form_b = edit_form(first.get(path)), edit_form(second.get(path))
    assert form_a["version"] == form_b["version"] == str(row.version)
    status, _ = first.post(path, {**form_a, "leader": "Trần Thị B - Phó Giám đốc"})
    assert status == 302
    status, html = second.post(path, {**form_b, "partners": "Sở Công Thương tỉnh Champasak"})
    assert status == 409
    assert "Chưa lưu: bản ghi vừa được người khác sửa" in html
    assert "Trần Thị B - Phó Giám đốc" in html and "Trưởng đoàn" in html and "sngv0" in html
    row.refresh_from_db()
    assert (row.leader, row.partners) == ("Trần Thị B - Phó Giám đốc", "")


def test_simultaneous_form_saves_never_answer_500(shared):
    """Six officers save forms at once, ten times each: every save is stored or refused as stale, none fails."""
    rows = [shared["make"](name=f"Đoàn {index}") for index in range(THREADS)]
    common = shared["make"](name="Đoàn chung")
    sessions = [Session(shared["base"], user.username) for user in shared["users"]]

    def save(index):
        outcomes = []
        for round_ in range(10):
            for row in (rows[index], common):
                path = f"/doan/{row.pk}/sua/"
                form = edit_form(sessions[index].get(path))
                status, html = sessions[index].post(path, {**form, "notes": f"lần {round_} của {index}"})
                assert status != 500, html[:2000]
                outcomes.append((row.pk, status))
        return outcomes

    results = [outcome for outcomes in together(save) for outcome in outcomes]
    own = [status for pk, status in results if pk != common.pk]
    shared_saves = [status for pk, status in results if pk == common.pk]
    assert set(own) == {302}, own  # nobody else edits these
    assert set(shared_saves) <= {302, 409} and 302 in shared_saves
    for index, row in enumerate(rows):
        row.refresh_from_db()
        assert row.notes == f"lần 9 của {index}" and row.version == 11
    common.refresh_from_db()
    assert common.version == 1 + shared_saves.count(302)
