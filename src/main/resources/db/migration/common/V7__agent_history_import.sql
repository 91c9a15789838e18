-- Where an unfinished import of a remote session's history resumes (null: from the beginning).
alter table agent_sessions add column backfill_cursor varchar(2000);
