-- Issue 13: ID numbers sealed at rest (AES-256-GCM, key outside the database) and searched
-- through a keyed hash (HMAC-SHA-256). The sealed value (`k{version}.{hex}`) replaces the plain
-- number in the same column; `*_hash` is the search column. Rows written before this migration
-- are sealed by the server at its next start (`pii::seal_plain_rows`), which needs the key, so
-- this file only adds the columns. A sealed value without its hash is refused.
--
-- `certificates.id_number` loses its `length = 18` check, and the expert entries of pool updates
-- and recommendations (JSON holding an ID number, sealed whole) their `json_valid` checks, which
-- SQLite can only do by rebuilding the tables (its documented procedure: foreign keys off,
-- outside a transaction; see metadata.toml), inside one transaction of its own.
PRAGMA foreign_keys = OFF;
BEGIN;

ALTER TABLE accounts ADD COLUMN id_number_hash TEXT
    CHECK (id_number_hash IS NOT NULL OR id_number IS NULL OR id_number NOT LIKE 'k%');
CREATE INDEX accounts_id_number_hash ON accounts (id_number_hash);

-- An application's ID number is its applicant's: it is found through `accounts.id_number_hash`
-- (`applicant_id`), so the index on the plain column goes and no second hash is kept.
DROP INDEX applications_id_number;

CREATE TABLE certificates_sealed (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 64),
    holder_name TEXT NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 100),
    id_number TEXT NOT NULL,
    id_number_hash TEXT CHECK (id_number_hash IS NOT NULL OR id_number NOT LIKE 'k%'),
    gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    employer_id BIGINT REFERENCES units (id),
    employer_path TEXT NOT NULL,
    employer_name TEXT NOT NULL,
    series TEXT NOT NULL,
    specialty TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('junior', 'intermediate', 'associate_senior', 'senior')),
    qualification TEXT NOT NULL,
    committee_id BIGINT REFERENCES committees (id),
    committee_name TEXT NOT NULL,
    approval_date DATE NOT NULL,
    approval_document TEXT NOT NULL DEFAULT '',
    issuing_body TEXT NOT NULL,
    year INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('review', 'backfill', 'import')),
    status TEXT NOT NULL CHECK (status IN ('valid', 'revoked')),
    revoked_at TIMESTAMP,
    revoked_reason TEXT,
    token TEXT NOT NULL UNIQUE,
    application_id BIGINT UNIQUE REFERENCES applications (id),
    filing_id BIGINT REFERENCES review_filings (id),
    applicant_id BIGINT REFERENCES accounts (id),
    created_by BIGINT REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK ((source = 'review') = (application_id IS NOT NULL)),
    CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);
INSERT INTO certificates_sealed (id, number, holder_name, id_number, gender, employer_id, employer_path, employer_name, series, specialty, level, qualification, committee_id, committee_name, approval_date, approval_document, issuing_body, year, source, status, revoked_at, revoked_reason, token, application_id, filing_id, applicant_id, created_by, created_at, version)
    SELECT id, number, holder_name, id_number, gender, employer_id, employer_path, employer_name, series, specialty, level, qualification, committee_id, committee_name, approval_date, approval_document, issuing_body, year, source, status, revoked_at, revoked_reason, token, application_id, filing_id, applicant_id, created_by, created_at, version FROM certificates;
DROP TABLE certificates;
ALTER TABLE certificates_sealed RENAME TO certificates;
CREATE INDEX certificates_employer_path ON certificates (employer_path, id);
CREATE INDEX certificates_year ON certificates (year, series, level);
CREATE INDEX certificates_applicant ON certificates (applicant_id);
CREATE INDEX certificates_filing ON certificates (filing_id);
CREATE INDEX certificates_holder_name ON certificates (holder_name, id);
CREATE INDEX certificates_id_number_hash ON certificates (id_number_hash);

ALTER TABLE experts ADD COLUMN id_number_hash TEXT
    CHECK (id_number_hash IS NOT NULL OR id_number NOT LIKE 'k%');
CREATE UNIQUE INDEX experts_id_number_hash ON experts (id_number_hash);

ALTER TABLE expert_conflicts ADD COLUMN person_id_number_hash TEXT
    CHECK (person_id_number_hash IS NOT NULL OR person_id_number IS NULL OR person_id_number NOT LIKE 'k%');
CREATE INDEX expert_conflicts_person_id_number_hash ON expert_conflicts (person_id_number_hash);

CREATE TABLE pool_update_items_sealed (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    update_id BIGINT NOT NULL REFERENCES pool_updates (id),
    sort INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
    expert_id BIGINT REFERENCES experts (id),
    entry TEXT,
    pool_member_id BIGINT REFERENCES pool_members (id),
    term_start DATE,
    term_end DATE,
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    CHECK ((action = 'add' AND term_start IS NOT NULL AND term_end IS NOT NULL
            AND ((expert_id IS NULL) <> (entry IS NULL)))
        OR (action = 'remove' AND pool_member_id IS NOT NULL))
);
INSERT INTO pool_update_items_sealed (id, update_id, sort, action, expert_id, entry, pool_member_id, term_start, term_end, reason)
    SELECT id, update_id, sort, action, expert_id, entry, pool_member_id, term_start, term_end, reason FROM pool_update_items;
DROP TABLE pool_update_items;
ALTER TABLE pool_update_items_sealed RENAME TO pool_update_items;
CREATE INDEX pool_update_items_update ON pool_update_items (update_id);

CREATE TABLE expert_recommendations_sealed (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id BIGINT NOT NULL REFERENCES committees (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    entry TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
    applied_by BIGINT NOT NULL REFERENCES accounts (id),
    applied_at TIMESTAMP NOT NULL,
    decided_by BIGINT REFERENCES accounts (id),
    decided_at TIMESTAMP,
    opinion TEXT,
    pool_member_id BIGINT REFERENCES pool_members (id),
    version BIGINT NOT NULL DEFAULT 1
);
INSERT INTO expert_recommendations_sealed (id, committee_id, unit_id, entry, reason, status, applied_by, applied_at, decided_by, decided_at, opinion, pool_member_id, version)
    SELECT id, committee_id, unit_id, entry, reason, status, applied_by, applied_at, decided_by, decided_at, opinion, pool_member_id, version FROM expert_recommendations;
DROP TABLE expert_recommendations;
ALTER TABLE expert_recommendations_sealed RENAME TO expert_recommendations;
CREATE INDEX expert_recommendations_committee ON expert_recommendations (committee_id);
CREATE INDEX expert_recommendations_unit ON expert_recommendations (unit_id);

PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
