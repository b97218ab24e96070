-- 0002: newer lists of places imported by the comune.
-- Times are INTEGER microseconds since the Unix epoch, UTC.
--
-- Sportello ships the ANPR lists of comuni and foreign states in its
-- resources. `sportello-admin places import FILE` stores a newer file of the
-- same shape here (after checking every row); at start a list stored here
-- replaces the built-in one of the same kind.

CREATE TABLE place_lists (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL UNIQUE
              CHECK (kind IN ('comuni', 'states', 'ceased-states')),
  content     BLOB NOT NULL CHECK (length(content) > 0),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  n_codes     INTEGER NOT NULL CHECK (n_codes > 0),
  source      TEXT NOT NULL,
  imported_at INTEGER NOT NULL
) STRICT;
