DROP TABLE review_filing_files;
DROP TABLE review_filings;
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
    SET sql = replace(sql, '''returned'', ''terminated'', ''failed''))', '''returned'', ''terminated''))')
    WHERE type = 'table' AND name = 'publicity_reports';
PRAGMA writable_schema = RESET;
ALTER TABLE publicity_batches DROP COLUMN session_id;
