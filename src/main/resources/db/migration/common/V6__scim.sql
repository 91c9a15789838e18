-- SCIM 2.0 (spec 9): the organisation's bearer token, the Users and Groups its identity provider manages.
-- Timestamps are epoch milliseconds (BIGINT). Every statement runs on H2 (PostgreSQL mode) and PostgreSQL.

-- At most one token per organisation; only its SHA-256 (hex) is stored.
create table scim_tokens (
  organisation_id varchar(36) primary key references organisations (id) on delete cascade,
  token_hash      varchar(64) not null,
  created_at      bigint      not null
);
create unique index scim_tokens_hash_uq on scim_tokens (token_hash);

-- A SCIM User: one global user as the IdP sees it in one organisation. The membership itself lives
-- in identity's memberships table; a deprovisioned (active = false) user keeps this row only.
-- resource holds the attributes as sent (JSON text) minus id, meta, password and groups.
create table scim_users (
  id              varchar(36)    primary key,
  organisation_id varchar(36)    not null references organisations (id) on delete cascade,
  user_id         varchar(36)    not null references users (id) on delete cascade,
  -- userName is unique per organisation case-insensitively; the lower-cased copy carries the index
  user_name       varchar(320)   not null,
  user_name_lower varchar(320)   not null,
  active          boolean        not null,
  resource        varchar(100000) not null,
  created_at      bigint         not null,
  updated_at      bigint         not null
);
create unique index scim_users_user_name_uq on scim_users (organisation_id, user_name_lower);
create unique index scim_users_user_uq on scim_users (organisation_id, user_id);

create table scim_groups (
  id                 varchar(36)  primary key,
  organisation_id    varchar(36)  not null references organisations (id) on delete cascade,
  display_name       varchar(400) not null,
  display_name_lower varchar(400) not null,
  external_id        varchar(400),
  created_at         bigint       not null,
  updated_at         bigint       not null
);
create unique index scim_groups_display_name_uq on scim_groups (organisation_id, display_name_lower);

-- Set semantics: the primary key makes adding an existing member a no-op.
create table scim_group_members (
  group_id     varchar(36) not null references scim_groups (id) on delete cascade,
  scim_user_id varchar(36) not null references scim_users (id) on delete cascade,
  added_at     bigint      not null,
  primary key (group_id, scim_user_id)
);
create index scim_group_members_user_idx on scim_group_members (scim_user_id);
