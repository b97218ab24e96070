-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0015: bundles (issue 15, bringing records back). On a pop-up laptop:
-- each bundle it exported, with the window of records it holds (times of
-- change and audit rows), so that the next one starts where it ended. At
-- the office: each bundle it imported from a pop-up desk (the last one's
-- audit hash is where the desk's next bundle must continue), and the
-- desks' audit rows, kept as they were written (their hashes cover the
-- laptop's own desk and operator ids), so that each desk's chain verifies.
CREATE TABLE bundle_exports (
  sequence       INTEGER PRIMARY KEY CHECK (sequence >= 1),
  from_at        INTEGER NOT NULL,
  until_at       INTEGER NOT NULL,
  from_audit_id  INTEGER NOT NULL,
  last_audit_id  INTEGER NOT NULL,
  last_hash      TEXT NOT NULL,
  exported_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE bundle_imports (
  id           INTEGER PRIMARY KEY,
  desk_id      INTEGER NOT NULL REFERENCES desks (id),
  sequence     INTEGER NOT NULL CHECK (sequence >= 1),
  -- of the payload, decrypted: the same records made again are the same
  payload_sha256 TEXT NOT NULL CHECK (length(payload_sha256) = 64),
  first_hash   TEXT NOT NULL,
  last_hash    TEXT NOT NULL,
  counts       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
  imported_at  INTEGER NOT NULL,
  UNIQUE (desk_id, sequence)
) STRICT;

CREATE TABLE popup_audit (
  id                  INTEGER PRIMARY KEY,
  popup_desk_id       INTEGER NOT NULL REFERENCES desks (id),
  sequence            INTEGER NOT NULL,
  uuid                TEXT NOT NULL UNIQUE,
  at                  INTEGER NOT NULL,
  laptop_desk_id      INTEGER NOT NULL,
  laptop_operator_id  INTEGER NOT NULL,
  operator_id         INTEGER REFERENCES operators (id),
  action              TEXT NOT NULL,
  subject_uuid        TEXT,
  details             TEXT NOT NULL DEFAULT '{}',
  prev_hash           TEXT NOT NULL,
  hash                TEXT NOT NULL
) STRICT;

CREATE INDEX popup_audit_desk ON popup_audit (popup_desk_id, id);

CREATE TRIGGER popup_audit_no_update BEFORE UPDATE ON popup_audit
BEGIN
  SELECT RAISE (ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER popup_audit_no_delete BEFORE DELETE ON popup_audit
BEGIN
  SELECT RAISE (ABORT, 'the audit trail is append-only');
END;
