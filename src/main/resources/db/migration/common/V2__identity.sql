-- Identity: organisations, global users, memberships, sign-ins and the sign-in throttle.
-- Timestamps are epoch milliseconds (BIGINT). Every statement runs on H2 (PostgreSQL mode) and PostgreSQL.

create table organisations (
  id          varchar(36)  primary key,
  name        varchar(200) not null,
  plan        varchar(16)  not null,
  -- operator overrides of the plan's defaults; null means "the plan's default"
  query_limit bigint,
  cap_usd     numeric(14, 2),
  seats       int,
  created_at  bigint       not null
);

create table users (
  id            varchar(36)  primary key,
  email         varchar(320) not null,
  -- emails are unique case-insensitively; a lower-cased copy carries the unique index on both databases
  email_lower   varchar(320) not null,
  name          varchar(200) not null,
  -- null for users who cannot sign in with a password (e.g. provisioned by SCIM)
  password_hash varchar(100),
  created_at    bigint       not null
);
create unique index users_email_lower_uq on users (email_lower);

create table memberships (
  organisation_id varchar(36) not null references organisations (id) on delete cascade,
  user_id         varchar(36) not null references users (id) on delete cascade,
  role            varchar(16) not null,
  created_at      bigint      not null,
  primary key (organisation_id, user_id)
);
create index memberships_user_idx on memberships (user_id, created_at);

create table sign_ins (
  id              varchar(36) primary key,
  -- SHA-256 of the cookie token (hex); the token itself is never stored
  token_hash      varchar(64) not null,
  user_id         varchar(36) not null references users (id) on delete cascade,
  organisation_id varchar(36) not null references organisations (id) on delete cascade,
  created_at      bigint      not null,
  last_used_at    bigint      not null,
  expires_at      bigint      not null
);
create unique index sign_ins_token_hash_uq on sign_ins (token_hash);
create index sign_ins_user_organisation_idx on sign_ins (user_id, organisation_id);

create table sign_in_failures (
  id             varchar(36)  primary key,
  email_lower    varchar(320) not null,
  client_address varchar(64)  not null,
  failed_at      bigint       not null
);
create index sign_in_failures_pair_idx on sign_in_failures (email_lower, client_address, failed_at);
create index sign_in_failures_at_idx on sign_in_failures (failed_at);

-- At most one row ever: the first node to insert it performs the first-start bootstrap, so two
-- nodes starting at once on an empty database create exactly one organisation and one admin.
create table identity_bootstrap (
  id         int    primary key,
  created_at bigint not null,
  constraint identity_bootstrap_single check (id = 1)
);
