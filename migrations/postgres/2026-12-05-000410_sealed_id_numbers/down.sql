-- The values stay sealed: going down needs `backend keys unseal` first (not provided); this
-- only removes the search columns (and leaves the JSON checks of the sealed expert entries off).
DROP INDEX expert_conflicts_person_id_number_hash;
ALTER TABLE expert_conflicts DROP CONSTRAINT expert_conflicts_person_id_number_hashed;
ALTER TABLE expert_conflicts DROP COLUMN person_id_number_hash;
DROP INDEX experts_id_number_hash;
ALTER TABLE experts DROP CONSTRAINT experts_id_number_hashed;
ALTER TABLE experts DROP COLUMN id_number_hash;
DROP INDEX certificates_id_number_hash;
ALTER TABLE certificates DROP CONSTRAINT certificates_id_number_hashed;
ALTER TABLE certificates DROP COLUMN id_number_hash;
CREATE INDEX certificates_id_number ON certificates (id_number);
CREATE INDEX applications_id_number ON applications (id_number);
DROP INDEX accounts_id_number_hash;
ALTER TABLE accounts DROP CONSTRAINT accounts_id_number_hashed;
ALTER TABLE accounts DROP COLUMN id_number_hash;
