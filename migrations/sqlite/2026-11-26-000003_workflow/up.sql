-- The title-application workflow (SPEC §3–§5): working-day calendar, committees and their review
-- authority filings, policy-review scopes, applications with their timeline and attachments,
-- and publicity batches with reports.

-- Working-day calendar: exceptions to "Monday–Friday are working days". `holiday` marks a
-- weekday off (法定节假日), `workday` a weekend day worked (调休).
CREATE TABLE calendar_days (
    day DATE PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    updated_by BIGINT,
    updated_at TIMESTAMP NOT NULL
);

-- Review committees (评委会), one series each, owned by their organising unit.
CREATE TABLE committees (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    series TEXT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (unit_id, name)
);
CREATE INDEX committees_unit ON committees (unit_id);

-- Review authority filings (评审权备案): applied by the organising unit, audited by its HRSS.
-- `levels` and `specialties` are JSON arrays of text.
CREATE TABLE review_authority_filings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    committee_id BIGINT NOT NULL REFERENCES committees (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    series TEXT NOT NULL,
    levels TEXT NOT NULL,
    specialties TEXT NOT NULL,
    region_scope TEXT NOT NULL,
    valid_from DATE NOT NULL,
    valid_until DATE NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    applied_by BIGINT NOT NULL,
    applied_at TIMESTAMP NOT NULL,
    audited_by BIGINT,
    audited_at TIMESTAMP,
    opinion TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK (valid_until >= valid_from)
);
CREATE INDEX review_authority_filings_committee ON review_authority_filings (committee_id, status);
CREATE INDEX review_authority_filings_unit ON review_authority_filings (unit_id);

-- The scope of a policy-review account (kind `policy_reviewer`): one committee, one year, one
-- series, optionally some specialties (JSON array; empty = all). Editable until first used.
CREATE TABLE policy_review_scopes (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    committee_id BIGINT NOT NULL REFERENCES committees (id),
    year INTEGER NOT NULL,
    series TEXT NOT NULL,
    specialties TEXT NOT NULL,
    first_used_at TIMESTAMP
);
CREATE INDEX policy_review_scopes_committee ON policy_review_scopes (committee_id, year);

-- Applications (职称申报). `holder_unit_id` is the unit that must act next (the employer for
-- the applicant's own stages); `employer_path` copies the employer's materialised path so that
-- jurisdiction is one index range (kept in step by affiliation moves).
CREATE TABLE applications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    applicant_id BIGINT NOT NULL REFERENCES accounts (id),
    employer_id BIGINT NOT NULL REFERENCES units (id),
    employer_path TEXT NOT NULL,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    series TEXT NOT NULL,
    specialty TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('junior', 'intermediate', 'associate_senior', 'senior')),
    qualification TEXT NOT NULL,
    declaration_type TEXT NOT NULL CHECK (declaration_type IN ('normal', 'exceptional')),
    name TEXT NOT NULL,
    id_number TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    birth_date DATE NOT NULL,
    education TEXT NOT NULL,
    current_title TEXT NOT NULL,
    current_title_date DATE,
    years_of_service INTEGER NOT NULL CHECK (years_of_service BETWEEN 0 AND 70),
    achievements TEXT NOT NULL,
    phone TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('draft', 'returned', 'unit_verification', 'application_publicity', 'unit_recommendation', 'superior_review', 'material_receipt', 'policy_review', 'nominee_publicity', 'failure_publicity', 'supplement', 'policy_rereview', 'online_review', 'result_publicity', 'passed', 'failed', 'terminated', 'voided')),
    holder_unit_id BIGINT NOT NULL REFERENCES units (id),
    committee_id BIGINT REFERENCES committees (id),
    resubmission BOOLEAN NOT NULL DEFAULT 0,
    return_opinion TEXT,
    review_passed BOOLEAN,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- One live application per applicant, year and qualification.
CREATE UNIQUE INDEX applications_live ON applications (applicant_id, year, qualification) WHERE stage <> 'voided';
CREATE INDEX applications_queue ON applications (holder_unit_id, stage, id);
CREATE INDEX applications_employer_path ON applications (employer_path, id);
-- Lists are mostly per year: the year's applications of a subtree are one index range.
CREATE INDEX applications_year_path ON applications (year, employer_path);
CREATE INDEX applications_committee ON applications (committee_id, stage, id);
CREATE INDEX applications_stage ON applications (stage, id);
-- Name search is a prefix match (姓 first) on this index; ID numbers are matched whole.
CREATE INDEX applications_name ON applications (name, id);
CREATE INDEX applications_id_number ON applications (id_number);

-- The timeline (追踪): one row per move. `detail` is JSON (policy initial result, committee,
-- handler information, ...).
CREATE TABLE application_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id BIGINT NOT NULL REFERENCES applications (id),
    action TEXT NOT NULL,
    from_stage TEXT NOT NULL,
    to_stage TEXT NOT NULL,
    from_holder_id BIGINT NOT NULL,
    to_holder_id BIGINT NOT NULL,
    actor_id BIGINT,
    actor_name TEXT NOT NULL,
    actor_unit_id BIGINT,
    opinion TEXT,
    detail TEXT,
    withdrawn BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX application_events_application ON application_events (application_id, id);

-- Files (materials, supplementary materials, recommendation proofs). Content lives in the
-- storage backend under `storage_key`; a unit's recommendation proofs have no application.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id BIGINT REFERENCES applications (id),
    unit_id BIGINT REFERENCES units (id),
    section TEXT NOT NULL CHECK (section IN ('materials', 'supplementary', 'recommendation_proof')),
    description TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    uploaded_by BIGINT NOT NULL REFERENCES accounts (id),
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX attachments_application ON attachments (application_id);
CREATE INDEX attachments_unit ON attachments (unit_id);

-- Publicity batches (公示) with their applications and reports (举报).
CREATE TABLE publicity_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('application', 'nominee', 'failure', 'result')),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    committee_id BIGINT REFERENCES committees (id),
    year INTEGER NOT NULL,
    series TEXT,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    content TEXT NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'completed')),
    created_by BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    completed_at TIMESTAMP,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK (period_end >= period_start)
);
CREATE INDEX publicity_batches_unit ON publicity_batches (unit_id, kind, status);
CREATE INDEX publicity_batches_public ON publicity_batches (status, kind, published_at);

CREATE TABLE publicity_items (
    batch_id BIGINT NOT NULL REFERENCES publicity_batches (id),
    application_id BIGINT NOT NULL REFERENCES applications (id),
    PRIMARY KEY (batch_id, application_id)
);
CREATE INDEX publicity_items_application ON publicity_items (application_id);

CREATE TABLE publicity_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id BIGINT NOT NULL REFERENCES publicity_batches (id),
    application_id BIGINT NOT NULL REFERENCES applications (id),
    reporter_name TEXT NOT NULL,
    reporter_contact TEXT NOT NULL,
    content TEXT NOT NULL,
    filed_by BIGINT,
    filed_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'dismissed', 'returned', 'terminated')),
    resolution TEXT,
    resolved_by BIGINT,
    resolved_at TIMESTAMP
);
CREATE INDEX publicity_reports_batch ON publicity_reports (batch_id, status);
