-- The values stay sealed: going down only removes the search columns (SQLite 3.35+ drops a
-- column; the certificates and the expert entries keep their rebuilt tables without the
-- length and JSON checks).
DROP INDEX expert_conflicts_person_id_number_hash;
ALTER TABLE expert_conflicts DROP COLUMN person_id_number_hash;
DROP INDEX experts_id_number_hash;
ALTER TABLE experts DROP COLUMN id_number_hash;
DROP INDEX certificates_id_number_hash;
ALTER TABLE certificates DROP COLUMN id_number_hash;
CREATE INDEX certificates_id_number ON certificates (id_number);
CREATE INDEX applications_id_number ON applications (id_number);
DROP INDEX accounts_id_number_hash;
ALTER TABLE accounts DROP COLUMN id_number_hash;
