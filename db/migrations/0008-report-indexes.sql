-- 0008: the reports read their figures from indexes alone. Each period
-- query takes a range of time or days and groups by desk, operator, hour
-- or day: with every column it reads in the index, SQLite never visits the
-- table rows (a year's report on ten years of a large city: one pass over
-- a slice of each index).
DROP INDEX identifications_completed_at;
CREATE INDEX identifications_completed_at
  ON identifications (completed_at, channel, desk_id, operator_id, completed_by)
  WHERE completed_at IS NOT NULL;
DROP INDEX identifications_refused_at;
CREATE INDEX identifications_refused_at
  ON identifications (refused_at, desk_id, operator_id, refusal_reason)
  WHERE refused_at IS NOT NULL;
DROP INDEX cie_requests_created_at;
CREATE INDEX cie_requests_created_at ON cie_requests (created_at, desk_id, operator_id, reason);
DROP INDEX tallies_at;
CREATE INDEX tallies_at ON tallies (at, desk_id, operator_id, count, counter_service_id);
CREATE INDEX appointments_report
  ON appointments (day, state, kind, desk_id, called_desk_id, created_by, start_minute,
                   arrived_at, called_at, served_from, served_to);
