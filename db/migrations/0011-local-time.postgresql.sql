-- SPDX-License-Identifier: GPL-3.0-or-later
-- sp_local_day(µs) → 'YYYY-MM-DD' and sp_local_hour(µs) → 0–23 in the
-- session's time zone, which the store sets to the desk's at connect.
CREATE FUNCTION sp_local_day (t bigint) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  AS $$ SELECT to_char (to_timestamp (t / 1000000.0), 'YYYY-MM-DD') $$;

CREATE FUNCTION sp_local_hour (t bigint) RETURNS integer
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  AS $$ SELECT extract (hour FROM to_timestamp (t / 1000000.0))::integer $$;
