"""Existing delegations move to the states of their life.

- "proposed" becomes "approved" where the delegation was read from a plan the
  province issued (a Kế hoạch or Công văn of the People's Committee, or the
  Party committee's document: ``plans.importer.units.is_provincial_authority``
  on its document's issuer), with that document as its approving document;
  "submitted" otherwise (a unit's proposal, or typed by hand);
- "carried_out" becomes "returned";
- "approved", "postponed" and "cancelled" keep their names.

Each moved delegation gets a first entry in its life ("create") recording
the state it starts from, so that its page shows where it came from. The
history's old copies are renamed the same way, so that they read in
Vietnamese.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from doingoai.plans.importer.units import is_provincial_authority

    Delegation = apps.get_model("delegations", "Delegation")
    Historical = apps.get_model("delegations", "HistoricalDelegation")
    Transition = apps.get_model("delegations", "Transition")
    issued_documents = {}
    for delegation in Delegation.objects.select_related("plan_document").iterator():
        status = delegation.status
        document = delegation.plan_document
        changes = {}
        if status == "proposed":
            issued = False
            if document is not None:
                if document.pk not in issued_documents:
                    issued_documents[document.pk] = is_provincial_authority(document.issuer)
                issued = issued_documents[document.pk]
            status = "approved" if issued else "submitted"
            if issued:
                changes.update(decision_number=document.number or "", decision_date=document.issued_on)
        elif status == "carried_out":
            status = "returned"
        fields = {"status": status, **changes}
        Delegation.objects.filter(pk=delegation.pk).update(**fields)
        Transition.objects.create(
            delegation_id=delegation.pk, action="create", from_status="", to_status=status,
            reason="Chuyển sang quy trình xử lý đoàn (trạng thái trước đây: "
                   f"{delegation.status})",
            document_number=changes.get("decision_number", ""), document_date=changes.get("decision_date"),
        )
    Historical.objects.filter(status="proposed").update(status="submitted")
    Historical.objects.filter(status="carried_out").update(status="returned")


def backwards(apps, schema_editor):
    Delegation = apps.get_model("delegations", "Delegation")
    Delegation.objects.filter(status__in=("draft", "submitted", "in_plan", "rejected")).update(status="proposed")
    Delegation.objects.filter(status__in=("under_way", "returned", "reported")).update(status="carried_out")
    apps.get_model("delegations", "Transition").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("delegations", "0004_life")]

    operations = [migrations.RunPython(forwards, backwards)]
