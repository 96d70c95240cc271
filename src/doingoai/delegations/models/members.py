"""Who goes (or comes): the delegation's members, and the passports the managing body lends them.

A member is a person of the register (``people.Person``) with their role in
this delegation. Diplomatic and official passports are kept by the managing
body between trips: each hand-out and return is logged (``PassportMovement``),
and a passport is due back within 5 working days after the delegation's
return (Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 49/2019/QH14, Điều 23
khoản 3; ``core.workdays``).

Passport numbers are personal data (Nghị định 13/2023/NĐ-CP): only the office
and the owning unit see them; they are kept out of the history, the lists,
the exports and every message.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import VersionedModel

#: the working days a kept passport is due back after the return (Luật 49/2019/QH14, Điều 23 khoản 3)
PASSPORT_RETURN_WORKING_DAYS = 5


class DelegationMember(VersionedModel):
    class Role(models.TextChoices):
        HEAD = "head", _("Trưởng đoàn")
        DEPUTY = "deputy", _("Phó trưởng đoàn")
        MEMBER = "member", _("Thành viên")

    class PassportKind(models.TextChoices):
        DIPLOMATIC = "diplomatic", _("Hộ chiếu ngoại giao")
        OFFICIAL = "official", _("Hộ chiếu công vụ")
        ORDINARY = "ordinary", _("Hộ chiếu phổ thông")
        NONE = "none", _("Không dùng hộ chiếu Việt Nam")

    #: passports the managing body keeps between trips, handed out and back with a log
    KEPT_PASSPORTS = (PassportKind.DIPLOMATIC, PassportKind.OFFICIAL)

    delegation = models.ForeignKey(
        "delegations.Delegation", verbose_name=_("đoàn"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("người"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("vai trò trong đoàn"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    passport_kind = models.CharField(
        _("loại hộ chiếu"), max_length=12, choices=PassportKind.choices, default=PassportKind.OFFICIAL
    )
    passport_number = models.CharField(_("số hộ chiếu"), max_length=20, blank=True)
    passport_handed_out_on = models.DateField(_("ngày giao hộ chiếu"), null=True, blank=True, editable=False)
    passport_returned_on = models.DateField(_("ngày nộp lại hộ chiếu"), null=True, blank=True, editable=False)
    notes = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords(
        excluded_fields=["passport_number", "updated_at"], verbose_name=_("lịch sử thành viên đoàn")
    )

    class Meta:
        ordering = ["delegation", "id"]
        verbose_name = _("thành viên đoàn")
        verbose_name_plural = _("thành viên đoàn")
        constraints = [
            models.UniqueConstraint(fields=["delegation", "person"], name="member_once_per_delegation"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    @property
    def keeps_passport(self) -> bool:
        return self.passport_kind in self.KEPT_PASSPORTS

    @property
    def passport_masked(self) -> str:
        """ "C1234567" → "C12•••67": enough to recognise, for those who may see passports at all."""
        number = self.passport_number
        if len(number) <= 4:
            return "•" * len(number)
        return f"{number[:3]}{'•' * (len(number) - 5)}{number[-2:]}"


class PassportMovement(models.Model):
    """One hand-out or return of a kept passport."""

    class Kind(models.TextChoices):
        OUT = "out", _("Giao hộ chiếu")
        BACK = "back", _("Nhận lại hộ chiếu")

    member = models.ForeignKey(
        DelegationMember,
        verbose_name=_("thành viên"),
        on_delete=models.CASCADE,
        related_name="passport_movements",
    )
    kind = models.CharField(_("việc"), max_length=4, choices=Kind.choices)
    date = models.DateField(_("ngày"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)
    notes = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("giao nhận hộ chiếu")
        verbose_name_plural = _("sổ giao nhận hộ chiếu")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"
