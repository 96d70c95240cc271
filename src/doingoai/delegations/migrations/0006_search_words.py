"""The search text of every record is rewritten for the word search (``core.models.search_column``).

Words are now kept whole, each between spaces, with the record's head (a
delegation's name, countries and localities) first; a delegation's foreign
localities are found by their names ("champasak" finds LA-CH). The current
models compute it (a one-off backfill of a derived column), reading only the
columns the tables have at this point of the history: later migrations add
others, which the current models know of.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from doingoai.agreements.models import Agreement
    from doingoai.core.models import reindex
    from doingoai.delegations.models import Delegation
    from doingoai.organization.models import Province, Unit
    from doingoai.partners.models import Partner
    from doingoai.people.models import Person
    from doingoai.plans.models import PlanDocument
    from doingoai.tasks.models import Task

    for model in (Province, Unit, PlanDocument, Partner, Person, Delegation, Agreement, Task):
        then = apps.get_model(model._meta.app_label, model._meta.model_name)
        if then._base_manager.exists():  # a new database has nothing to rewrite
            reindex(model, only=[field.attname for field in then._meta.concrete_fields])


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0005_life_states"),
        ("agreements", "0003_versions"),
        ("organization", "0002_versions_and_report_days"),
        ("partners", "0002_versions"),
        ("people", "0001_initial"),
        ("plans", "0002_versions_and_owner"),
        ("tasks", "0002_versions_and_report"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
