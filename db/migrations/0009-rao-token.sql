-- 0009: AgID's sealed token for RAO pubblico identifications.
-- Times are INTEGER microseconds since the Unix epoch, UTC.

-- The comune's seal certificate issued by AgID, and where its key is.
-- One current seal for real identifications and one for the demo
-- generator; a replaced seal is retired, never deleted, so that every
-- token ever issued still names the certificate that sealed it.
CREATE TABLE seals (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  kind              TEXT NOT NULL CHECK (kind IN ('file', 'pkcs11', 'demo')),
  -- The certificate, DER.
  certificate       BLOB NOT NULL,
  subject           TEXT NOT NULL,
  issuer            TEXT NOT NULL,
  not_before        INTEGER NOT NULL,
  not_after         INTEGER NOT NULL,
  -- 'file' and 'demo': the PKCS#8 key, encrypted with the installation
  -- secret (nonce ‖ secretbox). Never exported.
  private_key       BLOB,
  -- 'pkcs11': the key's URI (without PIN) and, if chosen, the PIN,
  -- encrypted like the SMTP password.
  pkcs11_url        TEXT,
  pin               BLOB,
  created_at        INTEGER NOT NULL,
  created_by        INTEGER REFERENCES operators (id),
  retired_at        INTEGER,
  CHECK ((kind = 'pkcs11') = (pkcs11_url IS NOT NULL)),
  CHECK ((kind = 'pkcs11') = (private_key IS NULL))
) STRICT;

CREATE UNIQUE INDEX seals_current ON seals ((kind = 'demo')) WHERE retired_at IS NULL;

-- The token the citizen was sent (a JWS string: it holds the data only
-- encrypted under the full activation code, which is never stored), and
-- the seal that sealed it. "spid token" and "spid resend" read it.
ALTER TABLE identifications ADD COLUMN token TEXT;
ALTER TABLE identifications ADD COLUMN seal_id INTEGER REFERENCES seals (id);

-- The address type the token needs (Via, Piazza …), kept with the
-- citizen so that a second visit pre-fills it.
ALTER TABLE citizens ADD COLUMN residence_type TEXT NOT NULL DEFAULT '';
