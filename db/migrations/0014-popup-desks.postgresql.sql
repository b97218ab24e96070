-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0014: pop-up desks (issue 15). The desks this office enrolled, each with
-- the key pair it signs the bundles it brings back with (the secret one
-- sealed under this installation's secret, so that a newer enrolment file
-- carries the same one); and the key ring of receipt keys other than this
-- installation's own (a pop-up desk's), by the short id a receipt names
-- its key with, sealed the same way.
CREATE TABLE popup_desks (
  desk_id          BIGINT PRIMARY KEY REFERENCES desks (id),
  sign_public_key  TEXT NOT NULL,
  sign_secret_key  BYTEA NOT NULL,
  enrolled_at      BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);

CREATE TABLE receipt_keys (
  key_id      TEXT PRIMARY KEY,
  desk_id     BIGINT NOT NULL REFERENCES desks (id),
  secret      BYTEA NOT NULL,
  added_at    BIGINT NOT NULL
);
