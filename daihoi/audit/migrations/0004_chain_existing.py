"""Chain the entries written before the chain existed, in the order (at, id).

An entry whose account or organisation was already deleted is hashed with no
id (its link was already NULL): nothing can tell what it was.
"""

from django.db import migrations

from daihoi.audit import chain

BATCH = 2000


def _write(connection, table, updates):  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET seq = %s, hash = %s, actor_ref = %s, "  # noqa: S608
            "organisation_ref = %s WHERE id = %s",
            updates,
        )


def chain_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    entry_model = apps.get_model("audit", "AuditEntry")
    connection = schema_editor.connection
    table = entry_model._meta.db_table
    seq, previous = 0, chain.GENESIS
    updates = []
    # One ordered pass; the columns written are not those read or ordered by.
    rows = entry_model.objects.using(connection.alias).order_by("at", "id")
    for entry in rows.iterator(chunk_size=BATCH):
        seq += 1
        entry.seq = seq
        entry.actor_ref = entry.actor_id
        entry.organisation_ref = entry.organisation_id
        entry.hash = chain.entry_hash(previous, entry)
        previous = entry.hash
        updates.append((entry.seq, entry.hash, entry.actor_ref, entry.organisation_ref, entry.pk))
        if len(updates) >= BATCH:
            _write(connection, table, updates)
            updates = []
    if updates:
        _write(connection, table, updates)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_fields")]

    operations = [migrations.RunPython(chain_existing, migrations.RunPython.noop)]
