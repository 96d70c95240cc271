"""Downloads of the documents the system writes, under /xuat/."""

from django.urls import path

from doingoai.documents import views_appendix, views_report

app_name = "documents"
urlpatterns = [
    path("phu-luc/", views_appendix.appendix_download, name="appendix"),
    path("bao-cao/", views_report.report_download, name="report"),
    path("thoa-thuan/", views_report.agreements_download, name="agreements"),
    path("doan/<int:pk>/tom-tat/", views_report.briefing_download, name="briefing"),
]
