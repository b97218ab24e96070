-- 0004: citizens, SPID identifications at the desk, and the email outbox.
-- Times are INTEGER microseconds since the Unix epoch, UTC.

-- A citizen is stored once, found again by codice fiscale: a second visit
-- pre-fills the data, which the clerk confirms. Shared by SPID
-- identifications and CIE requests.
CREATE TABLE citizens (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  codice_fiscale    TEXT NOT NULL UNIQUE CHECK (length(codice_fiscale) = 16),
  surname           TEXT NOT NULL CHECK (length(trim(surname)) > 0),
  name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
  sex               TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date        TEXT NOT NULL CHECK (length(birth_date) = 10),
  birth_place_code  TEXT NOT NULL DEFAULT '',
  residence_street  TEXT NOT NULL DEFAULT '',
  residence_number  TEXT NOT NULL DEFAULT '',
  residence_postcode TEXT NOT NULL DEFAULT '',
  residence_place_code TEXT NOT NULL DEFAULT '',
  email             TEXT NOT NULL DEFAULT '',
  mobile            TEXT NOT NULL DEFAULT '',
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
) STRICT;

CREATE INDEX citizens_surname ON citizens (surname COLLATE NOCASE, name COLLATE NOCASE);

-- One identification of a citizen for SPID. A draft is saved as the clerk
-- types; the form itself is kept as JSON in "data" (every field, checklist,
-- acknowledged mismatches, guardian), the columns below are what is
-- searched and what the state machine needs.
CREATE TABLE identifications (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  state             TEXT NOT NULL DEFAULT 'draft'
                    CHECK (state IN ('draft', 'completed', 'refused', 'expired')),
  channel           TEXT NOT NULL DEFAULT 'rao' CHECK (channel IN ('rao', 'partner')),
  citizen_id        INTEGER REFERENCES citizens (id),
  codice_fiscale    TEXT NOT NULL DEFAULT '',
  surname           TEXT NOT NULL DEFAULT '',
  name              TEXT NOT NULL DEFAULT '',
  data              TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
  desk_id           INTEGER REFERENCES desks (id),
  operator_id       INTEGER REFERENCES operators (id),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  completed_at      INTEGER,
  refused_at        INTEGER,
  expired_at        INTEGER,
  -- RAO pubblico: activation deadline (30 days after completion).
  expires_at        INTEGER,
  refusal_reason    TEXT,
  refusal_note      TEXT,
  -- The first half of the split code, as printed on the receipt. The
  -- second half is never stored: it only travels in the email.
  code_first_half   TEXT,
  completed_by      INTEGER REFERENCES operators (id)
) STRICT;

CREATE INDEX identifications_state ON identifications (state, desk_id, updated_at);
CREATE INDEX identifications_cf ON identifications (codice_fiscale);
CREATE INDEX identifications_created ON identifications (created_at);

-- Email waiting to leave. A failed send is retried with backoff and never
-- deleted; "sent_at" is set once the SMTP server accepted it.
CREATE TABLE outbox (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  subject_uuid      TEXT,
  recipient         TEXT NOT NULL CHECK (length(recipient) > 0),
  subject           TEXT NOT NULL,
  body              TEXT NOT NULL,
  attachment_name   TEXT,
  attachment        BLOB,
  created_at        INTEGER NOT NULL,
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   INTEGER NOT NULL,
  last_attempt_at   INTEGER,
  last_error        TEXT,
  sent_at           INTEGER
) STRICT;

CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);
