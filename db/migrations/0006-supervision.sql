-- 0006: supervision — the other counter services a clerk counts with one
-- click (tallies), the daily record of the wait for the first free CIE slot
-- (its trend), and the indexes the reports need.
-- Times are INTEGER microseconds since the Unix epoch, UTC; days are local
-- dates 'YYYY-MM-DD'.

-- Services of the counter that are not cases of their own: counted, never
-- described. The comune edits the list; shortcut 1–9 is Ctrl+1 … Ctrl+9.
CREATE TABLE counter_services (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  code       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(code) BETWEEN 1 AND 32),
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  shortcut   INTEGER UNIQUE CHECK (shortcut BETWEEN 1 AND 9),
  position   INTEGER NOT NULL DEFAULT 0,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Names are English msgids, translated when shown.
INSERT INTO counter_services (uuid, code, name, shortcut, position, created_at, updated_at) VALUES
  ('8d3e1b7a-0c52-4f6e-a1d9-5b7c9e0f1a01', 'certificate', 'Registry certificate', 1, 1, 0, 0),
  ('8d3e1b7a-0c52-4f6e-a1d9-5b7c9e0f1a02', 'residence', 'Change of residence', 2, 2, 0, 0),
  ('8d3e1b7a-0c52-4f6e-a1d9-5b7c9e0f1a03', 'civil-status', 'Civil status record', 3, 3, 0, 0),
  ('8d3e1b7a-0c52-4f6e-a1d9-5b7c9e0f1a04', 'signature', 'Signature authentication', 4, 4, 0, 0),
  ('8d3e1b7a-0c52-4f6e-a1d9-5b7c9e0f1a05', 'information', 'Information', 5, 5, 0, 0);

-- One row a click: who counted which service, where and when.
CREATE TABLE tallies (
  id                 INTEGER PRIMARY KEY,
  uuid               TEXT NOT NULL UNIQUE,
  counter_service_id INTEGER NOT NULL REFERENCES counter_services (id),
  desk_id            INTEGER REFERENCES desks (id),
  operator_id        INTEGER REFERENCES operators (id),
  at                 INTEGER NOT NULL,
  count              INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1)
) STRICT;

CREATE INDEX tallies_at ON tallies (at);

-- The wait for the first free CIE slot, recorded once a day (the last
-- reading of the day wins), so that its trend can be drawn.
CREATE TABLE cie_wait_snapshots (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  day            TEXT NOT NULL UNIQUE CHECK (length(day) = 10),
  first_free_day TEXT CHECK (first_free_day IS NULL OR length(first_free_day) = 10),
  -- Working days from day to first_free_day; NULL when no slot was free.
  wait_days      INTEGER CHECK (wait_days IS NULL OR wait_days >= 0),
  recorded_at    INTEGER NOT NULL
) STRICT;

-- What the reports read by time.
CREATE INDEX identifications_completed_at ON identifications (completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX identifications_refused_at ON identifications (refused_at) WHERE refused_at IS NOT NULL;
CREATE INDEX cie_requests_created_at ON cie_requests (created_at);
