-- Sessions, their append-only event log and the runs (turns) that answer their messages.
create table agent_sessions (
  id                varchar(36)  primary key,
  organisation_id   varchar(64)  not null,
  user_id           varchar(64)  not null,
  title             varchar(400) not null,
  status            varchar(16)  not null,  -- idle | running | cancelled | terminated
  workflow_run_id   varchar(64),            -- the run answering the current turn, null when none
  remote_session_id varchar(200),           -- the backend's own session, if it keeps one
  backfill_failed   boolean      not null default false,
  next_seq          bigint       not null,  -- sequence number of the next appended event
  last_event_at     bigint       not null,  -- occurredAt of the last event; appends never go below it
  cancelled_at      bigint,
  created_at        bigint       not null,
  updated_at        bigint       not null
);
create index agent_sessions_owner_idx on agent_sessions (organisation_id, user_id, updated_at);

create table agent_events (
  session_id      varchar(36)  not null,
  seq             bigint       not null,   -- log order, assigned under the session's row lock
  id              varchar(64)  not null,
  type            varchar(32)  not null,
  occurred_at     bigint       not null,
  payload         text         not null,
  run_id          varchar(64),
  remote_event_id varchar(200),
  primary key (session_id, seq)
);
create unique index agent_events_remote_idx on agent_events (session_id, remote_event_id);

create table agent_runs (
  id             varchar(64)  primary key,
  session_id     varchar(36)  not null,
  message_seq    bigint       not null,   -- the user_message this turn answers
  state          varchar(16)  not null,   -- pending | running | done | cancelled
  attempts       int          not null default 0,
  input_tokens   bigint       not null default 0,
  output_tokens  bigint       not null default 0,
  cost_usd       numeric(18, 6) not null default 0,
  created_at     bigint       not null,
  started_at     bigint,
  ended_at       bigint
);
create index agent_runs_session_idx on agent_runs (session_id);
