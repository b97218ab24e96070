-- 0007: reminders of appointments. Comuni answer no-shows with an email
-- 48 hours before the appointment; this column says when it was queued
-- in the outbox (UTC µs), so that no citizen is reminded twice, whichever
-- desk queues it.
ALTER TABLE appointments ADD COLUMN reminder_queued_at BIGINT;
