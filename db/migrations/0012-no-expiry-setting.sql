-- SPDX-License-Identifier: GPL-3.0-or-later
-- spid.expiry_days is gone: a RAO citizen has 30 days to activate, the
-- validity AgID's token carries, whatever a setting said.
DELETE FROM settings WHERE key = 'spid.expiry_days';
