-- The plan an organisation had when it expired: its seats and features stay as they were (spec 7).
alter table organisations add column plan_before_expiry varchar(16);
