DROP TABLE application_submissions;
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
    SET sql = replace(sql, '''terminated'', ''voided'', ''revoked''))', '''terminated'', ''voided''))')
    WHERE type = 'table' AND name = 'applications';
UPDATE sqlite_schema
    SET sql = replace(sql, '''supplementary'', ''recommendation_proof'', ''revocation_proof''))', '''supplementary'', ''recommendation_proof''))')
    WHERE type = 'table' AND name = 'attachments';
PRAGMA writable_schema = RESET;
CREATE TABLE review_down_schema_bump (x INTEGER);
DROP TABLE review_down_schema_bump;
