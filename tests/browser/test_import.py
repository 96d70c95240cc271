"""Importing a Word plan in the browser: upload, preview with review marks, fix, confirm."""

from __future__ import annotations

from benchmarks.import_plan import HEADER  # the columns of Mẫu 04, as the benchmark writes them
from tests.browser.conftest import login, rows, screenshot, url
from tests.extraction.builders import document_from_text, write_docx

CLEAN = [
    "1",
    "Đoàn công tác Sở Y tế Thái Nguyên",
    "Giám đốc Sở Y tế",
    "Lào",
    "Sở Y tế tỉnh Champasak",
    "Ký kết biên bản ghi nhớ hợp tác y tế",
    "5",
    "5",
    "Quý II/2025",
    "Ngân sách tỉnh",
    "",
]
GARBLED = [
    "2",
    "Đoàn công tác Trường Cao đẳng Thái Nguyên",
    "Phó Hiệu trưởng",
    "Nhạt Bảnn",
    "Viện Takaoka tỉnh Fukushima",
    "Liên kết đào tạo điều dưỡng",
    "6",
    "7",
    "Quý III/2025",
    "Kinh phí của Trường",
    "",
]


def _small_plan(tmp_path):
    table = {
        "title": [
            "Phụ lục I",
            "KẾ HOẠCH ĐOÀN RA CỦA SỞ, NGÀNH VÀ CẤP HUYỆN NĂM 2025",
            "(Kèm theo Kế hoạch số 12/KH-UBND ngày 15/01/2025 của UBND tỉnh Thái Nguyên)",
        ],
        "rows": [HEADER, CLEAN, GARBLED],
    }
    heading = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH THÁI NGUYÊN",
        "Số: 12/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Thái Nguyên, ngày 15 tháng 01 năm 2025",
        "KẾ HOẠCH",
        "Đoàn ra, đoàn vào năm 2025",
    ]
    return write_docx(tmp_path / "ke-hoach-doan-ra-2025.docx", [*heading, table])


def _upload(page, path) -> None:
    page.goto(url("plans:import_start"))
    assert page.get_by_role("heading", name="Nhập văn bản kế hoạch").is_visible()
    page.locator("input[type=file]").set_input_files(str(path))
    province = page.get_by_label("Tỉnh", exact=True)
    if province.count():
        province.select_option(label="Thái Nguyên")
    page.get_by_role("button", name="Đọc và xem trước").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Xem trước khi nhập").is_visible(), page.url


def _choose_owner(page, unit_name: str) -> None:
    """Office staff choose the unit of rows whose document names none."""
    default = page.get_by_label("Đơn vị cho mọi hàng chưa có đơn vị")
    if default.count():
        default.first.select_option(label=unit_name)


def test_import_a_word_plan_fix_the_row_to_review_and_confirm(page, world, tmp_path):
    from doingoai.delegations.models import Delegation

    path = _small_plan(tmp_path)
    login(page, "sngv")
    _upload(page, path)

    flagged = page.locator("tr.review", has_text="Đoàn công tác Trường Cao đẳng Thái Nguyên")
    assert flagged.count() == 1, "the garbled row is not marked for review"
    assert "Không xác định được nước: Nhạt Bảnn" in flagged.inner_text()
    clean = page.locator("tr", has_text="Ký kết biên bản ghi nhớ hợp tác y tế").or_(
        page.locator("tr:has(textarea)", has=page.locator("textarea", has_text="Đoàn công tác Sở Y tế"))
    )
    assert clean.count() >= 1
    assert page.locator("tr.review").count() == 1, "a clean row is marked for review"
    assert page.get_by_text("1 hàng cần xem lại").is_visible()
    screenshot(page, "import_preview")
    flagged.evaluate("row => row.scrollIntoView({block: 'center'})")
    screenshot(page, "import_preview_review")

    countries = flagged.locator("[title='Nước'] input, input[name$='countries']").first
    countries.fill("Nhật Bản")
    _choose_owner(page, "Trường Cao đẳng Thái Nguyên")
    page.get_by_role("button", name="Xác nhận lưu").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", name="Kết quả nhập văn bản").is_visible(), page.locator(
        "main"
    ).inner_text()
    assert "ke-hoach-doan-ra-2025.docx" in page.locator("table.data").inner_text()

    fixed = Delegation.objects.get(name="Đoàn công tác Trường Cao đẳng Thái Nguyên")
    assert fixed.countries == ["JP"]
    assert not [r for r in fixed.review if r.get("field") == "countries"], fixed.review
    assert fixed.year == 2025 and fixed.direction == "out"
    assert fixed.province.name == "Thái Nguyên"
    assert fixed.plan_document is not None and fixed.source_values
    other = Delegation.objects.get(name="Đoàn công tác Sở Y tế Thái Nguyên")
    assert other.countries == ["LA"] and other.review == []

    # the new rows are in the list, found without diacritics
    page.goto(url("delegations:delegation_list") + "?q=takaoka")
    assert any("Đoàn công tác Trường Cao đẳng Thái Nguyên" in row for row in rows(page))


