-- Issue 12 (manual §6.3, SPEC §6): certificate records, their numbering sequences and the log
-- of verifications.
--
-- A certificate is issued once per passed application when its session's review filing is
-- approved (`application_id` is unique: a retried or concurrent approval cannot issue twice),
-- or entered by hand (补录) or imported. Its number is unique and never reused; `token` is the
-- random opaque part of the QR code's link (never the ID number). The ID number is stored whole
-- and masked on every output.
ALTER TABLE review_filings ADD COLUMN approval_document TEXT CHECK (length(approval_document) <= 64);

CREATE TABLE certificates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 64),
    holder_name TEXT NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 100),
    id_number TEXT NOT NULL CHECK (length(id_number) = 18),
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
CREATE INDEX certificates_employer_path ON certificates (employer_path, id);
CREATE INDEX certificates_year ON certificates (year, series, level);
CREATE INDEX certificates_id_number ON certificates (id_number);
CREATE INDEX certificates_applicant ON certificates (applicant_id);
CREATE INDEX certificates_filing ON certificates (filing_id);
CREATE INDEX certificates_holder_name ON certificates (holder_name, id);

-- The last sequence number used per year and series; only ever goes up.
CREATE TABLE certificate_sequences (
    year INTEGER NOT NULL,
    series TEXT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (year, series)
);

-- Every verification, public or signed in; `certificate_id` is null when nothing was found
-- (the asked number is kept, the name is not).
CREATE TABLE certificate_verifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    certificate_id BIGINT REFERENCES certificates (id),
    asked_number TEXT NOT NULL,
    way TEXT NOT NULL CHECK (way IN ('number', 'token')),
    outcome TEXT NOT NULL CHECK (outcome IN ('valid', 'revoked', 'not_found')),
    account_id BIGINT REFERENCES accounts (id),
    unit_id BIGINT REFERENCES units (id),
    ip TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX certificate_verifications_certificate ON certificate_verifications (certificate_id, at);
