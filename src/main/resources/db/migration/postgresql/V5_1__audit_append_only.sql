-- The audit log is append-only at the database level: PostgreSQL refuses UPDATE, DELETE and
-- TRUNCATE on audit_entries through triggers.
-- varchar_pattern_ops lets the type-prefix filter (type LIKE 'scim.%') use the index whatever the
-- database's collation.
create index audit_entries_org_type_idx
  on audit_entries (organisation_id, type varchar_pattern_ops, occurred_at desc, id desc);

create function audit_entries_refuse_change() returns trigger
  language plpgsql as $$
begin
  raise exception 'audit_entries is append-only: % is not allowed', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_entries_append_only
  before update or delete on audit_entries
  for each row execute function audit_entries_refuse_change();

create trigger audit_entries_no_truncate
  before truncate on audit_entries
  for each statement execute function audit_entries_refuse_change();
