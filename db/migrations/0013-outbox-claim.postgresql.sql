-- SPDX-License-Identifier: GPL-3.0-or-later
-- 0013: every desk of an office sends the outbox; a message being sent is
-- claimed until claimed_until (µs), so that no other desk sends it too,
-- and a desk that dies while sending lets it go when the claim runs out.
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT;
