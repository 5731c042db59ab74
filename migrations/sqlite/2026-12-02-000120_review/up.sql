-- Issue 9 points 6 and 10.
-- Point 10 (manual §6.2 职称撤销): the stage `revoked` and the attachment section
-- `revocation_proof`. SQLite cannot alter a CHECK constraint; rebuilding `applications` would
-- need foreign keys off (outside the migration's transaction) because a dozen tables refer to
-- it. Widening an IN list changes no stored row, which is the case SQLite documents as safe
-- for editing the schema text in place (lang_altertable.html, "otheralter"). The DDL below
-- bumps the schema cookie, so every open connection reloads the schema.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
    SET sql = replace(sql, '''terminated'', ''voided''))', '''terminated'', ''voided'', ''revoked''))')
    WHERE type = 'table' AND name = 'applications';
UPDATE sqlite_schema
    SET sql = replace(sql, '''supplementary'', ''recommendation_proof''))', '''supplementary'', ''recommendation_proof'', ''revocation_proof''))')
    WHERE type = 'table' AND name = 'attachments';
PRAGMA writable_schema = RESET;

-- Point 6 (manual §6.2.1): one snapshot per submission (submit, submit_supplement), written
-- in the action's transaction, so verification can show what changed since the last one.
-- `fields` is the application's content as JSON; `attachments` the JSON list
-- `[{id, section, file_name}]` of its files at that moment.
CREATE TABLE application_submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id BIGINT NOT NULL REFERENCES applications (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    submitted_at TIMESTAMP NOT NULL,
    fields TEXT NOT NULL CHECK (json_valid(fields)),
    attachments TEXT NOT NULL CHECK (json_valid(attachments)),
    UNIQUE (application_id, number)
);
