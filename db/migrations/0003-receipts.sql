-- 0003: receipts handed to citizens, and every copy printed of them.
-- Times are INTEGER microseconds since the Unix epoch, UTC.
--
-- A receipt points at the record it was issued for (an identification, a
-- CIE request, an appointment …) by kind and uuid; the QR code printed on
-- it carries only kind, record uuid, date and a signature, never personal
-- data. The printed fields are kept here as JSON so that the receipt can be
-- rendered again, identical, from its uuid.

CREATE TABLE receipts (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL CHECK (length(kind) > 0),
  record_uuid   TEXT NOT NULL CHECK (length(record_uuid) = 36),
  issued_at     INTEGER NOT NULL,
  -- The local calendar date signed in the QR payload, as YYYYMMDD.
  issued_date   TEXT NOT NULL CHECK (length(issued_date) = 8),
  desk_id       INTEGER REFERENCES desks (id),
  operator_id   INTEGER REFERENCES operators (id),
  -- Names as printed, so a reprint reads the same after a rename.
  desk_name     TEXT NOT NULL DEFAULT '',
  operator_name TEXT NOT NULL DEFAULT '',
  -- The citizen's language for this receipt ('it', 'en', …).
  language      TEXT NOT NULL DEFAULT 'it',
  -- [{"label": msgid, "value": text, "type": "text"|"date"|"message"|"code"}, …]
  fields        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(fields)),
  -- Printed under the QR; derived from the signature, so not guessable.
  short_code    TEXT NOT NULL
) STRICT;

CREATE INDEX receipts_record ON receipts (kind, record_uuid, issued_date);
CREATE INDEX receipts_short_code ON receipts (short_code);
CREATE INDEX receipts_issued_at ON receipts (issued_at);

-- Copy 1 is the original, printed when the receipt is issued; every later
-- copy is a reprint and is printed marked as a duplicate.
CREATE TABLE receipt_prints (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  receipt_id  INTEGER NOT NULL REFERENCES receipts (id) ON DELETE CASCADE,
  copy        INTEGER NOT NULL CHECK (copy >= 1),
  printed_at  INTEGER NOT NULL,
  desk_id     INTEGER REFERENCES desks (id),
  operator_id INTEGER REFERENCES operators (id),
  printed_by  TEXT NOT NULL DEFAULT '',
  UNIQUE (receipt_id, copy)
) STRICT;
