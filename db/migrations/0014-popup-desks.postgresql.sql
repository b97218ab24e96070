-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0014: the pop-up desks this office enrolled (issue 15). Each signs the
-- bundles it brings back with its own key and its receipts with its own
-- receipt key: both kept here sealed under this installation's secret
-- (a newer enrolment file carries the same ones), the receipt key's id in
-- clear for the key ring that verifies the laptop's receipts.
CREATE TABLE popup_desks (
  desk_id          BIGINT PRIMARY KEY REFERENCES desks (id),
  sign_public_key  TEXT NOT NULL,
  sign_secret_key  BYTEA NOT NULL,
  receipt_key_id   TEXT NOT NULL UNIQUE,
  receipt_secret   BYTEA NOT NULL,
  enrolled_at      BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);
