-- 0005: the CIE counter — services, calendars (opening hours, validity
-- periods, closures), appointments and the day's queue, and CIE requests.
-- Times are INTEGER microseconds since the Unix epoch, UTC; calendar days
-- are local dates 'YYYY-MM-DD' and slot times minutes from local midnight.

-- What a citizen can book: CIE and SPID to start with; the comune adds more.
CREATE TABLE services (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  code       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(code) BETWEEN 1 AND 32),
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  -- What to bring, one item a line, printed on the appointment receipt.
  bring      TEXT NOT NULL DEFAULT '',
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

INSERT INTO services (uuid, code, name, bring, created_at, updated_at) VALUES
  ('6f1c2d0e-5a43-4c8e-9b0e-2f3a4c5d6e01', 'cie', 'CIE',
   'A recent passport-size photo (paper, or JPEG of at least 400 dpi and at most 500 KB)
The health card (tessera sanitaria)
The old identity card, or the police report of its loss or theft
For a first issue: another valid identity document, or two witnesses
Minors: both parents', 0, 0),
  ('6f1c2d0e-5a43-4c8e-9b0e-2f3a4c5d6e02', 'spid', 'SPID',
   'A valid identity document
The health card (tessera sanitaria)
Your mobile phone and email address', 0, 0);

-- One calendar per desk and service, optionally for a validity period
-- (summer hours): on a day, the calendar with the latest valid_from that
-- covers it wins over the open-ended one.
CREATE TABLE calendars (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  desk_id      INTEGER NOT NULL REFERENCES desks (id),
  service_id   INTEGER NOT NULL REFERENCES services (id),
  slot_minutes INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 480),
  capacity     INTEGER NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 50),
  valid_from   TEXT NOT NULL DEFAULT '0000-01-01' CHECK (length(valid_from) = 10),
  valid_to     TEXT NOT NULL DEFAULT '9999-12-31' CHECK (length(valid_to) = 10 AND valid_to >= valid_from),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (desk_id, service_id, valid_from, valid_to)
) STRICT;

-- Weekly opening intervals, several a day: weekday 1 = Monday … 7 = Sunday.
CREATE TABLE calendar_hours (
  id           INTEGER PRIMARY KEY,
  calendar_id  INTEGER NOT NULL REFERENCES calendars (id) ON DELETE CASCADE,
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute   INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440)
) STRICT;

CREATE INDEX calendar_hours_calendar ON calendar_hours (calendar_id, weekday);

