-- SPDX-License-Identifier: GPL-3.0-or-later
-- sp_local_day(µs) and sp_local_hour(µs), the local day and hour of a
-- time, for the reports. On SQLite the store registers them as functions
-- on every connection: this step has nothing to do but be counted.
SELECT 1;
