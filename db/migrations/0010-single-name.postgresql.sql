-- 0010 (PostgreSQL): some foreign citizens have only one name: a surname
-- or a given name may be empty (the codice fiscale has XXX for it), never
-- both.
ALTER TABLE citizens DROP CONSTRAINT citizens_surname_check;
ALTER TABLE citizens DROP CONSTRAINT citizens_name_check;
ALTER TABLE citizens ADD CONSTRAINT citizens_surname_check
  CHECK (length(trim(surname)) > 0 OR length(trim(name)) > 0);

ALTER TABLE cie_requests DROP CONSTRAINT cie_requests_surname_check;
ALTER TABLE cie_requests DROP CONSTRAINT cie_requests_given_name_check;
ALTER TABLE cie_requests ADD CONSTRAINT cie_requests_surname_check
  CHECK (length(trim(surname)) > 0 OR length(trim(given_name)) > 0);
