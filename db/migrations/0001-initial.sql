-- 0001: the foundation — identity of the file, settings, desks, operators,
-- sessions and the hash-chained audit trail.
-- Times are INTEGER microseconds since the Unix epoch, UTC.

PRAGMA application_id = 1397772884;  -- "SPRT"

CREATE TABLE schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT;

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE desks (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  kind       TEXT NOT NULL CHECK (kind IN ('counter', 'popup')),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE operators (
  id              INTEGER PRIMARY KEY,
  uuid            TEXT NOT NULL UNIQUE,
  username        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 2 AND 64),
  display_name    TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
  codice_fiscale  TEXT,
  role            TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
  password_hash   TEXT NOT NULL,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX operators_codice_fiscale ON operators (codice_fiscale);

-- Append-only: every row carries the SHA-256 of the previous row's hash and
-- its own content, so an edited or deleted row breaks the chain.
CREATE TABLE audit (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  at           INTEGER NOT NULL,
  desk_id      INTEGER REFERENCES desks (id),
  operator_id  INTEGER REFERENCES operators (id),
  action       TEXT NOT NULL,
  subject_uuid TEXT,
  details      TEXT NOT NULL DEFAULT '{}',
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
) STRICT;

CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_operator ON audit (operator_id, at);
CREATE INDEX audit_action ON audit (action, at);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE (ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE (ABORT, 'the audit trail is append-only');
END;
