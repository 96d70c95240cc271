"""API routes of the documents written: ``/api/exports/…`` (files, each with the user's permissions)."""

from django.urls import path

from doingoai.documents.api import appendix, report

urlpatterns = [
    path("exports/appendix/", appendix.AppendixExportView.as_view(), name="api-export-appendix"),
    path("exports/report/", report.ReportExportView.as_view(), name="api-export-report"),
    path("exports/agreements/", report.AgreementsExportView.as_view(), name="api-export-agreements"),
    path("exports/briefing/<int:pk>/", report.BriefingExportView.as_view(), name="api-export-briefing"),
]