def test_import_preview_of_a_sample_plan_marks_rows_to_review(page, world, tmp_path, samples):
    """The Thái Nguyên 2024 plan (sample 002) as a Word file: every table previewed, review rows marked."""
    source = next(samples.glob("002_*.txt"))
    path = write_docx(tmp_path / "ke-hoach-thai-nguyen-2024.docx", document_from_text(source))
    login(page, "sngv")
    _upload(page, path)
    text = page.locator("main").inner_text()
    assert "ke-hoach-thai-nguyen-2024.docx" in text
    assert "Không đọc được" not in text
    data_rows = page.locator("table.import-rows tbody tr")
    assert data_rows.count() >= 20, f"only {data_rows.count()} rows previewed"
    for review_row in page.locator("tr.review").all()[:5]:
        assert review_row.locator(".review-reasons li").count() >= 1, (
            "a row marked for review without a reason"
        )
    # nothing is saved before the officer confirms
    from doingoai.delegations.models import Delegation

    assert not Delegation.objects.filter(plan_document__isnull=False).exists()
    page.get_by_role("button", name="Hủy, không lưu gì").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Nhập văn bản kế hoạch").is_visible()


def test_a_large_plan_page_by_page_fits_the_screen_and_saves_once(page, world, tmp_path):
    """120 rows: three pages that fit 1366 px, an edit kept across pages, one save however often pressed."""
    from benchmarks.import_plan import plan_xlsx
    from doingoai.delegations.models import Delegation
    from doingoai.plans.models import PlanDocument

    path = tmp_path / "ke-hoach-120-doan.xlsx"
    path.write_bytes(plan_xlsx(120, 77))
    login(page, "sngv")
    _upload(page, path)
    assert page.get_by_text("120 hàng · trang 1/3").first.is_visible()
    assert page.locator("table.import-rows tbody tr").count() == 50
    # nothing wider than the window: the page does not scroll sideways, nor do the rows' tables
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    overflowing = page.evaluate(
        "[...document.querySelectorAll('.table-wrap')].filter(el => el.scrollWidth > el.clientWidth + 1).length"
    )
    assert overflowing == 0, "the preview's columns do not fit at 1366 px"
    screenshot(page, "import_large_page1")

    # a correction on page 1, then page 3 and back: still there
    page.locator("textarea[name='r0_0_name']").fill("Đoàn sửa trên trang một")
    _choose_owner(page, "Trường Cao đẳng Thái Nguyên")
    page.get_by_role("button", name="3", exact=True).first.click()
    page.wait_for_load_state()
    assert "trang 3/3" in page.locator("main").inner_text()
    assert page.locator("table.import-rows tbody tr").count() == 20
    page.get_by_role("button", name="1", exact=True).first.click()
    page.wait_for_load_state()
    assert page.locator("textarea[name='r0_0_name']").input_value() == "Đoàn sửa trên trang một"

    # confirm: the page says it is working, every button waits, a double click sends one request.
    # What the page shows while the server works is noted in sessionStorage, which outlives the navigation.
    page.evaluate(
        """() => {
          const form = document.getElementById('import-form');
          new MutationObserver(() => {
            if (form.getAttribute('aria-busy') !== 'true') { return; }
            const note = form.querySelector('.busy-note');
            sessionStorage.setItem('busy-note', note.hidden ? '' : note.textContent);
            setTimeout(() => sessionStorage.setItem('buttons-disabled',
              String([...form.querySelectorAll('button')].every(b => b.disabled))), 10);
          }).observe(form, {attributes: true});
        }"""
    )
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.get_by_role("button", name="Xác nhận lưu").dblclick()
    page.wait_for_url("**/ket-qua/")
    assert "Đang lưu" in page.evaluate("sessionStorage.getItem('busy-note')")
    assert page.evaluate("sessionStorage.getItem('buttons-disabled')") == "true"
    assert len([post for post in posts if post.endswith("/xac-nhan/")]) == 1, posts
    assert PlanDocument.objects.filter(number="77/KH-UBND").count() == 1
    saved = Delegation.objects.filter(plan_document__number="77/KH-UBND")
    assert saved.count() == 120 and saved.get(tt="1").name == "Đoàn sửa trên trang một"
