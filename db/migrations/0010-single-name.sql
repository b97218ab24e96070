-- Some foreign citizens have only one name: a surname or a given name
-- may be empty (the codice fiscale has XXX for it), never both.
--
-- SQLite cannot drop a CHECK constraint with ALTER TABLE, and rebuilding
-- citizens would break identifications' foreign key to it. SQLite's
-- documented way to relax a CHECK is to edit the table's definition in
-- sqlite_schema (https://sqlite.org/lang_altertable.html, "making other
-- kinds of table schema changes"): the rows on disk do not change.
PRAGMA writable_schema = ON;

UPDATE sqlite_schema
SET sql = replace(replace(sql,
  'surname           TEXT NOT NULL CHECK (length(trim(surname)) > 0),',
  'surname           TEXT NOT NULL CHECK (length(trim(surname)) > 0 OR length(trim(name)) > 0),'),
  'name              TEXT NOT NULL CHECK (length(trim(name)) > 0),',
  'name              TEXT NOT NULL,')
WHERE type = 'table' AND name = 'citizens';

UPDATE sqlite_schema
SET sql = replace(replace(sql,
  'surname           TEXT NOT NULL CHECK (length(trim(surname)) > 0),',
  'surname           TEXT NOT NULL CHECK (length(trim(surname)) > 0 OR length(trim(given_name)) > 0),'),
  'given_name        TEXT NOT NULL CHECK (length(trim(given_name)) > 0),',
  'given_name        TEXT NOT NULL,')
WHERE type = 'table' AND name = 'cie_requests';

PRAGMA writable_schema = RESET;
