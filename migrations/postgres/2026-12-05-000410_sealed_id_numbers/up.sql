-- Issue 13: ID numbers sealed at rest (AES-256-GCM, key outside the database) and searched
-- through a keyed hash (HMAC-SHA-256). The sealed value (`k{version}.{hex}`) replaces the plain
-- number in the same column; `*_hash` is the search column. Rows written before this migration
-- are sealed by the server at its next start (`pii::seal_plain_rows`), which needs the key, so
-- this file only adds the columns. A sealed value without its hash is refused.
ALTER TABLE accounts ADD COLUMN id_number_hash TEXT;
ALTER TABLE accounts ADD CONSTRAINT accounts_id_number_hashed
    CHECK (id_number_hash IS NOT NULL OR id_number IS NULL OR id_number NOT LIKE 'k%');
CREATE INDEX accounts_id_number_hash ON accounts (id_number_hash);

-- An application's ID number is its applicant's: it is found through `accounts.id_number_hash`
-- (`applicant_id`), so the index on the plain column goes and no second hash is kept.
DROP INDEX applications_id_number;

ALTER TABLE certificates DROP CONSTRAINT certificates_id_number_check;
ALTER TABLE certificates ADD COLUMN id_number_hash TEXT;
ALTER TABLE certificates ADD CONSTRAINT certificates_id_number_hashed
    CHECK (id_number_hash IS NOT NULL OR id_number NOT LIKE 'k%');
DROP INDEX certificates_id_number;
CREATE INDEX certificates_id_number_hash ON certificates (id_number_hash);

ALTER TABLE experts ADD COLUMN id_number_hash TEXT;
ALTER TABLE experts ADD CONSTRAINT experts_id_number_hashed
    CHECK (id_number_hash IS NOT NULL OR id_number NOT LIKE 'k%');
CREATE UNIQUE INDEX experts_id_number_hash ON experts (id_number_hash);

ALTER TABLE expert_conflicts ADD COLUMN person_id_number_hash TEXT;
ALTER TABLE expert_conflicts ADD CONSTRAINT expert_conflicts_person_id_number_hashed
    CHECK (person_id_number_hash IS NOT NULL OR person_id_number IS NULL OR person_id_number NOT LIKE 'k%');
CREATE INDEX expert_conflicts_person_id_number_hash ON expert_conflicts (person_id_number_hash);

-- The expert entries of pool updates and recommendations are JSON holding an ID number, sealed
-- whole: no longer JSON at rest.
ALTER TABLE pool_update_items DROP CONSTRAINT pool_update_items_entry_check;
ALTER TABLE expert_recommendations DROP CONSTRAINT expert_recommendations_entry_check;
