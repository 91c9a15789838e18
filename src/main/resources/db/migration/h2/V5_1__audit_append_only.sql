-- The audit log is append-only at the database level: H2 refuses UPDATE and DELETE through a trigger.
-- The type-prefix filter ("scim.%") uses a plain index, which H2 uses for LIKE prefixes.
create index audit_entries_org_type_idx on audit_entries (organisation_id, type, occurred_at desc, id desc);

create trigger audit_entries_append_only
  before update, delete on audit_entries
  for each row call "one.knoq.audit.internal.AppendOnlyTrigger";
