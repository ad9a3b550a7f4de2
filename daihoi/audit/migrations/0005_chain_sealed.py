"""Every entry has its place in the chain; the database keeps the chain as written.

SQLite and PostgreSQL refuse to change or delete an entry, as 0002 did, now
guarding the chain's columns too. The one update allowed is still Django's SET
NULL of a link when the account or organisation is deleted (the ids as written
stay in actor_ref / organisation_ref, under the hash).

PostgreSQL also refuses TRUNCATE (a statement trigger: row triggers do not see
it), and checks at commit, with a deferred constraint trigger, that a link set
to NULL points at a row that no longer exists. Django empties the link with an
UPDATE before it deletes the account, in the same transaction, so only at
commit can the database tell a deletion from a quiet nulling. SQLite has no
deferred triggers: there `daihoi verify-audit` reports a quietly nulled link.

No trigger refuses an entry dated before the last one: the time is taken under
the chain's lock, so that happens only when the server's clock is set back, and
refusing every audited write until the clock catches up would stop a congress.
`daihoi verify-audit` reports it instead (more than 5 s back, or in the future).
"""

from django.conf import settings
from django.db import migrations, models

GUARDED = (
    "id",
    "at",
    "actor_name",
    "action",
    "target",
    "before",
    "after",
    "seq",
    "hash",
    "actor_ref",
    "organisation_ref",
)

SQLITE_CHANGED = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in GUARDED)
SQLITE = [
    f"""CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_auditentry
    WHEN {SQLITE_CHANGED}
      OR (NEW.actor_id IS NOT OLD.actor_id AND NEW.actor_id IS NOT NULL)
      OR (NEW.organisation_id IS NOT OLD.organisation_id AND NEW.organisation_id IS NOT NULL)
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_entry_no_update",
    "DROP TRIGGER IF EXISTS audit_entry_no_delete",
]

PG_CHANGED = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in GUARDED)


def postgres(users: str, organisations: str) -> list[str]:
    # Run through schema_editor.execute, where a literal % is written %%.
    return [
        f"""CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'DELETE' OR {PG_CHANGED}
             OR (NEW.actor_id IS DISTINCT FROM OLD.actor_id AND NEW.actor_id IS NOT NULL)
             OR (NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
                 AND NEW.organisation_id IS NOT NULL) THEN
            RAISE EXCEPTION 'audit log is append-only';
          END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()""",
        """CREATE OR REPLACE FUNCTION audit_entry_no_truncate() RETURNS trigger AS $$
        BEGIN
          RAISE EXCEPTION 'audit log is append-only: TRUNCATE refused';
        END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_no_truncate()""",
        f"""CREATE OR REPLACE FUNCTION audit_entry_link_gone() RETURNS trigger AS $$
        BEGIN
          IF NEW.actor_id IS NULL AND OLD.actor_id IS NOT NULL
             AND EXISTS (SELECT 1 FROM {users} WHERE id = OLD.actor_id) THEN
            RAISE EXCEPTION 'audit log: entry %% lost its account %% which still exists',
              OLD.seq, OLD.actor_id;
          END IF;
          IF NEW.organisation_id IS NULL AND OLD.organisation_id IS NOT NULL
             AND EXISTS (SELECT 1 FROM {organisations} WHERE id = OLD.organisation_id) THEN
            RAISE EXCEPTION 'audit log: entry %% lost its organisation %% which still exists',
              OLD.seq, OLD.organisation_id;
          END IF;
          RETURN NULL;
        END $$ LANGUAGE plpgsql""",
        """CREATE CONSTRAINT TRIGGER audit_entry_link_gone AFTER UPDATE ON audit_auditentry
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
        WHEN (NEW.actor_id IS DISTINCT FROM OLD.actor_id
              OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id)
        EXECUTE FUNCTION audit_entry_link_gone()""",
    ]


POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_entry_link_gone ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_entry_link_gone()",
    "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_entry_no_truncate()",
    "DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_entry_append_only()",
]


def statements(apps, vendor: str) -> list[str]:  # type: ignore[no-untyped-def]
    if vendor == "sqlite":
        return SQLITE
    if vendor == "postgresql":
        users = apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table
        organisations = apps.get_model("orgs", "Organisation")._meta.db_table
        return postgres(users, organisations)
    return []


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    for statement in statements(apps, schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_chain_existing"),
        ("orgs", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(
                editable=False, unique=True, verbose_name="số thứ tự"
            ),
        ),
        migrations.RunPython(create, drop),
    ]
