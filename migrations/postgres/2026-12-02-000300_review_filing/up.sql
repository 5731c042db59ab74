-- Issue 11 (§6.2.10.9, §6.2.11).
-- Result publicity: a `result` batch is made from a tallied session (`session_id`); an upheld
-- report against it fails the application (report status `failed`).
ALTER TABLE publicity_batches ADD COLUMN session_id BIGINT REFERENCES review_sessions (id);
ALTER TABLE publicity_reports DROP CONSTRAINT publicity_reports_status_check;
ALTER TABLE publicity_reports ADD CONSTRAINT publicity_reports_status_check CHECK (status IN ('open', 'dismissed', 'returned', 'terminated', 'failed'));

-- §6.2.11 评审工作备案: one filing per review session, by the committee's organising unit,
-- audited by the nearest HRSS above it. `draft → submitted → approved | rejected`; a
-- rejected filing is corrected and submitted again (shared::review_filing).
CREATE TABLE review_filings (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL UNIQUE REFERENCES review_sessions (id),
    committee_id BIGINT NOT NULL REFERENCES committees (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
    note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    created_by BIGINT NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    submitted_by BIGINT REFERENCES accounts (id),
    submitted_at TIMESTAMP,
    audited_by BIGINT REFERENCES accounts (id),
    audited_at TIMESTAMP,
    opinion TEXT,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX review_filings_unit ON review_filings (unit_id, year);
CREATE INDEX review_filings_committee ON review_filings (committee_id, year);

-- The filing's files, typed by the four kinds the manual requires; content-sniffed on upload.
CREATE TABLE review_filing_files (
    id BIGSERIAL PRIMARY KEY,
    filing_id BIGINT NOT NULL REFERENCES review_filings (id),
    kind TEXT NOT NULL CHECK (kind IN ('committee_notice', 'result_list', 'publicity_explanation', 'qualification_document')),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    uploaded_by BIGINT NOT NULL REFERENCES accounts (id),
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX review_filing_files_filing ON review_filing_files (filing_id, kind);
