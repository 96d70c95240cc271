"""Pages of delegations: the record (``objects``), its life (``life``), members and passports
(``members``), files (``files``)."""

from doingoai.delegations.views.files import AttachmentAddView, AttachmentRemoveView
from doingoai.delegations.views.life import DelegationActionView, DelegationBulkView, DelegationReportView
from doingoai.delegations.views.members import MemberEditView, MemberRemoveView, PassportView
from doingoai.delegations.views.objects import (
    DelegationDeleteView,
    DelegationEditView,
    DelegationListView,
    DelegationView,
)

__all__ = [
    "AttachmentAddView",
    "AttachmentRemoveView",
    "DelegationActionView",
    "DelegationBulkView",
    "DelegationDeleteView",
    "DelegationEditView",
    "DelegationListView",
    "DelegationReportView",
    "DelegationView",
    "MemberEditView",
    "MemberRemoveView",
    "PassportView",
]
