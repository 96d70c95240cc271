"""Labels a person reads for the names the reader gives fields (no Django: the command line uses them too)."""

#: a review reason's ``field`` → what it is called on a page, in a message, on the command line
REVIEW_FIELD_LABELS = {
    "countries": "Nước",
    "period": "Thời gian",
    "people": "Số người",
    "duration": "Số ngày",
    "leader": "Trưởng đoàn",
    "funding": "Kinh phí",
    "name": "Tên đoàn",
    "title": "Tên văn bản",
    "year": "Năm",
    "direction": "Loại đoàn",
    "level": "Cấp",
    "row": "Hàng",
    "localities": "Địa phương",
    "partners": "Đối tác",
    "activities": "Nội dung",
    "notes": "Ghi chú",
    "tt": "Số thứ tự",
    "host_unit": "Đơn vị chủ trì",
    "delegations": "Số đoàn",
    "number": "Số văn bản",
    "date": "Ngày văn bản",
}


def field_label(name: str) -> str:
    return REVIEW_FIELD_LABELS.get(name, name)