-- Days nobody can book: the whole office (desk_id NULL) or one desk.
CREATE TABLE closures (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  desk_id    INTEGER REFERENCES desks (id),
  first_day  TEXT NOT NULL CHECK (length(first_day) = 10),
  last_day   TEXT NOT NULL CHECK (length(last_day) = 10 AND last_day >= first_day),
  reason     TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX closures_days ON closures (first_day, last_day);

-- Booked citizens and walk-ins share one table: the day's queue.
CREATE TABLE appointments (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL CHECK (kind IN ('booked', 'walk-in')),
  service_id     INTEGER NOT NULL REFERENCES services (id),
  desk_id        INTEGER REFERENCES desks (id),
  day            TEXT NOT NULL CHECK (length(day) = 10),
  -- Booked: the slot; NULL for walk-ins.
  start_minute   INTEGER CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute     INTEGER CHECK (end_minute BETWEEN 1 AND 1440),
  seat           INTEGER NOT NULL DEFAULT 1 CHECK (seat >= 1),
  -- Walk-ins: the ticket number of the day.
  ticket         INTEGER CHECK (ticket >= 1),
  state          TEXT NOT NULL CHECK (state IN ('booked', 'waiting', 'called', 'serving',
                                                'served', 'cancelled', 'no-show', 'rescheduled')),
  surname        TEXT NOT NULL DEFAULT '',
  given_name     TEXT NOT NULL DEFAULT '',
  codice_fiscale TEXT,
  phone          TEXT,
  email          TEXT,
  notes          TEXT NOT NULL DEFAULT '',
  cancel_reason  TEXT,
  rescheduled_to TEXT,
  arrived_at     INTEGER,
  called_at      INTEGER,
  called_desk_id INTEGER REFERENCES desks (id),
  served_from    INTEGER,
  served_to      INTEGER,
  created_by     INTEGER REFERENCES operators (id),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  CHECK ((kind = 'booked') = (start_minute IS NOT NULL)),
  CHECK (kind = 'booked' OR ticket IS NOT NULL)
) STRICT;

-- No slot is ever double booked, whichever desk books it: each seat of a
-- slot is held by at most one live appointment.
CREATE UNIQUE INDEX appointments_no_double_booking
  ON appointments (desk_id, service_id, day, start_minute, seat)
  WHERE start_minute IS NOT NULL AND state NOT IN ('cancelled', 'rescheduled');

CREATE UNIQUE INDEX appointments_ticket ON appointments (day, ticket) WHERE ticket IS NOT NULL;
CREATE INDEX appointments_day ON appointments (day, state);
CREATE INDEX appointments_codice_fiscale ON appointments (codice_fiscale);

-- CIE requests taken at the counter, and their follow-up.
CREATE TABLE cie_requests (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  appointment_id    INTEGER REFERENCES appointments (id),
  -- The identity core's citizen, when known (citizens.id).
  citizen_id        INTEGER,
  codice_fiscale    TEXT NOT NULL CHECK (length(codice_fiscale) = 16),
  surname           TEXT NOT NULL CHECK (length(trim(surname)) > 0),
  given_name        TEXT NOT NULL CHECK (length(trim(given_name)) > 0),
  birth_date        TEXT NOT NULL CHECK (length(birth_date) = 10),
  reason            TEXT NOT NULL CHECK (reason IN ('first', 'renewal', 'expired', 'lost', 'stolen', 'damaged')),
  police_report     TEXT,
  old_card_expiry   TEXT,
  ministry_number   TEXT NOT NULL CHECK (length(trim(ministry_number)) > 0),
  card_number       TEXT NOT NULL,
  fee_cents         INTEGER NOT NULL CHECK (fee_cents >= 0),
  payment_method    TEXT NOT NULL CHECK (payment_method IN ('card', 'pagopa', 'cash')),
  payment_reference TEXT,
  fingerprints      TEXT NOT NULL CHECK (fingerprints IN ('taken', 'exempt')),
  organ_donation    TEXT NOT NULL CHECK (organ_donation IN ('yes', 'no', 'not-stated')),
  delivery          TEXT NOT NULL CHECK (delivery IN ('home', 'comune')),
  delivery_address  TEXT,
  delegate          TEXT,
  validity_years    INTEGER NOT NULL CHECK (validity_years IN (3, 5, 10)),
  expected_delivery TEXT NOT NULL CHECK (length(expected_delivery) = 10),
  state             TEXT NOT NULL DEFAULT 'requested'
                    CHECK (state IN ('requested', 'arrived', 'handed-over', 'delivered')),
  desk_id           INTEGER REFERENCES desks (id),
  operator_id       INTEGER REFERENCES operators (id),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  arrived_at        INTEGER,
  closed_at         INTEGER,
  CHECK (reason NOT IN ('lost', 'stolen') OR length(trim(coalesce(police_report, ''))) > 0),
  CHECK (payment_method <> 'pagopa' OR length(trim(coalesce(payment_reference, ''))) > 0)
) STRICT;

CREATE INDEX cie_requests_codice_fiscale ON cie_requests (codice_fiscale);
CREATE INDEX cie_requests_ministry_number ON cie_requests (ministry_number);
CREATE INDEX cie_requests_card_number ON cie_requests (card_number);
CREATE INDEX cie_requests_state ON cie_requests (state, created_at);
